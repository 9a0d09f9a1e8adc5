/**
 * The DynamoDB suppression table: one definition read by the adapter, the CDK stack and the tests.
 * One item per tenant and recipient, read by GetItem before every send; a tenant's list through
 * `byTenantShard`. How hot each key gets: docs/dynamodb.md.
 */
import { shardOf } from './message-table.js';

export const SUPPRESSION_TABLE = {
  /** `${tenant}#${recipient}` (tenant ids hold no `#`). */
  partitionKey: 'tenantRecipient',
  index: {
    name: 'byTenantShard',
    /** `${tenant}#${shard}`, shard = FNV-1a of the recipient modulo `shards`. */
    partitionKey: 'tenantShard',
    /** `${createdAt}#${recipient}`: newest first when read backwards, ties broken by recipient. */
    sortKey: 'createdAtRecipient',
    shards: 4,
  },
} as const;

/** The key attributes of a tenant's entry for a recipient. */
export const suppressionKeys = (tenant: string, recipient: string) => ({
  [SUPPRESSION_TABLE.partitionKey]: `${tenant}#${recipient}`,
  [SUPPRESSION_TABLE.index.partitionKey]: `${tenant}#${shardOf(recipient, SUPPRESSION_TABLE.index.shards)}`,
});

/** Every partition key value of a tenant's list (queried in parallel). */
export const tenantShards = (tenant: string): string[] =>
  Array.from({ length: SUPPRESSION_TABLE.index.shards }, (_, shard) => `${tenant}#${shard}`);

/** The CreateTable input for this definition (tests against dynalite; the stack declares the same). */
export function createSuppressionTableInput(tableName: string) {
  const { partitionKey, index } = SUPPRESSION_TABLE;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [partitionKey, index.partitionKey, index.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
          { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
        ],
        // An entry is a few hundred bytes: the page is read from the index, with no fetch.
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
