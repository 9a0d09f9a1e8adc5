import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbWebhookStore } from '../../lib/adapters/dynamodb/dynamodb.webhook-store.js';
import {
  createWebhookTableInput,
  DELIVERY_RETENTION_DAYS,
  WEBHOOK_TABLE,
} from '../../lib/adapters/dynamodb/webhook-table.js';
import { ERASED, type MessageRecord } from '../../lib/domain/message.schema.js';
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

  it("erases the record in every delivery of the message, to each of the tenant's endpoints, and nothing else", async () => {
    const { store } = await newStore();
    const record = (messageId: string, tenant = 'acme'): MessageRecord => ({
      id: messageId,
      tenant,
      type: 'email',
      recipient: 'alice@example.com',
      subject: 'Your order',
      content: 'Hello Alice',
      html: '<p>Hello Alice</p>',
      status: 'failed',
      provider: 'ses',
      providerMessageId: null,
      error: { code: 'MessageRejected', message: 'alice@example.com is on a list', retryable: false },
      attempts: 1,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:01.000Z',
      metadata: { orderId: 'A-1' },
    });
    const payload = (messageId: string, eventSeq: number, tenant = 'acme') =>
      JSON.stringify({
        id: `evt_${messageId}_${eventSeq}`,
        type: 'message.failed',
        data: record(messageId, tenant),
      });
    const second = endpoint({ id: 'we_01JENDPOINT0000000000000002', createdAt: '2026-03-01T09:00:01.000Z' });
    const theirs = endpoint({ tenant: 'other' });
    for (const e of [endpoint(), second, theirs]) await store.createEndpoint(e);
    const erased = '01JMESSAGE00000000000000001';
    const kept = '01JMESSAGE00000000000000002';
    await store.addDeliveries([
      delivery({ id: 'd1', messageId: erased, eventSeq: 1, payload: payload(erased, 1) }),
      delivery({ id: 'd2', messageId: erased, eventSeq: 2, payload: payload(erased, 2) }),
      delivery({
        id: 'd3',
        endpointId: second.id,
        messageId: erased,
        eventSeq: 2,
        payload: payload(erased, 2),
      }),
      delivery({ id: 'd4', messageId: kept, eventSeq: 2, payload: payload(kept, 2) }),
      delivery({
        id: 'd5',
        tenant: 'other',
        messageId: erased,
        eventSeq: 2,
        payload: payload(erased, 2, 'other'),
      }),
    ]);

    await store.eraseMessage('acme', erased, 'h'.repeat(64));

    const read = async (tenant: string, endpointId: string, id: string) =>
      JSON.parse((await store.getDelivery(tenant, endpointId, id))?.payload ?? 'null') as {
        id: string;
        data: MessageRecord;
      };
    for (const [endpointId, id] of [
      [endpoint().id, 'd1'],
      [endpoint().id, 'd2'],
      [second.id, 'd3'],
    ] as const) {
      const body = await read('acme', endpointId, id);
      expect(body.id).toMatch(/^evt_/);
      expect(body.data).toMatchObject({
        recipient: 'h'.repeat(64),
        content: ERASED,
        subject: ERASED,
        html: ERASED,
        error: { code: 'MessageRejected', message: ERASED, retryable: false },
        metadata: { orderId: 'A-1' },
      });
      expect(JSON.stringify(body)).not.toMatch(/alice|Alice/);
    }
    expect((await read('acme', endpoint().id, 'd4')).data.recipient).toBe('alice@example.com');
    expect((await read('other', theirs.id, 'd5')).data.recipient).toBe('alice@example.com');
  });
});
