import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/deliver-messages.js';
import { STATUS_WRITE_RESERVE_MS } from '../../../functions/send-message.js';
import { loadConfig } from '../../../lib/config.js';
import type { MessageRecord } from '../../../lib/domain/message.schema.js';
import { type Container, createContainer } from '../../../lib/host/container.js';
import type { DeliveryJob } from '../../../lib/ports/message-queue.js';
import type { DeliverMessage, DeliveryOutcome } from '../../../lib/services/deliver-message.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { recordingProviders } from '../../support/fake-providers.js';
import { sqsRecord } from '../../support/lambda-events.js';
import { memoryQueue } from '../../support/memory-queue.js';
import { interceptLog } from '../../support/message-log-wrappers.js';

const jobBody = (messageId: string, attempt = 1) => JSON.stringify({ messageId, attempt });
const eventOf = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const context = (remainingMs?: number) =>
  ({
    awsRequestId: 'worker-invocation',
    ...(remainingMs === undefined ? {} : { getRemainingTimeInMillis: () => remainingMs }),
  }) as Context;

/** A container-like object with a scripted deliverMessage; `seen` records each call. */
function scripted(outcome: (job: DeliveryJob) => Promise<DeliveryOutcome>) {
  const logs = capturingLogger();
  const seen: { job: DeliveryJob; deadline: number | undefined }[] = [];
  const deliverMessage: DeliverMessage = async (job, options = {}) => {
    seen.push({ job, deadline: options.deadline });
    return outcome(job);
  };
  const container = { deliverMessage, logger: logs.logger } as unknown as Container;
  return { handler: createHandler(() => container), seen, logs };
}

