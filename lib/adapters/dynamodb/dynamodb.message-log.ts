import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/clock.js';
import { decodeCursor, encodeCursor, POSITION } from '../../domain/cursor.js';
import { asError } from '../../domain/errors.js';
import {
  type ContentDigest,
  ERASED,
  type MessageEvent,
  type MessageRecord,
  type TenantListQuery,
} from '../../domain/message.schema.js';
import type { MessageStatus } from '../../domain/message-status.js';
import {
  checkTransition,
  type Erasure,
  eventOf,
  type MessageLog,
  type MessageLogOptions,
  type MessagePage,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../../ports/message-log.js';
import { expiresAtOf, isExpired } from '../../privacy/retention.js';
import { DynamoDbListLayouts } from './dynamodb.list-layouts.js';
import {
  indexKeys,
  isMessageId,
  LIST_LAYOUT,
  listSlots,
  MESSAGE_TABLE,
  type MessageIndexName,
  RECORD_FIELDS,
  RETIRING_INDEXES,
  STATUS_CLASS,
  slotOf,
  statusShards,
  TEMPLATE_FIELDS,
  timeShards,
} from './message-table.js';
import { METADATA_TABLE, metadataItems, metadataShards } from './metadata-table.js';

type Key = Record<string, string>;

// BatchWriteItem takes at most 25 requests; unprocessed items are written again up to 4 times.
const BATCH_WRITE_MAX = 25;
// BatchGetItem takes at most 100 keys.
const BATCH_GET_MAX = 100;
const UNPROCESSED_ROUNDS = 5;

// Tenant ids hold no `#` (TenantId): the tenant is the sort key's prefix, and '$' (the character
// after '#') bounds a tenant's range from above.
const sortKey = (record: Pick<MessageRecord, 'tenant' | 'createdAt' | 'id'>) =>
  `${record.tenant}#${record.createdAt}#${record.id}`;
const tenantStart = (tenant: string) => `${tenant}#`;
const tenantEnd = (tenant: string) => `${tenant}$`;

/** `[createdAt, id]` of an index key (`createdAtId` is `${tenant}#${createdAt}#${id}`, the id may hold a `#`). */
const positionOf = (key: Key): [string, string] => {
  const id = String(key[MESSAGE_TABLE.partitionKey]);
  const full = String(key[MESSAGE_TABLE.sortAttribute]);
  const combined = full.slice(full.indexOf('#') + 1);
  return [combined.slice(0, combined.length - id.length - 1), id];
};

// Absent, not null, until a provider accepted the message: as items were written while it keyed an
// index (dropped: receipts carry our id, docs/receipts.md), so that old and new items read alike.
const PROVIDER_ID = 'providerMessageId';
const STATUS_SHARD = MESSAGE_TABLE.indexes.byRareStatus.partitionKey;
const RECIPIENT_KEY = MESSAGE_TABLE.indexes.byTenantRecipient.partitionKey;
const EXPIRES_AT = MESSAGE_TABLE.ttlAttribute;

/** The item of a new record; `expiresAt` (epoch s) is its TTL, which deletes it with its events. */
const toItem = (record: MessageRecord, expiresAt: number | undefined, slottedSince: string | null) => {
  const { [PROVIDER_ID]: providerMessageId, ...rest } = record;
  return {
    ...rest,
    ...(providerMessageId === null ? {} : { [PROVIDER_ID]: providerMessageId }),
    ...indexKeys(record, slottedSince),
    [MESSAGE_TABLE.sortAttribute]: sortKey(record),
    [MESSAGE_TABLE.eventsAttribute]: [eventOf({ ...record, updatedAt: record.createdAt })],
    ...(expiresAt === undefined ? {} : { [EXPIRES_AT]: expiresAt }),
  };
};

/** The record of a message item (a read, or a stream image once unmarshalled). */
export const toRecord = (item: Record<string, unknown>): MessageRecord => {
  const record = Object.fromEntries(
    RECORD_FIELDS.map((field) => [field, item[field] ?? null]),
  ) as MessageRecord;
  // Absent, not null, on a message that is no resend / was never resent / was not scheduled.
  if (typeof item.resendOf === 'string') record.resendOf = item.resendOf;
  if (Array.isArray(item.resentAs)) record.resentAs = item.resentAs as string[];
  // Absent on a message sent with `content`.
  for (const field of TEMPLATE_FIELDS)
    if (item[field] !== undefined && item[field] !== null) Object.assign(record, { [field]: item[field] });
  if (typeof item.sendAt === 'string') record.sendAt = item.sendAt;
  if (item.metadata && typeof item.metadata === 'object')
    record.metadata = item.metadata as Record<string, string>;
  if (item.contentDigest) record.contentDigest = item.contentDigest as ContentDigest;
  return record;
};

/**
 * How a list query is answered: the index of its most selective filter, the partition key values to
 * query (a tenant's shards, in parallel; for the list index, its layout's), the filters the index's
 * projection can apply after the key condition, and those only the records can.
 */
interface Plan {
  /** An index of the message table (or one it is replacing), or `metadata`: the metadata table itself. */
  index: MessageIndexName | RetiringIndexName | 'metadata';
  partitions: string[];
  residual: Partial<Record<'type' | 'status', string>>;
  onRecords: Partial<Record<'status' | 'type' | 'recipient', string>>;
}

type RetiringIndexName = keyof typeof RETIRING_INDEXES;
const INDEX_KEYS: Record<MessageIndexName | RetiringIndexName, { partitionKey: string }> = {
  ...MESSAGE_TABLE.indexes,
  ...RETIRING_INDEXES,
};

/**
 * DynamoDB's answer to a Query on an index being backfilled (added by the deployment before: it
 * cannot be read until ACTIVE), or on one the table does not have yet.
 */
const isUnreadableIndex = (error: unknown) =>
  error instanceof Error &&
  error.name === 'ValidationException' &&
  /backfilling global secondary index|does not have the specified index/.test(error.message);

function plan(query: TenantListQuery): Plan {
  const { tenant, type, status } = query;
  const typeFilter = type ? { type } : {};
  if (query.metadata) {
    // The metadata items hold only keys: every other filter is checked on the fetched records.
    return {
      index: 'metadata',
      partitions: metadataShards(tenant, query.metadata.key, query.metadata.value),
      residual: {},
      onRecords: {
        ...typeFilter,
        ...(status ? { status } : {}),
        ...(query.recipient ? { recipient: query.recipient } : {}),
      },
    };
  }
  if (query.recipient) {
    return {
      index: 'byTenantRecipient',
      partitions: [`${tenant}#${query.recipient}`],
      residual: typeFilter,
      onRecords: status ? { status } : {},
    };
  }
  const statusClass = status ? STATUS_CLASS[status] : null;
  if (status && statusClass) {
    // The class's key, not the status's: a change within a class does not write the index.
    return {
      index: 'byRareStatus',
      partitions: statusShards(tenant, statusClass),
      residual: typeFilter,
      onRecords: { status },
    };
  }
  return listPlan(query);
}

/** The list index projects the records: every filter is residual, and nothing is fetched. */
const listPlan = ({ type, status }: TenantListQuery): Plan => ({
  index: 'byList',
  partitions: [],
  residual: { ...(type ? { type } : {}), ...(status ? { status } : {}) },
  onRecords: {},
});

/**
 * The plan for an index that cannot be read yet (added by the deployment before, still backfilling):
 * a rare status from the list index, the list from the index it replaces (docs/dynamodb.md, Migrating).
 */
function fallbackOf(planned: Plan, query: TenantListQuery): Plan | undefined {
  if (planned.index === 'byRareStatus') return listPlan(query);
  if (planned.index !== 'byList') return undefined;
  return {
    index: 'byTimeShard',
    partitions: timeShards(query.tenant),
    residual: query.type ? { type: query.type } : {},
    onRecords: query.status ? { status: query.status } : {},
  };
}

/** A FilterExpression of equalities (undefined: none), with its names and values. */
function residualFilter(residual: Plan['residual']) {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const parts: string[] = [];
  for (const [attribute, wanted] of Object.entries(residual)) {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = wanted;
    parts.push(`#${attribute} = :${attribute}`);
  }
  return { expression: parts.length > 0 ? parts.join(' AND ') : undefined, names, values };
}

/**
 * With a filter, how many index items one Query reads, how many Queries one page may take, and how
 * many records one page may fetch to check filters no index holds (a status): a rare match then
 * answers a short page with a cursor, in bounded time and capacity, rather than reading on.
 */
export interface ListBounds {
  itemsPerQuery: number;
  queriesPerPage: number;
  recordsPerPage: number;
}

const LIST_BOUNDS: ListBounds = { itemsPerQuery: 250, queriesPerPage: 8, recordsPerPage: BATCH_GET_MAX };

/** One partition's progress through a page: where its next Query starts, and whether it is read out. */
interface Partition {
  value: string;
  startKey?: Key | undefined;
  done: boolean;
}

/** The id at the end of a sort key (`${tenant}#${createdAt}#${id}`; createdAt holds no `#`). */
const idOf = (sort: string, tenant: string) => {
  const rest = sort.slice(tenant.length + 1);
  return rest.slice(rest.indexOf('#') + 1);
};

/** An update that copies a prepared status key the item does not have (written before them). */
const isMissingStatusKeys = (error: unknown) =>
  error instanceof Error &&
  error.name === 'ValidationException' &&
  /attribute that does not exist/.test(error.message);

/**
 * Where a page resumes below its cursor: the cursor's sort key (the page's inclusive upper bound,
 * the one key equal to it skipped) and instant; undefined without a cursor, or for one at or past
 * `to` (a cursor from a wider query: the page starts at `to`); null for one before `from` (the page
 * is empty).
 */
function resumeOf(query: TenantListQuery): { key: string; createdAt: string } | null | undefined {
  if (!query.cursor) return undefined;
  const [createdAt, id] = decodeCursor(query.cursor, POSITION);
  if (query.from && createdAt < query.from) return null;
  if (query.to && createdAt >= query.to) return undefined;
  return { key: sortKey({ tenant: query.tenant, createdAt, id }), createdAt };
}

/**
 * A page of `items` (complete, newest first, fewer than `limit + 1`) continued by an older part of the
 * query, `older(limit)`: the rest of the page, or, with the page full, whether anything is left.
 */
async function thenOlder(
  items: MessageRecord[],
  limit: number,
  older: (limit: number) => Promise<MessagePage>,
): Promise<MessagePage> {
  const left = limit - items.length;
  const rest = await older(Math.max(left, 1));
  if (left > 0) return { items: [...items, ...rest.items], nextCursor: rest.nextCursor };
  const last = items.at(-1);
  const more = rest.items.length > 0 || rest.nextCursor !== null;
  return { items, nextCursor: last && more ? encodeCursor([last.createdAt, last.id]) : null };
}

/**
 * The message log on DynamoDB: GetItem by id, and every list query a Query on the index of its most
 * selective filter, sorted by time; no Scan. Status changes are conditional writes.
 */
export class DynamoDbMessageLog implements MessageLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    bounds: Partial<ListBounds> = {},
    /** The metadata index (METADATA_TABLE_NAME): needed to log a message with metadata, or filter by it. */
    private readonly metadataTableName?: string,
    private readonly options: MessageLogOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.scan = { ...LIST_BOUNDS, ...bounds };
    this.layouts = new DynamoDbListLayouts(client, tableName, this.clock);
  }

  private readonly clock: Clock;
  private readonly scan: ListBounds;
  /** Each tenant's list layout, read once a minute per tenant (docs/dynamodb.md, the list index). */
  private readonly layouts: DynamoDbListLayouts;

  /** An item that has expired is as good as absent: TTL deletes it lazily (typically within days). */
  private expired(item: Record<string, unknown>): boolean {
    return isExpired(item[EXPIRES_AT], this.clock());
  }

  private metadataTable(): string {
    if (!this.metadataTableName)
      throw new Error('the metadata table (METADATA_TABLE_NAME) is not configured');
    return this.metadataTableName;
  }

  /**
   * The index items first, then the message: an item whose message was never written is skipped by
   * the list (it fetches the records by id), so no transaction is needed (it would double the cost).
   */
  private async indexMetadata(record: MessageRecord): Promise<void> {
    const items = metadataItems(record);
    if (items.length === 0) return;
    const tableName = this.metadataTable();
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
      if (round > 8) throw new Error('BatchWriteItem kept leaving metadata items unprocessed');
      const { UnprocessedItems } = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
    }
  }

  /** The record's item, with its expiry where the tenant's messages expire, in its tenant's layout. */
  private async itemOf(record: MessageRecord) {
    const { retention } = this.options;
    return toItem(
      record,
      retention && expiresAtOf(retention, record.tenant, record.createdAt),
      await this.layouts.slottedSince(record.tenant),
    );
  }

  async create(record: MessageRecord): Promise<void> {
    await this.indexMetadata(record);
    const item = await this.itemOf(record);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': MESSAGE_TABLE.partitionKey },
        }),
      );
    } catch (error) {
      // The SDK retries a put whose answer was lost; the retry then finds the first attempt's item.
      // That is this very record, written: not a conflict.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(record.id);
      if (!existing || existing.createdAt !== record.createdAt || existing.content !== record.content)
        throw error;
    }
    if (record.resendOf) await this.linkResend(record.resendOf, record.id);
  }

  /**
   * BatchWriteItem, 25 puts a call, without the create's condition (BatchWriteItem takes none): the
   * ids are ULIDs this very request made, so no other writer can hold one yet, and the one repeat a
   * put can meet is the SDK's retry of the same call, which writes the same item before any job
   * exists (docs/dynamodb.md, *Batch writes*). Items DynamoDB leaves unprocessed are written again
   * after a backoff; those still unwritten, and a call that failed, fall back to the conditional
   * `create` one by one, which also tells a record its lost answer did write from one it did not.
   */
  async createMany(records: readonly MessageRecord[]): Promise<(Error | undefined)[]> {
    const outcomes = new Map<string, Error | undefined>();
    // A resend links its original, and metadata is indexed before its message: those go one by one.
    const oneByOne = (record: MessageRecord) => Boolean(record.resendOf || record.metadata);
    const batchable = records.filter((record) => !oneByOne(record));
    const chunks: MessageRecord[][] = [];
    for (let i = 0; i < batchable.length; i += BATCH_WRITE_MAX)
      chunks.push(batchable.slice(i, i + BATCH_WRITE_MAX));
    const left: MessageRecord[] = records.filter(oneByOne);
    await Promise.all(
      chunks.map(async (chunk) => {
        const unwritten = await this.batchWrite(chunk);
        for (const record of chunk) if (!unwritten.has(record.id)) outcomes.set(record.id, undefined);
        left.push(...chunk.filter((record) => unwritten.has(record.id)));
      }),
    );
    await Promise.all(
      left.map((record) =>
        this.create(record).then(
          () => outcomes.set(record.id, undefined),
          (error: unknown) => outcomes.set(record.id, asError(error)),
        ),
      ),
    );
    return records.map((record) => outcomes.get(record.id));
  }

  /** Writes one chunk; answers the ids not (known to be) written. */
  private async batchWrite(chunk: readonly MessageRecord[]): Promise<Set<string>> {
    let pending = await Promise.all(
      chunk.map(async (record) => ({ PutRequest: { Item: await this.itemOf(record) } })),
    );
    for (let round = 0; pending.length > 0 && round < UNPROCESSED_ROUNDS; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
      try {
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
      } catch {
        break; // the fallback writes (or confirms) each one
      }
    }
    return new Set(pending.map((request) => String(request.PutRequest.Item[MESSAGE_TABLE.partitionKey])));
  }

  /**
   * Adds a resend to its original's `resentAs`: a second write after the resend's put (a
   * transaction would double both writes' cost for a rare action). Once only, so that a retried
   * create links once; if the process stops between the two, the resend still names its original.
   */
  private async linkResend(original: string, resend: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: original },
          UpdateExpression: 'SET #resentAs = list_append(if_not_exists(#resentAs, :none), :resend)',
          ConditionExpression: 'attribute_exists(#id) AND NOT contains(#resentAs, :id)',
          ExpressionAttributeNames: { '#id': MESSAGE_TABLE.partitionKey, '#resentAs': 'resentAs' },
          ExpressionAttributeValues: { ':none': [], ':resend': [resend], ':id': resend },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async updateStatus(
    id: string,
    expected: MessageStatus | StatusExpectation,
    change: StatusChange,
  ): Promise<MessageRecord> {
    const expectation = checkTransition(expected, change.status);
    try {
      return await this.write(id, expectation, change, '#updatedAt <= :updatedAt');
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Either another writer moved the record, or its updatedAt is ahead of our clock: keep it then.
    const current = await this.get(id);
    if (current?.status !== expectation.status) throw new StaleStatusError(id, expectation.status);
    try {
      return await this.write(
        id,
        expectation,
        { ...change, updatedAt: current.updatedAt },
        '#updatedAt = :updatedAt',
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new StaleStatusError(id, expectation.status);
      throw error;
    }
  }

  private async write(
    id: string,
    expected: StatusExpectation,
    change: StatusChange,
    clockCondition: string,
    moveStatusEntry = true,
  ): Promise<MessageRecord> {
    const { detail: _detail, ...fields } = change;
    const set = Object.entries(fields).filter(
      ([name, value]) => value !== undefined && !(name === PROVIDER_ID && value === null),
    );
    const remove: string[] = fields[PROVIDER_ID] === null ? [PROVIDER_ID] : [];
    const names: Record<string, string> = {
      '#id': MESSAGE_TABLE.partitionKey,
      '#status': 'status',
      '#updatedAt': 'updatedAt',
      '#events': MESSAGE_TABLE.eventsAttribute,
    };
    const values: Record<string, unknown> = {
      ':expected': expected.status,
      ':event': [eventOf(change)],
      ':none': [],
    };
    for (const [name, value] of set) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
    }
    for (const name of remove) names[`#${name}`] = name;
    const conditions = ['attribute_exists(#id)', '#status = :expected', clockCondition];
    if (expected.attempts !== undefined) {
      names['#attempts'] = 'attempts';
      values[':expectedAttempts'] = expected.attempts;
      conditions.push('#attempts = :expectedAttempts');
    }
    if (expected.updatedBefore !== undefined) {
      values[':updatedBefore'] = expected.updatedBefore;
      conditions.push('#updatedAt < :updatedBefore');
    }
    const updates = [
      ...set.map(([name]) => `#${name} = :${name}`),
      '#events = list_append(if_not_exists(#events, :none), :event)',
    ];
    // The rare status index entry follows the status's class, from the keys prepared at creation,
    // and leaves with a status of no class. An item written before them (not yet migrated:
    // scripts/migrate-dynamodb.ts) keeps its entry as it is.
    const statusClass = STATUS_CLASS[change.status];
    if (moveStatusEntry) {
      names[`#${STATUS_SHARD}`] = STATUS_SHARD;
      if (statusClass) {
        names['#statusKeys'] = MESSAGE_TABLE.statusKeysAttribute;
        names['#class'] = statusClass;
        updates.push(`#${STATUS_SHARD} = #statusKeys.#class`);
      } else remove.push(STATUS_SHARD);
    }
    let answer: { Attributes?: Record<string, unknown> | undefined };
    try {
      answer = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: id },
          UpdateExpression: `SET ${updates.join(', ')}${remove.length ? ` REMOVE ${remove.map((n) => `#${n}`).join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
    } catch (error) {
      if (moveStatusEntry && isMissingStatusKeys(error))
        return this.write(id, expected, change, clockCondition, false);
      throw error;
    }
    const { Attributes } = answer;
    if (!Attributes) throw new Error(`UpdateItem on ${id} returned no attributes`);
    return toRecord(Attributes);
  }

  async get(id: string): Promise<MessageRecord | undefined> {
    if (!isMessageId(id)) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [MESSAGE_TABLE.partitionKey]: id },
        ConsistentRead: true,
      }),
    );
    return Item && !this.expired(Item) ? toRecord(Item) : undefined;
  }

  async erase(id: string, erasure: Erasure): Promise<boolean> {
    if (!isMessageId(id)) return false;
    // The events are rewritten whole (their details cleared): the write is conditioned on their
    // count as read, so that an event a status change appends meanwhile is not lost (read again).
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [MESSAGE_TABLE.partitionKey]: id },
          ConsistentRead: true,
        }),
      );
      if (!Item || Item.tenant !== erasure.tenant) return false;
      const names: Record<string, string> = {
        '#id': MESSAGE_TABLE.partitionKey,
        '#tenant': 'tenant',
        '#recipient': 'recipient',
        '#recipientKey': RECIPIENT_KEY,
        '#content': 'content',
        '#digest': 'contentDigest',
        '#metaTemplate': 'metaTemplate',
        '#events': MESSAGE_TABLE.eventsAttribute,
      };
      const values: Record<string, unknown> = {
        ':tenant': erasure.tenant,
        ':hash': erasure.recipientHash,
        ':key': `${erasure.tenant}#${erasure.recipientHash}`,
        ':erased': ERASED,
      };
      const set = ['#recipient = :hash', '#recipientKey = :key', '#content = :erased'];
      const conditions = ['attribute_exists(#id)', '#tenant = :tenant'];
      const events = Item[MESSAGE_TABLE.eventsAttribute];
      if (Array.isArray(events)) {
        values[':events'] = events.map((event: MessageEvent) => ({ ...event, detail: null }));
        values[':count'] = events.length;
        set.push('#events = :events');
        conditions.push('size(#events) = :count');
      } else {
        conditions.push('attribute_not_exists(#events)');
      }
      if (typeof Item.subject === 'string') {
        names['#subject'] = 'subject';
        set.push('#subject = :erased');
      }
      if (typeof Item.html === 'string') {
        names['#html'] = 'html';
        set.push('#html = :erased');
      }
      if (Item.error && typeof Item.error === 'object') {
        names['#error'] = 'error';
        names['#message'] = 'message';
        set.push('#error.#message = :erased');
      }
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { [MESSAGE_TABLE.partitionKey]: id },
            UpdateExpression: `SET ${set.join(', ')} REMOVE #digest, #metaTemplate`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return true;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 5) throw error;
      }
    }
  }

  async listEvents(id: string): Promise<MessageEvent[]> {
    if (!isMessageId(id)) return [];
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [MESSAGE_TABLE.partitionKey]: id },
        ProjectionExpression: '#events, #expiresAt',
        ExpressionAttributeNames: { '#events': MESSAGE_TABLE.eventsAttribute, '#expiresAt': EXPIRES_AT },
        ConsistentRead: true,
      }),
    );
    if (!Item || this.expired(Item)) return [];
    return (Item[MESSAGE_TABLE.eventsAttribute] as MessageEvent[] | undefined) ?? [];
  }

  async list(query: TenantListQuery): Promise<MessagePage> {
    let planned = plan(query);
    for (;;) {
      try {
        return planned.index === 'byList'
          ? await this.listByLayout(planned, query)
          : await this.listBy(planned, query);
      } catch (error) {
        // Between the deployment that adds an index and its end of backfilling, another one answers.
        const fallback = isUnreadableIndex(error) ? fallbackOf(planned, query) : undefined;
        if (!fallback) throw error;
        planned = fallback;
      }
    }
  }

  /**
   * The list index in the tenant's layout: one partition; or, from `slottedSince` on, the slots, newer
   * than anything in the one partition (docs/dynamodb.md, the list index). A page that reaches the
   * instant the tenant was slotted continues in its one partition.
   */
  private async listByLayout(planned: Plan, query: TenantListQuery): Promise<MessagePage> {
    const { tenant } = query;
    const single = { ...planned, partitions: [tenant] };
    const since = await this.layouts.slottedSince(tenant);
    const at = query.cursor ? decodeCursor(query.cursor, POSITION)[0] : undefined;
    const slotted =
      since !== null && (query.to === undefined || query.to > since) && (at === undefined || at >= since);
    if (!slotted) return this.listBy(single, query);
    const first = await this.listSlots(planned, {
      ...query,
      from: query.from && query.from > since ? query.from : since,
    });
    if (first.nextCursor || (query.from && query.from >= since)) return first;
    // The slots are read out: the rest of the page is in the one partition, older.
    return thenOlder(first.items, query.limit, (limit) =>
      this.listBy(single, { ...query, to: since, cursor: undefined, limit }),
    );
  }

  /**
   * A slotted tenant's messages from `query.from` on. Each slot holds one `slotMs` of every cycle, so
   * the newest messages are read first by walking back one interval at a time, a Query on its slot
   * bounded to it, within the page's Queries; then every slot is merged below the intervals walked
   * (`listBy`), as a slow tenant's last messages lie in many slots.
   */
  private async listSlots(planned: Plan, query: TenantListQuery): Promise<MessagePage> {
    const { tenant } = query;
    const { slotMs } = LIST_LAYOUT;
    const wanted = query.limit + 1;
    const filter = residualFilter(planned.residual);
    let upper: string;
    let top: number;
    const resume = resumeOf(query);
    if (resume === null) return { items: [], nextCursor: null };
    const after = resume?.key;
    if (resume) {
      upper = resume.key;
      top = Date.parse(resume.createdAt);
    } else if (query.to) {
      upper = `${tenantStart(tenant)}${query.to}`;
      top = Date.parse(query.to) - 1;
    } else {
      // Nothing is newer than now: a message stamped later by a clock ahead of ours shows once ours
      // reaches it, like one the index has not caught up with yet.
      top = this.clock().getTime();
      upper = `${tenantStart(tenant)}${new Date(Math.floor(top / slotMs + 1) * slotMs).toISOString()}`;
    }
    const bottom = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY;
    const lower = query.from ? `${tenantStart(tenant)}${query.from}` : tenantStart(tenant);
    const found: MessageRecord[] = [];
    let interval = Math.floor(top / slotMs);
    let queries = 0;
    // Items the walk's Queries evaluated: a residual filter's share of matches sizes the next Query.
    let read = 0;
    let walked = 0;
    while ((interval + 1) * slotMs > bottom) {
      const start = interval * slotMs;
      const from = `${tenantStart(tenant)}${new Date(start).toISOString()}`;
      let startKey: Key | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byList',
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            FilterExpression: filter.expression,
            ExpressionAttributeNames: {
              ...filter.names,
              '#pk': 'listKey',
              '#sk': MESSAGE_TABLE.sortAttribute,
            },
            ExpressionAttributeValues: {
              ...filter.values,
              ':pk': `${tenant}#${slotOf(start)}`,
              ':from': from > lower ? from : lower,
              ':to': upper,
            },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
            Limit:
              this.walkLimit(wanted - found.length, filter.expression && read > 0 ? found.length / read : 1) +
              (after ? 1 : 0),
          }),
        );
        queries++;
        read += page.ScannedCount ?? page.Items?.length ?? 0;
        for (const item of page.Items ?? [])
          if (item[MESSAGE_TABLE.sortAttribute] !== after && !this.expired(item)) found.push(toRecord(item));
        startKey = page.LastEvaluatedKey as Key | undefined;
        if (found.length >= wanted) {
          const items = found.slice(0, query.limit);
          const last = items.at(-1);
          return { items, nextCursor: last ? encodeCursor([last.createdAt, last.id]) : null };
        }
        // Out of Queries inside an interval: every key above the last one read has been checked.
        if (startKey && queries >= this.scan.queriesPerPage) {
          const key = startKey as Key;
          return { items: found, nextCursor: encodeCursor(positionOf(key)) };
        }
      } while (startKey);
      walked++;
      upper = from;
      interval--;
      // A Query more costs 0.5 RCU, the merge of every slot 24: walk the page's Queries out, unless
      // three intervals held nothing (a tenant that sends slowly, or stopped).
      if (queries >= this.scan.queriesPerPage || (walked >= 3 && found.length === 0)) break;
    }
    if ((interval + 1) * slotMs <= bottom) return { items: found, nextCursor: null };
    const below = new Date((interval + 1) * slotMs).toISOString();
    return thenOlder(found, query.limit, (limit) =>
      this.listBy(
        { ...planned, partitions: listSlots(tenant) },
        { ...query, to: below, cursor: undefined, limit },
      ),
    );
  }

  private async listBy(
    { index, partitions, residual, onRecords }: Plan,
    query: TenantListQuery,
  ): Promise<MessagePage> {
    const { tenant } = query;
    const names: Record<string, string> = {
      '#pk': index === 'metadata' ? METADATA_TABLE.partitionKey : INDEX_KEYS[index].partitionKey,
      '#sk': MESSAGE_TABLE.sortAttribute,
    };
    const target =
      index === 'metadata'
        ? { TableName: this.metadataTable() }
        : { TableName: this.tableName, IndexName: index };
    // Every index is keyed by tenant and sorted by `${tenant}#${createdAt}#${id}`: the bounds are the
    // tenant's own range, so no cursor can lead out of it. Bare instants bound the sort key: `from`
    // inclusive, `to` exclusive (every key has `#id` after its instant).
    const values: Record<string, string> = {
      ':from': query.from ? `${tenantStart(tenant)}${query.from}` : tenantStart(tenant),
      ':to': query.to ? `${tenantStart(tenant)}${query.to}` : tenantEnd(tenant),
    };
    // The cursor holds only a position in the query's order: every partition continues below it.
    const resume = resumeOf(query);
    if (resume === null) return { items: [], nextCursor: null };
    const after = resume?.key;
    if (after) values[':to'] = after;
    const filter = residualFilter(residual);
    Object.assign(names, filter.names);
    Object.assign(values, filter.values);
    const filtered = filter.expression !== undefined || Object.keys(onRecords).length > 0;
    // One key more than asked tells whether there is a next page. Unfiltered, one round always
    // suffices: each partition reads as many keys as the page needs. Filtered, each round reads a
    // share of `itemsPerQuery` from every partition, within `queriesPerPage` rounds.
    // (One more after a cursor: the key at the cursor's own position is read and skipped.)
    const perQuery =
      (filtered
        ? Math.max(query.limit + 1, Math.ceil(this.scan.itemsPerQuery / partitions.length))
        : query.limit + 1) + (after ? 1 : 0);

    const state: Partition[] = partitions.map((value) => ({ value, done: false }));
    const candidates = new Map<string, Key>();
    const records = new Map<string, MessageRecord | null>();
    const onRecordFilters = Object.entries(onRecords);
    const budget = { left: Math.max(1, this.scan.recordsPerPage) };
    let frontier: string | undefined;
    let matched: Key[] = [];
    // Where the record budget ran out: every key above it has been checked.
    let stoppedAt: Key | undefined;
    // Partitions that hold the records themselves are read in as many rounds as the items of
    // `queriesPerPage` full Queries allow (48 slots at 21 items: 2 rounds), not 8 rounds each.
    const rounds =
      index === 'byList'
        ? Math.min(
            this.scan.queriesPerPage,
            Math.ceil((this.scan.queriesPerPage * this.scan.itemsPerQuery) / (partitions.length * perQuery)),
          )
        : this.scan.queriesPerPage;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        state
          .filter((partition) => !partition.done)
          .map(async (partition) => {
            const page = await this.client.send(
              new QueryCommand({
                ...target,
                KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
                FilterExpression: filter.expression,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: { ...values, ':pk': partition.value },
                ScanIndexForward: false,
                ExclusiveStartKey: partition.startKey,
                Limit: perQuery,
              }),
            );
            for (const item of page.Items ?? []) {
              const key = {
                [MESSAGE_TABLE.partitionKey]: String(item.id),
                [MESSAGE_TABLE.sortAttribute]: String(item[MESSAGE_TABLE.sortAttribute]),
              };
              if (key[MESSAGE_TABLE.sortAttribute] === after) continue;
              // The list index holds the records themselves: nothing to fetch.
              if (index === 'byList') {
                if (this.expired(item)) continue;
                records.set(String(item.id), toRecord(item));
              }
              candidates.set(String(item.id), key);
            }
            partition.startKey = page.LastEvaluatedKey as Key | undefined;
            partition.done = partition.startKey === undefined;
          }),
      );
      // Every partition has been read down to its last key: the keys above the highest of those are
      // complete across partitions, and can be merged. (Newest first: the highest is the least read.)
      frontier = undefined;
      for (const partition of state) {
        const last = partition.startKey?.[MESSAGE_TABLE.sortAttribute];
        if (last !== undefined && (frontier === undefined || last > frontier)) frontier = last;
      }
      const complete = [...candidates.values()]
        .filter((key) => frontier === undefined || String(key[MESSAGE_TABLE.sortAttribute]) >= frontier)
        .sort((a, b) =>
          String(a[MESSAGE_TABLE.sortAttribute]) < String(b[MESSAGE_TABLE.sortAttribute]) ? 1 : -1,
        );
      if (onRecordFilters.length === 0) matched = complete;
      else {
        ({ matched, stoppedAt } = await this.matchRecords(
          complete,
          onRecordFilters,
          records,
          query.limit + 1,
          budget,
        ));
        // Spent exactly on the complete keys: another round's keys could not be checked, so stop here;
        // every complete key is checked, and the cursor continues from the frontier.
        if (stoppedAt || budget.left === 0) break;
      }
      if (frontier === undefined || matched.length > query.limit) break;
    }

    const pageKeys = matched.slice(0, query.limit);
    const ids = pageKeys.map((key) => String(key.id));
    const known = ids.map((id) => records.get(id));
    const items = known.every((record) => record) ? (known as MessageRecord[]) : await this.getMany(ids);
    // The next page starts after the last key of this one if there are more matches; or, stopped by
    // the record budget, after the last key checked; or, stopped by the Query bound with partitions
    // not read out, after the frontier (everything above it was read). Keys, not the fetched items:
    // an item deleted in between must not move the cursor.
    const next =
      matched.length > query.limit
        ? pageKeys.at(-1)
        : stoppedAt
          ? stoppedAt
          : frontier === undefined
            ? undefined
            : {
                [MESSAGE_TABLE.partitionKey]: idOf(frontier, tenant),
                [MESSAGE_TABLE.sortAttribute]: frontier,
              };
    return { items, nextCursor: next ? encodeCursor(positionOf(next)) : null };
  }

  /**
   * How many items a Query of the walk evaluates: what the page still needs at the share of matches
   * found so far (all, before any is read), within `itemsPerQuery`.
   */
  private walkLimit(needed: number, share: number): number {
    if (share >= 1) return needed;
    return Math.min(
      this.scan.itemsPerQuery,
      Math.ceil(needed / Math.max(share, 1 / this.scan.itemsPerQuery)),
    );
  }

  /**
   * Walks `keys` (complete, newest first) checking `filters` on their records, fetching those not yet
   * read, until `wanted` match or the page's record budget is spent; then answers the last key
   * checked too (`stoppedAt`: every key above it is checked). Each fetch asks for what the matches
   * still needed would take at the share of matches seen so far, so a filter most records pass
   * fetches about a page, and a rare one fetches in larger batches up to the budget.
   */
  private async matchRecords(
    keys: readonly Key[],
    filters: readonly [string, string][],
    records: Map<string, MessageRecord | null>,
    wanted: number,
    budget: { left: number },
  ): Promise<{ matched: Key[]; stoppedAt?: Key | undefined }> {
    const matched: Key[] = [];
    for (const [i, key] of keys.entries()) {
      const id = String(key.id);
      if (!records.has(id)) {
        if (budget.left <= 0) return { matched, stoppedAt: keys[i - 1] };
        const share = (matched.length + 1) / (i + 1);
        const size = Math.min(budget.left, BATCH_GET_MAX, Math.ceil((wanted - matched.length) / share));
        const unread = keys
          .slice(i)
          .map((k) => String(k.id))
          .filter((candidate) => !records.has(candidate))
          .slice(0, size);
        budget.left -= unread.length;
        const fetched = await this.getMany(unread);
        for (const candidate of unread) records.set(candidate, null);
        for (const record of fetched) records.set(record.id, record);
      }
      const record = records.get(id);
      if (filters.every(([field, value]) => record?.[field as keyof Plan['onRecords']] === value)) {
        matched.push(key);
        if (matched.length >= wanted) break;
      }
    }
    return { matched };
  }

  /** The records of `ids`, in that order (BatchGetItem answers in any order, and maybe in parts). */
  private async getMany(ids: string[]): Promise<MessageRecord[]> {
    const found = new Map<string, MessageRecord>();
    let pending: Key[] = ids.map((id) => ({ [MESSAGE_TABLE.partitionKey]: id }));
    for (let round = 0; pending.length > 0; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
      );
      for (const item of Responses?.[this.tableName] ?? [])
        if (!this.expired(item)) found.set(String(item.id), toRecord(item));
      pending = (UnprocessedKeys?.[this.tableName]?.Keys as Key[] | undefined) ?? [];
      if (round >= 8 && pending.length > 0) throw new Error('BatchGetItem kept leaving keys unprocessed');
    }
    // An item deleted (or expired) between the query and the fetch is simply not listed.
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
