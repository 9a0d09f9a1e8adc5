import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { LIST_LAYOUT, MESSAGE_TABLE } from '../../lib/adapters/dynamodb/message-table.js';
import { useDynalite } from '../support/dynalite.js';

const suite = useDynalite();
let table: string;
beforeAll(async () => {
  table = await suite.dynamo.createTable();
});

/** A clock a test moves by hand. */
function handClock(start: string) {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const layoutItem = async (tenant: string) =>
  (
    await suite.client.send(
      new GetCommand({ TableName: table, Key: { id: MESSAGE_TABLE.layoutId(tenant) }, ConsistentRead: true }),
    )
  ).Item;

describe('DynamoDbListLayouts on dynalite', () => {
  it('writes nothing for a tenant whose keys allow at most 200 a second in all', async () => {
    const { clock } = handClock('2026-12-06T12:00:00Z');
    const layouts = new DynamoDbListLayouts(suite.client, table, clock);
    await layouts.declare('slow', 50);
    await layouts.declare('slow', LIST_LAYOUT.singleUpTo);
    expect(await layoutItem('slow')).toBeUndefined();
    expect(await layouts.slottedSince('slow')).toBeNull();
  });

  it('slots a tenant from 2 minutes after its keys first allow more than 200, and never moves that instant', async () => {
    const { clock, advance } = handClock('2026-12-06T12:00:00.000Z');
    const layouts = new DynamoDbListLayouts(suite.client, table, clock);
    await layouts.declare('fast', 250);
    const item = await layoutItem('fast');
    // The layout item: no index key attribute, so it is in no index (no list, no status, no recipient).
    expect(item).toEqual({ id: 'layout#fast', slottedSince: '2026-12-06T12:02:00.000Z' });

    advance(10 * 60_000);
    await layouts.declare('fast', null);
    await layouts.declare('fast', 1000);
    expect((await layoutItem('fast'))?.slottedSince).toBe('2026-12-06T12:02:00.000Z');
    // A slotted tenant stays slotted: a lower total (a key revoked) is not a change either.
    await layouts.declare('fast', 50);
    expect((await layoutItem('fast'))?.slottedSince).toBe('2026-12-06T12:02:00.000Z');
  });

  it('slots a tenant that has an unlimited key', async () => {
    const { clock } = handClock('2026-12-06T13:00:00.000Z');
    await new DynamoDbListLayouts(suite.client, table, clock).declare('unlimited', null);
    expect((await layoutItem('unlimited'))?.slottedSince).toBe('2026-12-06T13:02:00.000Z');
  });

  it("answers a tenant's slottedSince, read once per 60 s: another process's change shows after that", async () => {
    const { clock, advance } = handClock('2026-12-06T14:00:00.000Z');
    const reader = new DynamoDbListLayouts(suite.client, table, clock);
    const writer = new DynamoDbListLayouts(suite.client, table, clock);
    expect(await reader.slottedSince('growing')).toBeNull();

    await writer.declare('growing', 400);
    expect(await writer.slottedSince('growing')).toBe('2026-12-06T14:02:00.000Z');
    // The reader's copy is fresh until cacheMs has passed since it read it...
    advance(LIST_LAYOUT.cacheMs - 1);
    expect(await reader.slottedSince('growing')).toBeNull();
    // ...then it reads again, before the layout applies (noticeMs > cacheMs).
    advance(1);
    expect(await reader.slottedSince('growing')).toBe('2026-12-06T14:02:00.000Z');
    expect(LIST_LAYOUT.noticeMs).toBeGreaterThan(LIST_LAYOUT.cacheMs);
  });
});