describe('the worker Lambda (deliver-messages)', () => {
  it('lists exactly the record whose delivery threw; the others are acknowledged', async () => {
    const { handler, seen, logs } = scripted(async (job) => {
      if (job.messageId === 'm2') throw new Error('log unavailable');
      return 'done';
    });
    const response = await handler(
      eventOf(
        sqsRecord('sqs-1', jobBody('m1')),
        sqsRecord('sqs-2', jobBody('m2', 3), 4),
        sqsRecord('sqs-3', jobBody('m3')),
      ),
      context(60_000),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-2' }] });
    // Every job of the batch was handled: one failure does not stop the others.
    expect(seen.map((s) => s.job).sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual([
      { messageId: 'm1', attempt: 1 },
      { messageId: 'm2', attempt: 3 },
      { messageId: 'm3', attempt: 1 },
    ]);
    const failure = logs.lines().find((l) => l.msg === 'delivery job failed; SQS will deliver it again');
    expect(failure).toMatchObject({
      level: 'error',
      messageId: 'm2',
      attempt: 3,
      receiveCount: 4,
      requestId: 'sqs-2', // each record's lines carry its SQS message id
    });
  });

  it('lists a record whose message another worker holds (busy), so that it comes back', async () => {
    const { handler } = scripted(async (job) => (job.messageId === 'held' ? 'busy' : 'done'));
    const response = await handler(
      eventOf(sqsRecord('sqs-1', jobBody('free')), sqsRecord('sqs-2', jobBody('held'))),
      context(60_000),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-2' }]);
  });

  it.each([
    ['not JSON', 'messageId=m1'],
    ['JSON of another shape', JSON.stringify({ id: 'm1', attempt: 1 })],
    ['an extra field', JSON.stringify({ messageId: 'm1', attempt: 1, priority: 'high' })],
    ['attempt 0', JSON.stringify({ messageId: 'm1', attempt: 0 })],
    ['an empty message id', JSON.stringify({ messageId: '', attempt: 1 })],
    ['null', 'null'],
  ])(
    'lists an unreadable job (%s) without handling it: it ends in the dead-letter queue',
    async (_, body) => {
      const { handler, seen, logs } = scripted(async () => 'done');
      const response = await handler(
        eventOf(sqsRecord('bad', body, 7), sqsRecord('good', jobBody('m2'))),
        context(60_000),
      );
      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
      expect(seen.map((s) => s.job.messageId)).toEqual(['m2']);
      expect(logs.lines().find((l) => l.msg.startsWith('unreadable delivery job'))).toMatchObject({
        sqsMessageId: 'bad',
        receiveCount: 7,
      });
    },
  );

  it('answers an empty list when every job is done', async () => {
    const { handler } = scripted(async () => 'done');
    const response = await handler(
      eventOf(sqsRecord('a', jobBody('m1')), sqsRecord('b', jobBody('m2'))),
      context(60_000),
    );
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('gives deliverMessage a deadline that keeps time to record the outcome', async () => {
    const { handler, seen } = scripted(async () => 'done');
    const before = Date.now();
    await handler(eventOf(sqsRecord('a', jobBody('m1'))), context(30_000));
    const after = Date.now();
    const deadline = seen[0]?.deadline ?? Number.NaN;
    expect(deadline).toBeGreaterThanOrEqual(before + 30_000 - STATUS_WRITE_RESERVE_MS);
    expect(deadline).toBeLessThanOrEqual(after + 30_000 - STATUS_WRITE_RESERVE_MS);
  });

  it('fails the whole batch when the worker has no queue configured', async () => {
    const container = { deliverMessage: undefined, logger: capturingLogger().logger } as unknown as Container;
    const handler = createHandler(() => container);
    await expect(handler(eventOf(sqsRecord('a', jobBody('m1'))), context(60_000))).rejects.toThrow(
      /QUEUE_URL/,
    );
  });
});

describe('the worker Lambda with a real container', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  const queued = (id: string): MessageRecord => ({
    id,
    tenant: 'default',
    type: 'sms',
    recipient: '+14155550123',
    subject: null,
    content: `content of ${id}`,
    status: 'queued',
    provider: null,
    providerMessageId: null,
    error: null,
    attempts: 0,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  });

  it('delivers each job of the batch once; a log that fails for one message lists that one only', async () => {
    const { providers, calls } = recordingProviders();
    const { queue } = memoryQueue();
    const base = createContainer(await loadConfig({ LOG_STORE: 'sqlite', DB_PATH: ':memory:' }), {
      providers,
      queue,
      logger: capturingLogger().logger,
    });
    closers.push(() => base.close());
    const ids = ['01JD0Y4ZQ9R6T3K1M8XW2B7C5A', '01JD0Y4ZQ9R6T3K1M8XW2B7C5B', '01JD0Y4ZQ9R6T3K1M8XW2B7C5C'];
    for (const id of ids) await base.messageLog.create(queued(id));
    // The log cannot be read for the second message (as a throttled or failing read).
    const real = base.messageLog;
    const failing = interceptLog(real, {
      get: async (id) => {
        if (id === ids[1]) throw new Error('ProvisionedThroughputExceededException');
        return real.get(id);
      },
    });
    const container = createContainer(base.config, {
      messageLog: failing,
      providers,
      queue,
      logger: capturingLogger().logger,
    });
    closers.unshift(() => container.close());
    const handler = createHandler(() => container);

    const event = eventOf(...ids.map((id, i) => sqsRecord(`sqs-${i}`, jobBody(id))));
    const response = await handler(event, context(60_000));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(calls.map((c) => c.id).sort()).toEqual([ids[0], ids[2]]);
    expect((await real.get(ids[0] ?? ''))?.status).toBe('sent');
    expect((await real.get(ids[1] ?? ''))?.status).toBe('queued');

    // The same batch delivered again: the sent ones are not sent twice.
    const again = await createHandler(() => base)(event, context(60_000));
    expect(again.batchItemFailures).toEqual([]);
    expect(calls.map((c) => c.id).sort()).toEqual([...ids].sort());
  });
});
