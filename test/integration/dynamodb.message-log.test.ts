import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbMessageLog, type ListBounds } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import {
  createTableInput,
  indexInput,
  LIST_LAYOUT,
  RETIRING_INDEXES,
} from '../../lib/adapters/dynamodb/message-table.js';
import { createMetadataTableInput } from '../../lib/adapters/dynamodb/metadata-table.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../lib/domain/message-status.js';
import { at, messageLogContract, messageRecord, newestFirst } from '../contract/message-log.contract.js';
import { messageLogPrivacyContract } from '../contract/message-log-privacy.contract.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { listQuery } from '../support/queries.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo?.close());

messageLogContract('DynamoDbMessageLog on dynalite', async () => {
  const log = new DynamoDbMessageLog(
    createDocumentClient({ endpoint: dynamo.endpoint }),
    await dynamo.createTable(),
    undefined,
    await dynamo.createTableFrom(createMetadataTableInput, 'metadata'),
  );
  return { log, cleanup: () => log.close() };
});

messageLogPrivacyContract('DynamoDbMessageLog on dynalite: retention and erasure', async (options) => {
  const log = new DynamoDbMessageLog(
    createDocumentClient({ endpoint: dynamo.endpoint }),
    await dynamo.createTable(),
    undefined,
    undefined,
    options,
  );
  return { log, cleanup: () => log.close() };
});

describe('a filtered list on DynamoDB', () => {
  it('reads a bounded number of index items per partition and page, answering short pages that still find every match', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    // Queries per partition key value, for the page being read.
    let queries = new Map<string, number>();
    const counting = Object.assign(Object.create(client), {
      send: (command: Parameters<typeof client.send>[0]) => {
        if (command.constructor.name === 'QueryCommand') {
          const pk = String(
            (command.input as { ExpressionAttributeValues: Record<string, unknown> })
              .ExpressionAttributeValues[':pk'],
          );
          queries.set(pk, (queries.get(pk) ?? 0) + 1);
        }
        return client.send(command);
      },
    }) as typeof client;
    const log = new DynamoDbMessageLog(counting, await dynamo.createTable(), {
      itemsPerQuery: 5,
      queriesPerPage: 2,
    });
    // 60 sent messages to one recipient, 4 of them WhatsApp: a rare match in the recipient's partition,
    // and in the tenant's `sent` shards.
    const records = Array.from({ length: 60 }, (_, n) =>
      messageRecord({
        type: n % 15 === 7 ? 'whatsapp' : 'sms',
        recipient: '+14155550123',
        status: 'sent',
        createdAt: at(n),
      }),
    );
    for (const record of records) await log.create(record);
    const expected = records
      .filter((r) => r.type === 'whatsapp')
      .sort(newestFirst)
      .map((r) => r.id);

    for (const filters of [
      { recipient: '+14155550123', type: 'whatsapp' },
      { status: 'sent', type: 'whatsapp' },
    ]) {
      const found: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      let shortPagesWithCursor = 0;
      do {
        queries = new Map();
        const page = await log.list(listQuery({ ...filters, limit: '2', ...(cursor ? { cursor } : {}) }));
        expect(Math.max(...queries.values())).toBeLessThanOrEqual(2);
        found.push(...page.items.map((r) => r.id));
        if (page.nextCursor && page.items.length < 2) shortPagesWithCursor++;
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      expect(found).toEqual(expected);
      if (filters.recipient) expect(shortPagesWithCursor).toBeGreaterThan(0);
    }
    await log.close();
  });

  it("reads an unslotted tenant's one list partition once per page, fetching no record, after a cursor too", async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { counting, queries } = countingQueries(client);
    const { counting: both, fetched } = countingFetches(counting);
    const log = new DynamoDbMessageLog(both, await dynamo.createTable());
    const records = Array.from({ length: 45 }, (_, n) =>
      messageRecord({ createdAt: at(n), status: n % 3 ? 'delivered' : 'failed' }),
    );
    for (const record of records) await log.create(record);

    const found: MessageRecord[] = [];
    let cursor: string | undefined;
    do {
      queries.length = 0;
      const page = await log.list(listQuery({ limit: '10', ...(cursor ? { cursor } : {}) }));
      expect(queries).toEqual(['byList']);
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(fetched).toEqual([]);
    // The records come from the index as they are in the table, status included.
    expect(found).toEqual([...records].sort(newestFirst));
    await log.close();
  });
});

