/**
 * The DynamoDB stats table: counters of messages per tenant, bucket (hour and day of `createdAt`,
 * UTC), channel and status, moved by the stats function from the message table's stream. One
 * definition read by the adapter, the CDK stack and the tests. Design and heat: docs/dynamodb.md.
 */
import { shardOf } from './message-table.js';

export const STATS_TABLE = {
  /** `${tenant}#${shard}`: a stream shard's counters always land on the same one of `shards`. */
  partitionKey: 'counter',
  /** `h#2026-12-06T08` or `d#2026-12-06`: a range of buckets is one Query per shard. */
  sortKey: 'bucket',
  shards: 4,
  /**
   * Prefix of the attribute that holds, per stream shard, the position of the last change added to
   * the item (`src#${shardId}`): a batch at or before it was added already, and is skipped.
   */
  sourcePrefix: 'src#',
} as const;

/** Counter attributes are named `${channel}#${status}` (`email#sent`): ADD works on top-level ones only. */
export const isCounterAttribute = (name: string) => /^[a-z]+#[a-z]+$/.test(name);

export const statsPartition = (tenant: string, shard: number) => `${tenant}#${shard}`;
/** The shard of one stream shard's counters: its id's FNV-1a, as the message table shards ids. */
export const statsShardOf = (source: string) => shardOf(source, STATS_TABLE.shards);
export const hourBucket = (hour: string) => `h#${hour}`;
export const dayBucket = (day: string) => `d#${day}`;

/**
 * Stream sequence numbers are decimal strings of varying length that grow within a shard; padded
 * to 40 digits they compare as text in a condition expression.
 */
export const position = (sequenceNumber: string) => sequenceNumber.padStart(40, '0');

export function createStatsTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [
      { AttributeName: STATS_TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: STATS_TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [STATS_TABLE.partitionKey, STATS_TABLE.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
  };
}
