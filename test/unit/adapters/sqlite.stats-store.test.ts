import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { MIGRATIONS } from '../../../lib/adapters/sqlite/migrations.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteStatsStore } from '../../../lib/adapters/sqlite/sqlite.stats-store.js';
import { parseStatsQuery } from '../../../lib/domain/stats.js';
import { messageRecord } from '../../contract/message-log.contract.js';
import { statsStoreContract } from '../../contract/stats-store.contract.js';

statsStoreContract('SqliteStatsStore on :memory:', async () => {
  const db = openDatabase(':memory:');
  const log = new SqliteMessageLog(db);
  return {
    log,
    stats: new SqliteStatsStore(db),
    settle: async () => {},
    cleanup: () => log.close(),
  };
});

describe('the stats migration', () => {
  it('counts the messages logged before it', async () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.find((migration) => migration.name === 'stats counters')?.version ?? 0;
    for (const migration of MIGRATIONS.filter((m) => m.version < before)) db.exec(migration.sql);
    db.pragma(`user_version = ${before - 1}`);
    const insert = db.prepare(
      `INSERT INTO messages (id, tenant, type, recipient, content, status, attempts, created_at, updated_at)
       VALUES (@id, @tenant, @type, @recipient, @content, @status, 0, @createdAt, @createdAt)`,
    );
    for (const status of ['sent', 'sent', 'failed'] as const) insert.run(messageRecord({ status }));
    migrate(db);
    const stats = new SqliteStatsStore(db);
    const { query } = parseStatsQuery({ from: '2026-03-01', to: '2026-03-02' }, 'default');
    expect(await stats.read(query)).toEqual([
      { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'failed', count: 1 },
      { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
    ]);
    db.close();
  });
});