/** The ids of every page of a list, from `cursor` (the first page if null) until nextCursor is null. */
async function walkIds(
  log: DynamoDbMessageLog,
  params: Record<string, string>,
  cursor: string | null,
  tenant?: string,
): Promise<string[]> {
  const found: string[] = [];
  let next = cursor;
  let pages = 0;
  do {
    const page = await log.list(listQuery({ ...params, ...(next ? { cursor: next } : {}) }, tenant));
    found.push(...page.items.map((r) => r.id));
    next = page.nextCursor;
    if (++pages > 500) throw new Error('the walk does not end: nextCursor never becomes null');
  } while (next);
  return found;
}

/** A client that records the index of each Query it sends. */
function countingQueries(client: ReturnType<typeof createDocumentClient>) {
  const queries: (string | undefined)[] = [];
  const counting = Object.assign(Object.create(client), {
    send: (command: Parameters<typeof client.send>[0]) => {
      if (command.constructor.name === 'QueryCommand')
        queries.push((command.input as { IndexName?: string }).IndexName);
      return client.send(command);
    },
  }) as typeof client;
  return { counting, queries };
}

/** A client that counts the keys each BatchGetItem asks for, per page. */
function countingFetches(client: ReturnType<typeof createDocumentClient>) {
  const fetched: number[] = [];
  const counting = Object.assign(Object.create(client), {
    send: (command: Parameters<typeof client.send>[0]) => {
      if (command.constructor.name === 'BatchGetCommand') {
        const items = (command.input as { RequestItems: Record<string, { Keys: unknown[] }> }).RequestItems;
        fetched.push(Object.values(items).reduce((n, request) => n + request.Keys.length, 0));
      }
      return client.send(command);
    },
  }) as typeof client;
  return { counting, fetched };
}

