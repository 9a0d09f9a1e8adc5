import { beforeEach, describe, expect, it } from 'vitest';
import { StaleStatusError } from '../../../lib/ports/message-log.js';
import { makeRecordReceipt, type Receipt } from '../../../lib/services/record-receipt.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { FakeMessageLog, messageRecord } from '../../support/fake-message-log.js';
import { recordingMetrics } from '../../support/recording-metrics.js';

const SID = 'SM0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-27T10:05:00.000Z');

const delivered: Receipt = {
  provider: 'twilio',
  providerMessageId: SID,
  status: 'delivered',
  detail: 'delivered',
};
const undelivered: Receipt = {
  provider: 'twilio',
  providerMessageId: SID,
  status: 'undelivered',
  detail: 'undelivered 30003',
  errorCode: '30003',
};

describe('recordReceipt', () => {
  let log: FakeMessageLog;
  let logs: ReturnType<typeof capturingLogger>;
  let recordReceipt: ReturnType<typeof makeRecordReceipt>;
  beforeEach(() => {
    log = new FakeMessageLog();
    logs = capturingLogger();
    recordReceipt = makeRecordReceipt({
      log,
      logger: logs.logger,
      clock: () => NOW,
      lookupRetryDelaysMs: [1, 1],
    });
  });

  it('moves a sent message to delivered and records the event', async () => {
    const record = messageRecord();
    await log.create(record);
    await expect(recordReceipt(delivered)).resolves.toEqual({
      outcome: 'applied',
      messageId: record.id,
      status: 'delivered',
    });
    const stored = await log.get(record.id);
    expect(stored).toMatchObject({ status: 'delivered', error: null, updatedAt: NOW.toISOString() });
    expect((await log.listEvents(record.id)).at(-1)).toEqual({
      at: NOW.toISOString(),
      status: 'delivered',
      provider: 'twilio',
      detail: 'delivered',
    });
  });

  it("records undelivered with the vendor's code, not retryable", async () => {
    await log.create(messageRecord());
    await recordReceipt({ ...undelivered, errorMessage: 'Unreachable destination handset' });
    expect((await log.findByProviderMessageId(SID))?.error).toEqual({
      code: '30003',
      message: 'Unreachable destination handset',
      retryable: false,
    });
    // Without a vendor message, a generic one; without a code, the detail.
    const other = messageRecord({ id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5F', providerMessageId: 'SMother' });
    await log.create(other);
    await recordReceipt({
      provider: 'twilio',
      providerMessageId: 'SMother',
      status: 'undelivered',
      detail: 'failed',
    });
    expect((await log.get(other.id))?.error).toEqual({
      code: 'failed',
      message: 'twilio reported the message undelivered',
      retryable: false,
    });
  });

  it('keeps a receipt that arrives before the sender has recorded the provider id', async () => {
    // The worker has the provider's answer but has not written `sent` yet.
    const record = messageRecord({ status: 'sending', provider: null, providerMessageId: null });
    await log.create(record);
    const early = makeRecordReceipt({
      log,
      logger: logs.logger,
      clock: () => NOW,
      lookupRetryDelaysMs: [20, 20, 20],
    });

    const receipt = early(delivered);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await log.updateStatus(record.id, 'sending', {
      status: 'sent',
      provider: 'twilio',
      providerMessageId: SID,
      updatedAt: NOW.toISOString(),
    });

    await expect(receipt).resolves.toEqual({ outcome: 'applied', messageId: record.id, status: 'delivered' });
    expect((await log.get(record.id))?.status).toBe('delivered');
  });

  it('acknowledges a receipt for an unknown message without writing, after looking again', async () => {
    let lookups = 0;
    const find = log.findByProviderMessageId.bind(log);
    log.findByProviderMessageId = async (id) => {
      lookups++;
      return find(id);
    };
    await expect(recordReceipt(delivered)).resolves.toEqual({ outcome: 'unknown' });
    expect(lookups).toBe(3); // the first lookup and one per retry delay
    expect(log.updateCalls).toBe(0);
    expect(logs.lines().find((l) => l.msg === 'receipt for an unknown message')).toMatchObject({
      level: 'info',
      providerMessageId: SID,
    });
  });

  it("treats another provider's message with the same id as unknown", async () => {
    await log.create(messageRecord({ provider: 'ses' }));
    await expect(recordReceipt(delivered)).resolves.toEqual({ outcome: 'unknown' });
    expect((await log.findByProviderMessageId(SID))?.status).toBe('sent');
  });

  it('never moves backwards: a late undelivered after delivered changes nothing', async () => {
    const record = messageRecord();
    await log.create(record);
    await recordReceipt(delivered);
    const eventsBefore = await log.listEvents(record.id);
    await expect(recordReceipt(undelivered)).resolves.toEqual({
      outcome: 'ignored',
      messageId: record.id,
      status: 'delivered',
    });
    await expect(recordReceipt(delivered)).resolves.toMatchObject({ outcome: 'ignored' }); // a duplicate
    expect(await log.get(record.id)).toMatchObject({ status: 'delivered', error: null });
    expect(await log.listEvents(record.id)).toEqual(eventsBefore);
  });

  it('never overrides a failed send', async () => {
    await log.create(
      messageRecord({ status: 'failed', error: { code: '21211', message: 'x', retryable: false } }),
    );
    await expect(recordReceipt(delivered)).resolves.toMatchObject({ outcome: 'ignored', status: 'failed' });
    expect((await log.findByProviderMessageId(SID))?.status).toBe('failed');
  });

  it('applies a receipt that beats the worker, and the worker then finds the message moved', async () => {
    const record = messageRecord({ status: 'sending' });
    await log.create(record);
    await expect(recordReceipt(delivered)).resolves.toMatchObject({
      outcome: 'applied',
      status: 'delivered',
    });
    await expect(
      log.updateStatus(record.id, 'sending', { status: 'sent', updatedAt: NOW.toISOString() }),
    ).rejects.toBeInstanceOf(StaleStatusError);
    expect((await log.get(record.id))?.status).toBe('delivered');
  });

  it('re-reads and applies when the worker writes sent at the same moment', async () => {
    const record = messageRecord({ status: 'sending' });
    await log.create(record);
    let raced = false;
    log.beforeUpdate = (id) => {
      if (raced) return;
      raced = true;
      log.force(id, { status: 'sent', updatedAt: '2026-11-27T10:04:59.000Z', provider: 'twilio' });
    };
    await expect(recordReceipt(delivered)).resolves.toMatchObject({
      outcome: 'applied',
      status: 'delivered',
    });
    expect(log.updateCalls).toBe(2);
    expect((await log.listEvents(record.id)).map((e) => e.status)).toEqual(['sending', 'sent', 'delivered']);
  });

  it('ignores the receipt when the racing worker recorded a final status', async () => {
    await log.create(messageRecord({ status: 'sending' }));
    log.beforeUpdate = (id) => {
      if (log.records.get(id)?.status === 'sending') {
        log.force(id, {
          status: 'failed',
          updatedAt: NOW.toISOString(),
          error: { code: 'TIMEOUT', message: 't', retryable: true },
        });
      }
    };
    await expect(recordReceipt(delivered)).resolves.toMatchObject({ outcome: 'ignored', status: 'failed' });
  });

  it('gives up after a bounded number of lost races', async () => {
    await log.create(messageRecord({ status: 'sending' }));
    let calls = 0;
    log.updateStatus = async (id) => {
      calls++;
      throw new StaleStatusError(id, 'sending');
    };
    await expect(recordReceipt(delivered)).rejects.toBeInstanceOf(StaleStatusError);
    expect(calls).toBe(4);
  });

  it('lets a store failure through', async () => {
    await log.create(messageRecord());
    const down = new Error('disk I/O error');
    log.updateStatus = async () => {
      throw down;
    };
    await expect(recordReceipt(delivered)).rejects.toBe(down);
  });
});

// Receipts that carry our id (Twilio's status callback URL, SES's tag, Meta's callback data).
describe('recordReceipt by the id the provider carried back', () => {
  const setup = (log: FakeMessageLog | (Omit<FakeMessageLog, 'findByProviderMessageId'> & object)) => {
    const { metrics, all } = recordingMetrics();
    const recordReceipt = makeRecordReceipt({
      log: log as FakeMessageLog,
      logger: capturingLogger().logger,
      clock: () => NOW,
      lookupRetryDelaysMs: [1, 1],
      metrics,
    });
    return { recordReceipt, all };
  };

  it('reads the message by our id, never by the provider id', async () => {
    const log = new FakeMessageLog();
    const record = messageRecord();
    await log.create(record);
    let lookups = 0;
    log.findByProviderMessageId = async () => {
      lookups++;
      return undefined;
    };
    const { recordReceipt } = setup(log);
    await expect(recordReceipt({ ...delivered, messageId: record.id })).resolves.toMatchObject({
      outcome: 'applied',
      messageId: record.id,
    });
    expect(lookups).toBe(0);
  });

  it('refuses an id whose message holds another provider id, and counts it unmatched', async () => {
    const log = new FakeMessageLog();
    const record = messageRecord({ providerMessageId: 'SM-another' });
    await log.create(record);
    const { recordReceipt, all } = setup(log);
    await expect(recordReceipt({ ...delivered, messageId: record.id })).resolves.toEqual({
      outcome: 'unknown',
    });
    expect((await log.get(record.id))?.status).toBe('sent');
    expect(all()).toEqual([{ name: 'ReceiptUnmatched', dimensions: { provider: 'twilio' }, value: 1 }]);
  });

  it('applies a receipt that raced the sender once the provider id is recorded', async () => {
    const log = new FakeMessageLog();
    const record = messageRecord({ status: 'sending', providerMessageId: null });
    await log.create(record);
    const get = log.get.bind(log);
    let reads = 0;
    // The sender records `sent` with the provider id between the receipt's first and second read.
    log.get = async (id) => {
      if (++reads === 2)
        await log.updateStatus(id, 'sending', {
          status: 'sent',
          providerMessageId: SID,
          updatedAt: NOW.toISOString(),
        });
      return get(id);
    };
    const { recordReceipt } = setup(log);
    await expect(recordReceipt({ ...delivered, messageId: record.id })).resolves.toMatchObject({
      outcome: 'applied',
    });
  });

  it('on a store without a provider-id lookup (DynamoDB), leaves a receipt without our id unmatched at once', async () => {
    const log = new FakeMessageLog();
    await log.create(messageRecord());
    const { findByProviderMessageId: _, ...rest } = log;
    const withoutLookup = Object.assign(Object.create(Object.getPrototypeOf(log)), rest);
    withoutLookup.findByProviderMessageId = undefined;
    const { recordReceipt, all } = setup(withoutLookup);
    await expect(recordReceipt(delivered)).resolves.toEqual({ outcome: 'unknown' });
    expect(all().map((m) => m.name)).toEqual(['ReceiptUnmatched']);
  });
});
