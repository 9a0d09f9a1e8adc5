import type { SqliteDatabase } from '../../lib/adapters/sqlite/database.js';

/**
 * The `synchronous` level each write to `table` ran at (2 FULL: synced at commit, 1 NORMAL), read
 * by a temporary trigger from inside the write itself.
 */
export function syncLevelsOf(db: SqliteDatabase, table: string, on: 'INSERT' | 'UPDATE'): () => number[] {
  const name = `sync_levels_${table}_${on.toLowerCase()}`;
  db.exec(`CREATE TEMP TABLE ${name} (level INTEGER NOT NULL);
           CREATE TEMP TRIGGER ${name}_probe AFTER ${on} ON main.${table}
           BEGIN INSERT INTO ${name} SELECT synchronous FROM pragma_synchronous; END;`);
  return () => db.prepare(`SELECT level FROM ${name} ORDER BY rowid`).pluck().all() as number[];
}