describe('a status filter on DynamoDB (no index holds the status)', () => {
  // Every status of every class, interleaved in time, with types as well.
  const STATUSES: MessageStatus[] = [
    'pending',
    'sent',
    'delivered',
    'sent',
    'queued',
    'sending',
    'scheduled',
    'failed',
    'undelivered',
    'canceled',
    'delivered',
    'sent',
  ];
  const seed = async (log: DynamoDbMessageLog) => {
    const records = Array.from({ length: 72 }, (_, n) =>
      messageRecord({
        status: STATUSES[n % STATUSES.length] ?? 'sent',
        type: n % 5 === 0 ? 'email' : 'sms',
        // Two messages a minute: ties on createdAt are broken by id, as the API's order is.
        createdAt: at(Math.floor(n / 2)),
      }),
    );
    for (const record of records) await log.create(record);
    return records;
  };

  it('answers exactly the matching messages, newest first, across pages, fetching at most its record budget a page', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { counting, fetched } = countingFetches(client);
    const recordsPerPage = 7;
    const log = new DynamoDbMessageLog(counting, await dynamo.createTable(), { recordsPerPage });
    const records = await seed(log);
    for (const filters of [
      { status: 'sent' },
      { status: 'delivered' },
      { status: 'pending' },
      { status: 'sending' },
      { status: 'canceled' },
      { status: 'sent', type: 'email' },
    ] as const) {
      const expected = records
        .filter((r) => r.status === filters.status && (!('type' in filters) || r.type === filters.type))
        .sort(newestFirst)
        .map((r) => r.id);
      const found: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        fetched.length = 0;
        const page = await log.list(listQuery({ ...filters, limit: '3', ...(cursor ? { cursor } : {}) }));
        // The budget bounds the records a page reads to check the status (the page's own are among them).
        expect(fetched.reduce((n, keys) => n + keys, 0)).toBeLessThanOrEqual(recordsPerPage);
        expect(page.items.length).toBeLessThanOrEqual(3);
        expect(page.items.every((r) => r.status === filters.status)).toBe(true);
        found.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
      expect(found, JSON.stringify(filters)).toEqual(expected);
      expect(cursor).toBeUndefined();
    }
    await log.close();
  });

  it('answers a short page with a cursor when the budget runs out before a match, and goes on from there', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    // `pending` is a residual filter on the list index: 2 Queries of 5 items a page.
    const log = new DynamoDbMessageLog(client, await dynamo.createTable(), {
      itemsPerQuery: 5,
      queriesPerPage: 2,
    });
    // 30 delivered messages, then (older) one pending: 'pending' is past the first page's budget.
    const pending = messageRecord({ status: 'pending', createdAt: at(0) });
    await log.create(pending);
    for (let n = 1; n <= 30; n++) await log.create(messageRecord({ status: 'delivered', createdAt: at(n) }));
    const first = await log.list(listQuery({ status: 'pending', limit: '10' }));
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(await walkIds(log, { status: 'pending', limit: '10' }, first.nextCursor)).toEqual([pending.id]);
    await log.close();
  });

  it('reads no more of the index once its record budget is spent, and goes on from there', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { counting, queries } = countingQueries(client);
    // One partition (the recipient's) read 4 keys a Query: the budget of 4 records is spent exactly on
    // the keys of the first Query, none of them pending.
    const log = new DynamoDbMessageLog(counting, await dynamo.createTable(), {
      itemsPerQuery: 4,
      recordsPerPage: 4,
    });
    const pending = messageRecord({ status: 'pending', createdAt: at(0) });
    await log.create(pending);
    for (let n = 1; n <= 10; n++) await log.create(messageRecord({ status: 'delivered', createdAt: at(n) }));
    const filters = { recipient: pending.recipient, status: 'pending', limit: '1' };
    const first = await log.list(listQuery(filters));
    // A second Query could check nothing it reads: the budget is gone.
    expect(queries).toHaveLength(1);
    expect(first.items).toEqual([]);
    expect(await walkIds(log, filters, first.nextCursor)).toEqual([pending.id]);
    await log.close();
  });

  it('walks every filter that reads records to the end, each match once, under any budget and limit', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const table = await dynamo.createTable();
    const metadata = await dynamo.createTableFrom(createMetadataTableInput, 'metadata');
    const writer = new DynamoDbMessageLog(client, table, undefined, metadata);
    const recipients = ['+14155550123', '+14155550124'];
    const records = Array.from({ length: 60 }, (_, n) =>
      messageRecord({
        tenant: n % 7 === 3 ? 'acme' : 'default',
        status: STATUSES[(n * 5) % STATUSES.length] ?? 'sent',
        type: n % 4 === 1 ? 'email' : 'sms',
        recipient: recipients[n % 3 === 0 ? 1 : 0],
        createdAt: at(Math.floor(n / 3)),
        ...(n % 2 ? { metadata: { orderId: String(n % 3) } } : {}),
      }),
    );
    for (const record of records) await writer.create(record);
    const filterSets: Record<string, string>[] = [
      { recipient: '+14155550123', status: 'delivered' },
      { recipient: '+14155550124', status: 'sent', type: 'sms' },
      { 'metadata.orderId': '1', status: 'sent' },
      { 'metadata.orderId': '2', type: 'email' },
      { status: 'delivered', from: at(4), to: at(15) },
    ];
    const matches = (r: (typeof records)[number], filters: Record<string, string>) =>
      (!filters.status || r.status === filters.status) &&
      (!filters.type || r.type === filters.type) &&
      (!filters.recipient || r.recipient === filters.recipient) &&
      (!filters.from || r.createdAt >= filters.from) &&
      (!filters.to || r.createdAt < filters.to) &&
      (!filters['metadata.orderId'] || r.metadata?.orderId === filters['metadata.orderId']);
    for (const bounds of [{ recordsPerPage: 1 }, { recordsPerPage: 3, itemsPerQuery: 2, queriesPerPage: 2 }])
      for (const limit of ['1', '100'])
        for (const tenant of ['default', 'acme'])
          for (const filters of filterSets) {
            const log = new DynamoDbMessageLog(client, table, bounds, metadata);
            const found = await walkIds(log, { ...filters, limit }, null, tenant);
            const expected = records
              .filter((r) => r.tenant === tenant && matches(r, filters))
              .sort(newestFirst)
              .map((r) => r.id);
            expect(found, JSON.stringify({ bounds, limit, tenant, filters })).toEqual(expected);
          }
    await writer.close();
  });

  it('checks the status on the records as fetched: one deleted or moved after the index read is not listed', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    // Runs `between` once, after the index was read and before the records are fetched.
    let between: (() => Promise<void>) | undefined;
    const racing = Object.assign(Object.create(client), {
      send: async (command: Parameters<typeof client.send>[0]) => {
        if (command.constructor.name === 'BatchGetCommand') {
          const run = between;
          between = undefined;
          await run?.();
        }
        return client.send(command);
      },
    }) as typeof client;
    const table = await dynamo.createTable();
    const writer = new DynamoDbMessageLog(client, table);
    const log = new DynamoDbMessageLog(racing, table, { recordsPerPage: 4 });
    const records = Array.from({ length: 16 }, (_, n) =>
      messageRecord({ status: n % 2 ? 'scheduled' : 'sent', createdAt: at(n) }),
    );
    for (const record of records) await writer.create(record);
    const [gone, claimed, canceled, ...rest] = records
      .filter((r) => r.status === 'scheduled')
      .sort(newestFirst)
      .map((r) => r.id);
    const change = (status: MessageStatus, minute: number) => ({
      status,
      provider: null,
      providerMessageId: null,
      error: null,
      attempts: 1,
      updatedAt: at(minute),
    });
    between = async () => {
      await client.send(new DeleteCommand({ TableName: table, Key: { id: String(gone) } }));
      await writer.updateStatus(String(claimed), 'scheduled', change('sending', 20)); // out of the index
      await writer.updateStatus(String(canceled), 'scheduled', change('canceled', 20)); // to `failed`
    };
    const walk = (status: MessageStatus) => walkIds(log, { status, limit: '2' }, null);
    expect(await walk('scheduled')).toEqual(rest);
    expect(await walk('sending')).toEqual([claimed]);
    expect(await walk('canceled')).toEqual([canceled]);
    expect(await walk('sent')).toEqual(
      records
        .filter((r) => r.status === 'sent')
        .sort(newestFirst)
        .map((r) => r.id),
    );
    await log.close();
  });

  it('answers from the indexes being replaced while their successors are not there yet (the deployments that add them)', async () => {
    // The table as deployed before (the retiring indexes), then with the list index added.
    const deployed = (keep: string[]) => (tableName: string) => {
      const input = createTableInput(tableName);
      return {
        ...input,
        AttributeDefinitions: [
          ...input.AttributeDefinitions,
          ...Object.values(RETIRING_INDEXES).map((index) => ({
            AttributeName: index.partitionKey,
            AttributeType: 'S' as const,
          })),
        ],
        GlobalSecondaryIndexes: [
          ...input.GlobalSecondaryIndexes.filter((index) => keep.includes(index.IndexName)),
          ...Object.entries(RETIRING_INDEXES).map(([name, index]) => indexInput(name, index)),
        ],
      };
    };
    for (const keep of [['byTenantRecipient'], ['byTenantRecipient', 'byList']]) {
      const { counting, queries } = countingQueries(createDocumentClient({ endpoint: dynamo.endpoint }));
      const log = new DynamoDbMessageLog(
        counting,
        await dynamo.createTableFrom(deployed(keep), `messages-${keep.length}`),
      );
      const records = await seed(log);
      for (const status of ['failed', 'sent'] as const) {
        const expected = records
          .filter((r) => r.status === status)
          .sort(newestFirst)
          .map((r) => r.id);
        queries.length = 0;
        expect(await walkIds(log, { status, limit: '100' }, null), `${keep} ${status}`).toEqual(expected);
        // Answered by the list index once it is there, by the time index before.
        expect(queries.at(-1)).toBe(keep.includes('byList') ? 'byList' : 'byTimeShard');
      }
      expect((await log.list(listQuery({ limit: '1' }))).items).toHaveLength(1);
      await log.close();
    }
  });
});

