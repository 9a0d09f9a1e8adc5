import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/schedule-messages.js';
import { SchedulerQueue } from '../../../lib/adapters/scheduler/scheduler.queue.js';
import { SqsQueue } from '../../../lib/adapters/sqs/sqs.queue.js';
import { makeScheduleMessage } from '../../../lib/services/schedule-message.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { sqsRecord } from '../../support/lambda-events.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/messaging-dev-delivery';
const TARGET = {
  group: 'Messaging-MessageScheduler-Group-1A2B3C4D',
  queueArn: 'arn:aws:sqs:eu-west-1:123456789012:messaging-dev-delivery',
  roleArn: 'arn:aws:iam::123456789012:role/messaging-scheduler',
};
const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const HOUR = 3_600_000;
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' };
const scheduler = mockClient(SchedulerClient);
const sqs = mockClient(SQSClient);
const eventOf = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
const body = (messageId: string, dueAt: number) => JSON.stringify({ messageId, attempt: 1, dueAt });

function handlerOf() {
  const logs = capturingLogger();
  const queue = new SchedulerQueue(
    new SqsQueue(new SQSClient({ region: 'eu-west-1', credentials }), QUEUE_URL),
    new SchedulerClient({ region: 'eu-west-1', credentials }),
    TARGET,
    () => NOW,
  );
  const deps = {
    logger: logs.logger,
    scheduleMessage: makeScheduleMessage({ queue, clock: () => new Date(NOW) }),
  };
  return { handler: createHandler(() => deps), logs };
}

beforeEach(() => {
  scheduler.reset();
  sqs.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-west-1:1:schedule/g/n' });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'sqs-1' });
});

describe('the scheduling Lambda (schedule-messages)', () => {
  it('makes each job a one-time schedule at its due time, and lists only the record that failed', async () => {
    scheduler
      .on(CreateScheduleCommand, { Name: 'msg-m2-1' })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const { handler, logs } = handlerOf();
    const response = await handler(
      eventOf(sqsRecord('sqs-1', body('m1', NOW + 2 * HOUR)), sqsRecord('sqs-2', body('m2', NOW + HOUR), 3)),
      {} as Context,
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-2' }] });
    const creates = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(creates.map((c) => [c.Name, c.ScheduleExpression, c.Target?.Input])).toEqual([
      ['msg-m1-1', 'at(2026-11-27T12:00:00)', '{"messageId":"m1","attempt":1}'],
      ['msg-m2-1', 'at(2026-11-27T11:00:00)', '{"messageId":"m2","attempt":1}'],
    ]);
    expect(
      logs.lines().find((l) => l.msg === 'scheduling failed; SQS will deliver the job again'),
    ).toMatchObject({
      messageId: 'm2',
      receiveCount: 3,
    });
  });

  it('takes a schedule the job already has (a retried record) as done', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    const { handler } = handlerOf();
    expect(await handler(eventOf(sqsRecord('sqs-1', body('m1', NOW + HOUR), 2)), {} as Context)).toEqual({
      batchItemFailures: [],
    });
  });

  it('sends a job that has become due within 15 minutes (or is past due) to the delivery queue with what is left', async () => {
    const { handler } = handlerOf();
    await handler(
      eventOf(sqsRecord('sqs-1', body('soon', NOW + 600_000)), sqsRecord('sqs-2', body('past', NOW - 5_000))),
      {} as Context,
    );
    expect(scheduler.commandCalls(CreateScheduleCommand)).toEqual([]);
    expect(
      sqs
        .commandCalls(SendMessageCommand)
        .map((c) => [c.args[0].input.MessageBody, c.args[0].input.DelaySeconds]),
    ).toEqual([
      ['{"messageId":"soon","attempt":1}', 600],
      ['{"messageId":"past","attempt":1}', undefined],
    ]);
  });

  it('fails a record that is not a scheduled job every time (so it ends in the dead-letter queue)', async () => {
    const { handler, logs } = handlerOf();
    const response = await handler(
      eventOf(sqsRecord('sqs-1', 'not json'), sqsRecord('sqs-2', '{"messageId":"m1","attempt":1}')),
      {} as Context,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }, { itemIdentifier: 'sqs-2' }]);
    expect(
      logs.lines().filter((l) => l.msg === 'unreadable scheduled job; it will end in the dead-letter queue'),
    ).toHaveLength(2);
  });
});
