import type { StatsCount, TenantStatsQuery } from '../../domain/stats.js';
import { toStatsItems } from '../../domain/stats.js';
import type { StatsStore } from '../../ports/stats-store.js';
import type { SqliteDatabase } from './database.js';

/**
 * Stats from the `message_stats` counters, which triggers on `messages` move in the transaction of
 * each log write (migration 5). Hours are summed into days on read: a year of one tenant's hours is
 * at most 8,784 rows per channel and status, read from the primary key's range.
 */
export class SqliteStatsStore implements StatsStore {
  private readonly hours;
  private readonly days;

  constructor(db: SqliteDatabase) {
    const range = 'FROM message_stats WHERE tenant = ? AND hour BETWEEN ? AND ? AND count > 0';
    this.hours = db.prepare(`SELECT hour AS bucket, type || '#' || status AS counter, count ${range}`);
    this.days = db.prepare(
      `SELECT substr(hour, 1, 10) AS bucket, type || '#' || status AS counter, sum(count) AS count ${range}
       GROUP BY 1, 2`,
    );
  }

  async read(query: TenantStatsQuery): Promise<StatsCount[]> {
    const rows =
      query.granularity === 'hour'
        ? this.hours.all(query.tenant, query.first, query.last)
        : // A day's hours run from `${day}T00` to `${day}T23`, all below `${day}T99`.
          this.days.all(query.tenant, query.first, `${query.last}T99`);
    return toStatsItems(rows as { bucket: string; counter: string; count: number }[]);
  }

  async close(): Promise<void> {
    // The database is the service's, closed by its owner.
  }
}
