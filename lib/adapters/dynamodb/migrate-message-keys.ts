import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageStatus } from '../../domain/message-status.js';
import { indexKeys, MESSAGE_TABLE } from './message-table.js';

/** Where a migration stopped: the Scan's LastEvaluatedKey (undefined: from the start). */
export type Checkpoint = Record<string, unknown> | undefined;

export interface MigrationProgress {
  scanned: number;
  updated: number;
  /** Items that already had the keys of their status (migrated before, or written by the new code). */
  current: number;
}

interface Stored {
  id: string;
  tenant: string;
  recipient: string;
  status: MessageStatus;
  [attribute: string]: unknown;
}

/** The attribute of the design before issue 15: `byTime`'s constant partition key. */
const LEGACY_LIST_ALL = 'listAll';

const KEY_ATTRIBUTES = [
  'timeShard',
  'recipientKey',
  'statusShard',
  MESSAGE_TABLE.statusKeysAttribute,
] as const;

const isCurrent = (item: Stored) => {
  const wanted: Record<string, unknown> = indexKeys(item);
  return (
    item[LEGACY_LIST_ALL] === undefined &&
    KEY_ATTRIBUTES.every((name) => JSON.stringify(item[name]) === JSON.stringify(wanted[name]))
  );
};

/**
 * Gives every message of the table the index keys of the current design (docs/dynamodb.md,
 * "Migrating"), page by page of a Scan: idempotent (an item that has them is left alone; writing them
 * again writes the same values) and resumable (`onPage` gets the checkpoint after each page; pass it
 * back as `from`). Each write is conditioned on the status read, so a message that moves meanwhile is
 * read again and keyed by its new status.
 */
export async function migrateMessageKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: {
    from?: Checkpoint;
    pageSize?: number;
    onPage?: (checkpoint: Checkpoint, progress: MigrationProgress) => Promise<void> | void;
  } = {},
): Promise<MigrationProgress> {
  const progress: MigrationProgress = { scanned: 0, updated: 0, current: 0 };
  let start = options.from;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: start,
        Limit: options.pageSize ?? 200,
        ConsistentRead: true,
        ProjectionExpression: [
          'id',
          'tenant',
          'recipient',
          '#status',
          LEGACY_LIST_ALL,
          ...KEY_ATTRIBUTES,
        ].join(', '),
        ExpressionAttributeNames: { '#status': 'status' },
      }),
    );
    for (const item of (page.Items ?? []) as Stored[]) {
      progress.scanned++;
      if (isCurrent(item)) progress.current++;
      else if (await migrateItem(client, tableName, item)) progress.updated++;
    }
    start = page.LastEvaluatedKey;
    await options.onPage?.(start, { ...progress });
  } while (start);
  return progress;
}

/** Writes one item's keys for the status it has; false if it is gone. */
async function migrateItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  read: Stored,
): Promise<boolean> {
  let item: Stored | undefined = read;
  for (let attempt = 0; item && attempt < 5; attempt++) {
    const keys: Record<string, unknown> = indexKeys(item);
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: item.id },
          UpdateExpression: `SET ${KEY_ATTRIBUTES.map((name) => `#${name} = :${name}`).join(', ')} REMOVE #listAll`,
          ConditionExpression: 'attribute_exists(#id) AND #status = :status',
          ExpressionAttributeNames: {
            '#id': MESSAGE_TABLE.partitionKey,
            '#status': 'status',
            '#listAll': LEGACY_LIST_ALL,
            ...Object.fromEntries(KEY_ATTRIBUTES.map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ':status': item.status,
            ...Object.fromEntries(KEY_ATTRIBUTES.map((name) => [`:${name}`, keys[name]])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Moved (or deleted) since it was read: key it by the status it has now.
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: item.id },
          ConsistentRead: true,
        }),
      );
      item = Item as Stored | undefined;
    }
  }
  if (item) throw new Error(`message ${item.id} kept changing status while being migrated`);
  return false;
}
