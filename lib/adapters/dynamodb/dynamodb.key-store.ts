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
import { type KeyStore, type RateDecision, type RateLimiter, rateWindows } from '../../ports/key-store.js';
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

/**
 * Rate counters on DynamoDB: one atomic, conditional ADD per window, so the limit holds across
 * every Lambda container at once. Items expire by TTL after their window.
 */
export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async consume(keyId: string, limits: RateLimits, now: Date): Promise<RateDecision> {
    const windows = rateWindows(keyId, now);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    for (const limit of ['perSecond', 'perDay'] as const) {
      const max = limits[limit];
      if (max === null) continue;
      const { counter, endsAt } = windows[limit];
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { [RATE_COUNTER_TABLE.partitionKey]: counter },
            UpdateExpression: 'ADD #count :one SET #expiresAt = :endsAt',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
            ExpressionAttributeNames: { '#count': 'count', '#expiresAt': RATE_COUNTER_TABLE.ttlAttribute },
            ExpressionAttributeValues: { ':one': 1, ':endsAt': endsAt, ':max': max },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return { allowed: false, limit, retryAfterSeconds: Math.max(1, endsAt - nowSeconds) };
      }
    }
    return { allowed: true };
  }

  async close(): Promise<void> {}
}
