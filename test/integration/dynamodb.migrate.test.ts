import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { indexKeys } from '../../lib/adapters/dynamodb/message-table.js';
import { type Checkpoint, migrateMessageKeys } from '../../lib/adapters/dynamodb/migrate-message-keys.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { at, emailRecord, messageRecord, newestFirst } from '../contract/message-log.contract.js';
import { useDynalite } from '../support/dynalite.js';
import { listQuery } from '../support/queries.js';

const suite = useDynalite();

/** An item as the design before issue 15 wrote it: `listAll`, no shard keys. */
const legacyItem = (record: MessageRecord) => {
  const { providerMessageId, ...rest } = record;
  return {
    ...rest,
    ...(providerMessageId ? { providerMessageId } : {}),
    createdAtId: `${record.tenant}#${record.createdAt}#${record.id}`,
    listAll: 'MESSAGE',
    events: [{ at: record.createdAt, status: record.status, provider: null, detail: null }],
  };
};

const records = [
  ...Array.from({ length: 7 }, (_, n) =>
    messageRecord({
      status: n % 2 ? 'sent' : 'delivered',
      createdAt: at(n),
      provider: 'mock',
      providerMessageId: `p${n}`,
      attempts: 1,
    }),
  ),
  emailRecord({ tenant: 'acme', status: 'failed', createdAt: at(8) }),
  messageRecord({ status: 'queued', createdAt: at(9) }),
  messageRecord({ status: 'pending', createdAt: at(10) }),
];

async function legacyTable() {
  const table = await suite.dynamo.createTable();
  for (const record of records)
    await suite.client.send(new PutCommand({ TableName: table, Item: legacyItem(record) }));
  return table;
}

describe('migrating the message table to sharded keys', () => {
  it('backfills every item, resumes from its checkpoint, and changes nothing when run again', async () => {
    const table = await legacyTable();
    // A first run that stops after its first page, as a crash would.
    let saved: Checkpoint;
    await expect(
      migrateMessageKeys(suite.client, table, {
        pageSize: 4,
        onPage: (checkpoint) => {
          saved = checkpoint;
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect(saved).toBeDefined();

    const resumed = await migrateMessageKeys(suite.client, table, { from: saved, pageSize: 4 });
    expect(resumed.scanned).toBe(records.length - 4);
    expect(resumed.updated).toBe(records.length - 4);

    const { Items = [] } = await suite.client.send(
      new ScanCommand({ TableName: table, ConsistentRead: true }),
    );
    for (const item of Items) {
      expect(item.listAll).toBeUndefined();
      expect(item).toMatchObject(indexKeys(item as MessageRecord));
    }
    const again = await migrateMessageKeys(suite.client, table, { pageSize: 4 });
    expect(again).toEqual({ scanned: records.length, updated: 0, current: records.length });
  });

  it('serves the migrated messages by every key of the new design', async () => {
    const table = await legacyTable();
    await migrateMessageKeys(suite.client, table);
    const log = new DynamoDbMessageLog(suite.client, table);
    const mine = records.filter((r) => r.tenant === 'default').sort(newestFirst);
    const listed = async (params: Record<string, string>, tenant = 'default') =>
      (await log.list({ ...listQuery(params), tenant })).items.map((r) => r.id);

    expect(await listed({})).toEqual(mine.map((r) => r.id));
    expect(await listed({ status: 'sent' })).toEqual(
      mine.filter((r) => r.status === 'sent').map((r) => r.id),
    );
    expect(await listed({ status: 'queued' })).toEqual(
      mine.filter((r) => r.status === 'queued').map((r) => r.id),
    );
    expect(await listed({ recipient: '+14155550123', status: 'delivered' })).toEqual(
      mine.filter((r) => r.status === 'delivered').map((r) => r.id),
    );
    expect(await listed({ status: 'failed' }, 'acme')).toEqual([records[7]?.id]);
    expect((await log.get(records[3]?.id ?? ''))?.providerMessageId).toBe('p3');
  });

  it('lets the new code change the status of an item not yet migrated, then keys it by that status', async () => {
    const table = await legacyTable();
    const log = new DynamoDbMessageLog(suite.client, table);
    const queued = records[8] as MessageRecord;
    await log.updateStatus(queued.id, 'queued', { status: 'sending', attempts: 1, updatedAt: at(11) });
    const { Item } = await suite.client.send(new GetCommand({ TableName: table, Key: { id: queued.id } }));
    expect(Item?.status).toBe('sending');
    expect(Item?.statusShard).toBeUndefined();

    await migrateMessageKeys(suite.client, table);
    expect(
      (await log.list({ ...listQuery({ status: 'sending' }), tenant: 'default' })).items.map((r) => r.id),
    ).toEqual([queued.id]);
  });
});
