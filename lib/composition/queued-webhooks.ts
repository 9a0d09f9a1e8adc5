import { createSqsClient } from '../adapters/sqs/sqs.queue.js';
import { SqsWebhookQueue } from '../adapters/sqs/sqs.webhook-queue.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { WebhookQueue } from '../ports/webhook-queue.js';
import { makeQueuedWebhooks, type QueuedWebhooks } from '../services/queued-webhooks.js';
import { clock, logger, metrics } from './basics.js';
import type { Parts } from './parts.js';
import { requiredTable, storeOf } from './stores.js';
import { webhookSender, webhookStore } from './webhooks.js';

/** How old the Lambda senders' copy of an endpoint may be (docs/webhooks.md). */
export const ENDPOINT_CACHE_MS = 10_000;

/** The webhook queue: SQS at WEBHOOK_QUEUE_URL (a test's, if it gave one). */
export const webhookQueue = (parts: Parts): WebhookQueue =>
  parts.overrides.webhookQueue ??
  parts.once('webhookQueue', () => {
    const queue = parts.settings.service.webhookQueue;
    if (!queue) throw new Error('the webhook senders need their queue: set WEBHOOK_QUEUE_URL');
    const client = createSqsClient(queue);
    parts.onClose(() => client.destroy());
    return new SqsWebhookQueue(client, queue.url);
  });

export interface QueuedWebhooksDeps {
  logger: Logger;
  /** The sender's metrics: the delivery function flushes them once per invocation. */
  metrics?: Metrics;
  queuedWebhooks: QueuedWebhooks;
  webhookQueue: WebhookQueue;
}

/**
 * The two webhook senders on AWS: the fan-out (the message table's stream into the queue) and the
 * delivery function (the queue to the endpoints). Both need WEBHOOKS_TABLE_NAME and WEBHOOK_QUEUE_URL.
 */
export function queuedWebhooksDeps(parts: Parts): QueuedWebhooksDeps {
  const store = storeOf(parts);
  if (store.kind !== 'dynamodb') throw new Error('the queued webhook senders run on DynamoDB');
  requiredTable(store.webhooksTableName, 'WEBHOOKS_TABLE_NAME', 'to send status webhooks');
  const queue = webhookQueue(parts);
  return {
    logger: logger(parts),
    metrics: metrics(parts),
    webhookQueue: queue,
    queuedWebhooks: parts.once('queuedWebhooks', () =>
      makeQueuedWebhooks({
        sender: webhookSender(parts, { cacheMs: ENDPOINT_CACHE_MS }),
        store: webhookStore(parts),
        queue,
        clock: clock(parts),
        logger: logger(parts),
      }),
    ),
  };
}
