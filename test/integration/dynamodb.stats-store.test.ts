import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/count-stats.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { DynamoDbStatsStore } from '../../lib/adapters/dynamodb/dynamodb.stats-store.js';
import { streamChanges } from '../../lib/adapters/dynamodb/message-stream.js';
import { MESSAGE_TABLE } from '../../lib/adapters/dynamodb/message-table.js';
import { createStatsTableInput } from '../../lib/adapters/dynamodb/stats-table.js';
import { parseStatsQuery } from '../../lib/domain/stats.js';
import { createLogger } from '../../lib/logger.js';
import { makeCountStats } from '../../lib/services/count-stats.js';
import { at, messageRecord } from '../contract/message-log.contract.js';
import { statsStoreContract } from '../contract/stats-store.contract.js';
import { useDynalite } from '../support/dynalite.js';
import { windowEvent } from '../support/lambda-events.js';
import { recordingStream } from '../support/message-stream.js';

const suite = useDynalite();
const context = {} as Context;

/** The stats consumer's handler over a stats store, as its Lambda builds it. */
const consumer = (stats: DynamoDbStatsStore) =>
  createHandler(() => ({ logger: createLogger({ level: 'silent' }), countStats: makeCountStats(stats) }));

/** A message log on dynalite whose writes are recorded as stream records, and the stats table. */
async function openStore() {
  const tableName = await suite.dynamo.createTable();
  const statsTable = await suite.dynamo.createTableFrom(createStatsTableInput, 'stats');
  const stream = recordingStream(suite.client, suite.dynamo.endpoint, tableName);
  const log = new DynamoDbMessageLog(stream.client, tableName);
  const stats = new DynamoDbStatsStore(suite.client, statsTable);
  return { log, stats, stream, tableName, statsTable, handler: consumer(stats) };
}

statsStoreContract('DynamoDbStatsStore on dynalite, fed by the stats consumer', async () => {
  const { log, stats, stream, handler } = await openStore();
  return {
    log,
    stats,
    settle: async () => {
      for (const event of stream.windows()) await handler(event, context);
    },
    cleanup: async () => stream.close(),
  };
});

const dayQuery = parseStatsQuery({ from: '2026-03-01', to: '2026-03-02', bucket: 'day' }, 'default').query;