describe('a slotted tenant on DynamoDB (its keys allow more than one partition takes)', () => {
  const T0 = Date.parse('2026-03-01T12:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  // Slotted 2 minutes after the declaration; the reader's clock is 10 minutes after it.
  const since = T0 + LIST_LAYOUT.noticeMs;
  const now = T0 + 10 * 60_000;
  const types = ['sms', 'email', 'whatsapp'] as const;
  const make = (createdAt: number, n: number) =>
    messageRecord({
      tenant: 'fast',
      createdAt: iso(createdAt),
      type: types[n % 3],
      status: n % 4 === 0 ? 'failed' : 'delivered',
      ...(types[n % 3] === 'email' ? { recipient: 'a@example.com', subject: 'Hi' } : {}),
    });
  // Before the slots: an hour, one a minute. In the slots: one message at `since`, a slow stretch
  // (one every 7 s), then a burst of 400 a second (8 an interval) up to now.
  const records = [
    ...Array.from({ length: 40 }, (_, n) => make(T0 - 60 * 60_000 + n * 60_000, n)),
    make(since, 40),
    ...Array.from({ length: 30 }, (_, n) => make(since + 1 + n * 7_000, n + 41)),
    ...Array.from({ length: 200 }, (_, n) => make(now - 500 + n * 2.5, n + 71)),
  ];
  let table: string;
  let client: ReturnType<typeof createDocumentClient>;
  beforeAll(async () => {
    client = createDocumentClient({ endpoint: dynamo.endpoint });
    table = await dynamo.createTable();
    await new DynamoDbListLayouts(client, table, () => new Date(T0)).declare('fast', null);
    const writer = new DynamoDbMessageLog(client, table, undefined, undefined, {
      clock: () => new Date(now),
    });
    for (const record of records) await writer.create(record);
  });

  it("writes each message to its layout: the one partition before `slottedSince`, its instant's slot from then on", async () => {
    for (const record of [records[0], records[40], records[41], records.at(-1)]) {
      if (!record) continue;
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: { id: record.id } }));
      const ms = Date.parse(record.createdAt);
      const slot = Math.floor(ms / LIST_LAYOUT.slotMs) % LIST_LAYOUT.slots;
      expect(Item?.listKey).toBe(ms >= since ? `fast#${slot}` : 'fast');
    }
    // The layout is an item of the table, but no message: not found by id, nor listed.
    const log = new DynamoDbMessageLog(client, table, undefined, undefined, { clock: () => new Date(now) });
    expect(await log.get('layout#fast')).toBeUndefined();
    expect(await log.listEvents('layout#fast')).toEqual([]);
  });

  it('answers every filter, newest first, across the slots and the one partition, under any bounds', {
    timeout: 60_000,
  }, async () => {
    const filterSets: Record<string, string>[] = [
      {},
      { type: 'email' },
      { status: 'delivered' },
      { status: 'failed', type: 'sms' },
      { from: iso(since - 30 * 60_000), to: iso(now - 1_200) },
      { from: iso(since), type: 'whatsapp' },
      { to: iso(since) },
    ];
    const matches = (r: MessageRecord, f: Record<string, string>) =>
      (!f.status || r.status === f.status) &&
      (!f.type || r.type === f.type) &&
      (!f.from || r.createdAt >= f.from) &&
      (!f.to || r.createdAt < f.to);
    const runs = [
      { bounds: {}, limit: '7' },
      { bounds: {}, limit: '100' },
      { bounds: { itemsPerQuery: 3, queriesPerPage: 2 }, limit: '20' },
    ];
    for (const { bounds, limit } of runs)
      for (const filters of filterSets) {
        const log = new DynamoDbMessageLog(client, table, bounds, undefined, {
          clock: () => new Date(now),
        });
        const expected = records
          .filter((r) => matches(r, filters))
          .sort(newestFirst)
          .map((r) => r.id);
        expect(
          await walkIds(log, { ...filters, limit }, null, 'fast'),
          JSON.stringify({ bounds, limit, filters }),
        ).toEqual(expected);
      }
  });

  it("reads a busy tenant's newest page from the slots of its last intervals alone", async () => {
    const { counting, queries } = countingQueries(client);
    const log = new DynamoDbMessageLog(counting, table, undefined, undefined, { clock: () => new Date(now) });
    const page = await log.list(listQuery({ limit: '20' }, 'fast'));
    expect(page.items.map((r) => r.id)).toEqual(
      [...records]
        .sort(newestFirst)
        .slice(0, 20)
        .map((r) => r.id),
    );
    // `now` starts an interval, still empty; then 8 messages an interval: 21 lie in the 3 before it.
    expect(queries).toEqual(['byList', 'byList', 'byList', 'byList']);
  });

  it('sizes the Queries of a filtered walk by the share of matches found, not by the whole budget', async () => {
    // Items each Query evaluated (before its filter), and the largest it was allowed.
    const scanned: number[] = [];
    const limits: number[] = [];
    const sizing = Object.assign(Object.create(client), {
      send: async (command: Parameters<typeof client.send>[0]) => {
        const answer = await client.send(command);
        if (command.constructor.name === 'QueryCommand') {
          scanned.push(Number((answer as { ScannedCount?: number }).ScannedCount));
          limits.push(Number((command.input as { Limit?: number }).Limit));
        }
        return answer;
      },
    }) as typeof client;
    const log = new DynamoDbMessageLog(sizing, table, undefined, undefined, { clock: () => new Date(now) });
    const page = await log.list(listQuery({ limit: '10', type: 'email' }, 'fast'));
    expect(page.items.map((r) => r.id)).toEqual(
      records
        .filter((r) => r.type === 'email')
        .sort(newestFirst)
        .slice(0, 10)
        .map((r) => r.id),
    );
    // A third of the messages are emails: 11 matches take 5 intervals of 8 (the first, now's, empty),
    // and no Query asks for the budget's 250 items.
    expect(scanned.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(40);
    expect(Math.max(...limits)).toBeLessThan(50);
  });
});

