/**
 * The DynamoDB message table: one definition read by the adapter, the CDK stack, the migration and the
 * tests, so the keys and indexes cannot drift apart. Design, access patterns and how hot each key can
 * get: docs/dynamodb.md.
 */
import type { MessageRecord } from '../../domain/message.schema.js';
import type { MessageStatus } from '../../domain/message-status.js';

/** How many partition key values a sharded index spreads a tenant over. */
export const SHARDS = {
  /** `byRareStatus`: a scheduled message takes two writes there, a put and a delete. */
  status: 32,
  /** `byTimeShard` (retiring): still keyed on every message until the list index replaces it. */
  time: 12,
} as const;

/**
 * How a tenant's messages are laid out in the list index (docs/dynamodb.md, "The list index"). A
 * tenant whose keys allow at most `singleUpTo` sends a second in all keeps one partition (its page is
 * one Query); above that its messages created from `slottedSince` on fill `slots` partitions in turn,
 * `slotMs` each, so that each partition takes 1/`slots` of every second and the newest page of a
 * busy tenant lies in one or two of them. The change applies `noticeMs` after it is made, by when
 * every process has read the layout again (each keeps it `cacheMs`), so writers and readers agree on
 * the layout of every instant.
 */
export const LIST_LAYOUT = {
  singleUpTo: 200,
  slots: 48,
  slotMs: 20,
  noticeMs: 120_000,
  cacheMs: 60_000,
} as const;

/**
 * `byRareStatus` holds only the messages whose status is in a class below: the rare statuses a
 * person asks for (the scheduled ones, and those that did not go out). Every other status is a
 * residual filter on the list index, which projects it. A message enters the index when its status
 * enters a class, moves when the class changes, and leaves when the status has none.
 */
export const STATUS_CLASS = {
  pending: null,
  sent: null,
  delivered: null,
  queued: null,
  sending: null,
  scheduled: 'scheduled',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
} as const satisfies Record<MessageStatus, string | null>;

export type StatusClass = NonNullable<(typeof STATUS_CLASS)[MessageStatus]>;
export const STATUS_CLASSES = ['scheduled', 'failed'] as const satisfies readonly StatusClass[];

/** The attributes every message item holds as the API does. */
export const RECORD_FIELDS = [
  'id',
  'tenant',
  'type',
  'recipient',
  'subject',
  'content',
  'status',
  'provider',
  'providerMessageId',
  'error',
  'attempts',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof MessageRecord)[];

/** Those a templated message holds besides (absent on one sent with `content`). */
export const TEMPLATE_FIELDS = [
  'template',
  'templateVersion',
  'html',
  'metaTemplate',
] as const satisfies readonly (keyof MessageRecord)[];

/** What a list page answers, projected into the list index so that a page is its Queries alone. */
export const LIST_PROJECTION = [
  ...RECORD_FIELDS.filter((field) => field !== 'id'),
  ...TEMPLATE_FIELDS,
  'resendOf',
  'resentAs',
  'sendAt',
  'metadata',
  'contentDigest',
  'expiresAt',
] as const;

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
   * `projected`: the non-key attributes an index copies (none: keys only). Every index but the list
   * index projects only what a residual filter reads and a status change does not touch.
   */
  indexes: {
    /**
     * Every message of a tenant, newest first, with its record: `${tenant}` (one partition) or
     * `${tenant}#${slot}` (LIST_LAYOUT). Rewritten on every status change; `type` and `status`
     * filter residually.
     */
    byList: { partitionKey: 'listKey', projected: LIST_PROJECTION, shards: LIST_LAYOUT.slots },
    /** `${tenant}#${class}#${shard}`, sparse (STATUS_CLASS); `status` checked on the fetched records. */
    byRareStatus: { partitionKey: 'rareStatusShard', projected: ['type'], shards: SHARDS.status },
    /** `${tenant}#${recipient}`: written once; a status filter with it reads the records. */
    byTenantRecipient: { partitionKey: 'recipientKey', projected: ['type'], shards: 1 },
  },
  /**
   * The rare status index key of each class, prepared at creation: DynamoDB's update expressions
   * cannot join strings, but can copy one attribute into another (`SET rareStatusShard =
   * rareStatusKeys.failed`), so a status change moves the entry without knowing the tenant.
   */
  statusKeysAttribute: 'rareStatusKeys',
  /** The message's events, a list appended to by the very write that changes the status. */
  eventsAttribute: 'events',
  /** The item holding a tenant's list layout (`slottedSince`): an id no ULID can take. */
  layoutId: (tenant: string) => `layout#${tenant}`,
} as const satisfies {
  indexes: Record<string, { partitionKey: string; projected: readonly string[]; shards: number }>;
} & Record<string, unknown>;

