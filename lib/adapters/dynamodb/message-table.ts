/**
 * The DynamoDB message table: one definition read by the adapter, the CDK stack, the migration and the
 * tests, so the keys and indexes cannot drift apart. Design, access patterns and how hot each key can
 * get: docs/dynamodb.md.
 */
import type { MessageStatus } from '../../domain/message-status.js';

/** How many partition key values a sharded index spreads a tenant over. */
export const SHARDS = {
  /** `byTimeShard`: written once per message. */
  time: 12,
  /** `byStatusClass`: its `live` class takes two writes per async message, a put and a delete. */
  status: 32,
} as const;

/**
 * The status index files a message under its status's class, not the status itself, and projects no
 * status: a change within a class touches neither its key nor what it holds, so it costs the index
 * nothing; a change across classes moves the entry (a delete and a put). The common life (pending,
 * sent, delivered) stays in `main`; `live` holds the statuses that wait for a worker (scheduled,
 * queued, sending); `failed` the rare final statuses of a message that did not go out (failed,
 * undelivered, canceled), so that asking for them reads little. A new class would be missing from
 * every existing item's `statusKeys`: statuses join an existing class.
 */
export const STATUS_CLASS = {
  pending: 'main',
  sent: 'main',
  delivered: 'main',
  queued: 'live',
  sending: 'live',
  scheduled: 'live',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
} as const satisfies Record<MessageStatus, string>;

export type StatusClass = (typeof STATUS_CLASS)[MessageStatus];
export const STATUS_CLASSES = ['main', 'live', 'failed'] as const satisfies readonly StatusClass[];

export const MESSAGE_TABLE = {
  partitionKey: 'id',
  /**
   * `${tenant}#${createdAt}#${id}`: every index sorts by it, newest first when read backwards; the
   * id breaks ties exactly as the API's order does.
   */
  sortAttribute: 'createdAtId',
  /** Epoch seconds; unset until a retention policy sets it. */
  ttlAttribute: 'expiresAt',
  /**
   * `projected`: the non-key attributes an index copies (none: keys only). Only attributes that a
   * residual filter reads, and that a status change does not touch, except where said.
   */
  indexes: {
    /** Every message of a tenant, newest first: `${tenant}#${shard}`; `type` filters residually. */
    byTimeShard: { partitionKey: 'timeShard', projected: ['type'], shards: SHARDS.time },
    /**
     * `${tenant}#${class}#${shard}`; `status` is not projected (a change within a class then writes
     * nothing here), so a status filter is the class's key condition, checked on the fetched records.
     */
    byStatusClass: { partitionKey: 'statusShard', projected: ['type'], shards: SHARDS.status },
    /** `${tenant}#${recipient}`: written once; a status filter with it reads the records. */
    byTenantRecipient: { partitionKey: 'recipientKey', projected: ['type'], shards: 1 },
  },
  /**
   * The status index key of each class, prepared at creation: DynamoDB's update expressions cannot
   * join strings, but can copy one attribute into another (`SET statusShard = statusKeys.failed`), so
   * a status change moves the entry without knowing the tenant.
   */
  statusKeysAttribute: 'statusKeys',
  /** The message's events, a list appended to by the very write that changes the status. */
  eventsAttribute: 'events',
} as const satisfies {
  indexes: Record<string, { partitionKey: string; projected: readonly string[]; shards: number }>;
} & Record<string, unknown>;

export type MessageIndexName = keyof typeof MESSAGE_TABLE.indexes;

/**
 * Indexes a deployed table may still have while a newer one replaces them: DynamoDB cannot change an
 * index's projection, and CloudFormation adds or deletes one index per stack update, not both
 * (docs/dynamodb.md, "Migrating"). The stack declares them only when asked (`keepRetiringIndexes`);
 * the adapter reads one while its successor is still backfilling.
 */
export const RETIRING_INDEXES = {
  /** `byStatusClass` before it: the same keys, with `status` projected (rewritten on every change). */
  byStatusShard: {
    partitionKey: 'statusShard',
    projected: ['type', 'status'],
    successor: 'byStatusClass',
  },
} as const satisfies Record<
  string,
  { partitionKey: string; projected: readonly string[]; successor: MessageIndexName }
>;

/**
 * The shard of a message id: FNV-1a over its characters, modulo `shards`. Ids are ULIDs whose last
 * 16 characters are random, so the shards fill evenly (test/unit/adapters/dynamodb.message-table).
 */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}

/** Every partition key value of a tenant's status class (queried in parallel). */
export const statusShards = (tenant: string, statusClass: StatusClass) =>
  Array.from({ length: SHARDS.status }, (_, shard) => `${tenant}#${statusClass}#${shard}`);

/** Every partition key value of a tenant's time index (queried in parallel). */
export const timeShards = (tenant: string) =>
  Array.from({ length: SHARDS.time }, (_, shard) => `${tenant}#${shard}`);

/** The key attributes of a message's index entries (tenant ids hold no `#`: TenantId). */
export function indexKeys(record: { id: string; tenant: string; recipient: string; status: MessageStatus }) {
  const statusShard = shardOf(record.id, SHARDS.status);
  const statusKeys = Object.fromEntries(
    STATUS_CLASSES.map((name) => [name, `${record.tenant}#${name}#${statusShard}`]),
  ) as Record<StatusClass, string>;
  return {
    timeShard: `${record.tenant}#${shardOf(record.id, SHARDS.time)}`,
    recipientKey: `${record.tenant}#${record.recipient}`,
    statusShard: statusKeys[STATUS_CLASS[record.status]],
    [MESSAGE_TABLE.statusKeysAttribute]: statusKeys,
  };
}

/** One index of the table as CreateTable (and CloudFormation) declare it. */
export function indexInput(name: string, index: { partitionKey: string; projected: readonly string[] }) {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: MESSAGE_TABLE.sortAttribute, KeyType: 'RANGE' as const },
    ],
    // Keys plus what residual filters read: a list page then fetches its items by id, so a
    // 100 KB email is written once, not once per index.
    Projection:
      index.projected.length > 0
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projected] }
        : { ProjectionType: 'KEYS_ONLY' as const },
  };
}

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
    GlobalSecondaryIndexes: Object.entries(indexes).map(([name, index]) => indexInput(name, index)),
  };
}
