import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SqsQueue } from '../../../lib/adapters/sqs/sqs.queue.js';
import { SchedulingSqsQueue } from '../../../lib/adapters/sqs/sqs.scheduling-queue.js';
import type { MessageQueue } from '../../../lib/ports/message-queue.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/messaging-dev-delivery';
const SCHEDULING_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/messaging-dev-scheduling';
const NOW = Date.parse('2026-11-27T10:00:00.250Z');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
const sqs = mockClient(SQSClient);

function queue() {
  const client = new SQSClient({ region: 'eu-west-1', credentials });
  return new SchedulingSqsQueue(new SqsQueue(client, QUEUE_URL), client, SCHEDULING_URL, () => NOW);
}
const sent = () => sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input);
const batches = () => sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('SchedulingSqsQueue', () => {
  it('sends a delay SQS can hold (up to 15 minutes) to the delivery queue, with DelaySeconds', async () => {
    await queue().enqueue({ messageId: 'm1', attempt: 1 }, { delayMs: 900_000 });
    expect(sent()).toEqual([
      { QueueUrl: QUEUE_URL, MessageBody: '{"messageId":"m1","attempt":1}', DelaySeconds: 900 },
    ]);
  });

  it('sends a longer delay to the scheduling queue at once, with the time the job is due', async () => {
    await queue().enqueue({ messageId: 'm1', attempt: 2 }, { delayMs: 900_001 });
    expect(sent()).toEqual([
      { QueueUrl: SCHEDULING_URL, MessageBody: `{"messageId":"m1","attempt":2,"dueAt":${NOW + 900_001}}` },
    ]);
  });

  it('answers that it holds any delay (so send accepts sendAt beyond 15 minutes)', () => {
    const holdsAny: MessageQueue = queue();
    expect(holdsAny.maxDelayMs).toBeUndefined();
  });

  it('fails an enqueue the scheduling queue refused (the caller marks the message failed)', async () => {
    sqs
      .on(SendMessageCommand, { QueueUrl: SCHEDULING_URL })
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDenied' }));
    await expect(queue().enqueue({ messageId: 'm1', attempt: 1 }, { delayMs: 3_600_000 })).rejects.toThrow(
      'Access denied',
    );
  });

  it('splits a batch into SendMessageBatch calls on each queue, each job answered in order', async () => {
    sqs.on(SendMessageBatchCommand, { QueueUrl: SCHEDULING_URL }).resolves({
      Successful: [],
      Failed: [{ Id: '3', SenderFault: true, Code: 'Bad', Message: 'bad entry' }],
    });
    const outcomes = await queue().enqueueMany([
      { job: { messageId: 'now', attempt: 1 } },
      { job: { messageId: 'late', attempt: 1 }, delayMs: 2 * 86_400_000 },
      { job: { messageId: 'soon', attempt: 1 }, delayMs: 60_000 },
      { job: { messageId: 'late-bad', attempt: 1 }, delayMs: 86_400_000 },
    ]);
    expect(outcomes.map((o) => o?.message)).toEqual([undefined, undefined, undefined, 'bad entry']);
    const byQueue = Object.fromEntries(
      batches().map((b) => [b.QueueUrl, b.Entries?.map((e) => [e.Id, e.MessageBody, e.DelaySeconds])]),
    );
    expect(byQueue).toEqual({
      [QUEUE_URL]: [
        ['0', '{"messageId":"now","attempt":1}', undefined],
        ['1', '{"messageId":"soon","attempt":1}', 60],
      ],
      [SCHEDULING_URL]: [
        ['1', `{"messageId":"late","attempt":1,"dueAt":${NOW + 2 * 86_400_000}}`, undefined],
        ['3', `{"messageId":"late-bad","attempt":1,"dueAt":${NOW + 86_400_000}}`, undefined],
      ],
    });
    expect(sent()).toEqual([]);
  });

  it('fails only the far-future jobs when the scheduling queue is down', async () => {
    sqs
      .on(SendMessageBatchCommand, { QueueUrl: SCHEDULING_URL })
      .rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }));
    const outcomes = await queue().enqueueMany([
      { job: { messageId: 'late', attempt: 1 }, delayMs: 86_400_000 },
      { job: { messageId: 'now', attempt: 1 } },
    ]);
    expect(outcomes.map((o) => o?.message)).toEqual(['Service Unavailable', undefined]);
  });
});
