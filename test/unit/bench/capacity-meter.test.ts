// The capacity meter (bench/capacity/) against the worked examples of the DynamoDB developer guide
// ("DynamoDB item sizes and formats", "DynamoDB read and write operations", and the global secondary
// index page's "Write capacity units"), then against dynalite with the real message log.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attributeSize,
  type Item,
  itemSize,
  numberSize,
  readUnits,
  writeUnits,
} from '../../../bench/capacity/item-size.js';
import {
  CapacityMeter,
  failedWriteCharges,
  itemReadUnits,
  queryUnits,
  type TableShape,
  writeCharges,
} from '../../../bench/capacity/meter.js';
import { shapeOf } from '../../../bench/capacity/tables.js';
import { createDocumentClient } from '../../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { createTableInput, indexKeys } from '../../../lib/adapters/dynamodb/message-table.js';
import { messageRecord } from '../../contract/message-log.contract.js';
import { type Dynalite, startDynalite } from '../../support/dynalite.js';

/** An item of exactly `bytes` bytes: a one-letter name and a string of `bytes - 1` ASCII characters. */
const sized = (bytes: number, extra: Item = {}): Item => ({
  p: { S: 'x'.repeat(bytes - 1 - itemSize(extra)) },
  ...extra,
});
const KB = 1024;

describe('item size', () => {
  it('counts a string as its name plus its UTF-8 bytes', () => {
    expect(attributeSize('name', { S: 'abc' })).toBe(7);
    expect(attributeSize('é', { S: '€' })).toBe(2 + 3);
  });

  it('counts a number as about one byte per two significant digits plus one, zeros trimmed', () => {
    expect(numberSize('1')).toBe(2);
    expect(numberSize('123456')).toBe(4);
    expect(numberSize('12345')).toBe(4);
    expect(numberSize('0.00120')).toBe(2); // significant digits "12"
    expect(numberSize('-1000')).toBe(2);
  });

  it('counts binary by its raw bytes, booleans and null as one byte', () => {
    expect(attributeSize('b', { B: new Uint8Array(10) })).toBe(11);
    expect(attributeSize('ok', { BOOL: true })).toBe(3);
    expect(attributeSize('n', { NULL: true })).toBe(2);
  });

  it('gives a list or a map 3 bytes of overhead plus 1 byte per element (an empty one is its name + 3)', () => {
    expect(attributeSize('l', { L: [] })).toBe(4);
    expect(attributeSize('m', { M: {} })).toBe(4);
    // 'l' + 3 + ('ab' + 1) + (number "7": 2 bytes + 1)
    expect(attributeSize('l', { L: [{ S: 'ab' }, { N: '7' }] })).toBe(1 + 3 + 3 + 3);
    // 'm' + 3 + ('k' + 'v' + 1)
    expect(attributeSize('m', { M: { k: { S: 'v' } } })).toBe(1 + 3 + 3);
  });

  it('sums an item over its attributes', () => {
    expect(itemSize({ id: { S: '1' }, n: { N: '42' } })).toBe(3 + 3);
    expect(itemSize(sized(3500))).toBe(3500);
  });
});

describe('read units (developer guide, read operations)', () => {
  it('a 3,500-byte item costs what a 4 KB one does: 1 strongly consistent unit', () => {
    expect(readUnits(3500, 'strong')).toBe(1);
    expect(readUnits(4 * KB, 'strong')).toBe(1);
  });

  it('an 8 KB item: 2 units strongly consistent, 1 eventually consistent, 4 transactional', () => {
    expect(readUnits(8 * KB, 'strong')).toBe(2);
    expect(readUnits(8 * KB, 'eventual')).toBe(1);
    expect(readUnits(8 * KB, 'transactional')).toBe(4);
  });

  it('GetItem of a 10 KB item is rounded to 12 KB: 3 strongly consistent units', () => {
    expect(itemReadUnits([sized(10 * KB)], 'strong')).toBe(3);
  });

  it('BatchGetItem of 1.5 KB and 6.5 KB items is 4 KB + 8 KB, not 8 KB: 3 units', () => {
    expect(itemReadUnits([sized(1.5 * KB), sized(6.5 * KB)], 'strong')).toBe(3);
  });

  it('a Query is rounded once over its items: 10 items of 40.8 KB together are 44 KB, 11 units (5.5 eventual)', () => {
    const items = Array.from({ length: 10 }, () => sized(Math.round(4.08 * KB)));
    expect(queryUnits(items, 'strong')).toBe(11);
    expect(queryUnits(items, 'eventual')).toBe(5.5);
  });

  it('a read of nothing still costs the minimum unit', () => {
    expect(itemReadUnits([undefined], 'eventual')).toBe(0.5);
    expect(queryUnits([], 'strong')).toBe(1);
  });
});

