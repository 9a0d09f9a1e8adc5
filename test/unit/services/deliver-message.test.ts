import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteSuppressionList } from '../../../lib/adapters/sqlite/sqlite.suppression-list.js';
import type { MessageRecord } from '../../../lib/domain/message.schema.js';
import { type RetryPolicy, retryDelayMs } from '../../../lib/domain/retry-policy.js';
import type { MessageLog } from '../../../lib/ports/message-log.js';
import type { SendResult } from '../../../lib/ports/provider.js';
import { type DeliverMessageDeps, makeDeliverMessage } from '../../../lib/services/deliver-message.js';
import { makeSuppressionGate } from '../../../lib/services/suppression-gate.js';
import { messageRecord } from '../../contract/message-log.contract.js';
import { deferred } from '../../support/async.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { rejected } from '../../support/channels.js';
import { recordingProviders } from '../../support/fake-providers.js';
import { memoryQueue } from '../../support/memory-queue.js';
import { interceptLog } from '../../support/message-log-wrappers.js';
import { recordingMetrics } from '../../support/recording-metrics.js';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const LEASE_MS = 15_000;
const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };

const queuedRecord = (overrides: Partial<MessageRecord> = {}): MessageRecord =>
  messageRecord({
    id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
    status: 'queued',
    createdAt: new Date(T0).toISOString(),
    ...overrides,
  });

const TIMEOUT: SendResult = rejected('TIMEOUT', 'fake did not answer within 100 ms', true);

/** The use case over a real SQLite log (in memory), a recording queue and recording providers. */
function setup(
  answer?: Parameters<typeof recordingProviders>[0],
  overrides: Partial<DeliverMessageDeps> = {},
) {
  const log = new SqliteMessageLog(openDatabase(':memory:'));
  const { queue, jobs, state } = memoryQueue();
  const { providers, calls } = recordingProviders(answer);
  const logs = capturingLogger();
  const clock = { now: T0 + 1_000 };
  const deps: DeliverMessageDeps = {
    log,
    queue,
    providers,
    clock: () => new Date(clock.now),
    logger: logs.logger,
    retry: RETRY,
    leaseMs: LEASE_MS,
    providerTimeoutMs: 1_000,
    writeRetryDelaysMs: [1, 1, 1],
    random: () => 0.5,
    ...overrides,
  };
  return { log, jobs, queueState: state, calls, logs, clock, deps, deliverMessage: makeDeliverMessage(deps) };
}

type Setup = ReturnType<typeof setup>;
let current: Setup | undefined;
afterEach(async () => {
  await current?.log.close();
  current = undefined;
});
const use = (made: Setup) => {
  current = made;
  return made;
};

const statuses = async (log: MessageLog, id: string) => (await log.listEvents(id)).map((e) => e.status);

