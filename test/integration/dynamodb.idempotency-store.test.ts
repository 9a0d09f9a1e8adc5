import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbIdempotencyStore } from '../../lib/adapters/dynamodb/dynamodb.idempotency-store.js';
import {
  createIdempotencyTableInput,
  IDEMPOTENCY_TABLE,
  scopeKey,
} from '../../lib/adapters/dynamodb/idempotency-table.js';
import { idempotencyStoreContract, T0 } from '../contract/idempotency-store.contract.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

let dynamo: Dynalite;
let client: ReturnType<typeof createDocumentClient>;
beforeAll(async () => {
  dynamo = await startDynalite();
  client = createDocumentClient({ endpoint: dynamo.endpoint });
});
afterAll(async () => {
  client?.destroy();
  await dynamo?.close();
});

let tables = 0;
async function createTable(): Promise<string> {
  const name = `idempotency-${++tables}`;
  await client.send(new CreateTableCommand(createIdempotencyTableInput(name)));
  return name;
}

idempotencyStoreContract('DynamoDbIdempotencyStore on dynalite', async (clock) => {
  const store = new DynamoDbIdempotencyStore(client, await createTable(), { clock });
  return { store, cleanup: () => store.close() };
});

describe('DynamoDbIdempotencyStore specifics', () => {
  const clock = () => new Date(T0 * 1000);

  it('writes one item per key whose TTL attribute is a Number of epoch seconds', async () => {
    const tableName = await createTable();
    const store = new DynamoDbIdempotencyStore(client, tableName, { clock });
    await store.begin('tenant#1', 'k', 'h', T0 + 60);
    await store.complete('tenant#1', 'k', { statusCode: 200, body: { id: 'x' } }, T0 + 86_400);

    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: { [IDEMPOTENCY_TABLE.partitionKey]: 'tenant%231#k' } }),
    );
    expect(Item?.[IDEMPOTENCY_TABLE.ttlAttribute]).toBe(T0 + 86_400);
    expect(typeof Item?.[IDEMPOTENCY_TABLE.ttlAttribute]).toBe('number');
    expect(Item?.requestHash).toBe('h');
    expect(JSON.parse(String(Item?.response))).toEqual({ statusCode: 200, body: { id: 'x' } });
  });

  it('takes over an item past its expiresAt that TTL has not deleted yet', async () => {
    const tableName = await createTable();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          [IDEMPOTENCY_TABLE.partitionKey]: scopeKey('default', 'k'),
          requestHash: 'old',
          response: JSON.stringify({ statusCode: 200, body: 'old' }),
          [IDEMPOTENCY_TABLE.ttlAttribute]: T0 - 3600,
        },
      }),
    );
    const store = new DynamoDbIdempotencyStore(client, tableName, { clock });

    expect(await store.begin('default', 'k', 'new', T0 + 60)).toEqual({ started: true });
  });

  it('starts when the SDK retries its put after a lost answer and finds its own item', async () => {
    const tableName = await createTable();
    // The put reaches the table twice, as when the first answer is lost and the SDK tries again.
    const replaying = Object.assign(Object.create(client), {
      send: async (command: Parameters<typeof client.send>[0]) => {
        if (command instanceof PutCommand) await client.send(command);
        return client.send(command);
      },
    }) as typeof client;
    const store = new DynamoDbIdempotencyStore(replaying, tableName, { clock });

    expect(await store.begin('default', 'k', 'h', T0 + 60)).toEqual({ started: true });
    const other = new DynamoDbIdempotencyStore(client, tableName, { clock });
    expect((await other.begin('default', 'k', 'h', T0 + 60)).started).toBe(false);
  });

  it('leaves the shared client usable after close', async () => {
    const tableName = await createTable();
    const store = new DynamoDbIdempotencyStore(client, tableName, { clock });
    await store.close();

    expect(
      await new DynamoDbIdempotencyStore(client, tableName, { clock }).begin('d', 'k', 'h', T0 + 1),
    ).toEqual({
      started: true,
    });
  });

  it('defines a table keyed by the partition key alone, on demand, with the sparse index of erasure', () => {
    expect(createIdempotencyTableInput('t')).toEqual({
      TableName: 't',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'scopeKey', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'scopeKey', AttributeType: 'S' },
        { AttributeName: 'messageKey', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byMessage',
          KeySchema: [{ AttributeName: 'messageKey', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });
});
