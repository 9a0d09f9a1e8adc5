import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteKeyStore, SqliteRateLimiter } from '../../../lib/adapters/sqlite/sqlite.key-store.js';
import { keyRecord, keyStoreContract } from '../../contract/key-store.contract.js';

keyStoreContract('SqliteKeyStore and SqliteRateLimiter on :memory:', async () => {
  const db = openDatabase(':memory:');
  return {
    keys: new SqliteKeyStore(db),
    limiter: new SqliteRateLimiter(db),
    cleanup: async () => {
      db.close();
    },
  };
});

describe('SQLite key store specifics', () => {
  const opened: SqliteDatabase[] = [];
  const open = () => {
    const db = openDatabase(':memory:');
    opened.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('stores the hash and never a key: the row holds exactly the record', async () => {
    const db = open();
    const record = keyRecord({ hash: 'cd'.repeat(32) });
    await new SqliteKeyStore(db).create(record);

    expect(db.prepare('SELECT * FROM api_keys').all()).toStrictEqual([
      {
        id: record.id,
        name: record.name,
        tenant: record.tenant,
        scopes: JSON.stringify(record.scopes),
        hash: record.hash,
        limits: JSON.stringify(record.limits),
        created_at: record.createdAt,
        last_used_at: null,
        revoked_at: null,
      },
    ]);
  });

  it('leaves the shared database open on close', async () => {
    const db = open();
    const keys = new SqliteKeyStore(db);
    const limiter = new SqliteRateLimiter(db);
    await keys.close();
    await limiter.close();

    expect(db.open).toBe(true);
  });

  it('sweeps counters of windows that are over, at most once a minute', async () => {
    const db = open();
    const limiter = new SqliteRateLimiter(db);
    const count = () => db.prepare('SELECT count(*) FROM rate_counters').pluck().get();
    const t0 = Date.parse('2026-03-01T09:00:00.000Z');
    await limiter.consume('key-a', { perSecond: 5, perDay: 5 }, new Date(t0));
    expect(count()).toBe(2);

    // Within the minute of the last sweep: the per-second counter of t0 stays, though over.
    await limiter.consume('key-b', { perSecond: 5, perDay: null }, new Date(t0 + 30_000));
    expect(count()).toBe(3);

    // A minute on: both per-second counters go; the day's stays.
    await limiter.consume('key-c', { perSecond: null, perDay: null }, new Date(t0 + 60_000));
    expect(db.prepare('SELECT key FROM rate_counters').pluck().all()).toEqual([
      `key-a:d:${Math.floor(t0 / 86_400_000)}`,
    ]);
  });
});
