import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteIdempotencyStore } from '../../../lib/adapters/sqlite/sqlite.idempotency-store.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { idempotencyStoreContract, T0 } from '../../contract/idempotency-store.contract.js';
import { messageRecord } from '../../contract/message-log.contract.js';
import { syncLevelsOf } from '../../support/sync-levels.js';

idempotencyStoreContract('SqliteIdempotencyStore on :memory:', async (clock) => {
  const db = openDatabase(':memory:');
  return {
    store: new SqliteIdempotencyStore(db, { clock }),
    cleanup: async () => {
      db.close();
    },
  };
});

idempotencyStoreContract('SqliteIdempotencyStore on a file', async (clock) => {
  const dir = await mkdtemp(join(tmpdir(), 'idempotency-contract-'));
  const db = openDatabase(join(dir, 'messages.db'));
  return {
    store: new SqliteIdempotencyStore(db, { clock }),
    cleanup: async () => {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteIdempotencyStore specifics', () => {
  let dir: string;
  let db: SqliteDatabase;
  const clock = () => new Date(T0 * 1000);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idempotency-sqlite-'));
    db = openDatabase(join(dir, 'messages.db'));
  });

  afterEach(async () => {
    if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const keys = () =>
    db.prepare('SELECT key, expires_at FROM idempotency_keys ORDER BY key').all() as {
      key: string;
      expires_at: number;
    }[];

  it('sweeps the entries expired at the given second, in progress or completed, and no others', async () => {
    const store = new SqliteIdempotencyStore(db, { clock });
    await store.begin('default', 'lease-over', 'h', T0 + 10);
    await store.begin('default', 'answer-over', 'h', T0 + 5);
    await store.complete('default', 'answer-over', { statusCode: 200, body: {} }, T0 + 10);
    await store.begin('default', 'live', 'h', T0 + 11);
    await store.begin('default', 'answer-live', 'h', T0 + 5);
    await store.complete('default', 'answer-live', { statusCode: 200, body: {} }, T0 + 86_400);

    expect(store.sweep(T0 + 9)).toBe(0);
    expect(store.sweep(T0 + 10)).toBe(2);

    expect(keys()).toEqual([
      { key: 'answer-live', expires_at: T0 + 86_400 },
      { key: 'live', expires_at: T0 + 11 },
    ]);
    expect(store.sweep(T0 + 10)).toBe(0);
  });

  it('leaves the shared database open on close, for the message log that shares it', async () => {
    const log = new SqliteMessageLog(db);
    const store = new SqliteIdempotencyStore(db, { clock });
    await store.begin('default', 'k', 'h', T0 + 60);

    await store.close();

    expect(db.open).toBe(true);
    const record = messageRecord();
    await log.create(record);
    expect(await log.get(record.id)).toEqual(record);
    expect((await store.begin('default', 'k', 'h', T0 + 60)).started).toBe(false);
  });

  it('sees keys taken through another connection to the same file', async () => {
    const other = openDatabase(join(dir, 'messages.db'));
    try {
      const first = new SqliteIdempotencyStore(db, { clock });
      const second = new SqliteIdempotencyStore(other, { clock });

      expect(await first.begin('default', 'k', 'h1', T0 + 60)).toEqual({ started: true });
      expect(await second.begin('default', 'k', 'h2', T0 + 60)).toEqual({
        started: false,
        entry: { requestHash: 'h1', response: null, expiresAt: T0 + 60 },
      });
      await first.complete('default', 'k', { statusCode: 201, body: 'ok' }, T0 + 100);
      const seen = await second.begin('default', 'k', 'h1', T0 + 60);
      expect(seen.started === false && seen.entry.response).toEqual({ statusCode: 201, body: 'ok' });
    } finally {
      other.close();
    }
  });

  it('syncs a kept answer to disk (synchronous=FULL): lost, its claim would run the request again', async () => {
    const store = new SqliteIdempotencyStore(db, { clock });
    const updates = syncLevelsOf(db, 'idempotency_keys', 'UPDATE');
    expect(await store.begin('s', 'k', 'h', T0 + 60)).toEqual({ started: true });
    await store.complete('s', 'k', { statusCode: 200, headers: {}, body: { ok: true } }, T0 + 3600);

    expect(updates()).toEqual([2]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('survives a reopen of the file: answers are durable', async () => {
    const store = new SqliteIdempotencyStore(db, { clock });
    await store.begin('default', 'k', 'h', T0 + 60);
    await store.complete('default', 'k', { statusCode: 200, body: { id: 'x' } }, T0 + 100);
    db.close();

    db = openDatabase(join(dir, 'messages.db'));
    const reopened = new SqliteIdempotencyStore(db, { clock });
    expect(await reopened.begin('default', 'k', 'h', T0 + 60)).toEqual({
      started: false,
      entry: { requestHash: 'h', response: { statusCode: 200, body: { id: 'x' } }, expiresAt: T0 + 100 },
    });
  });
});
