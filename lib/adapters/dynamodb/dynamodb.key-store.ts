import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ApiKeyRecord, type RateLimits } from '../../domain/api-key.js';
import {
  type KeyStore,
  type RateDecision,
  type RateLimiter,
  type RequestKind,
  rateWindows,
} from '../../ports/key-store.js';
import { KEY_TABLE, RATE_COUNTER_TABLE } from './key-table.js';

const toRecord = (item: Record<string, unknown>): ApiKeyRecord =>
  Object.fromEntries(
    (Object.keys(ApiKeyRecord.shape) as (keyof ApiKeyRecord)[]).map((field) => [field, item[field] ?? null]),
  ) as ApiKeyRecord;

/** API keys on DynamoDB. The client is shared: its owner destroys it. */
export class DynamoDbKeyStore implements KeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: ApiKeyRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(#id)',
        ExpressionAttributeNames: { '#id': KEY_TABLE.partitionKey },
      }),
    );
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [KEY_TABLE.partitionKey]: id },
        ConsistentRead: true,
      }),
    );
    return Item && toRecord(Item);
  }

  async list(tenant?: string): Promise<ApiKeyRecord[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // Every key of every tenant is an operator's listing of a small table: a Scan is the honest way.
      const page = await this.client.send(
        tenant === undefined
          ? new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: start, ConsistentRead: true })
          : new QueryCommand({
              TableName: this.tableName,
              IndexName: 'byTenant',
              KeyConditionExpression: '#tenant = :tenant',
              ExpressionAttributeNames: { '#tenant': KEY_TABLE.indexes.byTenant.partitionKey },
              ExpressionAttributeValues: { ':tenant': tenant },
              ExclusiveStartKey: start,
            }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items
      .map(toRecord)
      .sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
      );
  }

  async revoke(id: string, at: string): Promise<ApiKeyRecord | undefined> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY_TABLE.partitionKey]: id },
          UpdateExpression: 'SET revokedAt = :at',
          ConditionExpression:
            'attribute_exists(#id) AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
          ExpressionAttributeNames: { '#id': KEY_TABLE.partitionKey },
          ExpressionAttributeValues: { ':at': at, ':null': null },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return this.get(id);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [KEY_TABLE.partitionKey]: id },
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(#id) AND (lastUsedAt = :null OR lastUsedAt < :at)',
          ExpressionAttributeNames: { '#id': KEY_TABLE.partitionKey },
          ExpressionAttributeValues: { ':at': at, ':null': null },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async close(): Promise<void> {}
}

/** Above this many requests a second, a key's per-second counter is split (a partition takes 1,000 WCU/s). */
const REQUESTS_PER_SHARD = 500;
const MAX_SECOND_SHARDS = 32;
/** How often a container adds its requests to a key's day counter. */
const DAY_FLUSH_MS = 1_000;

/** How many counter items a key's per-second window is split over. */
export const secondShards = (perSecond: number) =>
  Math.min(MAX_SECOND_SHARDS, Math.ceil(perSecond / REQUESTS_PER_SHARD));

interface KeyState {
  /** Reads counted here, in their windows. */
  second: number;
  readsThisSecond: number;
  day: number;
  /** Requests of the day this container has counted and not yet added to the shared counter. */
  unflushed: number;
  readsToday: number;
  /** The day counter's total when last added to; when that was (epoch ms). */
  known: number;
  flushedAt: number;
  /** Windows this container has seen refused: until they end, it refuses without a write. */
  refusedSecond: number | undefined;
  refusedDay: number | undefined;
}

/**
 * Rate counters on DynamoDB, so that a key's limits hold across every Lambda container at once:
 * - per second, one conditional `ADD` per write request, on one of `ceil(perSecond / 500)` counter
 *   items (at most 32) picked at random, each allowing its share of the limit, so that no counter
 *   takes more than about 500 writes a second;
 * - per day, each container counts its requests and adds them to the day's counter at most once a
 *   second (the first at once), refusing locally once the counter's last total and its own count
 *   reach the limit: the day's limit holds to within a second of each container's requests;
 * - a window seen refused is refused by the container until it ends, without a write;
 * - reads (GET) write nothing: counted per container against the same limits.
 * Items expire by TTL after their window. Docs: docs/dynamodb.md, "Rate counters".
 */
