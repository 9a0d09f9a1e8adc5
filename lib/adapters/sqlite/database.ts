import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

// Loaded on first use, not on import: the Lambda bundles carry this adapter's code but not the
// native module (the bundler leaves a call through a local `require` alone).
const load = createRequire(import.meta.url);

/** Opens (creating its folder) and migrates the service's database. `:memory:` is for tests. */
export function openDatabase(path: string): SqliteDatabase {
  const Database = load('better-sqlite3') as typeof BetterSqlite3;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // Said, not left to the build (better-sqlite3's turns WAL databases NORMAL at their first
    // transaction): NORMAL survives a crash of this process, not of the machine. The message log's
    // commits and the idempotency answers are synced (`durably`); rate counters and leases need not be.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

const FULL = 2;

/**
 * Runs `commit` (one or more transactions; called outside any) with synchronous=FULL: when it
 * returns, its commits are on disk and survive a power cut, and so does every commit before them
 * (the WAL is one file, synced whole). The message log's commits and the idempotency answers use
 * it; the other writes (the rate counters, on every request) stay NORMAL, because an fsync each
 * costs the local server much of its throughput (docs/performance.md).
 */
export function durably<T>(db: SqliteDatabase, commit: () => T): T {
  // SQLite refuses to change the level inside a transaction; a nested call is already FULL.
  if (db.inTransaction) throw new Error('durably() must be called outside a transaction');
  const previous = db.pragma('synchronous', { simple: true });
  if (previous === FULL) return commit();
  db.pragma('synchronous = FULL');
  try {
    return commit();
  } finally {
    db.pragma(`synchronous = ${Number(previous)}`);
  }
}

export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this code's (${latest})`);
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
