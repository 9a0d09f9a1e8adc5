import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { Channel } from '../../domain/message.schema.js';
import {
  SUPPRESSION_POSITION,
  type Suppression,
  type SuppressionInput,
  sortChannels,
  type TenantSuppressionQuery,
} from '../../domain/suppression.js';
import type { SuppressionList } from '../../ports/suppression-list.js';
import { SUPPRESSION_TABLE, suppressionKeys, tenantShards } from './suppression-table.js';

const { partitionKey, index } = SUPPRESSION_TABLE;

// `channels` is a String Set: ADD and DELETE change it atomically, whoever else writes.
const toEntry = (item: Record<string, unknown>): Suppression => ({
  tenant: item.tenant as string,
  recipient: item.recipient as string,
  channels: sortChannels(item.channels as Set<Channel>),
  reason: item.reason as Suppression['reason'],
  source: item.source as Suppression['source'],
  createdAt: item.createdAt as string,
  updatedAt: item.updatedAt as string,
});

// The index's order (createdAt has a fixed width), which the SQLite store's matches.
const sortKey = (entry: Suppression) => `${entry.createdAt}#${entry.recipient}`;

/** Items asked of each shard per Query while a page is filled. */
const QUERY_LIMIT = 100;

/** The suppression list on DynamoDB (docs/dynamodb.md). The client is shared: its owner destroys it. */
export class DynamoDbSuppressionList implements SuppressionList {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(tenant: string, recipient: string) {
    return { [partitionKey]: suppressionKeys(tenant, recipient)[partitionKey] };
  }

  async get(tenant: string, recipient: string): Promise<Suppression | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: this.key(tenant, recipient), ConsistentRead: true }),
    );
    return Item && toEntry(Item);
  }

  async add(input: SuppressionInput): Promise<Suppression> {
    return this.merge(input, input.at);
  }

  /** Adds the input's channels to its entry, made at `createdAt` if absent (add, and erase's move). */
  private async merge(input: SuppressionInput, createdAt: string): Promise<Suppression> {
    const keys = suppressionKeys(input.tenant, input.recipient);
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(input.tenant, input.recipient),
        UpdateExpression:
          'ADD channels :channels SET tenant = :tenant, recipient = :recipient, reason = :reason, ' +
          '#source = :source, updatedAt = :at, createdAt = if_not_exists(createdAt, :createdAt), ' +
          '#shard = :shard, #sort = if_not_exists(#sort, :sort)',
        ExpressionAttributeNames: {
          '#source': 'source',
          '#shard': index.partitionKey,
          '#sort': index.sortKey,
        },
        ExpressionAttributeValues: {
          ':channels': new Set(input.channels),
          ':tenant': input.tenant,
          ':recipient': input.recipient,
          ':reason': input.reason,
          ':source': input.source,
          ':at': input.at,
          ':createdAt': createdAt,
          ':shard': keys[index.partitionKey],
          ':sort': `${createdAt}#${input.recipient}`,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toEntry(Attributes ?? {});
  }

  /**
   * Two writes (no transaction: one table, and dynalite has none): the hashed entry first, then the
   * plain one deleted if unchanged since it was read. A failure between leaves both, which refuse the
   * same sends; a repeat of the erasure finishes the move.
   */
  async erase(tenant: string, recipient: string, hash: string): Promise<boolean> {
    const entry = await this.get(tenant, recipient);
    if (!entry) return false;
    await this.merge(
      {
        tenant,
        recipient: hash,
        channels: entry.channels,
        reason: entry.reason,
        source: entry.source,
        at: entry.updatedAt,
      },
      entry.createdAt,
    );
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: this.key(tenant, recipient),
          ConditionExpression: 'updatedAt = :at',
          ExpressionAttributeValues: { ':at': entry.updatedAt },
        }),
      );
    } catch (error) {
      // Changed meanwhile (an add or a lift): read and moved again.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await this.erase(tenant, recipient, hash);
    }
    return true;
  }

  async lift(
    tenant: string,
    recipient: string,
    at: string,
    channels?: readonly Channel[],
  ): Promise<Suppression | undefined | 'absent'> {
    const Key = this.key(tenant, recipient);
    if (!channels) {
      const { Attributes } = await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key, ReturnValues: 'ALL_OLD' }),
      );
      return Attributes ? undefined : 'absent';
    }
    let left: Record<string, unknown> | undefined;
    try {
      ({ Attributes: left } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'DELETE channels :channels SET updatedAt = :at',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': partitionKey },
          ExpressionAttributeValues: { ':channels': new Set(channels), ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      ));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'absent';
      throw error;
    }
    if (left?.channels) return toEntry(left);
    // DynamoDB removes a set with its last element: the entry goes, unless an add came in between.
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key,
          ConditionExpression: 'attribute_not_exists(channels)',
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    return undefined;
  }

  /**
   * A page merged from the tenant's shards: each is read newest first until it holds `limit + 1`
   * matches or is read out, so the `limit` newest of all that was read are the page (an unread item
   * of a shard is older than that shard's `limit + 1` matches).
   */
  async list(query: TenantSuppressionQuery): Promise<{ items: Suppression[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, SUPPRESSION_POSITION);
    const matches = (entry: Suppression) =>
      (query.channel === undefined || entry.channels.includes(query.channel)) &&
      (query.reason === undefined || entry.reason === query.reason) &&
      (after === undefined ||
        entry.createdAt < after[0] ||
        (entry.createdAt === after[0] && entry.recipient < after[1]));
    if (query.recipient !== undefined) {
      const entry = await this.get(query.tenant, query.recipient);
      return { items: entry && matches(entry) ? [entry] : [], nextCursor: null };
    }
    const read = await Promise.all(
      tenantShards(query.tenant).map((shard) => this.readShard(shard, query, after, matches)),
    );
    const all = read.flat().sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1));
    const items = all.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor: all.length > query.limit && last ? encodeCursor([last.createdAt, last.recipient]) : null,
    };
  }

  private async readShard(
    shard: string,
    query: TenantSuppressionQuery,
    after: readonly [string, string] | undefined,
    matches: (entry: Suppression) => boolean,
  ): Promise<Suppression[]> {
    const found: Suppression[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: after ? '#shard = :shard AND #sort < :before' : '#shard = :shard',
          ExpressionAttributeNames: {
            '#shard': index.partitionKey,
            ...(after ? { '#sort': index.sortKey } : {}),
          },
          ExpressionAttributeValues: {
            ':shard': shard,
            // Strictly below the cursor's own entry, which the last page ended with.
            ...(after ? { ':before': `${after[0]}#${after[1]}` } : {}),
          },
          ScanIndexForward: false,
          Limit: QUERY_LIMIT,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const entry = toEntry(item);
        if (matches(entry)) found.push(entry);
      }
      start = page.LastEvaluatedKey;
    } while (start && found.length <= query.limit);
    return found;
  }

  async close(): Promise<void> {}
}
