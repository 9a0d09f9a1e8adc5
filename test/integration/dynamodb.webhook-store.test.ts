import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbWebhookStore } from '../../lib/adapters/dynamodb/dynamodb.webhook-store.js';
import {
  createWebhookTableInput,
  DELIVERY_RETENTION_DAYS,
  WEBHOOK_TABLE,
} from '../../lib/adapters/dynamodb/webhook-table.js';
import { delivery, endpoint, webhookStoreContract } from '../contract/webhook-store.contract.js';
import { useDynalite } from '../support/dynalite.js';

const suite = useDynalite();
const newStore = async () => {
  const table = await suite.dynamo.createTableFrom(createWebhookTableInput, 'webhooks');
  return { table, store: new DynamoDbWebhookStore(suite.client, table) };
};

webhookStoreContract('DynamoDbWebhookStore on dynalite', async () => {
  const { store } = await newStore();
  return { store, cleanup: () => store.close() };
});

describe('DynamoDB webhook store specifics', () => {
  it('keys a delivery by tenant, endpoint, message and event, with a TTL and a tenant-leading shard', async () => {
    const { table, store } = await newStore();
    await store.createEndpoint(endpoint());
    const added = delivery();
    await store.addDeliveries([added]);
    const { Item } = await suite.client.send(
      new GetCommand({
        TableName: table,
        Key: {
          [WEBHOOK_TABLE.partitionKey]: `acme#${added.endpointId}#${added.messageId}`,
          [WEBHOOK_TABLE.sortKey]: '000002',
        },
      }),
    );
    expect(Item?.[WEBHOOK_TABLE.indexes.byEndpointShard.partitionKey]).toMatch(
      new RegExp(`^acme#${added.endpointId}#([0-9]|[12][0-9]|3[01])$`),
    );
    expect(Item?.[WEBHOOK_TABLE.ttlAttribute]).toBe(
      Date.parse(added.createdAt) / 1000 + DELIVERY_RETENTION_DAYS * 86_400,
    );
  });
});
