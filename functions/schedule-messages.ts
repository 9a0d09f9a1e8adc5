import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { decodeRecord } from '../lib/adapters/sqs/sqs.queue.js';
import { ScheduledJobBody } from '../lib/adapters/sqs/sqs.scheduling-queue.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { type ScheduleMessagesDeps, scheduleMessagesDeps } from '../lib/composition/schedule-messages.js';
import type { Logger } from '../lib/logger.js';
import type { ScheduleMessage } from '../lib/services/schedule-message.js';

/**
 * The scheduling queue's consumer: SQS invokes it with jobs due beyond the delivery queue's 15
 * minutes, and each becomes an EventBridge Scheduler one-time schedule (or, if due by now within 15
 * minutes, a delayed delivery job). It answers a partial batch response (ReportBatchItemFailures):
 * only the jobs that failed come back; one that cannot be read fails every time and so ends in the
 * scheduling dead-letter queue. A retried job's create finds its own schedule (named by the job).
 */
export const createHandler = (deps: () => ScheduleMessagesDeps | Promise<ScheduleMessagesDeps>) =>
  middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
    const { scheduleMessage, logger } = await deps();
    const failed = await Promise.all(
      event.Records.map((record) =>
        handleRecord(record, scheduleMessage, logger.child({ requestId: record.messageId })),
      ),
    );
    return {
      batchItemFailures: event.Records.filter((_, i) => failed[i]).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    };
  });

/** Answers whether the record must come back. */
async function handleRecord(
  record: SQSRecord,
  scheduleMessage: ScheduleMessage,
  logger: Logger,
): Promise<boolean> {
  const scheduled = decodeRecord(record, ScheduledJobBody, logger, 'scheduled job');
  if (!scheduled) return true;
  try {
    await scheduleMessage(scheduled);
    return false;
  } catch (error) {
    logger.error('scheduling failed; SQS will deliver the job again', {
      messageId: scheduled.messageId,
      attempt: scheduled.attempt,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      error,
    });
    return true;
  }
}

export const handler = createHandler(lambdaDeps(scheduleMessagesDeps));