describe('write units (developer guide, write operations)', () => {
  it('a 500-byte item is 1 unit, a 2 KB item 2 units, and 4 in a transaction', () => {
    expect(writeUnits(500)).toBe(1);
    expect(writeUnits(2 * KB)).toBe(2);
    expect(writeUnits(2 * KB, true)).toBe(4);
  });

  const plain: TableShape = { label: 't', partitionKey: 'p', indexes: [] };

  it('BatchWriteItem of a 500-byte and a 3.5 KB item is 1 KB + 4 KB: 5 units, not 4', () => {
    const units = [sized(500), sized(3.5 * KB)].flatMap((item) => writeCharges(plain, undefined, item));
    expect(units.reduce((sum, charge) => sum + charge.wcu, 0)).toBe(5);
  });

  it('UpdateItem and PutItem charge the larger of the item before and after', () => {
    const [shrunk] = writeCharges(plain, sized(2.5 * KB), sized(100));
    expect(shrunk?.wcu).toBe(3);
  });

  it('a write whose condition fails is still charged: by the existing item, or 1 unit when there is none', () => {
    expect(failedWriteCharges(plain, { p: { S: 'x' } }, sized(1.5 * KB))[0]?.wcu).toBe(2);
    expect(failedWriteCharges(plain, { p: { S: 'x' } }, undefined)[0]?.wcu).toBe(1);
  });
});

