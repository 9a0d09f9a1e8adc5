import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../lib/domain/message-status.js';
import { parseStatsQuery, type StatsCount } from '../../lib/domain/stats.js';
import { type MessageLog, StaleStatusError } from '../../lib/ports/message-log.js';
import type { StatsStore } from '../../lib/ports/stats-store.js';
import { listQuery } from '../support/queries.js';
import { at, emailRecord, messageRecord } from './message-log.contract.js';

/**
 * The stats port's contract: counters moved by the log's own writes. `open` answers a new, empty log,
 * the stats of the same store, and `settle`, which waits until the counters hold every write made
 * so far (nothing for SQLite, whose triggers move them in the write's transaction; the stream
 * consumer for DynamoDB).
 */
export interface StatsFixture {
  log: MessageLog;
  stats: StatsStore;
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

const read = (stats: StatsStore, tenant: string, query: Record<string, string>) =>
  stats.read(parseStatsQuery(query, tenant).query);

/** What the log holds for a tenant, counted as the stats count it: by bucket, channel, status. */
async function countedFromLog(
  log: MessageLog,
  tenant: string,
  granularity: 'hour' | 'day',
): Promise<StatsCount[]> {
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await log.list({ ...listQuery({ limit: '100', cursor }), tenant });
    for (const record of page.items) {
      const bucket =
        granularity === 'hour'
          ? `${record.createdAt.slice(0, 13)}:00:00.000Z`
          : `${record.createdAt.slice(0, 10)}T00:00:00.000Z`;
      const key = `${bucket}|${record.type}|${record.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => {
      const [bucket, channel, status] = key.split('|') as [string, 'sms', MessageStatus];
      return { bucket, channel, status, count };
    });
}

const change = (status: MessageStatus, minutes: number) => ({ status, updatedAt: at(minutes) });

export function statsStoreContract(name: string, open: () => Promise<StatsFixture>): void {
  describe(name, () => {
    let fixture: StatsFixture;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('counts every message in its creation bucket under its current status, equal to the log through every status', async () => {
      const { log, stats, settle } = fixture;
      // Messages in three hours over two days (23:xx and 00:xx straddle midnight), three channels.
      const sync = messageRecord({ createdAt: at(-10) }); // pending -> sent -> delivered
      const failedNow = emailRecord({ createdAt: at(-5) }); // pending -> failed
      const early = messageRecord({ createdAt: at(-3), type: 'whatsapp' }); // pending -> delivered
      const queued = emailRecord({ createdAt: at(20), status: 'queued' }); // retried, then undelivered
      const dropped = messageRecord({ createdAt: at(61), status: 'queued' }); // queued -> failed
      const late = messageRecord({ createdAt: at(15 * 60 + 30) }); // 2026-03-02T00:30, stays pending
      for (const record of [sync, failedNow, early, queued, dropped, late]) await log.create(record);
      await settle();
      expect(await read(stats, 'default', { from: '2026-03-01', to: '2026-03-03' })).toEqual(
        await countedFromLog(log, 'default', 'hour'),
      );

      await log.updateStatus(sync.id, 'pending', change('sent', 1));
      await log.updateStatus(sync.id, 'sent', change('delivered', 2));
      await log.updateStatus(failedNow.id, 'pending', change('failed', 1));
      await log.updateStatus(early.id, 'pending', change('delivered', 1));
      await log.updateStatus(queued.id, 'queued', { ...change('sending', 21), attempts: 1 });
      // A takeover keeps `sending`: no count moves.
      await log.updateStatus(queued.id, 'sending', { ...change('sending', 40), attempts: 2 });
      await log.updateStatus(queued.id, 'sending', change('queued', 41));
      await log.updateStatus(queued.id, 'queued', change('sending', 42));
      await log.updateStatus(queued.id, 'sending', change('sent', 43));
      await log.updateStatus(queued.id, 'sent', change('undelivered', 44));
      await log.updateStatus(dropped.id, 'queued', change('failed', 62));
      // A stale writer changes nothing, counts included.
      await expect(log.updateStatus(sync.id, 'pending', change('failed', 3))).rejects.toBeInstanceOf(
        StaleStatusError,
      );
      await settle();

      const hours = await read(stats, 'default', { from: '2026-03-01', to: '2026-03-03' });
      expect(hours).toEqual(await countedFromLog(log, 'default', 'hour'));
      expect(hours).toEqual([
        { bucket: '2026-03-01T08:00:00.000Z', channel: 'email', status: 'failed', count: 1 },
        { bucket: '2026-03-01T08:00:00.000Z', channel: 'sms', status: 'delivered', count: 1 },
        { bucket: '2026-03-01T08:00:00.000Z', channel: 'whatsapp', status: 'delivered', count: 1 },
        { bucket: '2026-03-01T09:00:00.000Z', channel: 'email', status: 'undelivered', count: 1 },
        { bucket: '2026-03-01T10:00:00.000Z', channel: 'sms', status: 'failed', count: 1 },
        { bucket: '2026-03-02T00:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
      ]);
      const days = await read(stats, 'default', { from: '2026-03-01', to: '2026-03-03', granularity: 'day' });
      expect(days).toEqual(await countedFromLog(log, 'default', 'day'));
      expect(days.map((count) => count.bucket)).toEqual([
        ...Array(5).fill('2026-03-01T00:00:00.000Z'),
        '2026-03-02T00:00:00.000Z',
      ]);
    });

    it('sums many messages of one bucket, and answers a range from its first bucket to its last only', async () => {
      const { log, stats, settle } = fixture;
      const records: MessageRecord[] = [];
      for (let i = 0; i < 12; i++) records.push(messageRecord({ createdAt: at(60 + i) }));
      for (const record of records) await log.create(record);
      await log.create(messageRecord({ createdAt: at(59, 999) })); // 09:59:59.999, the hour before
      await log.create(messageRecord({ createdAt: at(120) })); // 11:00, the hour after
      for (const record of records.slice(0, 5))
        await log.updateStatus(record.id, 'pending', change('sent', 80));
      await settle();

      // 10:00 to 11:00: that hour alone, whatever the instants' minutes.
      expect(
        await read(stats, 'default', { from: '2026-03-01T10:20:00Z', to: '2026-03-01T11:00:00Z' }),
      ).toEqual([
        { bucket: '2026-03-01T10:00:00.000Z', channel: 'sms', status: 'pending', count: 7 },
        { bucket: '2026-03-01T10:00:00.000Z', channel: 'sms', status: 'sent', count: 5 },
      ]);
      expect(
        await read(stats, 'default', { from: '2026-03-01T09:00:00Z', to: '2026-03-01T10:00:00Z' }),
      ).toEqual([{ bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'pending', count: 1 }]);
      expect(
        await read(stats, 'default', { from: '2026-03-01T12:00:00Z', to: '2026-03-02T00:00:00Z' }),
      ).toEqual([]);
    });

    it("counts a tenant's messages for that tenant only", async () => {
      const { log, stats, settle } = fixture;
      await log.create(messageRecord({ tenant: 'acme' }));
      await log.create(messageRecord({ tenant: 'acme' }));
      await log.create(messageRecord({ tenant: 'globex' }));
      await settle();
      const range = { from: '2026-03-01', to: '2026-03-02' };
      expect(await read(stats, 'acme', range)).toEqual([
        { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'pending', count: 2 },
      ]);
      expect(await read(stats, 'globex', range)).toEqual([
        { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'pending', count: 1 },
      ]);
      expect(await read(stats, 'initech', range)).toEqual([]);
    });
  });
}
