import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../domain/clock.js';
import {
  type IdempotencyEntry,
  type IdempotencyStore,
  messageIdOf,
  type StoredResponse,
} from '../../ports/idempotency-store.js';
import { IDEMPOTENCY_TABLE, messageKey, scopeKey } from './idempotency-table.js';

const { partitionKey, ttlAttribute, messageIndex } = IDEMPOTENCY_TABLE;

const seconds = (clock: Clock): number => Math.floor(clock().getTime() / 1000);

const ignoreConditionFailure = (error: unknown): void => {
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/**
 * Idempotency keys on DynamoDB (IDEMPOTENCY_TABLE). `begin` is a conditional PutItem that succeeds
 * for one writer only: when no item holds the key, or the one that does has expired (TTL deletes
 * lazily). The loser reads the holder with a consistent GetItem. The answer is kept as a JSON string:
 * it is never queried, and a string round-trips any body exactly (a response is well under the
 * 400 KB item limit: the request body is at most 256 KiB).
 *
 * The client is shared with the message log and belongs to the container: `close` leaves it alone.
 */
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  private readonly clock: Clock;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async begin(
    scope: string,
    key: string,
    requestHash: string,
    expiresAt: number,
  ): Promise<{ started: true } | { started: false; entry: IdempotencyEntry }> {
    const id = scopeKey(scope, key);
    // Tells this call's own item from another's: the SDK retries a put whose answer was lost, and
    // the retry then fails the condition against the item the first attempt wrote.
    const owner = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { [partitionKey]: id, requestHash, [ttlAttribute]: expiresAt, owner },
            ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt <= :now',
            ExpressionAttributeNames: { '#pk': partitionKey, '#expiresAt': ttlAttribute },
            ExpressionAttributeValues: { ':now': seconds(this.clock) },
          }),
        );
        return { started: true };
      } catch (error) {
        ignoreConditionFailure(error);
      }
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: { [partitionKey]: id }, ConsistentRead: true }),
      );
      if (Item?.owner === owner) return { started: true };
      if (Item && Number(Item[ttlAttribute]) > seconds(this.clock)) {
        return {
          started: false,
          entry: {
            requestHash: String(Item.requestHash),
            response:
              typeof Item.response === 'string' ? (JSON.parse(Item.response) as StoredResponse) : null,
            expiresAt: Number(Item[ttlAttribute]),
          },
        };
      }
      // Released or expired between the put and the read: the key is free again, try to take it.
      if (attempt >= 3) throw new Error(`idempotency key ${id} kept changing while being taken`);
    }
  }

  async complete(scope: string, key: string, response: StoredResponse, expiresAt: number): Promise<void> {
    const messageId = messageIdOf(response);
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [partitionKey]: scopeKey(scope, key) },
          UpdateExpression: `SET #response = :response, #expiresAt = :expiresAt${messageId ? ', #message = :message' : ''}`,
          ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#response)',
          ExpressionAttributeNames: {
            '#pk': partitionKey,
            '#response': 'response',
            '#expiresAt': ttlAttribute,
            ...(messageId ? { '#message': messageIndex.partitionKey } : {}),
          },
          ExpressionAttributeValues: {
            ':response': JSON.stringify(response),
            ':expiresAt': expiresAt,
            ...(messageId ? { ':message': messageKey(scope, messageId) } : {}),
          },
        }),
      )
      .catch(ignoreConditionFailure);
  }

  async forgetMessage(scope: string, messageId: string): Promise<void> {
    const wanted = messageKey(scope, messageId);
    // One message is in one or two answers (a key and its replays share one): a page is enough,
    // but follow it anyway. Each delete checks the item still holds the message.
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: messageIndex.name,
          KeyConditionExpression: '#message = :message',
          ExpressionAttributeNames: { '#message': messageIndex.partitionKey },
          ExpressionAttributeValues: { ':message': wanted },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        await this.client
          .send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { [partitionKey]: item[partitionKey] },
              ConditionExpression: '#message = :message',
              ExpressionAttributeNames: { '#message': messageIndex.partitionKey },
              ExpressionAttributeValues: { ':message': wanted },
            }),
          )
          .catch(ignoreConditionFailure);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async release(scope: string, key: string): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [partitionKey]: scopeKey(scope, key) },
          ConditionExpression: 'attribute_not_exists(#response)',
          ExpressionAttributeNames: { '#response': 'response' },
        }),
      )
      .catch(ignoreConditionFailure);
  }

  async close(): Promise<void> {
    // The client is shared: whoever created it destroys it.
  }
}