export class DynamoDbRateLimiter implements RateLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly random: () => number = Math.random,
  ) {}

  async consume(
    keyId: string,
    limits: RateLimits,
    now: Date,
    kind: RequestKind = 'write',
  ): Promise<RateDecision> {
    const windows = rateWindows(keyId, now);
    const second = windows.perSecond.endsAt - 1;
    const day = windows.perDay.endsAt / 86_400 - 1;
    const state = this.state(keyId, second, day);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const refuse = (limit: keyof RateLimits): RateDecision => ({
      allowed: false,
      limit,
      retryAfterSeconds: Math.max(1, windows[limit].endsAt - nowSeconds),
    });

    const { perSecond, perDay } = limits;
    if (perSecond !== null) {
      if (state.refusedSecond === second) return refuse('perSecond');
      if (kind === 'read') {
        if (state.readsThisSecond >= perSecond) return refuse('perSecond');
        state.readsThisSecond++;
      } else if (!(await this.countSecond(windows.perSecond, perSecond))) {
        state.refusedSecond = second;
        return refuse('perSecond');
      }
    }
    if (perDay !== null) {
      if (state.refusedDay === day) return refuse('perDay');
      if (kind === 'read') {
        if (state.known + state.unflushed + state.readsToday >= perDay) return refuse('perDay');
        state.readsToday++;
        return { allowed: true };
      }
      if (state.known + state.unflushed + state.readsToday >= perDay) {
        state.refusedDay = day;
        return refuse('perDay');
      }
      state.unflushed++;
      if (now.getTime() - state.flushedAt >= DAY_FLUSH_MS) {
        state.flushedAt = now.getTime();
        const count = state.unflushed;
        state.unflushed = 0;
        state.known += count;
        const total = await this.add(windows.perDay, count, perDay);
        if (total === undefined) {
          state.refusedDay = day;
          return refuse('perDay');
        }
        state.known = Math.max(state.known, total);
      }
    }
    return { allowed: true };
  }

  private state(keyId: string, second: number, day: number): KeyState {
    let state = this.keys.get(keyId);
    if (!state || state.day !== day) {
      state = {
        second,
        readsThisSecond: 0,
        day,
        unflushed: 0,
        readsToday: 0,
        known: 0,
        flushedAt: Number.NEGATIVE_INFINITY,
        refusedSecond: undefined,
        refusedDay: undefined,
      };
      this.keys.set(keyId, state);
    }
    if (state.second !== second) {
      state.second = second;
      state.readsThisSecond = 0;
    }
    return state;
  }

  /** One request on one of the second's counter shards; false when that shard's share is spent. */
  private async countSecond(window: { counter: string; endsAt: number }, perSecond: number) {
    const shards = secondShards(perSecond);
    const shard = Math.floor(this.random() * shards);
    const counter = shards === 1 ? window : { ...window, counter: `${window.counter}#${shard}` };
    return (await this.add(counter, 1, Math.ceil(perSecond / shards))) !== undefined;
  }

  /** Adds `count` to a counter if it stays within `max`: the new total, or undefined if refused. */
  private async add(window: { counter: string; endsAt: number }, count: number, max: number) {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [RATE_COUNTER_TABLE.partitionKey]: window.counter },
          UpdateExpression: 'ADD #count :n SET #expiresAt = :endsAt',
          ConditionExpression: 'attribute_not_exists(#count) OR #count <= :room',
          ExpressionAttributeNames: { '#count': 'count', '#expiresAt': RATE_COUNTER_TABLE.ttlAttribute },
          ExpressionAttributeValues: { ':n': count, ':endsAt': window.endsAt, ':room': max - count },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.count ?? count);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return undefined;
    }
  }

  async close(): Promise<void> {}
}
