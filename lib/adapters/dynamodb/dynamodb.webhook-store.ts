import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, POSITION } from '../../domain/cursor.js';
import type { MessageRecord } from '../../domain/message.schema.js';
import {
  type DeliveryPage,
  deliveryView,
  type StoredDelivery,
  type WebhookEndpoint,
} from '../../domain/webhook.js';
import type { DeliveryKey, WebhookCopies, WebhookStore } from '../../ports/webhook-store.js';
import { erasedRecordCopy } from '../../privacy/erased-record.js';
import {
  DELIVERY_RETENTION_DAYS,
  deliveryIndexKeys,
  deliveryItemKey,
  endpointShards,
  endpointsPartition,
  WEBHOOK_TABLE,
} from './webhook-table.js';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL, indexes } = WEBHOOK_TABLE;
type Item = Record<string, unknown>;

const ENDPOINT_FIELDS = [
  'id',
  'tenant',
  'url',
  'events',
  'description',
  'enabled',
  'disabledReason',
  'failingSince',
  'secret',
  'previousSecret',
  'previousSecretExpiresAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof WebhookEndpoint)[];

const DELIVERY_FIELDS = [
  'id',
  'endpointId',
  'tenant',
  'eventId',
  'eventType',
  'messageId',
  'eventSeq',
  'state',
  'attempts',
  'lastStatusCode',
  'lastError',
  'lastLatencyMs',
  'nextAttemptAt',
  'createdAt',
  'updatedAt',
  'payload',
] as const satisfies readonly (keyof StoredDelivery)[];

const pick = <T>(item: Item, fields: readonly string[]): T =>
  Object.fromEntries(fields.map((field) => [field, item[field] ?? null])) as T;

const toEndpoint = (item: Item) => pick<WebhookEndpoint>(item, ENDPOINT_FIELDS);
const toDelivery = (item: Item) => pick<StoredDelivery>(item, DELIVERY_FIELDS);

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;
/** For a conditional write whose failed condition means "nothing to do": any other error is thrown. */
const ignoreConditionFailure = (error: unknown): void => {
  if (!isConditionFailure(error)) throw error;
};

/** Items asked of each shard of an endpoint's deliveries per Query while a page is filled. */
const QUERY_LIMIT = 100;

/**
 * Webhook endpoints and deliveries on DynamoDB (docs/dynamodb.md, *Webhooks*). The endpoints of a
 * tenant share one partition; each delivery is keyed by its endpoint, message and event, so adding
 * one twice (a replayed stream record) is a failed condition, not a second delivery. Secrets are
 * stored as they are (signing needs them), encrypted at rest by the table's encryption.
 * The client is shared: its owner destroys it.
 */
export class DynamoDbWebhookStore implements WebhookStore, WebhookCopies {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private endpointKey(tenant: string, id: string) {
    return { [PK]: endpointsPartition(tenant), [SK]: id };
  }

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...endpoint, ...this.endpointKey(endpoint.tenant, endpoint.id) },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      }),
    );
  }

  async getEndpoint(tenant: string, id: string): Promise<WebhookEndpoint | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: this.endpointKey(tenant, id), ConsistentRead: true }),
    );
    return Item && toEndpoint(Item);
  }

  async listEndpoints(tenant: string): Promise<WebhookEndpoint[]> {
    const found = (await this.partition(endpointsPartition(tenant))).map(toEndpoint);
    // Ids are `we_` + a ULID: the sort key's order is nearly creation order; this makes it exact.
    return found.sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
    );
  }

  async saveEndpoint(endpoint: WebhookEndpoint): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...endpoint, ...this.endpointKey(endpoint.tenant, endpoint.id) },
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteEndpoint(tenant: string, id: string): Promise<boolean> {
    const { Attributes } = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: this.endpointKey(tenant, id),
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (!Attributes) return false;
    // Its deliveries: every shard read out, keys only, deleted 25 at a time (their TTL would take
    // them within a week anyway; an attempt of one already read finds no endpoint and ends).
    await Promise.all(
      endpointShards(tenant, id).map(async (shard) => {
        let start: Item | undefined;
        do {
          const page = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: 'byEndpointShard',
              KeyConditionExpression: '#shard = :shard',
              ExpressionAttributeNames: { '#shard': indexes.byEndpointShard.partitionKey },
              ExpressionAttributeValues: { ':shard': shard },
              ExclusiveStartKey: start,
            }),
          );
          const keys = (page.Items ?? []).map((item) => ({ [PK]: item[PK], [SK]: item[SK] }));
          for (let i = 0; i < keys.length; i += 25) await this.deleteAll(keys.slice(i, i + 25));
          start = page.LastEvaluatedKey;
        } while (start);
      }),
    );
    return true;
  }

  private async deleteAll(keys: Item[]): Promise<void> {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] =
      keys.map((Key) => ({ DeleteRequest: { Key } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await this.client.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
      );
      requests = UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  private deliveryItem(delivery: StoredDelivery): Item {
    return {
      ...delivery,
      ...deliveryItemKey(delivery),
      ...deliveryIndexKeys(delivery),
      [TTL]: Math.floor(Date.parse(delivery.createdAt) / 1000) + DELIVERY_RETENTION_DAYS * 86_400,
    };
  }

  async addDeliveries(deliveries: readonly StoredDelivery[]): Promise<void> {
    await Promise.all(
      deliveries.map((delivery) =>
        this.client
          .send(
            new PutCommand({
              TableName: this.tableName,
              Item: this.deliveryItem(delivery),
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': PK },
            }),
          )
          // The same event to the same endpoint is there already (a replay): left as it is.
          .catch(ignoreConditionFailure),
      ),
    );
  }

  async saveDelivery(delivery: StoredDelivery): Promise<void> {
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.deliveryItem(delivery),
          // A delivery deleted with its endpoint meanwhile is not brought back.
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      )
      .catch(ignoreConditionFailure);
  }

  async getDelivery(tenant: string, endpointId: string, id: string): Promise<StoredDelivery | undefined> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byDeliveryId',
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': indexes.byDeliveryId.partitionKey },
        ExpressionAttributeValues: { ':key': `${tenant}#${endpointId}#${id}` },
        Limit: 1,
      }),
    );
    const keys = Items?.[0];
    if (!keys) return undefined;
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: keys[PK], [SK]: keys[SK] },
        ConsistentRead: true,
      }),
    );
    return Item && toDelivery(Item);
  }

  async findDelivery(key: DeliveryKey): Promise<StoredDelivery | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryItemKey(key), ConsistentRead: true }),
    );
    return Item && toDelivery(Item);
  }

  async pendingBefore(delivery: StoredDelivery): Promise<StoredDelivery | undefined> {
    const key = deliveryItemKey(delivery);
    // One partition per endpoint and message: its few events, oldest first.
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk < :sk',
        FilterExpression: '#state = :pending',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#state': 'state' },
        ExpressionAttributeValues: { ':pk': key[PK], ':sk': key[SK], ':pending': 'pending' },
        ConsistentRead: true,
      }),
    );
    const first = Items?.[0];
    return first && toDelivery(first);
  }

  /**
   * A page merged from the endpoint's shards: each is read newest first (keys only) until it holds
   * `limit + 1` keys below the cursor or is read out, so the `limit` newest of all that was read are
   * the page; then one BatchGetItem fetches them.
   */
  async listDeliveries(
    tenant: string,
    endpointId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<DeliveryPage> {
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, POSITION);
    const { partitionKey: shardKey, sortKey } = indexes.byEndpointShard;
    const read = await Promise.all(
      endpointShards(tenant, endpointId).map(async (shard) => {
        const found: Item[] = [];
        let start: Item | undefined;
        do {
          const result = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: 'byEndpointShard',
              KeyConditionExpression: after ? '#shard = :shard AND #sort < :before' : '#shard = :shard',
              ExpressionAttributeNames: { '#shard': shardKey, ...(after ? { '#sort': sortKey } : {}) },
              ExpressionAttributeValues: {
                ':shard': shard,
                ...(after ? { ':before': `${after[0]}#${after[1]}` } : {}),
              },
              ScanIndexForward: false,
              Limit: Math.min(QUERY_LIMIT, page.limit + 1),
              ExclusiveStartKey: start,
            }),
          );
          found.push(...(result.Items ?? []));
          start = result.LastEvaluatedKey;
        } while (start && found.length <= page.limit);
        return found;
      }),
    );
    const merged = read
      .flat()
      .sort((a, b) => (String(a[sortKey]) < String(b[sortKey]) ? 1 : -1))
      .slice(0, page.limit + 1);
    const pageKeys = merged.slice(0, page.limit);
    const items = (await this.fetch(pageKeys)).map((item) => deliveryView(toDelivery(item)));
    const last = items.at(-1);
    return {
      items,
      nextCursor: merged.length > page.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    };
  }

  /** The items of index keys, in their order (one deleted meanwhile is left out). */
  private async fetch(keys: Item[]): Promise<Item[]> {
    const identity = (item: Item) => `${item[PK]}\u0000${item[SK]}`;
    const found = new Map<string, Item>();
    let wanted: Item[] = keys.map((item) => ({ [PK]: item[PK], [SK]: item[SK] }));
    while (wanted.length > 0) {
      const { Responses, UnprocessedKeys } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: wanted } } }),
      );
      for (const item of Responses?.[this.tableName] ?? []) found.set(identity(item), item);
      wanted = (UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Item[];
    }
    return keys.flatMap((key) => {
      const item = found.get(identity(key));
      return item ? [item] : [];
    });
  }

  /**
   * One Query per endpoint of the tenant (a message's deliveries to an endpoint share a partition),
   * and one conditional UpdateItem per delivery found: an item removed meanwhile (its TTL, its
   * endpoint deleted) is left alone.
   */
  async eraseMessage(tenant: string, messageId: string, recipientHash: string): Promise<void> {
    for (const endpoint of await this.listEndpoints(tenant)) {
      const key = deliveryItemKey({ tenant, endpointId: endpoint.id, messageId, eventSeq: 0 });
      for (const item of await this.partition(String(key[PK]))) {
        const body = JSON.parse(String(item.payload)) as { data: MessageRecord };
        const payload = JSON.stringify({ ...body, data: erasedRecordCopy(body.data, recipientHash) });
        await this.client
          .send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { [PK]: item[PK], [SK]: item[SK] },
              UpdateExpression: 'SET payload = :payload',
              ConditionExpression: 'attribute_exists(#pk)',
              ExpressionAttributeNames: { '#pk': PK },
              ExpressionAttributeValues: { ':payload': payload },
            }),
          )
          .catch(ignoreConditionFailure);
      }
    }
  }

  /** Every item of one partition of the table, page after page, strongly consistent. */
  private async partition(value: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': value },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async close(): Promise<void> {}
}
