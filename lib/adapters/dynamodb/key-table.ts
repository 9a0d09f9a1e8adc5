/**
 * The DynamoDB tables of authentication, each one definition read by the adapters, the CDK stack and
 * the tests: API keys (by id; a tenant's keys through `byTenant`), and the rate counters (one item per
 * key and window, deleted by TTL once the window is over).
 */
export const KEY_TABLE = {
  partitionKey: 'id',
  indexes: { byTenant: { partitionKey: 'tenant', sortKey: 'createdAt' } },
} as const;

export const RATE_COUNTER_TABLE = {
  partitionKey: 'counter',
  /** Epoch seconds (a Number, as TTL requires): the end of the counter's window. */
  ttlAttribute: 'expiresAt',
} as const;

export function createKeyTableInput(tableName: string) {
  const { partitionKey, sortKey } = KEY_TABLE.indexes.byTenant;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: KEY_TABLE.partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [KEY_TABLE.partitionKey, partitionKey, sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byTenant',
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' as const },
          { AttributeName: sortKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}

/** The stack enables TTL on `RATE_COUNTER_TABLE.ttlAttribute`, which CreateTable cannot. */
export function createRateCounterTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: RATE_COUNTER_TABLE.partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [{ AttributeName: RATE_COUNTER_TABLE.partitionKey, AttributeType: 'S' as const }],
  };
}
