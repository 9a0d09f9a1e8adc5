/**
 * The DynamoDB metadata index: one item per metadata pair of a message, so that
 * `GET /messages?metadata.<key>=<value>` is a Query, never a Scan. Its own table, since a DynamoDB
 * index cannot be keyed by the members of a map (docs/dynamodb.md: design and how hot it gets).
 */
import { shardOf } from './message-table.js';

export const METADATA_TABLE = {
  /** `${tenant}#${key}#${shard}#${value}`: tenant and key hold no `#`, so no two pairs collide. */
  partitionKey: 'pair',
  /** `${tenant}#${createdAt}#${id}`, as the message table's indexes sort. */
  sortKey: 'createdAtId',
  /**
   * One value (`env=prod`) may be on every message of a tenant: its items are split as the time
   * index is (written once per message), so that no partition takes more than 10,000 / 12 WCU/s.
   */
  shards: 12,
} as const;

/** The partition key values of one pair of a tenant (queried in parallel). */
export const metadataShards = (tenant: string, key: string, value: string) =>
  Array.from({ length: METADATA_TABLE.shards }, (_, shard) => `${tenant}#${key}#${shard}#${value}`);

/** The index items of a message's metadata: one per pair, in the shard of the message's id. */
export function metadataItems(record: {
  id: string;
  tenant: string;
  createdAt: string;
  metadata?: Record<string, string> | undefined;
}) {
  const shard = shardOf(record.id, METADATA_TABLE.shards);
  return Object.entries(record.metadata ?? {}).map(([key, value]) => ({
    [METADATA_TABLE.partitionKey]: `${record.tenant}#${key}#${shard}#${value}`,
    [METADATA_TABLE.sortKey]: `${record.tenant}#${record.createdAt}#${record.id}`,
    id: record.id,
  }));
}

/** The CreateTable input for this definition (tests against dynalite; the stack declares the same). */
export function createMetadataTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [
      { AttributeName: METADATA_TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: METADATA_TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [METADATA_TABLE.partitionKey, METADATA_TABLE.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
  };
}
