import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbKeyStore, DynamoDbRateLimiter } from '../../lib/adapters/dynamodb/dynamodb.key-store.js';
import {
  createKeyTableInput,
  createRateCounterTableInput,
  KEY_TABLE,
  RATE_COUNTER_TABLE,
} from '../../lib/adapters/dynamodb/key-table.js';
import { keyRecord, keyStoreContract } from '../contract/key-store.contract.js';
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
/** A new keys table and rate counter table, from the definitions the stack uses. */
async function createTables(): Promise<{ keysTable: string; countersTable: string }> {
  tables++;
  const keysTable = `keys-${tables}`;
  const countersTable = `rate-counters-${tables}`;
  await client.send(new CreateTableCommand(createKeyTableInput(keysTable)));
  await client.send(new CreateTableCommand(createRateCounterTableInput(countersTable)));
  return { keysTable, countersTable };
}

keyStoreContract('DynamoDbKeyStore and DynamoDbRateLimiter on dynalite', async () => {
  const { keysTable, countersTable } = await createTables();
  const keys = new DynamoDbKeyStore(client, keysTable);
  const limiter = new DynamoDbRateLimiter(client, countersTable);
  return {
    keys,
    limiter,
    cleanup: async () => {
      await keys.close();
      await limiter.close();
    },
  };
});

describe('DynamoDB key store specifics', () => {
  it('writes one counter item per key and window, with its TTL attribute a Number of epoch seconds', async () => {
    const { countersTable } = await createTables();
    const limiter = new DynamoDbRateLimiter(client, countersTable);
    const now = new Date('2026-03-01T09:00:00.250Z');
    const second = Math.floor(now.getTime() / 1000);
    const day = Math.floor(second / 86_400);
    await limiter.consume('key-a', { perSecond: 5, perDay: 9 }, now);
    await limiter.consume('key-a', { perSecond: 5, perDay: 9 }, now);

    const { Items = [] } = await client.send(new ScanCommand({ TableName: countersTable }));
    const byCounter = Object.fromEntries(Items.map((item) => [item[RATE_COUNTER_TABLE.partitionKey], item]));
    expect(Object.keys(byCounter).sort()).toEqual([`key-a:d:${day}`, `key-a:s:${second}`]);
    expect(byCounter[`key-a:s:${second}`]?.[RATE_COUNTER_TABLE.ttlAttribute]).toBe(second + 1);
    expect(byCounter[`key-a:d:${day}`]?.[RATE_COUNTER_TABLE.ttlAttribute]).toBe((day + 1) * 86_400);
    expect(byCounter[`key-a:s:${second}`]?.count).toBe(2);
  });

  it('keeps a key in the table under its id, with the hash and no other secret', async () => {
    const { keysTable } = await createTables();
    const record = keyRecord({ hash: 'ef'.repeat(32) });
    await new DynamoDbKeyStore(client, keysTable).create(record);

    const { Item } = await client.send(
      new GetCommand({ TableName: keysTable, Key: { [KEY_TABLE.partitionKey]: record.id } }),
    );
    expect(Item).toStrictEqual({ ...record });
  });
});