describe('deliverMessage', () => {
  it('claims a queued message, sends it once, and records sent with its events', async () => {
    const { log, deliverMessage, calls, jobs } = use(setup());
    const record = queuedRecord();
    await log.create(record);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls.map((c) => c.id)).toEqual([record.id]);
    expect(await log.get(record.id)).toMatchObject({
      status: 'sent',
      provider: 'fake',
      providerMessageId: `fake-${record.id}`,
      error: null,
      attempts: 1,
    });
    expect(await log.listEvents(record.id)).toEqual([
      expect.objectContaining({ status: 'queued' }),
      expect.objectContaining({ status: 'sending', detail: 'attempt 1' }),
      expect.objectContaining({ status: 'sent', provider: 'fake' }),
    ]);
    expect(jobs).toEqual([]);
  });

  it('acknowledges a job for an unknown message without calling a provider', async () => {
    const { deliverMessage, calls, logs } = use(setup());
    await expect(deliverMessage({ messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C5X', attempt: 1 })).resolves.toBe(
      'done',
    );
    expect(calls).toEqual([]);
    expect(logs.lines().some((l) => l.msg === 'job for an unknown message; acknowledged')).toBe(true);
  });

  describe('the same job delivered twice', () => {
    it('one after the other: one provider call, the second answers done and writes nothing', async () => {
      const { log, deliverMessage, calls } = use(setup());
      const record = queuedRecord();
      await log.create(record);
      const job = { messageId: record.id, attempt: 1 };

      await expect(deliverMessage(job)).resolves.toBe('done');
      const after = await log.listEvents(record.id);
      await expect(deliverMessage({ ...job })).resolves.toBe('done');
      expect(calls).toHaveLength(1);
      expect(await log.listEvents(record.id)).toEqual(after);
      expect((await log.get(record.id))?.status).toBe('sent');
    });

    it('at the same time: one provider call; the other answers busy', async () => {
      const { log, deliverMessage, calls } = use(setup());
      const record = queuedRecord();
      await log.create(record);
      const job = { messageId: record.id, attempt: 1 };

      // Both read the message queued; only one claim can win.
      const outcomes = await Promise.all([deliverMessage(job), deliverMessage({ ...job })]);
      expect(outcomes.sort()).toEqual(['busy', 'done']);
      expect(calls).toHaveLength(1);
      expect(await statuses(log, record.id)).toEqual(['queued', 'sending', 'sent']);
    });

    it('while the first holds the message: busy, without a provider call, until it is done', async () => {
      const gate = deferred();
      const entered = deferred();
      const { log, deliverMessage, calls } = use(
        setup(async (message) => {
          entered.resolve();
          await gate.promise;
          return { accepted: true, providerMessageId: `slow-${message.id}` };
        }),
      );
      const record = queuedRecord();
      await log.create(record);
      const job = { messageId: record.id, attempt: 1 };

      const first = deliverMessage(job);
      await entered.promise;
      await expect(deliverMessage({ ...job })).resolves.toBe('busy');
      await expect(deliverMessage({ ...job })).resolves.toBe('busy');
      expect(calls).toHaveLength(1);
      gate.resolve();
      await expect(first).resolves.toBe('done');
      await expect(deliverMessage({ ...job })).resolves.toBe('done');
      expect(calls).toHaveLength(1);
      expect(await statuses(log, record.id)).toEqual(['queued', 'sending', 'sent']);
    });
  });

  describe('a claim left by a stopped worker', () => {
    it('is respected while its lease holds, then taken over with a warning', async () => {
      const { log, deliverMessage, calls, clock, logs } = use(setup());
      const record = queuedRecord();
      await log.create(record);
      const claimedAt = new Date(T0 + 1_000).toISOString();
      // A worker claimed it, then died before recording anything.
      await log.updateStatus(record.id, 'queued', {
        status: 'sending',
        updatedAt: claimedAt,
        detail: 'attempt 1',
      });
      const job = { messageId: record.id, attempt: 1 };

      clock.now = T0 + 1_000 + LEASE_MS - 1;
      await expect(deliverMessage(job)).resolves.toBe('busy');
      expect(calls).toEqual([]);
      // The very millisecond the lease ends (when the job comes back): still held, and no warning.
      clock.now = T0 + 1_000 + LEASE_MS;
      await expect(deliverMessage(job)).resolves.toBe('busy');
      expect(calls).toEqual([]);
      expect(logs.lines().filter((l) => l.msg.startsWith('taking over'))).toEqual([]);

      clock.now = T0 + 1_000 + LEASE_MS + 1;
      await expect(deliverMessage(job)).resolves.toBe('done');
      expect(calls).toHaveLength(1);
      expect((await log.get(record.id))?.status).toBe('sent');
      expect(await statuses(log, record.id)).toEqual(['queued', 'sending', 'sending', 'sent']);
      const warnings = logs.lines().filter((l) => l.msg.startsWith('taking over a message left sending'));
      expect(warnings).toEqual([expect.objectContaining({ level: 'warn', messageId: record.id, claimedAt })]);
    });

    it('is taken over by one worker only, when two find it lapsed at once', async () => {
      const { log, deliverMessage, calls, clock } = use(setup());
      const record = queuedRecord();
      await log.create(record);
      await log.updateStatus(record.id, 'queued', {
        status: 'sending',
        updatedAt: new Date(T0).toISOString(),
        detail: 'attempt 1',
      });
      clock.now = T0 + LEASE_MS + 10;
      const job = { messageId: record.id, attempt: 1 };
      const outcomes = await Promise.all([deliverMessage(job), deliverMessage({ ...job })]);
      expect(outcomes.sort()).toEqual(['busy', 'done']);
      expect(calls).toHaveLength(1);
    });
  });

  describe('a failed round', () => {
    it('retryable: back to queued with the error, and the next round queued after the backoff', async () => {
      const { log, deliverMessage, calls, jobs } = use(setup(() => TIMEOUT));
      const record = queuedRecord();
      await log.create(record);

      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
      expect(calls).toHaveLength(1);
      expect(await log.get(record.id)).toMatchObject({
        status: 'queued',
        attempts: 1,
        provider: 'fake',
        error: { code: 'TIMEOUT', retryable: true },
      });
      expect(jobs).toEqual([
        { job: { messageId: record.id, attempt: 2 }, delayMs: retryDelayMs(RETRY, 1, () => 0.5) },
      ]);
      expect(jobs[0]?.delayMs).toBe(750); // half of 1 s fixed, half random (0.5)

      // The next round counts on: attempts 2, then the delay doubles.
      await expect(deliverMessage({ messageId: record.id, attempt: 2 })).resolves.toBe('done');
      expect(await log.get(record.id)).toMatchObject({ status: 'queued', attempts: 2 });
      expect(jobs[1]).toEqual({ job: { messageId: record.id, attempt: 3 }, delayMs: 1_500 });
    });

    it('retryable in the last round: failed with the error, no further job', async () => {
      const { log, deliverMessage, jobs } = use(setup(() => TIMEOUT));
      const record = queuedRecord({ attempts: 2 });
      await log.create(record);

      await deliverMessage({ messageId: record.id, attempt: RETRY.maxAttempts });
      expect(await log.get(record.id)).toMatchObject({
        status: 'failed',
        attempts: 3,
        error: { code: 'TIMEOUT', retryable: true },
      });
      expect((await log.listEvents(record.id)).at(-1)).toMatchObject({
        status: 'failed',
        detail: 'TIMEOUT; gave up after 3 attempts',
      });
      expect(jobs).toEqual([]);
    });

    it('permanent: failed at once, no retry', async () => {
      const { log, deliverMessage, jobs, calls } = use(
        setup(() => rejected('21211', "The 'To' number is not valid", false)),
      );
      const record = queuedRecord();
      await log.create(record);
      await deliverMessage({ messageId: record.id, attempt: 1 });
      expect(await log.get(record.id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code: '21211', retryable: false },
      });
      expect(calls).toHaveLength(1);
      expect(jobs).toEqual([]);
    });

    it('no time left before the deadline: no provider call, the round is queued again', async () => {
      const { log, deliverMessage, jobs, calls } = use(setup());
      const record = queuedRecord();
      await log.create(record);
      await deliverMessage({ messageId: record.id, attempt: 1 }, { deadline: Date.now() + 10 });
      expect(calls).toEqual([]);
      expect(await log.get(record.id)).toMatchObject({
        status: 'queued',
        attempts: 0,
        error: { code: 'DEADLINE' },
      });
      expect(jobs.map((j) => j.job)).toEqual([{ messageId: record.id, attempt: 2 }]);
    });
  });

  describe('status writes that fail', () => {
    it('an enqueue of the next round that fails makes the job fail, leaving the message queued for it', async () => {
      const { log, deliverMessage, queueState, calls } = use(setup(() => TIMEOUT));
      const record = queuedRecord();
      await log.create(record);
      queueState.failWith = new Error('queue down');

      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).rejects.toThrow('queue down');
      expect((await log.get(record.id))?.status).toBe('queued');
      // The job comes back and finds the message queued again: it runs the round itself.
      queueState.failWith = undefined;
      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
      expect(calls).toHaveLength(2);
    });

    it('retries the outcome write, then throws, leaving the message sending (no wrong status)', async () => {
      const made = use(setup());
      const { log, calls, jobs } = made;
      const record = queuedRecord();
      await log.create(record);
      let outcomeWrites = 0;
      const flaky = interceptLog(log, {
        updateStatus: async (id, expected, change) => {
          if (change.status !== 'sending') {
            outcomeWrites++;
            throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
          }
          return log.updateStatus(id, expected, change);
        },
      });
      const deliverMessage = makeDeliverMessage({ ...made.deps, log: flaky, writeRetryDelaysMs: [1, 1] });

      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).rejects.toThrow(
        'database is locked',
      );
      expect(outcomeWrites).toBe(3); // the first write and one per retry delay
      expect(calls).toHaveLength(1);
      expect((await log.get(record.id))?.status).toBe('sending');
      expect(jobs).toEqual([]);
      // Redelivered within the lease, the job finds the claim held: no second send.
      await expect(makeDeliverMessage(made.deps)({ messageId: record.id, attempt: 1 })).resolves.toBe('busy');
      expect(calls).toHaveLength(1);
    });

    it('a retry write that was applied though its answer was lost still queues the next round', async () => {
      const made = use(setup(() => TIMEOUT));
      const { log, jobs } = made;
      const record = queuedRecord();
      await log.create(record);
      let lost = 0;
      const flaky = interceptLog(log, {
        updateStatus: async (id, expected, change) => {
          const written = await log.updateStatus(id, expected, change);
          if (change.status === 'queued' && lost++ === 0)
            throw Object.assign(new Error('Connection timed out'), { name: 'TimeoutError' });
          return written;
        },
      });
      const deliverMessage = makeDeliverMessage({ ...made.deps, log: flaky });

      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
      expect((await log.get(record.id))?.status).toBe('queued');
      // Without a job the message would wait queued forever (on SQS nothing finds it again).
      expect(jobs.map((j) => j.job)).toEqual([{ messageId: record.id, attempt: 2 }]);
    });

    it('a claim taken by another writer in between is left alone', async () => {
      const made = use(setup());
      const { log, calls } = made;
      const record = queuedRecord();
      await log.create(record);
      // Another worker claims it between this one's read and its claim.
      const racing = interceptLog(log, {
        updateStatus: async (id, expected, change) => {
          if (change.status === 'sending') {
            await log.updateStatus(id, 'queued', {
              status: 'sending',
              updatedAt: new Date(T0 + 1_000).toISOString(),
              detail: 'attempt 1',
            });
          }
          return log.updateStatus(id, expected, change);
        },
      });
      const deliverMessage = makeDeliverMessage({ ...made.deps, log: racing });
      await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('busy');
      expect(calls).toEqual([]);
    });
  });
});

