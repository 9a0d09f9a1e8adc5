import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbKeyStore } from '../../lib/adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { createKeyTableInput } from '../../lib/adapters/dynamodb/key-table.js';
import {
  indexKeys,
  LIST_LAYOUT,
  MESSAGE_TABLE,
  shardOf,
  slotOf,
} from '../../lib/adapters/dynamodb/message-table.js';
import {
  type Checkpoint,
  type ListLayouts,
  migrateMessageKeys,
} from '../../lib/adapters/dynamodb/migrate-message-keys.js';
import type { ApiKeyRecord } from '../../lib/domain/api-key.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../lib/domain/message-status.js';
import { declareEveryTenant } from '../../lib/services/tenant-throughput.js';
import { at, emailRecord, messageRecord, newestFirst } from '../contract/message-log.contract.js';
import { useDynalite } from '../support/dynalite.js';
import { listQuery } from '../support/queries.js';

const suite = useDynalite();

/** The status classes of the previous release's `byStatusClass` (every status had one). */
const LEGACY_CLASS: Record<MessageStatus, 'main' | 'live' | 'failed'> = {
  pending: 'main',
  sent: 'main',
  delivered: 'main',
  queued: 'live',
  sending: 'live',
  scheduled: 'live',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
};

/** An item as the previous release wrote it: `timeShard`, `statusShard`, `statusKeys` {main,live,failed}. */
const legacyItem = (record: MessageRecord) => {
  const { providerMessageId, ...rest } = record;
  const statusKeys = Object.fromEntries(
    (['main', 'live', 'failed'] as const).map((name) => [
      name,
      `${record.tenant}#${name}#${shardOf(record.id, 32)}`,
    ]),
  );
  return {
    ...rest,
    ...(providerMessageId ? { providerMessageId } : {}),
    createdAtId: `${record.tenant}#${record.createdAt}#${record.id}`,
    timeShard: `${record.tenant}#${shardOf(record.id, 12)}`,
    recipientKey: `${record.tenant}#${record.recipient}`,
    statusShard: statusKeys[LEGACY_CLASS[record.status]],
    statusKeys,
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
  messageRecord({ tenant: 'acme', status: 'scheduled', createdAt: at(10) }),
  // A tenant slotted from at(11) on: its older message stays in its one partition.
  messageRecord({ tenant: 'fast', status: 'sent', createdAt: at(10, 500) }),
  messageRecord({ tenant: 'fast', status: 'sent', createdAt: at(12, 30) }),
];
const fastLayout = { id: MESSAGE_TABLE.layoutId('fast'), slottedSince: at(11) };

async function legacyTable() {
  const table = await suite.dynamo.createTable();
  for (const record of records)
    await suite.client.send(new PutCommand({ TableName: table, Item: legacyItem(record) }));
  await suite.client.send(new PutCommand({ TableName: table, Item: fastLayout }));
  return table;
}

const scan = async (table: string) =>
  (await suite.client.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? [];

/** The ids of an index partition, newest first. */
async function partition(table: string, index: 'byList' | 'byRareStatus', key: string) {
  const { Items = [] } = await suite.client.send(
    new QueryCommand({
      TableName: table,
      IndexName: index,
      KeyConditionExpression: '#key = :key',
      ExpressionAttributeNames: { '#key': MESSAGE_TABLE.indexes[index].partitionKey },
      ExpressionAttributeValues: { ':key': key },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => item.id as string);
}

const ids = (list: readonly MessageRecord[]) => [...list].sort(newestFirst).map((r) => r.id);

describe('migrating the message table to the list index', () => {
  it('gives every old-shape message the new keys, resumes from its checkpoint, and changes nothing when run again', async () => {
    const table = await legacyTable();
    const layouts = new DynamoDbListLayouts(suite.client, table);
    // A first run that stops after its first page, as a crash would.
    let saved: Checkpoint;
    let firstPage = 0;
    await expect(
      migrateMessageKeys(suite.client, table, layouts, {
        pageSize: 4,
        onPage: (checkpoint, progress) => {
          saved = checkpoint;
          firstPage = progress.scanned + progress.skipped;
          throw new Error('stopped');
        },
      }),
    ).rejects.toThrow('stopped');
    expect(saved).toBeDefined();
    expect(firstPage).toBe(4);

    const resumed = await migrateMessageKeys(suite.client, table, layouts, { from: saved, pageSize: 4 });
    expect(resumed.scanned + resumed.skipped).toBe(records.length + 1 - 4);
    expect(resumed.updated).toBe(resumed.scanned);

    const items = await scan(table);
    for (const item of items.filter((i) => i.id !== fastLayout.id)) {
      const slottedSince = item.tenant === 'fast' ? fastLayout.slottedSince : null;
      expect(item).toMatchObject(indexKeys(item as MessageRecord, slottedSince));
      expect(item.statusShard).toBeUndefined();
      expect(item.statusKeys).toBeUndefined();
    }
    const byId = new Map(items.map((item) => [item.id as string, item]));
    const failedShard = shardOf(records[7]?.id ?? '', 32);
    const failed = byId.get(records[7]?.id ?? '');
    expect(failed?.rareStatusShard).toBe(`acme#failed#${failedShard}`);
    expect(failed?.rareStatusKeys).toEqual({
      scheduled: `acme#scheduled#${failedShard}`,
      failed: `acme#failed#${failedShard}`,
    });
    expect(byId.get(records[0]?.id ?? '')).not.toHaveProperty('rareStatusShard');
    expect(byId.get(records[8]?.id ?? '')).not.toHaveProperty('rareStatusShard');
    // The fast tenant's message from before its slotted instant stays in its one partition.
    expect(byId.get(records[10]?.id ?? '')?.listKey).toBe('fast');
    expect(byId.get(records[11]?.id ?? '')?.listKey).toBe(`fast#${slotOf(Date.parse(at(12, 30)))}`);
    expect(byId.get(fastLayout.id)).toEqual(fastLayout);

    const again = await migrateMessageKeys(suite.client, table, layouts, { pageSize: 4 });
    expect(again).toEqual({ scanned: records.length, updated: 0, current: records.length, skipped: 1 });
    expect(await scan(table)).toEqual(items);
  });

  it('puts the migrated messages in the new indexes: every one in byList, only the rare statuses in byRareStatus', async () => {
    const table = await legacyTable();
    await migrateMessageKeys(suite.client, table, new DynamoDbListLayouts(suite.client, table));
    const of = (tenant: string) => records.filter((r) => r.tenant === tenant);

    expect(await partition(table, 'byList', 'default')).toEqual(ids(of('default')));
    expect(await partition(table, 'byList', 'acme')).toEqual(ids(of('acme')));
    expect(await partition(table, 'byList', 'fast')).toEqual([records[10]?.id]);
    const failed = records[7] as MessageRecord;
    expect(await partition(table, 'byRareStatus', `acme#failed#${shardOf(failed.id, 32)}`)).toEqual([
      failed.id,
    ]);
    const scheduled = records[9] as MessageRecord;
    expect(await partition(table, 'byRareStatus', `acme#scheduled#${shardOf(scheduled.id, 32)}`)).toEqual([
      scheduled.id,
    ]);
    // Nothing of the common statuses is in the sparse index: every class shard of `default` is empty.
    for (const statusClass of ['scheduled', 'failed'])
      for (let shard = 0; shard < 32; shard++)
        expect(await partition(table, 'byRareStatus', `default#${statusClass}#${shard}`)).toEqual([]);
  });

  it('serves the migrated messages through the adapter, by every filter of the new design', async () => {
    const table = await legacyTable();
    await migrateMessageKeys(suite.client, table, new DynamoDbListLayouts(suite.client, table));
    const log = new DynamoDbMessageLog(suite.client, table);
    const mine = records.filter((r) => r.tenant === 'default');
    const listed = async (params: Record<string, string>, tenant = 'default') =>
      (await log.list({ ...listQuery(params), tenant })).items.map((r) => r.id);

    expect(await listed({})).toEqual(ids(mine));
    expect(await listed({ status: 'sent' })).toEqual(ids(mine.filter((r) => r.status === 'sent')));
    expect(await listed({ recipient: '+14155550123', status: 'delivered' })).toEqual(
      ids(mine.filter((r) => r.status === 'delivered')),
    );
    expect(await listed({ status: 'failed' }, 'acme')).toEqual([records[7]?.id]);
    expect(await listed({ status: 'scheduled' }, 'acme')).toEqual([records[9]?.id]);
    // The fast tenant's pages cross from its slots to its one partition.
    expect(await listed({}, 'fast')).toEqual(ids(records.filter((r) => r.tenant === 'fast')));
    expect((await log.get(records[3]?.id ?? ''))?.providerMessageId).toBe('p3');
  });

  it('lets the new code move a message not yet migrated into a rare status, then keys it by that status', async () => {
    const table = await legacyTable();
    const log = new DynamoDbMessageLog(suite.client, table);
    const queued = records[8] as MessageRecord;
    await log.updateStatus(queued.id, 'queued', { status: 'sending', attempts: 1, updatedAt: at(11) });
    await log.updateStatus(queued.id, 'sending', {
      status: 'failed',
      error: { code: 'REFUSED', message: 'refused', retryable: false },
      updatedAt: at(12),
    });
    const { Item } = await suite.client.send(new GetCommand({ TableName: table, Key: { id: queued.id } }));
    expect(Item?.status).toBe('failed');

    await migrateMessageKeys(suite.client, table, new DynamoDbListLayouts(suite.client, table));
    expect(
      (await log.list({ ...listQuery({ status: 'failed' }), tenant: 'default' })).items.map((r) => r.id),
    ).toEqual([queued.id]);
  });

  it('keys a message that changes status between its read and its write by the status it has then', async () => {
    const table = await legacyTable();
    const sent = records[1] as MessageRecord;
    const layouts = new DynamoDbListLayouts(suite.client, table);
    let moved = false;
    // The first layout read comes after the Scan's page and before any write: the status changes
    // there, as the old code's status write would (the status and its class key, nothing else).
    const racing: ListLayouts = {
      async slottedSince(tenant) {
        if (!moved) {
          moved = true;
          await suite.client.send(
            new UpdateCommand({
              TableName: table,
              Key: { id: sent.id },
              UpdateExpression: 'SET #status = :failed, statusShard = statusKeys.failed',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':failed': 'failed' },
            }),
          );
        }
        return layouts.slottedSince(tenant);
      },
    };
    const progress = await migrateMessageKeys(suite.client, table, racing);
    expect(moved).toBe(true);
    expect(progress.updated).toBe(records.length);
    const { Item } = await suite.client.send(new GetCommand({ TableName: table, Key: { id: sent.id } }));
    // The Scan's page said `sent`: the write conditioned on it failed, and the item was read again.
    expect(Item?.status).toBe('failed');
    expect(Item?.rareStatusShard).toBe(`default#failed#${shardOf(sent.id, 32)}`);
  });

  it('declares each tenant by its active keys before the scan: a fast tenant is slotted 2 minutes on', async () => {
    const table = await legacyTable();
    const keysTable = await suite.dynamo.createTableFrom(createKeyTableInput, 'keys');
    const keys = new DynamoDbKeyStore(suite.client, keysTable);
    const key = (id: string, tenant: string, perSecond: number | null, revokedAt: string | null = null) =>
      keys.create({
        id,
        name: id,
        tenant,
        scopes: ['messages:send'],
        hash: id,
        limits: { perSecond, perDay: null },
        createdAt: at(0),
        lastUsedAt: null,
        revokedAt,
      } satisfies ApiKeyRecord);
    await key('a1', 'acme', 150);
    await key('a2', 'acme', 100);
    await key('d1', 'default', 100);
    await key('d2', 'default', 100);
    await key('d3', 'default', 50, at(1)); // revoked: allows nothing
    await key('u1', 'open', null);

    const now = Date.parse(at(20));
    const layouts = new DynamoDbListLayouts(suite.client, table, () => new Date(now));
    expect(await declareEveryTenant(keys, layouts)).toEqual(
      new Map([
        ['acme', 250],
        ['default', 200],
        ['open', null],
      ]),
    );
    const since = new Date(now + LIST_LAYOUT.noticeMs).toISOString();
    const layoutOf = async (tenant: string) =>
      (
        await suite.client.send(
          new GetCommand({ TableName: table, Key: { id: MESSAGE_TABLE.layoutId(tenant) } }),
        )
      ).Item;
    expect(await layoutOf('acme')).toEqual({ id: 'layout#acme', slottedSince: since });
    expect(await layoutOf('open')).toEqual({ id: 'layout#open', slottedSince: since });
    expect(await layoutOf('default')).toBeUndefined();

    // Every message of the table is older than the slotted instant: each stays in its tenant's partition.
    const progress = await migrateMessageKeys(suite.client, table, layouts);
    expect(progress.skipped).toBe(3);
    expect(await partition(table, 'byList', 'acme')).toEqual(ids(records.filter((r) => r.tenant === 'acme')));
    expect(await layoutOf('acme')).toEqual({ id: 'layout#acme', slottedSince: since });
  });
});
