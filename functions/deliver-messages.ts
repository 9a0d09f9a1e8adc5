import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { decodeDeliveryJob } from '../lib/adapters/sqs/sqs.queue.js';
import { type WorkerDeps, workerDeps } from '../lib/composition/deliver-messages.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { readProviderPlan } from '../lib/composition/provider-settings.js';
import { MAX_RECEIVES } from '../lib/composition/queue.js';
import { deadlineOf } from '../lib/deadline.js';
import type { Logger } from '../lib/logger.js';
import { NO_METRICS } from '../lib/ports/metrics.js';
import type { DeliverMessage } from '../lib/services/deliver-message.js';

/**
 * The worker: SQS invokes it with a batch of delivery jobs. It answers a partial batch response
 * (ReportBatchItemFailures): only the jobs that failed, or whose message another worker holds, come
 * back; a job that cannot be read at all fails every time and so ends in the dead-letter queue.
 */
export const createHandler = (deps: () => WorkerDeps | Promise<WorkerDeps>) =>
  middy<SQSEvent, SQSBatchResponse>().handler(async (event, context: Context) => {
    const container = await deps();
    const { deliverMessage } = container;
    if (!deliverMessage) throw new Error('the worker runs without a queue: set QUEUE_URL');
    const deadline = deadlineOf(context);
    const { metrics = NO_METRICS } = container;
    const failed = await Promise.all(
      event.Records.map((record) =>
        // Each record's lines carry its SQS message id.
        handleRecord(
          record,
          deliverMessage,
          container.logger.child({ requestId: record.messageId }),
          deadline,
        ),
      ),
    );
    // A job failing its last receive goes to the dead-letter queue next (maxReceiveCount).
    for (const [i, record] of event.Records.entries()) {
      if (failed[i] && receiveCountOf(record) >= MAX_RECEIVES) metrics.add('DeadLettered', {});
    }
    metrics.flush();
    return {
      batchItemFailures: event.Records.filter((_, i) => failed[i]).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    };
  });

/** Answers whether the record must come back. */
async function handleRecord(
  record: SQSRecord,
  deliverMessage: DeliverMessage,
  logger: Logger,
  deadline: number | undefined,
): Promise<boolean> {
  const receiveCount = receiveCountOf(record);
  const job = decodeDeliveryJob(record, logger);
  if (!job) return true;
  try {
    return (await deliverMessage(job, { deadline, logger })) === 'busy';
  } catch (error) {
    logger.error('delivery job failed; SQS will deliver it again', {
      messageId: job.messageId,
      attempt: job.attempt,
      receiveCount,
      error,
    });
    return true;
  }
}

const receiveCountOf = (record: SQSRecord): number => Number(record.attributes?.ApproximateReceiveCount ?? 1);

export const handler = createHandler(
  lambdaDeps(async (parts) => workerDeps(parts, await parts.settings.providers()), {
    readers: { providers: readProviderPlan },
  }),
);
