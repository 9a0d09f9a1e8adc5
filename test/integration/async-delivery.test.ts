import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteQueue } from '../../lib/adapters/sqlite/sqlite.queue.js';
import type { MessageEvent, MessageRecord } from '../../lib/domain/message.schema.js';
import type { ContainerOverrides } from '../../lib/host/container.js';
import { hangingProviders, recordingProviders } from '../support/fake-providers.js';
import { memoryQueue } from '../support/memory-queue.js';
import { getEvents, waitForFinalRecord } from '../support/messages-api-client.js';
import { startTestService, type TestService } from '../support/service.js';

const SMS = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };
const ASYNC = { prefer: 'respond-async' };

let services: TestService[] = [];
afterEach(async () => {
  await Promise.all(services.map((s) => s.close()));
  services = [];
});

async function start(env: Record<string, string> = {}, overrides?: ContainerOverrides, dbPath?: string) {
  const service = await startTestService({
    env,
    ...(overrides ? { overrides } : {}),
    ...(dbPath ? { dbPath } : {}),
  });
  services.push(service);
  return service;
}

const statuses = (events: MessageEvent[]) => events.map((e) => e.status);
const inOrder = (events: MessageEvent[]) =>
  events.every((e, i) => i === 0 || Date.parse(e.at) >= Date.parse(events[i - 1]?.at ?? ''));

