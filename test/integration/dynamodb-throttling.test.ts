import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/deliver-messages.js';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { RetryPolicy } from '../../lib/domain/retry-policy.js';
import type { Container } from '../../lib/host/container.js';
import type { SendResult } from '../../lib/ports/provider.js';
import { makeDeliverMessage } from '../../lib/services/deliver-message.js';
import { messageRecord } from '../contract/message-log.contract.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { rejected } from '../support/channels.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { recordingProviders } from '../support/fake-providers.js';
import { memoryQueue } from '../support/memory-queue.js';

// The worker's status writes against DynamoDB (dynalite) through a client whose UpdateItem calls a
// test can make fail: throttling that dynalite never produces, and answers lost after the write.

const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'The level of configured provisioned throughput for the table was exceeded',
    $metadata: { httpStatusCode: 400 },
  });
const lostAnswer = () =>
  Object.assign(new Error('Connection timed out after 2000 ms'), { name: 'TimeoutError' });

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());

/** What an UpdateItem is made to do: fail before reaching the table, or after (its answer lost). */
type Fault = { before?: Error; after?: Error } | undefined;

let real: ReturnType<typeof createDocumentClient>;
let faulty: ReturnType<typeof createDocumentClient>;
let ddb: ReturnType<typeof mockClient>;
let tableName: string;
let faultFor: (status: string, input: UpdateCommandInput) => Fault;
let updatesByStatus: Record<string, number>;

beforeEach(async () => {
  tableName = await dynamo.createTable();
  real = createDocumentClient({ endpoint: dynamo.endpoint });
  faulty = createDocumentClient({ endpoint: dynamo.endpoint });
  ddb = mockClient(faulty);
  faultFor = () => undefined;
  updatesByStatus = {};
  // Everything reaches dynalite through the unmocked client, except the faults a test injects.
  ddb.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
  ddb.on(PutCommand).callsFake((input) => real.send(new PutCommand(input)));
  ddb.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
  ddb.on(UpdateCommand).callsFake(async (input: UpdateCommandInput) => {
    const status = String(input.ExpressionAttributeValues?.[':status']);
    updatesByStatus[status] = (updatesByStatus[status] ?? 0) + 1;
    const fault = faultFor(status, input);
    if (fault?.before) throw fault.before;
    const output = await real.send(new UpdateCommand(input));
    if (fault?.after) throw fault.after;
    return output;
  });
});
afterEach(() => {
  ddb.restore();
  real.destroy();
  faulty.destroy();
});

/** Fails the first `times` writes to `status`, each with `make()`, as `where` says. */
const failFirst = (
  status: string,
  times: number,
  make: () => Error,
  where: 'before' | 'after' = 'before',
) => {
  let left = times;
  return (written: string): Fault => {
    if (written !== status || left === 0) return undefined;
    left--;
    return { [where]: make() };
  };
};

const queuedRecord = (id: string): MessageRecord =>
  messageRecord({ id, status: 'queued', createdAt: new Date(Date.now() - 1_000).toISOString() });

let nextId = 0;
async function setup(answer?: (message: { id: string }) => SendResult, writeRetryDelaysMs = [5, 5, 5]) {
  const log = new DynamoDbMessageLog(faulty, tableName);
  const truth = new DynamoDbMessageLog(real, tableName);
  const { queue, jobs } = memoryQueue();
  const { providers, calls } = recordingProviders(answer);
  const logs = capturingLogger();
  const deps = {
    log,
    queue,
    providers,
    clock: () => new Date(),
    logger: logs.logger,
    retry: RETRY,
    leaseMs: 15_000,
    providerTimeoutMs: 1_000,
    writeRetryDelaysMs,
    random: () => 0.5,
  };
  const record = queuedRecord(`01JD0Y4ZQ9R6T3K1M8XW2B7C${String(nextId++).padStart(2, '0')}`);
  await truth.create(record);
  return { deliverMessage: makeDeliverMessage(deps), deps, truth, jobs, calls, logs, record };
}

const statusesOf = async (truth: DynamoDbMessageLog, id: string) =>
  (await truth.listEvents(id)).map((e) => e.status);

