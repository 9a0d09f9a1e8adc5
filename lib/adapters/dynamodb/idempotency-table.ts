/**
 * The DynamoDB idempotency table: one definition read by the adapter, the CDK stack and the tests.
 * One item per (scope, key), found by GetItem only; DynamoDB's TTL deletes expired items, lazily
 * (up to days later), so the adapter also treats an item whose `expiresAt` has passed as absent.
 */
export const IDEMPOTENCY_TABLE = {
  /** `${encodeURIComponent(scope)}#${key}`: the encoded scope holds no `#`, so no two pairs collide. */
  partitionKey: 'scopeKey',
  /** Epoch seconds (a Number, as TTL requires): the lease while in progress, then the retention. */
  ttlAttribute: 'expiresAt',
  /**
   * `byMessage`: the kept answers that hold a message, by `${scopeKey}#${messageId}` (`messageKey`,
   * set when the answer is kept; sparse, keys only), so that erasing the message deletes them.
   */
  messageIndex: { name: 'byMessage', partitionKey: 'messageKey' },
} as const;

/** The `messageKey` of a scope's answer that holds a message. */
export const messageKey = (scope: string, messageId: string): string =>
  `${encodeURIComponent(scope)}#${messageId}`;

/** The partition key value of a scope and key. */
export const scopeKey = (scope: string, key: string): string => `${encodeURIComponent(scope)}#${key}`;

/**
 * The CreateTable input for this definition (tests against dynalite; the stack declares the same and
 * enables TTL on `IDEMPOTENCY_TABLE.ttlAttribute`, which CreateTable cannot).
 */
export function createIdempotencyTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [IDEMPOTENCY_TABLE.partitionKey, IDEMPOTENCY_TABLE.messageIndex.partitionKey].map(
      (name) => ({ AttributeName: name, AttributeType: 'S' as const }),
    ),
    GlobalSecondaryIndexes: [
      {
        IndexName: IDEMPOTENCY_TABLE.messageIndex.name,
        KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.messageIndex.partitionKey, KeyType: 'HASH' as const }],
        Projection: { ProjectionType: 'KEYS_ONLY' as const },
      },
    ],
  };
}