describe('POST /sendMessage, asynchronously', () => {
  it('Prefer: respond-async answers 202 with the queued record, Location and Preference-Applied', async () => {
    const service = await start();
    const response = await service.post('/sendMessage', SMS, ASYNC);
    expect(response.status).toBe(202);
    expect(response.headers.get('preference-applied')).toBe('respond-async');
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({
      ...SMS,
      status: 'queued',
      provider: null,
      providerMessageId: null,
      error: null,
      attempts: 0,
    });
    expect(response.headers.get('location')).toBe(`/messages/${record.id}`);

    const final = await waitForFinalRecord(service.url, record.id);
    expect(final).toMatchObject({ status: 'sent', provider: 'mock', attempts: 1, error: null });
    expect(final.providerMessageId).toMatch(/^mock-/);
    const located = await service.get(response.headers.get('location') ?? '');
    expect(await located.json()).toEqual(final);

    const events = await getEvents(service.url, record.id);
    expect(statuses(events)).toEqual(['queued', 'sending', 'sent']);
    expect(events[1]?.detail).toBe('attempt 1');
    expect(inOrder(events)).toBe(true);
  });

  it('DELIVERY_MODE=async queues a request without Prefer (202, no Preference-Applied)', async () => {
    const service = await start({ DELIVERY_MODE: 'async' });
    const response = await service.post('/sendMessage', SMS);
    expect(response.status).toBe(202);
    expect(response.headers.get('preference-applied')).toBeNull();
    const record = (await response.json()) as MessageRecord;
    expect(record.status).toBe('queued');
    expect(response.headers.get('location')).toBe(`/messages/${record.id}`);
    expect((await waitForFinalRecord(service.url, record.id)).status).toBe('sent');
    // The request's lines carry its id; the worker's carry the job's, not the request's.
    const requestId = response.headers.get('x-request-id');
    const lines = service.logs().filter((l) => l.messageId === record.id);
    expect(lines.find((l) => l.msg === 'message queued')?.requestId).toBe(requestId);
    expect(lines.find((l) => l.msg === 'message handled')?.requestId).toMatch(/^job-\d+$/);
  });

  it('sync mode without Prefer is unchanged: 200 with the outcome, and no job queued', async () => {
    const { providers, calls } = recordingProviders();
    const service = await start({}, { providers });
    const response = await service.post('/sendMessage', SMS);
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({ status: 'sent', attempts: 1 });
    expect(calls).toHaveLength(1);
    expect(statuses(await getEvents(service.url, record.id))).toEqual(['pending', 'sent']);
    const queue = service.container.queue;
    expect(queue).toBeInstanceOf(SqliteQueue);
    expect((queue as SqliteQueue).nextDueAt()).toBeUndefined();
  });

  it('a permanent rejection ends failed after one round, without retries', async () => {
    const service = await start({ RETRY_BASE_DELAY_MS: '10' });
    const response = await service.post('/sendMessage', { ...SMS, recipient: '+15005550001' }, ASYNC);
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as MessageRecord;
    const final = await waitForFinalRecord(service.url, id);
    expect(final).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { code: '21211', retryable: false },
    });
    await service.worker?.idle();
    const events = await getEvents(service.url, id);
    expect(statuses(events)).toEqual(['queued', 'sending', 'failed']);
    expect(events.at(-1)?.detail).toBe('21211');
  });

  it('a retryable failure is retried until RETRY_MAX_ATTEMPTS, then failed with its error', async () => {
    const service = await start({ RETRY_BASE_DELAY_MS: '10', RETRY_MAX_ATTEMPTS: '3' });
    const response = await service.post('/sendMessage', { ...SMS, recipient: '+15005550008' }, ASYNC);
    const { id } = (await response.json()) as MessageRecord;
    const final = await waitForFinalRecord(service.url, id);
    expect(final).toMatchObject({ status: 'failed', attempts: 3, error: { code: '21611', retryable: true } });
    const events = await getEvents(service.url, id);
    expect(statuses(events)).toEqual([
      'queued',
      'sending',
      'queued',
      'sending',
      'queued',
      'sending',
      'failed',
    ]);
    expect(
      events
        .filter((e) => e.status === 'queued')
        .slice(1)
        .map((e) => e.detail),
    ).toEqual(['21611', '21611']);
    expect(events.at(-1)?.detail).toBe('21611; gave up after 3 attempts');
  });

  it('replays an Idempotency-Key with Prefer: the same 202 and body, and one job only', async () => {
    const { providers, calls } = recordingProviders();
    const service = await start({}, { providers });
    const headers = { ...ASYNC, 'idempotency-key': 'order-4711' };
    const first = await service.post('/sendMessage', SMS, headers);
    expect(first.status).toBe(202);
    const body = await first.json();
    const second = await service.post('/sendMessage', SMS, headers);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(second.headers.get('preference-applied')).toBe('respond-async');
    expect(await second.json()).toEqual(body);

    await waitForFinalRecord(service.url, (body as MessageRecord).id);
    await service.worker?.idle();
    expect(calls).toHaveLength(1);
    expect(service.logs().filter((l) => l.msg === 'message queued')).toHaveLength(1);
  });

  it('a queue that cannot be written answers 503 QUEUE_UNAVAILABLE and marks the message failed', async () => {
    const { queue, state } = memoryQueue();
    state.failWith = new Error('SQS unreachable');
    const { providers, calls } = recordingProviders();
    const service = await start({}, { queue, providers });
    const response = await service.post('/sendMessage', SMS, ASYNC);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('QUEUE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toContain('SQS unreachable');

    const line = service.logs().find((l) => l.msg.startsWith('queue write failed'));
    const id = String(line?.messageId);
    const stored = (await (await service.get(`/messages/${id}`)).json()) as MessageRecord;
    expect(stored).toMatchObject({
      status: 'failed',
      error: { code: 'QUEUE_UNAVAILABLE', retryable: true },
      attempts: 0,
    });
    expect(statuses(await getEvents(service.url, id))).toEqual(['queued', 'failed']);
    expect(calls).toEqual([]);
  });
});

