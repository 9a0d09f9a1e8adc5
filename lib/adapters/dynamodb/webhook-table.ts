/**
 * The DynamoDB webhook table: a tenant's endpoints and their deliveries. One definition read by the
 * adapter, the CDK stack and the tests. Design and how hot each key gets: docs/dynamodb.md.
 */
import { shardOf } from './message-table.js';

export const WEBHOOK_TABLE = {
  /** `${tenant}#endpoints` for an endpoint; `${tenant}#${endpointId}#${messageId}` for a delivery. */
  partitionKey: 'pk',
  /** The endpoint's id; a delivery's event number, zero-padded so that a message's events sort. */
  sortKey: 'sk',
  /** TTL (epoch seconds) of a delivery; endpoints have none. */
  ttlAttribute: 'expiresAt',
  indexes: {
    /** An endpoint's deliveries, newest first: `${tenant}#${endpointId}#${shard}`, `${createdAt}#${id}`. */
    byEndpointShard: { partitionKey: 'endpointShard', sortKey: 'createdAtId', shards: 32 },
    /** A delivery by its id (the deliveries routes): `${tenant}#${endpointId}#${id}`. */
    byDeliveryId: { partitionKey: 'deliveryKey' },
  },
} as const;

/** How long a delivery (its attempts, and the body it sends) is kept: its retries take about 23 h. */
export const DELIVERY_RETENTION_DAYS = 7;

export const endpointsPartition = (tenant: string) => `${tenant}#endpoints`;

/** The base key of a delivery: one partition per endpoint and message, one item per event. */
export const deliveryItemKey = (d: {
  tenant: string;
  endpointId: string;
  messageId: string;
  eventSeq: number;
}) => ({
  [WEBHOOK_TABLE.partitionKey]: `${d.tenant}#${d.endpointId}#${d.messageId}`,
  [WEBHOOK_TABLE.sortKey]: String(d.eventSeq).padStart(6, '0'),
});

/** The index keys of a delivery; the shard comes from the message, so its events share one. */
export const deliveryIndexKeys = (d: {
  tenant: string;
  endpointId: string;
  messageId: string;
  id: string;
  createdAt: string;
}) => ({
  [WEBHOOK_TABLE.indexes.byEndpointShard.partitionKey]: `${d.tenant}#${d.endpointId}#${shardOf(
    d.messageId,
    WEBHOOK_TABLE.indexes.byEndpointShard.shards,
  )}`,
  [WEBHOOK_TABLE.indexes.byEndpointShard.sortKey]: `${d.createdAt}#${d.id}`,
  [WEBHOOK_TABLE.indexes.byDeliveryId.partitionKey]: `${d.tenant}#${d.endpointId}#${d.id}`,
});

/** Every partition key value of an endpoint's deliveries index (queried in parallel). */
export const endpointShards = (tenant: string, endpointId: string) =>
  Array.from(
    { length: WEBHOOK_TABLE.indexes.byEndpointShard.shards },
    (_, shard) => `${tenant}#${endpointId}#${shard}`,
  );

/** The CreateTable input for this definition (tests against dynalite; the stack declares the same). */
export function createWebhookTableInput(tableName: string) {
  const { partitionKey, sortKey, indexes } = WEBHOOK_TABLE;
  const keysOnly = { ProjectionType: 'KEYS_ONLY' as const };
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [
      partitionKey,
      sortKey,
      indexes.byEndpointShard.partitionKey,
      indexes.byEndpointShard.sortKey,
      indexes.byDeliveryId.partitionKey,
    ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byEndpointShard',
        KeySchema: [
          { AttributeName: indexes.byEndpointShard.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: indexes.byEndpointShard.sortKey, KeyType: 'RANGE' as const },
        ],
        // Keys only: an attempt's update then writes no index entry; a page fetches its items.
        Projection: keysOnly,
      },
      {
        IndexName: 'byDeliveryId',
        KeySchema: [{ AttributeName: indexes.byDeliveryId.partitionKey, KeyType: 'HASH' as const }],
        Projection: keysOnly,
      },
    ],
  };
}
