import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteWebhookStore } from '../../../lib/adapters/sqlite/sqlite.webhook-store.js';
import { ERASED, type MessageRecord } from '../../../lib/domain/message.schema.js';
import type { StoredDelivery } from '../../../lib/domain/webhook.js';
import { at, emailRecord } from '../../contract/message-log.contract.js';

const delivery = (record: MessageRecord, id: string): StoredDelivery => ({
  id,
  endpointId: 'ep1',
  tenant: record.tenant,
  eventId: `${record.id}-1`,
  eventType: 'message.failed',
  messageId: record.id,
  eventSeq: 1,
  state: 'pending',
  attempts: 0,
  lastStatusCode: null,
  lastError: null,
  lastLatencyMs: null,
  nextAttemptAt: at(1),
  createdAt: at(1),
  updatedAt: at(1),
  payload: JSON.stringify({ id: `${record.id}-1`, type: 'message.failed', createdAt: at(1), data: record }),
});

describe('SQLite erasure of the webhooks’ copies of a message', () => {
  it("erases the outbox's record and each delivery's payload of the message, and no other message's", async () => {
    const db = openDatabase(':memory:');
    const log = new SqliteMessageLog(db);
    const webhooks = new SqliteWebhookStore(db);
    const record = emailRecord({
      id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5A',
      status: 'pending',
      content: 'Alice, your code is 424242',
      html: '<p>Alice, your code is <b>424242</b></p>',
    });
    const other = emailRecord({ id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5B', recipient: 'bob@example.com' });
    await log.create(record);
    await log.create(other);
    const failed = {
      status: 'failed' as const,
      error: { code: 'MessageRejected', message: `${record.recipient} bounced`, retryable: false },
      provider: 'ses',
      attempts: 1,
      updatedAt: at(1),
    };
    await log.updateStatus(record.id, 'pending', failed);
    const stored = { ...record, ...failed };
    await webhooks.addDeliveries([delivery(stored, 'd1'), delivery(other, 'd2')]);
    const rows = () => ({
      outbox: db.prepare('SELECT message_id, record FROM webhook_outbox').all() as {
        message_id: string;
        record: string;
      }[],
      deliveries: db.prepare('SELECT message_id, payload FROM webhook_deliveries').all() as {
        message_id: string;
        payload: string;
      }[],
    });
    expect(JSON.stringify(rows())).toContain(record.recipient);

    await log.erase(record.id, { tenant: record.tenant, recipientHash: 'h'.repeat(64) });

    const after = rows();
    const text = JSON.stringify(after);
    expect(text).not.toContain(record.recipient);
    expect(text).not.toContain(record.content);
    expect(text).not.toContain('424242');
    const payload = JSON.parse(after.deliveries.find((d) => d.message_id === record.id)?.payload ?? '{}');
    expect(payload.data).toMatchObject({
      recipient: 'h'.repeat(64),
      content: ERASED,
      subject: ERASED,
      html: ERASED,
      status: 'failed',
      error: { code: 'MessageRejected', message: ERASED },
    });
    for (const outbox of after.outbox.filter((o) => o.message_id === record.id))
      expect(JSON.parse(outbox.record)).toMatchObject({ recipient: 'h'.repeat(64), content: ERASED });
    expect(after.outbox.some((o) => o.message_id === record.id)).toBe(true);
    // Another message's copies are as they were.
    expect(text).toContain('bob@example.com');
    await log.close();
  });
});