describe('the stats consumer on DynamoDB', () => {
  /** Three messages logged and two of them sent: the stream records, one shard's windows. */
  async function someChanges() {
    const store = await openStore();
    const records = [messageRecord(), messageRecord(), messageRecord({ createdAt: at(60) })];
    for (const record of records) await store.log.create(record);
    for (const record of records.slice(0, 2))
      await store.log.updateStatus(record.id, 'pending', { status: 'sent', updatedAt: at(1) });
    // One stream shard's order is write order: the records of the three recording shards merged back
    // into it, so that a window of the first ones is older than a window of the rest.
    const sequenceOf = (record: (typeof all)[number]) => BigInt(record.dynamodb?.SequenceNumber ?? '0');
    const all = store.stream.windows().flatMap((event) => event.Records);
    all.sort((a, b) => (sequenceOf(a) < sequenceOf(b) ? -1 : 1));
    return { ...store, records: all };
  }

  it("counts nothing for a tenant's list layout item, which shares the message table's stream", async () => {
    const { log, stream, tableName, stats, handler } = await openStore();
    const record = messageRecord();
    await log.create(record);
    await new DynamoDbListLayouts(stream.client, tableName).declare(record.tenant, 500);
    const events = stream.windows();
    const layoutRecords = events
      .flatMap((event) => event.Records)
      .filter((r) => r.dynamodb?.Keys?.id?.S === MESSAGE_TABLE.layoutId(record.tenant));
    // The layout item is written (an INSERT), and moves no count.
    expect(layoutRecords.map((r) => [r.eventName, r.dynamodb?.NewImage?.slottedSince?.S])).toEqual([
      ['INSERT', expect.any(String)],
    ]);
    expect(streamChanges(layoutRecords).flatMap((change) => change.deltas)).toEqual([]);
    for (const event of events) await handler(event, context);
    expect(await stats.read(dayQuery)).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
    ]);
  });

  it('counts a window delivered twice once, and skips an older window redelivered after a newer one', async () => {
    const { stats, handler, records } = await someChanges();
    const [first, ...rest] = [records.slice(0, 3), records.slice(3)];
    await handler(windowEvent('shard-a', first ?? []), context);
    await handler(windowEvent('shard-a', first ?? []), context);
    await handler(windowEvent('shard-a', rest.flat()), context);
    await handler(windowEvent('shard-a', first ?? []), context);
    expect(await stats.read(dayQuery)).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
    ]);
  });

  it('carries the sums in the window state and writes only on the final invocation', async () => {
    const { stats, handler, records, statsTable } = await someChanges();
    const half = Math.ceil(records.length / 2);
    const opened = await handler(windowEvent('shard-a', records.slice(0, half), { final: false }), context);
    expect(opened.state.first).toBeDefined();
    const carried = await handler(
      windowEvent('shard-a', records.slice(half), { state: opened.state, final: false }),
      context,
    );
    const scanned = await suite.client.send(new ScanCommand({ TableName: statsTable }));
    expect(scanned.Items).toEqual([]);
    // The final invocation of a window may bring no records of its own.
    const closed = await handler(windowEvent('shard-a', [], { state: carried.state }), context);
    expect(closed.state).toEqual({});
    expect(await stats.read(dayQuery)).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
    ]);
  });

  it('keeps the counts of a window that failed half way right when Lambda retries it', async () => {
    const { stats, records, statsTable } = await someChanges();
    // The first attempt's second counter write fails (a throttled request the SDK gave up on).
    let writes = 0;
    const failing = Object.assign(Object.create(suite.client), {
      send: (command: Parameters<typeof suite.client.send>[0]) => {
        if (command.constructor.name === 'UpdateCommand' && ++writes === 2)
          return Promise.reject(new Error('ProvisionedThroughputExceededException'));
        return suite.client.send(command);
      },
    }) as typeof suite.client;
    const flaky = consumer(new DynamoDbStatsStore(failing, statsTable));
    await expect(flaky(windowEvent('shard-a', records), context)).rejects.toThrow(/Throughput/);
    await flaky(windowEvent('shard-a', records), context);
    expect(await stats.read(dayQuery)).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
    ]);
    expect(
      await stats.read({ ...dayQuery, granularity: 'hour', first: '2026-03-01T00', last: '2026-03-01T23' }),
    ).toEqual([
      { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
      { bucket: '2026-03-01T10:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
    ]);
  });

  it('ignores records that move no count: a removal, an item that is not a message, a change of another field', async () => {
    const { stats, handler } = await openStore();
    const image = {
      tenant: { S: 'default' },
      type: { S: 'sms' },
      status: { S: 'sent' },
      createdAt: { S: at(0) },
    };
    const record = (n: number, eventName: DynamoDBRecord['eventName'], extra = {}): DynamoDBRecord => ({
      eventName,
      dynamodb: { SequenceNumber: String(100 + n), NewImage: image, ...extra },
    });
    await handler(
      windowEvent('shard-b', [
        record(1, 'INSERT'),
        record(2, 'MODIFY', { OldImage: image }),
        record(3, 'REMOVE', { NewImage: undefined, OldImage: image }),
        record(4, 'INSERT', { NewImage: { id: { S: 'not a message' } } }),
      ]),
      context,
    );
    expect(await stats.read(dayQuery)).toEqual([
      { bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'sent', count: 1 },
    ]);
  });

  it('refuses to run without a tumbling window, which alone names the stream shard', async () => {
    const { handler } = await openStore();
    const { shardId: _shardId, ...event } = windowEvent('shard-a', []);
    await expect(handler(event, context)).rejects.toThrow(/tumbling window/);
  });
});