describe('the outcome write throttled by DynamoDB', () => {
  it('is retried: the message ends sent, the provider called once, one event per status', async () => {
    const { deliverMessage, truth, calls, record, logs } = await setup();
    faultFor = failFirst('sent', 2, throttled);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls).toHaveLength(1);
    expect(updatesByStatus.sent).toBe(3);
    expect(await truth.get(record.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: `fake-${record.id}`,
    });
    expect(await statusesOf(truth, record.id)).toEqual(['queued', 'sending', 'sent']);
    const retries = logs.lines().filter((l) => l.msg === 'status write failed; retrying');
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ messageId: record.id, status: 'sent' });
  });

  it('keeps failing: deliverMessage throws (the job comes back), nothing is marked wrongly', async () => {
    const { deliverMessage, deps, truth, calls, jobs, record } = await setup();
    faultFor = failFirst('sent', 100, throttled);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).rejects.toThrow(
      ProvisionedThroughputExceededException,
    );
    expect(updatesByStatus.sent).toBe(4); // the first write and one per retry delay
    expect(calls).toHaveLength(1);
    expect(jobs).toEqual([]);
    // Neither sent (it was not recorded), nor failed, nor queued for another send: still claimed.
    expect(await truth.get(record.id)).toMatchObject({
      status: 'sending',
      attempts: 0,
      error: null,
      providerMessageId: null,
    });
    expect(await statusesOf(truth, record.id)).toEqual(['queued', 'sending']);

    // Through the worker Lambda: the record is listed for redelivery...
    const handler = createHandler(
      () => ({ deliverMessage: makeDeliverMessage(deps), logger: deps.logger }) as unknown as Container,
    );
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'sqs-1',
          receiptHandle: 'h',
          body: JSON.stringify({ messageId: record.id, attempt: 1 }),
          attributes: {
            ApproximateReceiveCount: '2',
            SentTimestamp: '0',
            SenderId: 's',
            ApproximateFirstReceiveTimestamp: '0',
          },
          messageAttributes: {},
          md5OfBody: '0',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:q',
          awsRegion: 'eu-west-1',
        },
      ],
    };
    const response = await handler(event, { getRemainingTimeInMillis: () => 60_000 } as Context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    // ...and, the claim still held, it does not send again (busy) while DynamoDB is throttling.
    expect(calls).toHaveLength(1);
    expect((await truth.get(record.id))?.status).toBe('sending');
  });

  it('a throttled retry write is retried, and the next round is queued once, after it', async () => {
    const { deliverMessage, truth, calls, jobs, record } = await setup(() =>
      rejected('TIMEOUT', 'fake did not answer within 1000 ms', true),
    );
    faultFor = failFirst('queued', 2, throttled);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls).toHaveLength(1);
    expect(await truth.get(record.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: { code: 'TIMEOUT' },
    });
    expect(jobs).toEqual([{ job: { messageId: record.id, attempt: 2 }, delayMs: 750 }]);
  });

  it('a retry write applied whose answer was lost still queues the next round', async () => {
    const { deliverMessage, truth, jobs, record } = await setup(() =>
      rejected('TIMEOUT', 'fake did not answer within 1000 ms', true),
    );
    faultFor = failFirst('queued', 1, lostAnswer, 'after');

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(updatesByStatus.queued).toBe(2); // the lost one, and the retry that finds it written
    expect(await truth.get(record.id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await statusesOf(truth, record.id)).toEqual(['queued', 'sending', 'queued']);
    // Else the message would stay queued with no job, and SQS would never bring it back.
    expect(jobs.map((j) => j.job)).toEqual([{ messageId: record.id, attempt: 2 }]);
  });

  it('a sent write applied whose answer was lost ends sent, once', async () => {
    const { deliverMessage, truth, calls, record } = await setup();
    faultFor = failFirst('sent', 1, lostAnswer, 'after');
    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls).toHaveLength(1);
    expect(await statusesOf(truth, record.id)).toEqual(['queued', 'sending', 'sent']);
  });
});

describe('the claim throttled by DynamoDB', () => {
  it('throws before any provider call; the job delivered again then sends it once', async () => {
    const { deliverMessage, truth, calls, record } = await setup();
    faultFor = failFirst('sending', 1, throttled);

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).rejects.toThrow(
      ProvisionedThroughputExceededException,
    );
    expect(calls).toEqual([]);
    expect((await truth.get(record.id))?.status).toBe('queued');

    await expect(deliverMessage({ messageId: record.id, attempt: 1 })).resolves.toBe('done');
    expect(calls).toHaveLength(1);
    expect(await statusesOf(truth, record.id)).toEqual(['queued', 'sending', 'sent']);
  });
});
