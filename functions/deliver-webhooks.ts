import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { decodeDeliveryKey } from '../lib/adapters/sqs/sqs.webhook-queue.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { type QueuedWebhooksDeps, queuedWebhooksDeps } from '../lib/composition/queued-webhooks.js';
import { NO_METRICS } from '../lib/ports/metrics.js';

/**
 * The webhook delivery function: SQS hands it deliveries of the webhook queue. Each is attempted
 * (signed, SSRF-checked after DNS, 10 s timeout) unless it is done, a copy, or behind an earlier
 * event of its message; one that must come back is hidden until then (ChangeMessageVisibility, the
 * offline backoff schedule) and reported failed (ReportBatchItemFailures), so SQS keeps it. A record
 * that cannot be read, or whose handling throws, comes back after the queue's visibility timeout and
 * ends in the dead-letter queue after its last receive. The attempts' metrics are flushed once, after
 * the batch.
 */
export const createHandler = (deps: () => QueuedWebhooksDeps | Promise<QueuedWebhooksDeps>) =>
  middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
    const container = await deps();
    const back = await Promise.all(event.Records.map((record) => handleRecord(record, container)));
    (container.metrics ?? NO_METRICS).flush();
    return {
      batchItemFailures: event.Records.filter((_, i) => back[i]).map((record) => ({
        itemIdentifier: record.messageId,
      })),
    };
  });

/** Answers whether the record must come back. */
async function handleRecord(
  record: SQSRecord,
  { queuedWebhooks, webhookQueue, logger }: QueuedWebhooksDeps,
): Promise<boolean> {
  const log = logger.child({ requestId: record.messageId });
  const key = decodeDeliveryKey(record);
  if (!key) {
    log.error('unreadable webhook delivery; it will end in the dead-letter queue', {
      receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
    });
    return true;
  }
  try {
    const outcome = await queuedWebhooks.deliver(key);
    if (outcome.done) return false;
    await webhookQueue.postpone(record.receiptHandle, outcome.seconds);
    return true;
  } catch (error) {
    log.error('webhook delivery failed; SQS will hand it again', {
      endpointId: key.endpointId,
      messageId: key.messageId,
      eventSeq: key.eventSeq,
      error,
    });
    return true;
  }
}

export const handler = createHandler(lambdaDeps(queuedWebhooksDeps));
