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

  const counters = async (table: string) => {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: table }));
    return Object.fromEntries(
      Items.map((item) => [String(item[RATE_COUNTER_TABLE.partitionKey]), item.count]),
    );
  };

  it('writes nothing for reads, counts them per container, and refuses them once the key is spent', async () => {
    const { countersTable } = await createTables();
    const limiter = new DynamoDbRateLimiter(client, countersTable);
    const now = new Date('2026-03-01T09:00:00.250Z');
    const limits = { perSecond: 2, perDay: 100 };
    const reads = [];
    for (let i = 0; i < 3; i++) reads.push((await limiter.consume('key-r', limits, now, 'read')).allowed);
    expect(reads).toEqual([true, true, false]);
    expect(await counters(countersTable)).toEqual({});

    // Sends are counted apart, in the shared counters; once one is refused, so are reads.
    const next = new Date(now.getTime() + 1000);
    const sends = [];
    for (let i = 0; i < 3; i++) sends.push((await limiter.consume('key-r', limits, next)).allowed);
    expect(sends).toEqual([true, true, false]);
    expect(await limiter.consume('key-r', limits, next, 'read')).toMatchObject({
      allowed: false,
      limit: 'perSecond',
    });
  });

  it('spreads a high per-second limit over counter shards, each allowing its share', async () => {
    const { countersTable } = await createTables();
    let draw = 0;
    // Shards taken in turn: 0, 1, 2, 3, 0, 1...
    const limiter = new DynamoDbRateLimiter(client, countersTable, () => ((draw++ % 4) + 0.5) / 4);
    const now = new Date('2026-03-01T09:00:00.250Z');
    const second = Math.floor(now.getTime() / 1000);
    const limits = { perSecond: 2_000, perDay: null };
    for (let i = 0; i < 40; i++) expect((await limiter.consume('key-s', limits, now)).allowed).toBe(true);
    // 2,000 a second is 4 shards of 500.
    expect(await counters(countersTable)).toEqual(
      Object.fromEntries([0, 1, 2, 3].map((shard) => [`key-s:s:${second}#${shard}`, 10])),
    );

    // A shard whose share is spent refuses; the container then refuses the rest of the second unwritten.
    const full = new DynamoDbRateLimiter(client, countersTable, () => 0);
    const busy = { perSecond: 1_000, perDay: null };
    const decisions = [];
    for (let i = 0; i < 502; i++) decisions.push((await full.consume('key-t', busy, now)).allowed);
    expect(decisions.filter(Boolean)).toHaveLength(500);
    expect((await counters(countersTable))[`key-t:s:${second}#0`]).toBe(500);
  });

  it("adds a container's requests to the day counter at most once a second", async () => {
    const { countersTable } = await createTables();
    const limiter = new DynamoDbRateLimiter(client, countersTable);
    const start = Date.parse('2026-03-01T09:00:00.000Z');
    const day = Math.floor(start / 86_400_000);
    const limits = { perSecond: null, perDay: 1_000 };
    // The first request at once, the next 9 of that second kept in the container.
    for (let i = 0; i < 10; i++) await limiter.consume('key-d', limits, new Date(start + i * 50));
    expect((await counters(countersTable))[`key-d:d:${day}`]).toBe(1);
    // A second later, the next request adds them all.
    await limiter.consume('key-d', limits, new Date(start + 1_000));
    expect((await counters(countersTable))[`key-d:d:${day}`]).toBe(11);

    // Another container sees the total when it adds its own, and refuses past the limit.
    const other = new DynamoDbRateLimiter(client, countersTable);
    const tight = { perSecond: null, perDay: 12 };
    expect((await other.consume('key-d', tight, new Date(start + 2_000))).allowed).toBe(true);
    expect(await other.consume('key-d', tight, new Date(start + 2_050))).toMatchObject({
      allowed: false,
      limit: 'perDay',
    });
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
