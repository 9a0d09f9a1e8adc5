import { SendMessageCommand, type SendMessageCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSqsClient, decodeDeliveryJob, SqsQueue } from '../../../lib/adapters/sqs/sqs.queue.js';
import { createLogger } from '../../../lib/logger.js';
import { messageQueueContract } from '../../contract/message-queue.contract.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { sqsRecord } from '../../support/lambda-events.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/messaging-dev-delivery';
const sqs = mockClient(SQSClient);
const newClient = () =>
  new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });

/**
 * SqsQueue against a mocked SQS that keeps what SendMessage was given: a message is due once its
 * DelaySeconds have passed on the test's clock, and a worker reads it as the Lambda would, through
 * decodeDeliveryJob. Receiving is SQS's own (the event source mapping), so this is what the port's
 * promises come down to on SQS: the request's queue, body and delay.
 */
messageQueueContract('SqsQueue (mocked SQS)', async () => {
  sqs.reset();
  const clock = { now: 0 };
  const sent: { input: SendMessageCommandInput; dueAt: number; received: boolean }[] = [];
  let broken = false;
  sqs.on(SendMessageCommand).callsFake((input: SendMessageCommandInput) => {
    if (broken) throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' });
    sent.push({ input, dueAt: clock.now + (input.DelaySeconds ?? 0) * 1_000, received: false });
    return { MessageId: `sqs-${sent.length}` };
  });
  const silent = createLogger({ level: 'silent' });
  let queue = new SqsQueue(newClient(), QUEUE_URL);
  return {
    queue,
    advance: (ms) => {
      clock.now += ms;
    },
    receiveDue: async () =>
      sent
        .filter((message) => !message.received && message.dueAt <= clock.now)
        .flatMap((message, i) => {
          message.received = true;
          const job = decodeDeliveryJob(
            { messageId: `sqs-${i}`, body: message.input.MessageBody ?? '', attributes: {} as never },
            silent,
          );
          // A message sent to another queue never reaches this worker.
          return job && message.input.QueueUrl === QUEUE_URL ? [job] : [];
        }),
    breakWrites: () => {
      broken = true;
    },
    reopen: async () => {
      queue = new SqsQueue(newClient(), QUEUE_URL);
      return queue;
    },
    cleanup: () => queue.close(),
  };
});

describe('SqsQueue requests', () => {
  let client: SQSClient;
  let queue: SqsQueue;
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
    client = newClient();
    queue = new SqsQueue(client, QUEUE_URL);
  });
  afterEach(() => queue.close());

  const sentInputs = () => sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);

  it('sends one SendMessage to its queue, the job as JSON, with no DelaySeconds when undelayed', async () => {
    await queue.enqueue({ messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E', attempt: 1 });
    await queue.enqueue({ messageId: 'm2', attempt: 2 }, { delayMs: 0 });
    expect(sentInputs()).toEqual([
      { QueueUrl: QUEUE_URL, MessageBody: '{"messageId":"01JD0Y4ZQ9R6T3K1M8XW2B7C5E","attempt":1}' },
      { QueueUrl: QUEUE_URL, MessageBody: '{"messageId":"m2","attempt":2}' },
    ]);
  });

  it.each([
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [60_000, 60],
    [899_001, 900],
    [900_000, 900],
    [900_001, 900],
    [3_600_000, 900],
  ])('rounds a delay of %i ms up to whole seconds, at most 900 (%i s)', async (delayMs, seconds) => {
    await queue.enqueue({ messageId: 'm1', attempt: 2 }, { delayMs });
    expect(sentInputs()).toEqual([
      { QueueUrl: QUEUE_URL, MessageBody: '{"messageId":"m1","attempt":2}', DelaySeconds: seconds },
    ]);
  });

  it.each([
    ['attempt 0', { messageId: 'm1', attempt: 0 }],
    ['an empty message id', { messageId: '', attempt: 1 }],
    ['a message id over 64 characters', { messageId: 'm'.repeat(65), attempt: 1 }],
    ['an extra field', { messageId: 'm1', attempt: 1, priority: 'high' }],
  ])('refuses %s before sending anything', async (_, job) => {
    await expect(queue.enqueue(job)).rejects.toThrow();
    expect(sentInputs()).toEqual([]);
  });

  it("rejects with SQS's error", async () => {
    const error = Object.assign(new Error('Access to the resource is denied'), { name: 'AccessDenied' });
    sqs.on(SendMessageCommand).rejects(error);
    await expect(queue.enqueue({ messageId: 'm1', attempt: 1 })).rejects.toBe(error);
  });

  it('closes by destroying its client', async () => {
    const destroy = vi.spyOn(client, 'destroy');
    await queue.close();
    expect(destroy).toHaveBeenCalledOnce();
  });
});

describe('createSqsClient', () => {
  it('retries a request up to three attempts, at the given endpoint and region', async () => {
    const client = createSqsClient({ endpoint: 'http://127.0.0.1:9324', region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(3);
    expect(await client.config.region()).toBe('eu-west-1');
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 9324 });
    client.destroy();
  });
});

describe('decodeDeliveryJob', () => {
  it('answers the job a record carries, and logs nothing', () => {
    const logs = capturingLogger();
    expect(decodeDeliveryJob(sqsRecord('sqs-1', '{"messageId":"m1","attempt":3}'), logs.logger)).toEqual({
      messageId: 'm1',
      attempt: 3,
    });
    expect(logs.lines()).toEqual([]);
  });

  it.each([
    ['not JSON', '{"messageId":'],
    ['an array', '[]'],
    ['null', 'null'],
    ['an extra field', JSON.stringify({ messageId: 'm1', attempt: 1, priority: 'high' })],
    ['attempt 0', JSON.stringify({ messageId: 'm1', attempt: 0 })],
    ['a fractional attempt', JSON.stringify({ messageId: 'm1', attempt: 1.5 })],
    ['an empty message id', JSON.stringify({ messageId: '', attempt: 1 })],
    ['a message id over 64 characters', JSON.stringify({ messageId: 'm'.repeat(65), attempt: 1 })],
  ])('answers undefined for %s, logging the record as bound for the dead-letter queue', (_, body) => {
    const logs = capturingLogger();
    expect(decodeDeliveryJob(sqsRecord('sqs-1', body, 4), logs.logger)).toBeUndefined();
    expect(logs.lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'unreadable delivery job; it will end in the dead-letter queue',
        sqsMessageId: 'sqs-1',
        receiveCount: 4,
      }),
    ]);
  });
});
