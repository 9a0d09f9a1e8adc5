import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { atExpression, SchedulerQueue } from '../../../lib/adapters/scheduler/scheduler.queue.js';
import { SqsQueue } from '../../../lib/adapters/sqs/sqs.queue.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/messaging-dev-delivery';
const TARGET = {
  group: 'Messaging-MessageScheduler-Group-1A2B3C4D',
  queueArn: 'arn:aws:sqs:eu-west-1:123456789012:messaging-dev-delivery',
  roleArn: 'arn:aws:iam::123456789012:role/messaging-scheduler',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:messaging-dev-dead-letters',
};
const NOW = Date.parse('2026-11-27T10:00:00.250Z');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };

const scheduler = mockClient(SchedulerClient);
const sqs = mockClient(SQSClient);

function queue() {
  const inner = new SqsQueue(new SQSClient({ region: 'eu-west-1', credentials }), QUEUE_URL);
  return new SchedulerQueue(
    inner,
    new SchedulerClient({ region: 'eu-west-1', credentials }),
    TARGET,
    () => NOW,
  );
}
const creates = () => scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);

beforeEach(() => {
  scheduler.reset();
  sqs.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-west-1:1:schedule/g/n' });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});

describe('SchedulerQueue', () => {
  it('sends a delay SQS can hold (up to 15 minutes) to the queue itself, with DelaySeconds', async () => {
    await queue().enqueue({ messageId: 'm1', attempt: 1 }, { delayMs: 900_000 });
    expect(creates()).toEqual([]);
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, MessageBody: '{"messageId":"m1","attempt":1}', DelaySeconds: 900 },
    ]);
  });

  it('makes a longer delay a one-time schedule that sends the job to the queue, then deletes itself', async () => {
    await queue().enqueue({ messageId: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0P', attempt: 1 }, { delayMs: 900_001 });
    expect(sqs.commandCalls(SendMessageCommand)).toEqual([]);
    expect(creates()).toEqual([
      {
        Name: 'msg-01JDQ7Y3ZK8W6V5T4S3R2Q1P0P-1',
        GroupName: TARGET.group,
        // 10:00:00.250 + 900.001 s = 10:15:00.251, rounded up: never before the job is due.
        ScheduleExpression: 'at(2026-11-27T10:15:01)',
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        ClientToken: 'msg-01JDQ7Y3ZK8W6V5T4S3R2Q1P0P-1',
        Target: {
          Arn: TARGET.queueArn,
          RoleArn: TARGET.roleArn,
          Input: '{"messageId":"01JDQ7Y3ZK8W6V5T4S3R2Q1P0P","attempt":1}',
          RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
          DeadLetterConfig: { Arn: TARGET.deadLetterArn },
        },
      },
    ]);
  });

  it('takes an existing schedule of the same job as done (a retried create), and fails on any other error', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }))
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const q = queue();
    await expect(q.enqueue({ messageId: 'm1', attempt: 1 }, { delayMs: 3_600_000 })).resolves.toBeUndefined();
    await expect(q.enqueue({ messageId: 'm2', attempt: 1 }, { delayMs: 3_600_000 })).rejects.toThrow(
      'Rate exceeded',
    );
  });

  it('splits a batch: short delays in SendMessageBatch calls, long ones as schedules, each answered in order', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    scheduler
      .on(CreateScheduleCommand, { Name: 'msg-late-bad-1' })
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));
    const outcomes = await queue().enqueueMany([
      { job: { messageId: 'now', attempt: 1 } },
      { job: { messageId: 'late', attempt: 1 }, delayMs: 2 * 86_400_000 },
      { job: { messageId: 'soon', attempt: 1 }, delayMs: 60_000 },
      { job: { messageId: 'late-bad', attempt: 1 }, delayMs: 86_400_000 },
    ]);
    expect(outcomes.map((o) => o?.message)).toEqual([undefined, undefined, undefined, 'Access denied']);
    const [batch] = sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input);
    expect(batch?.Entries?.map((e) => [e.MessageBody, e.DelaySeconds])).toEqual([
      ['{"messageId":"now","attempt":1}', undefined],
      ['{"messageId":"soon","attempt":1}', 60],
    ]);
    expect(creates().map((c) => [c.Name, c.ScheduleExpression])).toEqual([
      ['msg-late-1', 'at(2026-11-29T10:00:01)'],
      ['msg-late-bad-1', 'at(2026-11-28T10:00:01)'],
    ]);
  });

  it('writes the at() expression in UTC seconds, rounded up', () => {
    expect(atExpression(Date.parse('2026-12-31T23:59:59.000Z'))).toBe('at(2026-12-31T23:59:59)');
    expect(atExpression(Date.parse('2026-12-31T23:59:59.001Z'))).toBe('at(2027-01-01T00:00:00)');
  });
});

describe('SqsQueue.enqueueMany', () => {
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ job: { messageId: `m${i}`, attempt: 1 } }));
  const inner = () => new SqsQueue(new SQSClient({ region: 'eu-west-1', credentials }), QUEUE_URL);

  it('sends 10 entries per SendMessageBatch call', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    expect(await inner().enqueueMany(ids(23))).toEqual(Array(23).fill(undefined));
    expect(sqs.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([
      10, 10, 3,
    ]);
  });

  it("sends an entry SQS failed on its side once more, and answers the sender's faults and what still fails", async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [
          { Id: '1', SenderFault: false, Code: 'InternalError', Message: 'try again' },
          { Id: '2', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad entry' },
          { Id: '3', SenderFault: false, Code: 'InternalError', Message: 'try again' },
        ],
      })
      .resolvesOnce({
        Successful: [],
        Failed: [{ Id: '3', SenderFault: false, Code: 'InternalError', Message: 'still failing' }],
      });
    const outcomes = await inner().enqueueMany(ids(4));
    expect(outcomes.map((o) => o && `${o.name}: ${o.message}`)).toEqual([
      undefined,
      undefined,
      'InvalidParameterValue: bad entry',
      'InternalError: still failing',
    ]);
    const calls = sqs
      .commandCalls(SendMessageBatchCommand)
      .map((c) => c.args[0].input.Entries?.map((e) => e.Id));
    expect(calls).toEqual([
      ['0', '1', '2', '3'],
      ['1', '3'],
    ]);
  });

  it('answers every entry of a call that failed as a whole with its error', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }));
    const outcomes = await inner().enqueueMany(ids(2));
    expect(outcomes.map((o) => o?.message)).toEqual(['Service Unavailable', 'Service Unavailable']);
  });
});