describe('deliverMessage and the suppression list', () => {
  const optedOut = async (list: SqliteSuppressionList) =>
    list.add({
      tenant: 'default',
      recipient: '+14155550123',
      channels: ['sms'],
      reason: 'unsubscribe',
      source: { provider: 'twilio', keyId: null, messageId: null },
      at: new Date(T0 + 500).toISOString(),
    });

  it('records a message queued before its recipient opted out failed, without a provider', async () => {
    const list = new SqliteSuppressionList(openDatabase(':memory:'));
    const recorded = recordingMetrics();
    const clock = () => new Date(T0 + 1_000);
    const gate = makeSuppressionGate({ list, clock, metrics: recorded.metrics });
    const { log, deliverMessage, calls, jobs } = use(setup(undefined, { suppressions: gate }));
    const record = queuedRecord({ type: 'sms', recipient: '+14155550123', subject: null });
    await log.create(record);
    await optedOut(list);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls).toEqual([]);
    expect(jobs).toEqual([]);
    expect(await log.get(record.id)).toMatchObject({
      status: 'failed',
      provider: null,
      error: { code: 'RECIPIENT_SUPPRESSED', retryable: false },
    });
    expect(await statuses(log, record.id)).toEqual(['queued', 'sending', 'failed']);
    expect(recorded.named('MessageSuppressed')).toEqual([
      { name: 'MessageSuppressed', dimensions: { channel: 'sms' }, value: 1 },
    ]);
    // Its other channels are not suppressed.
    const whatsapp = queuedRecord({
      id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5F',
      type: 'whatsapp',
      recipient: '+14155550123',
      subject: null,
    });
    await log.create(whatsapp);
    await deliverMessage({ messageId: whatsapp.id, attempt: 1 });
    expect(calls.map((c) => c.id)).toEqual([whatsapp.id]);
  });

  it('throws, sending nothing and leaving the message queued, when the list cannot be read', async () => {
    const list = new SqliteSuppressionList(openDatabase(':memory:'));
    list.get = async () => {
      throw new Error('connection reset');
    };
    const gate = makeSuppressionGate({ list, clock: () => new Date(T0) });
    const { log, deliverMessage, calls } = use(setup(undefined, { suppressions: gate }));
    const record = queuedRecord();
    await log.create(record);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).rejects.toMatchObject({
      code: 'SUPPRESSIONS_UNAVAILABLE',
    });
    expect(calls).toEqual([]);
    expect((await log.get(record.id))?.status).toBe('queued');
  });
});