describe('the local worker at start', () => {
  it('queues and delivers a message logged queued by a process that died before queueing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'async-orphan-'));
    try {
      const dbPath = join(dir, 'messages.db');
      const log = new SqliteMessageLog(openDatabase(dbPath));
      const at = new Date(Date.now() - 60_000).toISOString();
      const orphan: MessageRecord = {
        id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
        tenant: 'default',
        ...SMS,
        type: 'sms',
        subject: null,
        status: 'queued',
        provider: null,
        providerMessageId: null,
        error: null,
        attempts: 0,
        createdAt: at,
        updatedAt: at,
      };
      await log.create(orphan); // logged, and the process stopped before its enqueue
      await log.close();

      const { providers, calls } = recordingProviders();
      const service = await start({}, { providers }, dbPath);
      const final = await waitForFinalRecord(service.url, orphan.id);
      expect(final).toMatchObject({ status: 'sent', attempts: 1 });
      expect(calls.map((c) => c.id)).toEqual([orphan.id]);
      expect(service.logs().find((l) => l.msg.startsWith('queued messages without a job'))).toMatchObject({
        level: 'warn',
        count: 1,
      });
    } finally {
      await Promise.all(services.map((s) => s.close()));
      services = [];
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a provider that times out every time', () => {
  it('is retried with growing delays, attempts counted, then failed with TIMEOUT', async () => {
    const MAX_ATTEMPTS = 4;
    const BASE_MS = 150;
    const { providers, calls } = hangingProviders();
    const service = await start(
      {
        DELIVERY_MODE: 'async',
        PROVIDER_TIMEOUT_MS: '100',
        RETRY_BASE_DELAY_MS: String(BASE_MS),
        RETRY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      },
      { providers },
    );
    const response = await service.post('/sendMessage', SMS);
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as MessageRecord;

    const final = await waitForFinalRecord(service.url, id, 15_000);
    expect(final).toMatchObject({
      status: 'failed',
      provider: 'hanging',
      attempts: MAX_ATTEMPTS,
      error: { code: 'TIMEOUT', retryable: true },
    });
    await service.worker?.idle();
    // Exactly one call per round, each aborted by the timeout.
    expect(calls).toHaveLength(MAX_ATTEMPTS);
    for (const call of calls) {
      expect(call.abortedAt).toBeDefined();
      expect((call.abortedAt ?? 0) - call.startedAt).toBeGreaterThanOrEqual(95);
    }

    const events = await getEvents(service.url, id);
    expect(statuses(events)).toEqual([
      'queued',
      ...Array.from({ length: MAX_ATTEMPTS - 1 }, () => ['sending', 'queued']).flat(),
      'sending',
      'failed',
    ]);
    expect(events.filter((e) => e.status === 'sending').map((e) => e.detail)).toEqual(
      Array.from({ length: MAX_ATTEMPTS }, (_, i) => `attempt ${i + 1}`),
    );
    expect(
      events
        .slice(1)
        .filter((e) => e.status !== 'sending')
        .map((e) => e.detail),
    ).toEqual([
      ...Array(MAX_ATTEMPTS - 1).fill('TIMEOUT'),
      `TIMEOUT; gave up after ${MAX_ATTEMPTS} attempts`,
    ]);

    // The wait before round n + 1 (its queued event to its sending event) is at least half of
    // BASE * 2^(n - 1): equal jitter never goes below that, and it doubles each round.
    const times = events.map((e) => Date.parse(e.at));
    const gaps = [2, 4, 6].map((i) => (times[i + 1] ?? 0) - (times[i] ?? 0));
    gaps.forEach((gap, n) => {
      expect(gap).toBeGreaterThanOrEqual((BASE_MS * 2 ** n) / 2);
    });
    // The last wait (at least 2 * BASE) is longer than the first can be (at most BASE, plus the
    // worker's scheduling slack): they grow.
    expect(gaps[2]).toBeGreaterThan(gaps[0] ?? 0);
    // The provider calls themselves are a timeout and a backoff apart.
    const starts = calls.map((c) => c.startedAt);
    for (let i = 1; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(
        100 + (BASE_MS * 2 ** (i - 1)) / 2,
      );
    }
  });
});
