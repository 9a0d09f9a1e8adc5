import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { SHARDS } from '../../lib/adapters/dynamodb/message-table.js';
import { createMetadataTableInput } from '../../lib/adapters/dynamodb/metadata-table.js';
import { at, messageLogContract, messageRecord, newestFirst } from '../contract/message-log.contract.js';
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

  it('reads each time shard once per unfiltered page, after a cursor too', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    let queries = 0;
    const counting = Object.assign(Object.create(client), {
      send: (command: Parameters<typeof client.send>[0]) => {
        if (command.constructor.name === 'QueryCommand') queries++;
        return client.send(command);
      },
    }) as typeof client;
    const log = new DynamoDbMessageLog(counting, await dynamo.createTable());
    const records = Array.from({ length: 45 }, (_, n) => messageRecord({ createdAt: at(n) }));
    for (const record of records) await log.create(record);

    const found: string[] = [];
    let cursor: string | undefined;
    do {
      queries = 0;
      const page = await log.list(listQuery({ limit: '10', ...(cursor ? { cursor } : {}) }));
      expect(queries).toBe(SHARDS.time);
      found.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(found).toEqual([...records].sort(newestFirst).map((r) => r.id));
    await log.close();
  });
});
