import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDbWebhookStore } from '../../../lib/adapters/dynamodb/dynamodb.webhook-store.js';
import { Parts } from '../../../lib/composition/parts.js';
import { queuedWebhooksDeps } from '../../../lib/composition/queued-webhooks.js';
import { webhookStore, webhooksDeps } from '../../../lib/composition/webhooks.js';
import { ConfigError, readServiceSettings } from '../../../lib/config.js';
import { WebhooksUnavailableError } from '../../../lib/domain/errors.js';
import { readReceiptSettings } from '../../../lib/receipts/settings.js';

// What each webhook function is built with on DynamoDB, from its environment as the stack sets it.
const opened: Parts[] = [];
const partsOf = (env: Record<string, string>) => {
  const full = { LOG_STORE: 'dynamodb', TABLE_NAME: 'messages', AUTH: 'off', ...env };
  const parts = new Parts({
    service: readServiceSettings(full),
    providers: async () => {
      throw new Error('no providers here');
    },
    receipts: () => readReceiptSettings(full),
  });
  opened.push(parts);
  return parts;
};
afterEach(async () => {
  for (const parts of opened.splice(0)) await parts.close();
});

describe('the webhook functions on DynamoDB', () => {
  it('use the WEBHOOKS_TABLE_NAME table for the routes', () => {
    expect(webhookStore(partsOf({ WEBHOOKS_TABLE_NAME: 'webhooks' }))).toBeInstanceOf(DynamoDbWebhookStore);
  });

  it('answer 503 WEBHOOKS_UNAVAILABLE on the routes of a deployment without the table', async () => {
    const { manageWebhooks } = webhooksDeps(partsOf({}));
    await expect(manageWebhooks.list('acme')).rejects.toBeInstanceOf(WebhooksUnavailableError);
  });

  it('refuse to start the senders without the table or the queue', () => {
    expect(() => queuedWebhooksDeps(partsOf({ WEBHOOK_QUEUE_URL: 'https://sqs.example.com/1/q' }))).toThrow(
      ConfigError,
    );
    expect(() => queuedWebhooksDeps(partsOf({ WEBHOOKS_TABLE_NAME: 'webhooks' }))).toThrow(
      /WEBHOOK_QUEUE_URL/,
    );
    expect(
      queuedWebhooksDeps(
        partsOf({ WEBHOOKS_TABLE_NAME: 'webhooks', WEBHOOK_QUEUE_URL: 'https://sqs.example.com/1/q' }),
      ).queuedWebhooks,
    ).toBeDefined();
  });
});
