import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MessageStatus } from '../../domain/message-status.js';
import { indexKeys, isMessageId, MESSAGE_TABLE } from './message-table.js';

/** Where a migration stopped: the Scan's LastEvaluatedKey (undefined: from the start). */
export type Checkpoint = Record<string, unknown> | undefined;

export interface MigrationProgress {
  scanned: number;
  updated: number;
  /** Items that already had the keys of their status (migrated before, or written by the new code). */
  current: number;
  /** Items of the table that are not messages (tenants' list layouts): left alone. */
  skipped: number;
}

/** A tenant's list layout as every writer and reader sees it (DynamoDbListLayouts). */
export interface ListLayouts {
  slottedSince(tenant: string): Promise<string | null>;
}

interface Stored {
  id: string;
  tenant: string;
  recipient: string;
  status: MessageStatus;
  createdAt: string;
  [attribute: string]: unknown;
}

/** The key attributes of the list index's design (`indexKeys`), set or removed by status. */
const KEY_ATTRIBUTES = [
  'listKey',
  'timeShard',
  'recipientKey',
  'rareStatusShard',
  MESSAGE_TABLE.statusKeysAttribute,
] as const;

/**
 * What earlier designs wrote and nothing reads any more: `listAll` (before issue 15), `statusShard`
 * and `statusKeys` (the class index, `byStatusClass`, which the rare status index replaces).
 */
const RETIRED_ATTRIBUTES = ['listAll', 'statusShard', 'statusKeys'] as const;

const wantedKeys = (item: Stored, slottedSince: string | null): Record<string, unknown> =>
  indexKeys(item, slottedSince);

const isCurrent = (item: Stored, wanted: Record<string, unknown>) =>
  RETIRED_ATTRIBUTES.every((name) => item[name] === undefined) &&
  KEY_ATTRIBUTES.every((name) => isDeepStrictEqual(item[name], wanted[name]));

/**
 * Gives every message of the table the index keys of the current design (docs/dynamodb.md,
 * "Migrating"), its list key in its tenant's layout at its creation, page by page of a Scan:
 * idempotent (an item that has them is left alone; writing them again writes the same values) and
 * resumable (`onPage` gets the checkpoint after each page; pass it back as `from`). Each write is
 * conditioned on the status read, so a message that moves meanwhile is read again and keyed by its
 * new status. Layout items are no messages: skipped.
 */
export async function migrateMessageKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  layouts: ListLayouts,
  options: {
    from?: Checkpoint;
    pageSize?: number;
    onPage?: (checkpoint: Checkpoint, progress: MigrationProgress) => Promise<void> | void;
  } = {},
): Promise<MigrationProgress> {
  const progress: MigrationProgress = { scanned: 0, updated: 0, current: 0, skipped: 0 };
  const read = ['id', 'tenant', 'recipient', 'status', 'createdAt', ...KEY_ATTRIBUTES, ...RETIRED_ATTRIBUTES];
  let start = options.from;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: start,
        Limit: options.pageSize ?? 200,
        ConsistentRead: true,
        ProjectionExpression: read.map((_, n) => `#a${n}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(read.map((name, n) => [`#a${n}`, name])),
      }),
    );
    for (const item of (page.Items ?? []) as Stored[]) {
      if (!isMessageId(item.id)) {
        progress.skipped++;
        continue;
      }
      progress.scanned++;
      if (isCurrent(item, wantedKeys(item, await layouts.slottedSince(item.tenant)))) progress.current++;
      else if (await migrateItem(client, tableName, layouts, item)) progress.updated++;
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
  layouts: ListLayouts,
  read: Stored,
): Promise<boolean> {
  let item: Stored | undefined = read;
  for (let attempt = 0; item && attempt < 5; attempt++) {
    const keys = wantedKeys(item, await layouts.slottedSince(item.tenant));
    const set = KEY_ATTRIBUTES.filter((name) => keys[name] !== undefined);
    // A status of no rare class has no entry in the rare status index: its key goes.
    const remove = [...RETIRED_ATTRIBUTES, ...KEY_ATTRIBUTES.filter((name) => keys[name] === undefined)];
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: item.id },
          UpdateExpression: `SET ${set.map((name) => `#${name} = :${name}`).join(', ')} REMOVE ${remove.map((name) => `#${name}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(#id) AND #status = :status',
          ExpressionAttributeNames: {
            '#id': MESSAGE_TABLE.partitionKey,
            '#status': 'status',
            ...Object.fromEntries([...set, ...remove].map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ':status': item.status,
            ...Object.fromEntries(set.map((name) => [`:${name}`, keys[name]])),
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
