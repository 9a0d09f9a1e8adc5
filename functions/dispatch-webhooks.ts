import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { statusChangesOf } from '../lib/adapters/dynamodb/status-events.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { type QueuedWebhooksDeps, queuedWebhooksDeps } from '../lib/composition/queued-webhooks.js';

/**
 * The webhook fan-out: the message table's stream (NEW_AND_OLD_IMAGES) in batches. Each status change
 * becomes a delivery per subscribed endpoint, added to the webhook table and queued (docs/webhooks.md).
 * A failure throws: Lambda hands the batch again, in order, and what was added is not added twice.
 */
export const createHandler = (deps: () => QueuedWebhooksDeps | Promise<QueuedWebhooksDeps>) =>
  middy<DynamoDBStreamEvent, void>().handler(async (event) => {
    const { queuedWebhooks } = await deps();
    await queuedWebhooks.dispatch(statusChangesOf(event.Records));
  });

export const handler = createHandler(lambdaDeps(queuedWebhooksDeps));
