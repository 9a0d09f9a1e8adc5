import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, POSITION } from '../../domain/cursor.js';
import type {
  ListMessagesQuery,
  MessageEvent,
  MessageRecord,
  TenantListQuery,
} from '../../domain/message.schema.js';
import type { MessageStatus } from '../../domain/message-status.js';
import {
  checkTransition,
  eventOf,
  type MessageLog,
  type MessagePage,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../../ports/message-log.js';
import { FILTER_ATTRIBUTES, LIST_ALL, MESSAGE_TABLE, type MessageIndexName } from './message-table.js';

type Key = Record<string, string>;

// Tenant ids hold no `#` (TenantId): the tenant is the key's prefix, and '$' (the character after
// '#') bounds a tenant's range from above.
const sortKey = (record: Pick<MessageRecord, 'tenant' | 'createdAt' | 'id'>) =>
  `${record.tenant}#${record.createdAt}#${record.id}`;
const tenantStart = (tenant: string) => `${tenant}#`;
const tenantEnd = (tenant: string) => `${tenant}$`;

/** `[createdAt, id]` of an index key (`createdAtId` is `${createdAt}#${id}`, the id may hold a `#`). */
const positionOf = (key: Key): [string, string] => {
  const id = String(key[MESSAGE_TABLE.partitionKey]);
  const full = String(key[MESSAGE_TABLE.sortAttribute]);
  const combined = full.slice(full.indexOf('#') + 1);
  return [combined.slice(0, combined.length - id.length - 1), id];
};

// An index key attribute must be absent, not null: a null one fails the write.
const PROVIDER_ID = MESSAGE_TABLE.indexes.byProviderMessageId.partitionKey;

const toItem = (record: MessageRecord) => {
  const { [PROVIDER_ID]: providerMessageId, ...rest } = record;
  return {
    ...rest,
    ...(providerMessageId === null ? {} : { [PROVIDER_ID]: providerMessageId }),
    [MESSAGE_TABLE.sortAttribute]: sortKey(record),
    [MESSAGE_TABLE.indexes.byTime.partitionKey]: LIST_ALL,
    [MESSAGE_TABLE.eventsAttribute]: [eventOf({ ...record, updatedAt: record.createdAt })],
  };
};

const RECORD_FIELDS = [
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

const toRecord = (item: Record<string, unknown>): MessageRecord => {
  const record = Object.fromEntries(
    RECORD_FIELDS.map((field) => [field, item[field] ?? null]),
  ) as MessageRecord;
  // Absent, not null, on a message that is no resend / was never resent.
  if (typeof item.resendOf === 'string') record.resendOf = item.resendOf;
  if (Array.isArray(item.resentAs)) record.resentAs = item.resentAs as string[];
  return record;
};

/** The index that answers a query by key, most selective filter first; the others become filters. */
function chooseIndex(query: ListMessagesQuery): { index: MessageIndexName; value: string } {
  if (query.recipient) return { index: 'byRecipient', value: query.recipient };
  if (query.status) return { index: 'byStatus', value: query.status };
  if (query.type) return { index: 'byType', value: query.type };
  return { index: 'byTime', value: LIST_ALL };
}

/**
 * The message log on DynamoDB: GetItem by id, and every list query a Query on the index of its most
 * selective filter, sorted by time; no Scan. Status changes are conditional writes.
 */
export class DynamoDbMessageLog implements MessageLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /**
     * With a filter expression, how many index items one Query reads, and how many Queries one page
     * may take: a rare match in a large partition then answers a short page with a cursor, in bounded
     * time, rather than reading the whole partition.
     */
    private readonly scan = { itemsPerQuery: 250, queriesPerPage: 8 },
  ) {}

  async create(record: MessageRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
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

  private async write(id: string, expected: StatusExpectation, change: StatusChange, clockCondition: string) {
    const { detail: _detail, ...fields } = change;
    const set = Object.entries(fields).filter(
      ([name, value]) => value !== undefined && !(name === PROVIDER_ID && value === null),
    );
    const remove = fields[PROVIDER_ID] === null ? [PROVIDER_ID] : [];
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
    const { Attributes } = await this.client.send(
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
    if (!Attributes) throw new Error(`UpdateItem on ${id} returned no attributes`);
    return toRecord(Attributes);
  }

  async get(id: string): Promise<MessageRecord | undefined> {
    // DynamoDB refuses empty and oversized keys with an error; no message has such an id.
    if (id.length === 0 || id.length > 64) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [MESSAGE_TABLE.partitionKey]: id },
        ConsistentRead: true,
      }),
    );
    return Item && toRecord(Item);
  }

  async findByProviderMessageId(providerMessageId: string): Promise<MessageRecord | undefined> {
    if (providerMessageId.length === 0 || providerMessageId.length > 1024) return undefined;
    // The index is eventually consistent; the item itself is then read consistently.
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byProviderMessageId' satisfies MessageIndexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PROVIDER_ID },
        ExpressionAttributeValues: { ':pk': providerMessageId },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const id = Items?.[0]?.[MESSAGE_TABLE.partitionKey];
    return typeof id === 'string' ? this.get(id) : undefined;
  }

  async listEvents(id: string): Promise<MessageEvent[]> {
    if (id.length === 0 || id.length > 64) return [];
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [MESSAGE_TABLE.partitionKey]: id },
        ProjectionExpression: '#events',
        ExpressionAttributeNames: { '#events': MESSAGE_TABLE.eventsAttribute },
        ConsistentRead: true,
      }),
    );
    return (Item?.[MESSAGE_TABLE.eventsAttribute] as MessageEvent[] | undefined) ?? [];
  }

  async list(query: TenantListQuery): Promise<MessagePage> {
    const { index, value } = chooseIndex(query);
    const partitionKey = MESSAGE_TABLE.indexes[index].partitionKey;
    const names: Record<string, string> = { '#pk': partitionKey };
    names['#sk'] = MESSAGE_TABLE.sortAttribute;
    const values: Record<string, string> = { ':pk': value };
    const { tenant } = query;
    // Every index is shared by the tenants and sorted by `${tenant}#${createdAt}#${id}`: the key
    // condition keeps the query inside the caller's tenant, whatever the cursor says.
    values[':from'] = query.from ? `${tenantStart(tenant)}${query.from}` : tenantStart(tenant);
    values[':to'] = query.to ? `${tenantStart(tenant)}${query.to}` : tenantEnd(tenant);
    const keyCondition = '#pk = :pk AND #sk BETWEEN :from AND :to';
    // The sort key is `${createdAt}#${id}`, so bare instants bound it: `from` inclusive, `to` exclusive.
    const filters: string[] = [];
    for (const attribute of FILTER_ATTRIBUTES) {
      const wanted = query[attribute];
      if (wanted === undefined || attribute === partitionKey) continue;
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = wanted;
      filters.push(`#${attribute} = :${attribute}`);
    }

    // The cursor holds only a position; it becomes the start key of whichever index this query uses.
    // A cursor from another query may lie outside this one's time range: DynamoDB refuses a start
    // key outside the key condition, so answer what the range means instead.
    let startKey: Key | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, POSITION);
      if (query.from && createdAt < query.from) return { items: [], nextCursor: null };
      if (!query.to || createdAt < query.to) {
        startKey = {
          [MESSAGE_TABLE.partitionKey]: id,
          [partitionKey]: value,
          [MESSAGE_TABLE.sortAttribute]: sortKey({ tenant, createdAt, id }),
        };
      }
    }

    // One key more than asked tells whether there is a next page. A filter may drop keys, so read on,
    // within a bound.
    const keys: Key[] = [];
    let queries = 0;
    do {
      queries++;
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: keyCondition,
          FilterExpression: filters.length ? filters.join(' AND ') : undefined,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
          Limit: filters.length ? this.scan.itemsPerQuery : query.limit + 1 - keys.length,
        }),
      );
      for (const item of page.Items ?? []) {
        keys.push({
          [MESSAGE_TABLE.partitionKey]: String(item.id),
          [MESSAGE_TABLE.sortAttribute]: String(item[MESSAGE_TABLE.sortAttribute]),
        });
      }
      startKey = page.LastEvaluatedKey as Key | undefined;
    } while (startKey && keys.length <= query.limit && queries < this.scan.queriesPerPage);

    const items = await this.getMany(keys.slice(0, query.limit).map((key) => key.id as string));
    // The next page starts after the last key of this one if there are more matches, or, stopped by
    // the bound with the index not exhausted, after the last key read (matching or not). Keys, not
    // the fetched items: an item deleted in between must not move the cursor.
    const after = keys.length > query.limit ? keys[query.limit - 1] : startKey;
    return { items, nextCursor: after ? encodeCursor(positionOf(after)) : null };
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
      for (const item of Responses?.[this.tableName] ?? []) found.set(String(item.id), toRecord(item));
      pending = (UnprocessedKeys?.[this.tableName]?.Keys as Key[] | undefined) ?? [];
      if (round >= 8 && pending.length > 0) throw new Error('BatchGetItem kept leaving keys unprocessed');
    }
    // An item deleted between the query and the fetch is simply not listed.
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
