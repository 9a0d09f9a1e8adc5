/**
 * What the meter needs of a table: its key and its global secondary indexes (keys and projection),
 * read from a CreateTable input (the definitions under lib/adapters/dynamodb/) or a DescribeTable
 * answer: both name the fields alike.
 */
import type { GlobalSecondaryIndexDescription, KeySchemaElement } from '@aws-sdk/client-dynamodb';

export interface IndexShape {
  name: string;
  partitionKey: string;
  sortKey?: string | undefined;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** The non-key attributes an INCLUDE projection copies. */
  attributes: readonly string[];
}

export interface TableShape {
  /** The name the summaries use (a test's or the bench's tables have random names). */
  label: string;
  partitionKey: string;
  sortKey?: string | undefined;
  indexes: readonly IndexShape[];
}

interface TableDefinition {
  KeySchema?: readonly KeySchemaElement[] | undefined;
  GlobalSecondaryIndexes?:
    | readonly Pick<GlobalSecondaryIndexDescription, 'IndexName' | 'KeySchema' | 'Projection'>[]
    | undefined;
}

const keyOf = (schema: readonly KeySchemaElement[] | undefined, type: 'HASH' | 'RANGE') =>
  schema?.find((element) => element.KeyType === type)?.AttributeName;

export function shapeOf(label: string, definition: TableDefinition): TableShape {
  const partitionKey = keyOf(definition.KeySchema, 'HASH');
  if (!partitionKey) throw new Error(`table ${label} has no partition key`);
  return {
    label,
    partitionKey,
    sortKey: keyOf(definition.KeySchema, 'RANGE'),
    indexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => {
      const indexKey = keyOf(index.KeySchema, 'HASH');
      if (!index.IndexName || !indexKey) throw new Error(`an index of ${label} has no name or key`);
      return {
        name: index.IndexName,
        partitionKey: indexKey,
        sortKey: keyOf(index.KeySchema, 'RANGE'),
        projection: index.Projection?.ProjectionType ?? 'ALL',
        attributes: index.Projection?.NonKeyAttributes ?? [],
      };
    }),
  };
}
