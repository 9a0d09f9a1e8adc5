import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import {
  at,
  emailRecord,
  messageLogContract,
  messageRecord,
  newestFirst,
} from '../contract/message-log.contract.js';
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
  );
  return { log, cleanup: () => log.close() };
});

describe('a filtered list on DynamoDB', () => {
  it('reads a bounded number of index items per page, answering short pages that still find every match', async () => {
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    let queries = 0;
    const counting = Object.assign(Object.create(client), {
      send: (command: Parameters<typeof client.send>[0]) => {
        if (command.constructor.name === 'QueryCommand') queries++;
        return client.send(command);
      },
    }) as typeof client;
    const log = new DynamoDbMessageLog(counting, await dynamo.createTable(), {
      itemsPerQuery: 5,
      queriesPerPage: 2,
    });
    // 40 sent emails, and 3 sent WhatsApp messages among them: a rare match in the `sent` partition.
    const records = Array.from({ length: 43 }, (_, n) =>
      n % 15 === 7
        ? messageRecord({ type: 'whatsapp', status: 'sent', createdAt: at(n) })
        : emailRecord({ status: 'sent', createdAt: at(n) }),
    );
    for (const record of records) await log.create(record);

    const found: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    let shortPagesWithCursor = 0;
    do {
      queries = 0;
      const page = await log.list(
        listQuery({ status: 'sent', type: 'whatsapp', limit: '10', ...(cursor ? { cursor } : {}) }),
      );
      expect(queries).toBeLessThanOrEqual(2);
      found.push(...page.items.map((r) => r.id));
      if (page.nextCursor && page.items.length < 10) shortPagesWithCursor++;
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 50);
    const expected = records
      .filter((r) => r.type === 'whatsapp')
      .sort(newestFirst)
      .map((r) => r.id);
    expect(found).toEqual(expected);
    expect(shortPagesWithCursor).toBeGreaterThan(0);
    await log.close();
  });
});
