import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import type { Delivery } from '../../../lib/channels/failover.js';
import type { MessageRecord } from '../../../lib/domain/message.schema.js';
import { type RetryPolicy, retryDelayMs } from '../../../lib/domain/retry-policy.js';
import type { StatusChange } from '../../../lib/ports/message-log.js';
import {
  type DeliveryRound,
  logOutcome,
  outcomeOf,
  writeOutcome,
} from '../../../lib/services/record-outcome.js';
import { messageRecord } from '../../contract/message-log.contract.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { rejected } from '../../support/channels.js';
import { interceptLog } from '../../support/message-log-wrappers.js';

const AT = '2026-11-27T10:00:01.000Z';
const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const round = (attempt: number): DeliveryRound => ({ attempt, retry: RETRY, random: () => 0.5 });
const MESSAGE = { id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E', type: 'sms' as const, attempts: 2 };

const sent: Delivery = {
  provider: 'twilio',
  attempts: 1,
  result: { accepted: true, providerMessageId: 'SM1' },
};
const timedOut: Delivery = {
  provider: 'aws',
  attempts: 2,
  // More than the record's error holds: only code, message and retryable are kept.
  result: Object.assign(rejected('TIMEOUT', 'aws did not answer within 100 ms', true), { extra: 'x' }),
};
const refused: Delivery = { provider: 'twilio', attempts: 1, result: rejected('21211', 'Invalid To', false) };

describe('outcomeOf', () => {
  it('records an acceptance as sent, the provider id kept and the attempts added', () => {
    for (const r of [undefined, round(3)]) {
      expect(outcomeOf(MESSAGE, sent, AT, r).change).toEqual({
        status: 'sent',
        provider: 'twilio',
        providerMessageId: 'SM1',
        error: null,
        attempts: 3,
        updatedAt: AT,
      });
    }
  });

  it('fails a synchronous send at once, with no event detail of its own', () => {
    const outcome = outcomeOf(MESSAGE, timedOut, AT);
    expect(outcome.change).toEqual({
      status: 'failed',
      provider: 'aws',
      providerMessageId: null,
      error: { code: 'TIMEOUT', message: 'aws did not answer within 100 ms', retryable: true },
      attempts: 4,
      updatedAt: AT,
    });
    expect(outcome.next).toBeUndefined();
    expect(outcome.line).toEqual({
      messageId: MESSAGE.id,
      type: 'sms',
      status: 'failed',
      provider: 'aws',
      errorCode: 'TIMEOUT',
    });
  });

  it("queues a worker's retryable failure for the next round, after the policy's delay", () => {
    const outcome = outcomeOf(MESSAGE, timedOut, AT, round(1));
    expect(outcome.change).toMatchObject({ status: 'queued', providerMessageId: null, attempts: 4 });
    expect(outcome.change).not.toHaveProperty('detail');
    expect(outcome.next).toEqual({ attempt: 2, delayMs: retryDelayMs(RETRY, 1, () => 0.5) });
    expect(outcome.line).toEqual({
      messageId: MESSAGE.id,
      type: 'sms',
      attempt: 1,
      status: 'queued',
      provider: 'aws',
      errorCode: 'TIMEOUT',
      retryInMs: retryDelayMs(RETRY, 1, () => 0.5),
    });
  });

  it('gives up after the last round, saying so in the event detail', () => {
    const outcome = outcomeOf(MESSAGE, timedOut, AT, round(3));
    expect(outcome.change).toMatchObject({ status: 'failed', detail: 'TIMEOUT; gave up after 3 attempts' });
    expect(outcome.next).toBeUndefined();
    expect(outcome.line).not.toHaveProperty('retryInMs');
  });

  it('fails a permanent rejection in any round, its code as the detail', () => {
    const outcome = outcomeOf(MESSAGE, refused, AT, round(1));
    expect(outcome.change).toMatchObject({
      status: 'failed',
      detail: '21211',
      error: { code: '21211', message: 'Invalid To', retryable: false },
    });
    expect(outcome.next).toBeUndefined();
  });

  it('keeps a delivery no provider could be called for (no provider, no attempt)', () => {
    const none: Delivery = {
      provider: null,
      attempts: 0,
      result: rejected('DEADLINE', 'No time left', true),
    };
    expect(outcomeOf(MESSAGE, none, AT, round(1)).change).toMatchObject({
      status: 'queued',
      provider: null,
      attempts: 2,
    });
  });

  it('is logged as the one `message handled` line', () => {
    const logs = capturingLogger();
    logOutcome(logs.logger, outcomeOf(MESSAGE, sent, AT, round(1)));
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'message handled',
        messageId: MESSAGE.id,
        attempt: 1,
        status: 'sent',
        provider: 'twilio',
      }),
    ]);
  });
});

