/**
 * The DynamoDB templates table: one definition read by the adapter, the CDK stack and the tests
 * (docs/dynamodb.md, "Templates"). One partition per tenant and template, `${tenant}#${name}`:
 * - version 0, the head: the last version number, `deletedAt`, and a copy of the last version
 *   (so that a send's "latest" is one GetItem); while live it carries `listTenant`, which puts it
 *   in the sparse index `byTenant` that `GET /templates` pages through by name;
 * - versions 1, 2, 3...: each PUT's content, never changed.
 */
export const TEMPLATE_TABLE = {
  partitionKey: 'templateKey',
  /** A Number: 0 for the head, the version for the others. */
  sortKey: 'version',
  headVersion: 0,
  indexes: { byTenant: { partitionKey: 'listTenant', sortKey: 'name' } },
} as const;

/** The partition key value of a tenant's template; neither holds `#` (TENANT_FORMAT, TEMPLATE_NAME_FORMAT). */
export const templateKey = (tenant: string, name: string): string => `${tenant}#${name}`;

export function createTemplateTableInput(tableName: string) {
  const { partitionKey, sortKey } = TEMPLATE_TABLE.indexes.byTenant;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema: [
      { AttributeName: TEMPLATE_TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TEMPLATE_TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    AttributeDefinitions: [
      { AttributeName: TEMPLATE_TABLE.partitionKey, AttributeType: 'S' as const },
      { AttributeName: TEMPLATE_TABLE.sortKey, AttributeType: 'N' as const },
      { AttributeName: partitionKey, AttributeType: 'S' as const },
      { AttributeName: sortKey, AttributeType: 'S' as const },
    ],
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