describe('global secondary index writes (developer guide, GSI write capacity units)', () => {
  // A GameScores-like table: an index on `title` sorted by `top`, projecting `wins` only.
  const games = shapeOf('games', {
    KeySchema: [
      { AttributeName: 'user', KeyType: 'HASH' },
      { AttributeName: 'game', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byTitle',
        KeySchema: [
          { AttributeName: 'title', KeyType: 'HASH' },
          { AttributeName: 'top', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['wins'] },
      },
    ],
  });
  const base = { user: { S: 'u1' }, game: { S: 'g1' }, losses: { N: '1' } };
  const indexed = { ...base, title: { S: 'Meteor Blasters' }, top: { N: '5842' }, wins: { N: '3' } };
  const onIndex = (charges: ReturnType<typeof writeCharges>) =>
    charges.filter((charge) => charge.target === 'games/byTitle').map((charge) => charge.action);

  it('a new item that defines the index key: one put into the index', () => {
    expect(onIndex(writeCharges(games, undefined, indexed))).toEqual(['put']);
  });

  it('an update that defines a previously undefined index key: one put', () => {
    expect(onIndex(writeCharges(games, base, indexed))).toEqual(['put']);
  });

  it('an index key changed from A to B: a delete and a put', () => {
    const moved = { ...indexed, title: { S: 'Galaxy Invaders' } };
    expect(onIndex(writeCharges(games, indexed, moved))).toEqual(['delete', 'put']);
  });

  it('the index key removed: one delete', () => {
    expect(onIndex(writeCharges(games, indexed, base))).toEqual(['delete']);
  });

  it('only a projected attribute changed: one update', () => {
    expect(onIndex(writeCharges(games, indexed, { ...indexed, wins: { N: '4' } }))).toEqual(['update']);
  });

  it('an attribute the index does not project changed, or the item is in the index neither before nor after: nothing', () => {
    expect(onIndex(writeCharges(games, indexed, { ...indexed, losses: { N: '2' } }))).toEqual([]);
    expect(onIndex(writeCharges(games, base, { ...base, losses: { N: '2' } }))).toEqual([]);
  });

  it('an index write is sized by the index entry (keys and projected attributes), not the whole item', () => {
    const big = { ...indexed, blob: { S: 'x'.repeat(5 * KB) } };
    const charges = writeCharges(games, undefined, big);
    expect(charges.find((charge) => charge.target === 'games')?.wcu).toBe(6);
    expect(charges.find((charge) => charge.target === 'games/byTitle')?.wcu).toBe(1);
  });

  it('a transaction doubles every write, the index writes included', () => {
    const charges = writeCharges(games, undefined, indexed, { transactional: true });
    expect(charges.map((charge) => charge.wcu)).toEqual([2, 2]);
  });

  it("records each write's partition key value per table and index", () => {
    const moved = { ...indexed, title: { S: 'Galaxy Invaders' } };
    expect(writeCharges(games, indexed, moved).map((charge) => [charge.target, charge.partitionKey])).toEqual(
      [
        ['games', 'u1'],
        ['games/byTitle', 'Meteor Blasters'],
        ['games/byTitle', 'Galaxy Invaders'],
      ],
    );
  });
});

describe('the meter on dynalite, around the real DynamoDbMessageLog', () => {
  let dynamo: Dynalite;
  beforeAll(async () => {
    dynamo = await startDynalite();
  });
  afterAll(async () => dynamo?.close());

  it("counts a message's life: created, sent, delivered, read and listed", async () => {
    const table = await dynamo.createTable();
    const meter = new CapacityMeter({
      endpoint: dynamo.endpoint,
      tables: { [table]: shapeOf('messages', createTableInput(table)) },
    });
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    meter.attach(client);
    const log = new DynamoDbMessageLog(client, table);
    try {
      const record = messageRecord();
      await log.create(record);
      // The tenant's layout first (an eventually consistent read, then cached), then the item: the
      // table, the list index and the recipient's (the rare status index is sparse); all small.
      expect(meter.records.map((r) => [r.operation, r.rcu, r.wcu])).toEqual([
        ['GetItem', 0.5, 0],
        ['PutItem', 0, 3],
      ]);
      const charges = meter.records.at(-1)?.charges.map((c) => [c.target, c.action, c.partitionKey]);
      expect(indexKeys(record, null).listKey).toBe('default');
      expect(charges).toEqual([
        ['messages', 'write', record.id],
        ['messages/byList', 'put', 'default'],
        ['messages/byTenantRecipient', 'put', `default#${record.recipient}`],
      ]);

      await log.updateStatus(record.id, 'pending', {
        status: 'sent',
        provider: 'mock',
        providerMessageId: 'mock-1',
        error: null,
        attempts: 1,
        updatedAt: record.createdAt,
      });
      // The table and the list index's copy of the record; the recipient index projects nothing that
      // changed, and neither status has a rare class.
      const sent = meter.records.at(-1);
      expect(sent).toMatchObject({ operation: 'UpdateItem', wcu: 2 });
      expect(sent?.charges.map((c) => `${c.target}:${c.action}`)).toEqual([
        'messages:write',
        'messages/byList:update',
      ]);

      meter.reset();
      const found = await log.get(record.id);
      expect(found?.providerMessageId).toBe('mock-1');
      // A receipt reads its message by the id it carries: one consistent GetItem.
      expect(meter.records.map((r) => [r.operation, r.index, r.rcu])).toEqual([['GetItem', undefined, 1]]);

      meter.reset();
      await log.updateStatus(record.id, 'sent', { status: 'delivered', updatedAt: record.createdAt });
      // The table and the list index again.
      expect(meter.records.at(-1)?.wcu).toBe(2);

      meter.reset();
      await expect(
        log.updateStatus(record.id, 'sent', { status: 'delivered', updatedAt: record.createdAt }),
      ).rejects.toThrow();
      // The failed condition is charged on the table (the record is re-read, then a second try fails).
      const failed = meter.records.filter((r) => r.failed);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((r) => r.wcu === 1 && r.charges.length === 1)).toBe(true);

      meter.reset();
      const page = await log.list({ tenant: 'default', limit: 20 });
      expect(page.items).toHaveLength(1);
      // One Query on the tenant's one list partition, which holds the records (the layout is cached).
      expect(meter.records.map((r) => [r.operation, r.index, r.rcu])).toEqual([['Query', 'byList', 0.5]]);
      expect(meter.records.flatMap((r) => r.charges).map((c) => c.partitionKey)).toEqual(['default']);
    } finally {
      await log.close();
      await meter.close();
    }
  });

  it('charges a put whose condition failed, and lets the error through', async () => {
    const table = await dynamo.createTable();
    const meter = new CapacityMeter({ endpoint: dynamo.endpoint }); // the shape from DescribeTable
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    meter.attach(client);
    const log = new DynamoDbMessageLog(client, table);
    try {
      const record = messageRecord();
      await log.create(record);
      await expect(log.create({ ...record, content: 'other' })).rejects.toBeInstanceOf(
        ConditionalCheckFailedException,
      );
      const puts = meter.records.filter((r) => r.operation === 'PutItem');
      expect(puts.map((r) => [r.failed, r.wcu])).toEqual([
        [false, 3],
        [true, 1],
      ]);
    } finally {
      await log.close();
      await meter.close();
    }
  });
});
