/**
 * The DynamoDB erasure jobs table: one definition read by the adapter, the CDK stack and the tests.
 * One item per job, found by GetItem on its id (a ULID): one write per erasure, no index.
 */
export const ERASURE_TABLE = { partitionKey: 'id' } as const;

/** The CreateTable input for this definition (tests against dynalite; the stack declares the same). */
export function createErasureTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [{ AttributeName: ERASURE_TABLE.partitionKey, KeyType: 'HASH' as const }],
    AttributeDefinitions: [{ AttributeName: ERASURE_TABLE.partitionKey, AttributeType: 'S' as const }],
  };
}