export type MessageIndexName = keyof typeof MESSAGE_TABLE.indexes;

/**
 * Indexes a deployed table may still have while newer ones replace them: CloudFormation adds or
 * deletes one index per stack update, not several (docs/dynamodb.md, "Migrating"). The stack declares
 * them only when asked (`keepRetiringIndexes`); while the list index is still backfilling, a list is
 * answered from `byTimeShard`, whose key every message keeps getting until the index is dropped.
 */
export const RETIRING_INDEXES = {
  /** Before the list index: keys and `type`, records fetched by id. */
  byTimeShard: { partitionKey: 'timeShard', projected: ['type'], successor: 'byList' },
  /** Before `byRareStatus`: every status in a class, `status` checked on the fetched records. */
  byStatusClass: { partitionKey: 'statusShard', projected: ['type'], successor: 'byRareStatus' },
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

/** Every partition key value of a tenant's rare status class (queried in parallel). */
export const statusShards = (tenant: string, statusClass: StatusClass) =>
  Array.from({ length: SHARDS.status }, (_, shard) => `${tenant}#${statusClass}#${shard}`);

/** Every partition key value of a tenant's retiring time index (queried in parallel). */
export const timeShards = (tenant: string) =>
  Array.from({ length: SHARDS.time }, (_, shard) => `${tenant}#${shard}`);

/** The list slot of an instant (epoch ms): each takes `slotMs` in turn. */
export const slotOf = (ms: number) => Math.floor(ms / LIST_LAYOUT.slotMs) % LIST_LAYOUT.slots;

/** Every list partition of a slotted tenant. */
export const listSlots = (tenant: string) =>
  Array.from({ length: LIST_LAYOUT.slots }, (_, slot) => `${tenant}#${slot}`);

/**
 * The list partition of a message: the tenant's one partition, or, created at or after the tenant's
 * `slottedSince` (both ISO-8601 UTC with milliseconds, so they compare as text), its instant's slot.
 */
export const listKeyOf = (tenant: string, createdAt: string, slottedSince: string | null) =>
  slottedSince !== null && createdAt >= slottedSince ? `${tenant}#${slotOf(Date.parse(createdAt))}` : tenant;

/** The key attributes of a message's index entries (tenant ids hold no `#`: TenantId). */
export function indexKeys(
  record: { id: string; tenant: string; recipient: string; status: MessageStatus; createdAt: string },
  slottedSince: string | null,
) {
  const statusShard = shardOf(record.id, SHARDS.status);
  const statusKeys = Object.fromEntries(
    STATUS_CLASSES.map((name) => [name, `${record.tenant}#${name}#${statusShard}`]),
  ) as Record<StatusClass, string>;
  const statusClass = STATUS_CLASS[record.status];
  return {
    listKey: listKeyOf(record.tenant, record.createdAt, slottedSince),
    timeShard: `${record.tenant}#${shardOf(record.id, SHARDS.time)}`,
    recipientKey: `${record.tenant}#${record.recipient}`,
    ...(statusClass ? { rareStatusShard: statusKeys[statusClass] } : {}),
    [MESSAGE_TABLE.statusKeysAttribute]: statusKeys,
  };
}

/**
 * Whether an id can be a message's: DynamoDB refuses empty and oversized keys with an error, and no
 * message id (a ULID) holds a `#`, which the table's other items (a tenant's list layout) do.
 */
export const isMessageId = (id: string) => id.length > 0 && id.length <= 64 && !id.includes('#');

/** One index of the table as CreateTable (and CloudFormation) declare it. */
export function indexInput(name: string, index: { partitionKey: string; projected: readonly string[] }) {
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: MESSAGE_TABLE.sortAttribute, KeyType: 'RANGE' as const },
    ],
    // Keys plus what residual filters read, or (the list index) what a page answers.
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