describe('writeOutcome', () => {
  const opened: SqliteMessageLog[] = [];
  afterEach(async () => {
    for (const log of opened.splice(0)) await log.close();
  });

  async function setup(record: MessageRecord = messageRecord({ status: 'pending' })) {
    const log = new SqliteMessageLog(openDatabase(':memory:'));
    opened.push(log);
    await log.create(record);
    const change: StatusChange = outcomeOf(record, sent, AT).change;
    return { log, record, change, logs: capturingLogger() };
  }
  const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

  it('answers the record as written', async () => {
    const { log, record, change, logs } = await setup();
    const written = await writeOutcome(log, record.id, 'pending', change, {
      retryDelaysMs: [],
      logger: logs.logger,
    });
    expect(written).toMatchObject({ id: record.id, status: 'sent', providerMessageId: 'SM1' });
    expect(await log.get(record.id)).toEqual(written);
  });

  it('tries again after each delay, logging each failed try, until a write succeeds', async () => {
    const { log, record, change, logs } = await setup();
    let tries = 0;
    const flaky = interceptLog(log, {
      updateStatus: async (...args) => {
        if (++tries < 3) throw busy();
        return log.updateStatus(...args);
      },
    });
    const written = await writeOutcome(flaky, record.id, 'pending', change, {
      retryDelaysMs: [1, 1, 1],
      logger: logs.logger,
    });
    expect(written?.status).toBe('sent');
    expect(tries).toBe(3);
    expect(logs.lines().map((l) => [l.msg, l.status])).toEqual([
      ['status write failed; retrying', 'sent'],
      ['status write failed; retrying', 'sent'],
    ]);
  });

  it('throws the last error once every delay is used, having written nothing', async () => {
    const { log, record, change, logs } = await setup();
    let tries = 0;
    const broken = interceptLog(log, {
      updateStatus: async () => {
        tries++;
        throw busy();
      },
    });
    await expect(
      writeOutcome(broken, record.id, 'pending', change, { retryDelaysMs: [1, 1], logger: logs.logger }),
    ).rejects.toThrow('database is locked');
    expect(tries).toBe(3);
    await expect(
      writeOutcome(broken, record.id, 'pending', change, { retryDelaysMs: [], logger: logs.logger }),
    ).rejects.toThrow('database is locked');
    expect(tries).toBe(4);
    expect((await log.get(record.id))?.status).toBe('pending');
  });

  it('answers the record when an earlier try was applied though its answer was lost', async () => {
    const { log, record, change, logs } = await setup();
    let tries = 0;
    const lossy = interceptLog(log, {
      updateStatus: async (...args) => {
        if (++tries === 1) {
          await log.updateStatus(...args);
          throw Object.assign(new Error('Connection timed out'), { name: 'TimeoutError' });
        }
        return log.updateStatus(...args);
      },
    });
    const written = await writeOutcome(lossy, record.id, 'pending', change, {
      retryDelaysMs: [1],
      logger: logs.logger,
    });
    expect(written).toMatchObject({ status: 'sent', attempts: change.attempts });
    expect(tries).toBe(2);
  });

  it('answers undefined when a receipt moved the message on first, and leaves it there', async () => {
    const { log, record, change, logs } = await setup();
    await log.updateStatus(record.id, 'pending', { status: 'delivered', updatedAt: AT });
    const written = await writeOutcome(log, record.id, 'pending', change, {
      retryDelaysMs: [1, 1],
      logger: logs.logger,
    });
    expect(written).toBeUndefined();
    expect((await log.get(record.id))?.status).toBe('delivered');
    expect(logs.lines()).toEqual([]);
  });
});