describe('a slotted tenant on DynamoDB, paged against a sorted in-memory model', () => {
  const T0 = Date.parse('2026-05-01T08:00:00.000Z');
  const since = T0 + LIST_LAYOUT.noticeMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  const { slotMs, slots } = LIST_LAYOUT;
  // A seeded generator: a failure names its seed and repeats.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const next = random(15);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  // Instants that matter: `slottedSince`, interval boundaries (a slot's first and last ms), a whole
  // cycle of slots apart (the same slot), and a slow stretch before and after.
  const boundary = Math.ceil(since / slotMs) * slotMs;
  const instants = [
    since,
    since - 1,
    since + 1,
    boundary,
    boundary - 1,
    boundary + slotMs,
    boundary + slotMs - 1,
    boundary + slots * slotMs,
    boundary + 2 * slots * slotMs + 7,
    ...Array.from({ length: 12 }, (_, n) => since - 5_000 + n * 397),
    ...Array.from({ length: 40 }, (_, n) => since + 30 + n * 13),
    ...Array.from({ length: 10 }, (_, n) => since + 2_000 + n * 1_111),
  ];
  const now = since + 20_000;
  const statuses = ['delivered', 'sent', 'failed', 'pending'] as const;
  const types = ['sms', 'email'] as const;
  // Two messages at some instants (the same createdAt, ids apart).
  const records = instants.flatMap((ms, n) =>
    Array.from({ length: n % 5 === 0 ? 2 : 1 }, () =>
      messageRecord({ tenant: 'prop', createdAt: iso(ms), status: pick(statuses), type: pick(types) }),
    ),
  );
  let table: string;
  let client: ReturnType<typeof createDocumentClient>;
  beforeAll(async () => {
    client = createDocumentClient({ endpoint: dynamo.endpoint });
    table = await dynamo.createTable();
    await new DynamoDbListLayouts(client, table, () => new Date(T0)).declare('prop', null);
    const writer = new DynamoDbMessageLog(client, table, undefined, undefined, {
      clock: () => new Date(now),
    });
    for (const record of records) await writer.create(record);
  });

  type Filters = Record<string, string>;
  const cursorOf = (record: MessageRecord) =>
    Buffer.from(JSON.stringify([record.createdAt, record.id]), 'utf8').toString('base64url');
  /** The model: the records a query means, newest first, below a position (a cursor's record). */
  const model = (filters: Filters, below?: MessageRecord) =>
    records
      .filter(
        (r) =>
          (!filters.status || r.status === filters.status) &&
          (!filters.type || r.type === filters.type) &&
          (!filters.from || r.createdAt >= filters.from) &&
          (!filters.to || r.createdAt < filters.to) &&
          (!below || newestFirst(r, below) > 0),
      )
      .sort(newestFirst)
      .map((r) => r.id);
  const logWith = (bounds: Partial<ListBounds>) =>
    new DynamoDbMessageLog(client, table, bounds, undefined, { clock: () => new Date(now) });

  it('reads after a cursor newer than `to` only what `to` allows (a cursor reused with other bounds)', async () => {
    const log = logWith({});
    const newest = [...records].sort(newestFirst)[0] as MessageRecord;
    const filters = { from: iso(since - 1), to: iso(boundary + slotMs) };
    expect(await walkIds(log, { ...filters, limit: '5' }, cursorOf(newest), 'prop')).toEqual(
      model(filters, newest),
    );
  });

  it('pages every random query and bound exactly as the model does, cursors reused across filters too', {
    timeout: 60_000,
  }, async () => {
    const edges = [
      since,
      since - 1,
      since + 1,
      boundary,
      boundary + slotMs,
      boundary - slotMs,
      since + 3_000,
      since - 3_000,
      now,
    ].map(iso);
    const randomFilters = (): Filters => {
      const filters: Filters = {};
      if (next() < 0.3) filters.type = pick(types);
      if (next() < 0.3) filters.status = pick(['delivered', 'pending', 'sent', 'failed'] as const);
      const bounds = [
        next() < 0.5 ? pick([...edges, ...records.map((r) => r.createdAt)]) : undefined,
        next() < 0.5 ? pick([...edges, ...records.map((r) => r.createdAt)]) : undefined,
      ];
      const [a, b] = bounds;
      if (a && b && a !== b) [filters.from, filters.to] = a < b ? [a, b] : [b, a];
      else if (a) filters[next() < 0.5 ? 'from' : 'to'] = a;
      return filters;
    };
    for (let run = 0; run < 24; run++) {
      const filters = randomFilters();
      const limit = String(1 + Math.floor(next() * 12));
      const bounds = pick([
        {},
        { itemsPerQuery: 2, queriesPerPage: 2 },
        { itemsPerQuery: 5, queriesPerPage: 3 },
      ]);
      const log = logWith(bounds);
      const label = JSON.stringify({ run, filters, limit, bounds });
      expect(await walkIds(log, { ...filters, limit }, null, 'prop'), label).toEqual(model(filters));
      // A cursor at a record of the model (as a page of another query may end), walked with these filters.
      const edge = [since, boundary, boundary - 1, boundary + slotMs][run];
      const at =
        (edge === undefined ? undefined : records.find((r) => r.createdAt === iso(edge))) ?? pick(records);
      expect(
        await walkIds(log, { ...filters, limit }, cursorOf(at), 'prop'),
        `${label} after ${at.createdAt}`,
      ).toEqual(model(filters, at));
    }
  });
});

describe('retention on DynamoDB', () => {
  it("writes the TTL attribute, the creation plus the tenant's days, on every message", async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const table = await dynamo.createTable();
    const log = new DynamoDbMessageLog(client, table, undefined, undefined, {
      retention: { defaultDays: 90, tenantDays: { acme: 7 } },
    });
    const acme = messageRecord({ tenant: 'acme', createdAt: at(0, 999) });
    const other = messageRecord({ tenant: 'beta' });
    await log.create(acme);
    await log.create(other);
    const expiry = async (id: string) =>
      (await client.send(new GetCommand({ TableName: table, Key: { id } }))).Item?.expiresAt;
    const created = Math.floor(Date.parse(at(0)) / 1000);
    expect(await expiry(acme.id)).toBe(created + 7 * 86_400);
    expect(await expiry(other.id)).toBe(created + 90 * 86_400);
    await log.close();
  });
});
