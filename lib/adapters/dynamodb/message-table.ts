/**
 * The DynamoDB message table: one definition read by the adapter, the CDK stack and the tests, so the
 * keys and indexes cannot drift apart. Design and access patterns: docs/dynamodb.md.
 */
export const MESSAGE_TABLE = {
  partitionKey: 'id',
  /**
   * `${tenant}#${createdAt}#${id}`: every index sorts by it, newest first when read backwards, and a
   * list query's key condition keeps to its tenant's range.
   */
  sortAttribute: 'createdAtId',
  /** Epoch seconds; unset until a retention policy sets it. */
  ttlAttribute: 'expiresAt',
  /** Each list filter has an index partitioned by its value; `byTime` lists everything. */
  indexes: {
    byRecipient: { partitionKey: 'recipient' },
    byStatus: { partitionKey: 'status' },
    byType: { partitionKey: 'type' },
    byTime: { partitionKey: 'listAll' },
    /** Receipts find their message by the provider's id; sparse (set once a provider accepted). */
    byProviderMessageId: { partitionKey: 'providerMessageId' },
  },
  /** The message's events, a list appended to by the very write that changes the status. */
  eventsAttribute: 'events',
} as const;

export type MessageIndexName = keyof typeof MESSAGE_TABLE.indexes;

/** Filters that an index whose key is another filter applies after the key condition. */
export const FILTER_ATTRIBUTES = ['type', 'status'] as const;

/** The constant partition of the `byTime` index. */
export const LIST_ALL = 'MESSAGE';

/** The CreateTable input for this definition (tests against dynalite; the stack declares the same). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortAttribute, indexes } = MESSAGE_TABLE;
  const indexKeys = Object.values(indexes).map((index) => index.partitionKey);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [partitionKey, sortAttribute, ...indexKeys].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    GlobalSecondaryIndexes: Object.entries(indexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: sortAttribute, KeyType: 'RANGE' as const },
      ],
      // Keys plus what residual filters read: a list page then fetches its items by id, so a
      // 100 KB email is written once, not once per index.
      Projection: {
        ProjectionType: 'INCLUDE' as const,
        NonKeyAttributes: FILTER_ATTRIBUTES.filter((name) => name !== index.partitionKey),
      },
    })),
  };
}
