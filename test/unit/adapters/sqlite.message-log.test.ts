import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  durably,
  migrate,
  openDatabase,
  type SqliteDatabase,
} from '../../../lib/adapters/sqlite/database.js';
import { MIGRATIONS } from '../../../lib/adapters/sqlite/migrations.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { ValidationError } from '../../../lib/domain/errors.js';
import type { Channel, ListMessagesQuery, TenantListQuery } from '../../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../../lib/domain/message-status.js';
import { parseListQuery } from '../../../lib/domain/validation.js';
import { at, emailRecord, messageLogContract, messageRecord } from '../../contract/message-log.contract.js';
import { listQuery } from '../../support/queries.js';
import { syncLevelsOf } from '../../support/sync-levels.js';

messageLogContract('SqliteMessageLog on :memory:', async () => {
  const log = new SqliteMessageLog(openDatabase(':memory:'));
  return { log, cleanup: () => log.close() };
});

messageLogContract('SqliteMessageLog on a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'message-log-contract-'));
  const log = new SqliteMessageLog(openDatabase(join(dir, 'messages.db')));
  return {
    log,
    cleanup: async () => {
      await log.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

const userVersion = (db: SqliteDatabase): number => db.pragma('user_version', { simple: true }) as number;

const schemaOf = (db: SqliteDatabase) =>
  db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();

describe('SQLite adapter specifics', () => {
  let dir: string;
  const opened: SqliteDatabase[] = [];

  /** Opens through openDatabase and remembers the handle so that afterEach closes it. */
  const open = (path: string): SqliteDatabase => {
    const db = openDatabase(path);
    opened.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'message-log-sqlite-'));
  });

  afterEach(async () => {
    for (const db of opened.splice(0)) if (db.open) db.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('openDatabase', () => {
    it('creates a missing parent folder', () => {
      const path = join(dir, 'nested', 'deeper', 'messages.db');
      expect(existsSync(dirname(path))).toBe(false);

      open(path);

      expect(existsSync(path)).toBe(true);
    });

    it('puts a file database in WAL mode with a busy timeout', () => {
      const db = open(join(dir, 'messages.db'));

      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });

    it("syncs the log's commits to disk (synchronous=FULL), and leaves the connection NORMAL", async () => {
      const db = open(join(dir, 'messages.db'));
      const inserts = syncLevelsOf(db, 'messages', 'INSERT');
      const updates = syncLevelsOf(db, 'messages', 'UPDATE');
      const log = new SqliteMessageLog(db);
      const message = messageRecord({ createdAt: at(1) });
      await log.create(message);
      await log.updateStatus(message.id, 'pending', { status: 'sent', updatedAt: at(2) });

      expect([inserts(), updates()]).toEqual([[2], [2]]);
      // NORMAL for the rest (rate counters, leases), also once the WAL is in use.
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
    });

    it('syncs with durably() outside a transaction only, and keeps a nested call at FULL', () => {
      const db = open(join(dir, 'messages.db'));
      const level = () => db.pragma('synchronous', { simple: true });
      expect(() => db.transaction(() => durably(db, level))()).toThrow(/outside a transaction/);
      expect(durably(db, () => [level(), durably(db, level), level()])).toEqual([2, 2, 2]);
      expect(level()).toBe(1);
    });

    it('brings a new database to the last migration with the messages table and its indexes', () => {
      const db = open(join(dir, 'messages.db'));

      expect(LATEST).toBeGreaterThan(0);
      expect(userVersion(db)).toBe(LATEST);
      const names = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE tbl_name = 'messages' AND type = 'index' ORDER BY name",
        )
        .pluck()
        .all();
      expect(names).toEqual(
        expect.arrayContaining([
          'messages_by_recipient',
          'messages_by_status',
          'messages_by_time',
          'messages_by_type',
        ]),
      );
    });

    it('refuses a database whose schema is newer than the code, and leaves it untouched', () => {
      const path = join(dir, 'future.db');
      const future = new Database(path);
      future.pragma(`user_version = ${LATEST + 1}`);
      future.close();

      expect(() => open(path)).toThrow(/newer/);

      const check = new Database(path, { readonly: true });
      try {
        expect(userVersion(check)).toBe(LATEST + 1);
        expect(
          check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages'").pluck().get(),
        ).toBe(0);
      } finally {
        check.close();
      }
    });

    // A refused database must not stay open: a Lambda that retries getContainer() on each invocation
    // would leak one file handle per attempt. Linux only (reads this process's open files).
    it.runIf(existsSync('/proc/self/fd'))('closes the database it refuses', () => {
      const path = join(dir, 'future.db');
      const future = new Database(path);
      future.pragma(`user_version = ${LATEST + 1}`);
      future.close();
      const openFiles = () =>
        readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return [];
          }
        });
      expect(openFiles()).not.toContain(path);

      expect(() => open(path)).toThrow(/newer/);

      expect(openFiles()).not.toContain(path);
    });

    it('keeps data across close and reopen of the same file', async () => {
      const path = join(dir, 'messages.db');
      const log = new SqliteMessageLog(open(path));
      const kept = emailRecord({ createdAt: at(0) });
      const moved = messageRecord({ createdAt: at(1) });
      await log.create(kept);
      await log.create(moved);
      const updated = await log.updateStatus(moved.id, 'pending', {
        status: 'sent',
        provider: 'mock-sms',
        providerMessageId: 'SM1',
        error: null,
        attempts: 1,
        updatedAt: at(2),
      });
      await log.close();

      const reopened = new SqliteMessageLog(open(path));

      expect(await reopened.get(kept.id)).toStrictEqual(kept);
      expect(await reopened.get(moved.id)).toStrictEqual(updated);
      expect((await reopened.list(listQuery({}))).items).toStrictEqual([updated, kept]);
    });

    it('lets only one of two connections to the same file move a message from pending', async () => {
      const path = join(dir, 'messages.db');
      const one = new SqliteMessageLog(open(path));
      const two = new SqliteMessageLog(open(path));
      const record = messageRecord();
      await one.create(record);
      const change = {
        provider: 'mock-sms',
        providerMessageId: null,
        error: null,
        attempts: 1,
        updatedAt: at(1),
      };

      await one.updateStatus(record.id, 'pending', { ...change, status: 'sent' });
      await expect(two.updateStatus(record.id, 'pending', { ...change, status: 'failed' })).rejects.toThrow(
        /no longer pending/,
      );
      expect((await two.get(record.id))?.status).toBe('sent');
    });
  });

  describe('migrate', () => {
    it('lists migrations in strictly increasing version order', () => {
      const versions = MIGRATIONS.map((migration) => migration.version);

      expect(versions.every((version, n) => n === 0 || version > (versions[n - 1] ?? Infinity))).toBe(true);
      expect(versions[0]).toBeGreaterThan(0);
    });

    it('is a no-op on a migrated database: same version, same schema, data kept', async () => {
      const db = open(join(dir, 'messages.db'));
      const log = new SqliteMessageLog(db);
      const record = messageRecord();
      await log.create(record);
      const schema = schemaOf(db);

      expect(() => migrate(db)).not.toThrow();
      expect(() => migrate(db)).not.toThrow();

      expect(userVersion(db)).toBe(LATEST);
      expect(schemaOf(db)).toEqual(schema);
      expect(await log.get(record.id)).toStrictEqual(record);
    });

    it('migrates a bare database from version 0 to the last version', () => {
      const db = new Database(':memory:');
      opened.push(db);
      expect(userVersion(db)).toBe(0);

      migrate(db);

      expect(userVersion(db)).toBe(LATEST);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages'").pluck().get()).toBe(1);
    });

    it('refuses a newer schema through migrate itself', () => {
      const db = new Database(':memory:');
      opened.push(db);
      db.pragma(`user_version = ${LATEST + 5}`);

      expect(() => migrate(db)).toThrow(/newer/);
      expect(userVersion(db)).toBe(LATEST + 5);
    });
  });

  describe('query plans', () => {
    /** Records the SQL of every statement prepared on `db` from now on. */
    function recordPrepares(db: SqliteDatabase): string[] {
      const seen: string[] = [];
      const prepare = db.prepare;
      db.prepare = ((source: string) => {
        seen.push(source);
        return prepare.call(db, source);
      }) as typeof db.prepare;
      return seen;
    }

    // Stands for a cursor the log issued; each test swaps in a real one.
    const ISSUED = 'issued';

    const cases: [string, Record<string, string>, RegExp][] = [
      ['no filter', {}, /^SEARCH messages USING INDEX messages_by_time \(tenant=\?\)$/],
      ['type', { type: 'email' }, /^SEARCH messages USING INDEX messages_by_type \(tenant=\? AND type=\?\)$/],
      [
        'status',
        { status: 'sent' },
        /^SEARCH messages USING INDEX messages_by_status \(tenant=\? AND status=\?\)$/,
      ],
      [
        'recipient',
        { recipient: 'alice@example.com' },
        /^SEARCH messages USING INDEX messages_by_recipient \(tenant=\? AND recipient=\?\)$/,
      ],
      [
        'from and to',
        { from: at(0), to: at(10) },
        /^SEARCH messages USING INDEX messages_by_time \(tenant=\? AND created_at>\? AND created_at<\?\)$/,
      ],
      [
        'status, from and to',
        { status: 'sent', from: at(0), to: at(10) },
        /^SEARCH messages USING INDEX messages_by_status \(tenant=\? AND status=\? AND created_at>\? AND created_at<\?\)$/,
      ],
      [
        'cursor alone',
        { cursor: ISSUED },
        /^SEARCH messages USING INDEX messages_by_time \(tenant=\? AND \(created_at,id\)<\(\?,\?\)\)$/,
      ],
      [
        'type and cursor',
        { type: 'sms', cursor: ISSUED },
        /^SEARCH messages USING INDEX messages_by_type \(tenant=\? AND type=\? AND \(created_at,id\)<\(\?,\?\)\)$/,
      ],
      [
        'every filter and a cursor',
        {
          type: 'sms',
          status: 'sent',
          recipient: '+14155550123',
          from: at(0),
          to: at(10),
          cursor: ISSUED,
        },
        /^SEARCH messages USING INDEX messages_by_(type|status|recipient) \(/,
      ],
    ];

    it.each(cases)('lists by %s from an index range, without a scan or a sort', async (_, params, plan) => {
      const db = open(':memory:');
      const log = new SqliteMessageLog(db);
      await log.create(messageRecord({ createdAt: at(1) }));
      await log.create(messageRecord({ createdAt: at(2) }));
      const cursor =
        params.cursor === ISSUED ? (await log.list(listQuery({ limit: '1' }))).nextCursor : undefined;
      if (params.cursor === ISSUED && !cursor) throw new Error('expected an issued cursor');
      const seen = recordPrepares(db);

      await log.list(listQuery({ ...params, ...(cursor ? { cursor } : {}) }));

      const selects = seen.filter((sql) => /^\s*SELECT \* FROM messages\b/.test(sql));
      expect(selects).toHaveLength(1);
      const sql = selects[0] ?? '';
      expect(sql).toMatch(/ORDER BY created_at DESC, id DESC LIMIT \?/);
      const dummies = Array.from(sql.matchAll(/\?/g), (_match, n) => `dummy-${n}`);
      const details = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...dummies)
        .map((row) => (row as { detail: string }).detail);

      expect(details).toHaveLength(1);
      expect(details[0]).toMatch(plan);
      expect(details.join('\n')).not.toMatch(/^SCAN messages$/m);
      expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
    });

    it('lists by a metadata pair from its index range, each message by id, without a scan or a sort', async () => {
      const db = open(':memory:');
      const log = new SqliteMessageLog(db);
      await log.create(messageRecord({ createdAt: at(1), metadata: { orderId: '1' } }));
      const seen = recordPrepares(db);

      await log.list(listQuery({ 'metadata.orderId': '1', status: 'sent', from: at(0) }));

      const sql = seen.find((text) => text.includes('FROM message_metadata')) ?? '';
      const dummies = Array.from(sql.matchAll(/\?/g), (_match, n) => `dummy-${n}`);
      const details = db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...dummies)
        .map((row) => (row as { detail: string }).detail);
      expect(details).toEqual([
        expect.stringMatching(
          /^SEARCH mm USING PRIMARY KEY \(tenant=\? AND key=\? AND value=\? AND created_at>\?\)$/,
        ),
        expect.stringMatching(/^SEARCH m USING INDEX sqlite_autoindex_messages_1 \(id=\?\)$/),
      ]);
    });

    it('prepares one list statement per filter combination and reuses it', async () => {
      const db = open(':memory:');
      const log = new SqliteMessageLog(db);
      const seen = recordPrepares(db);

      await log.list(listQuery({ type: 'email' }));
      await log.list(listQuery({ type: 'sms', limit: '3' }));
      await log.list(listQuery({ status: 'sent' }));
      await log.list(listQuery({ status: 'failed' }));

      expect(seen.filter((sql) => sql.includes('FROM messages'))).toHaveLength(2);
    });
  });

  describe('SQL metacharacters in filter values', () => {
    const hostileRecipient = "a'; DROP TABLE messages; --@example.com";

    let log: SqliteMessageLog;
    const kept = [emailRecord({ createdAt: at(0) }), messageRecord({ createdAt: at(1) })];

    beforeEach(async () => {
      log = new SqliteMessageLog(open(join(dir, 'messages.db')));
      for (const record of kept) await log.create(record);
    });

    const query = (fields: Partial<ListMessagesQuery>): TenantListQuery => ({
      limit: 25,
      tenant: 'default',
      ...fields,
    });

    it('are refused by the API before they reach the store', () => {
      expect(() => parseListQuery({ recipient: hostileRecipient })).toThrow(ValidationError);
      expect(() => parseListQuery({ recipient: "x' OR 1=1 --" })).toThrow(ValidationError);
    });

    it('match nothing and leave the table intact when passed straight to the store', async () => {
      const hostileType: string = "email' OR '1'='1";
      const hostileStatus: string = "sent' OR 1=1 --";

      expect(await log.list(query({ recipient: hostileRecipient }))).toStrictEqual({
        items: [],
        nextCursor: null,
      });
      expect(await log.list(query({ recipient: "x' OR 1=1 --" }))).toStrictEqual({
        items: [],
        nextCursor: null,
      });
      expect((await log.list(query({ type: hostileType as Channel }))).items).toEqual([]);
      expect((await log.list(query({ status: hostileStatus as MessageStatus }))).items).toEqual([]);
      // A lower bound below every instant would match all; an upper bound below every instant, none.
      expect((await log.list(query({ to: "0' OR '1'='1" }))).items).toEqual([]);

      expect((await log.list(listQuery({}))).items).toStrictEqual([...kept].reverse());
      expect(await log.get(kept[0]?.id ?? '')).toStrictEqual(kept[0]);
    });

    it('compare literally: LIKE wildcards match nothing, a stored hostile value matches itself', async () => {
      const stored = messageRecord({ recipient: hostileRecipient, createdAt: at(2) });
      await log.create(stored);

      expect((await log.list(query({ recipient: '%' }))).items).toEqual([]);
      expect((await log.list(query({ recipient: '_%' }))).items).toEqual([]);
      expect((await log.list(query({ recipient: hostileRecipient }))).items).toStrictEqual([stored]);
      expect(await log.get("' OR 1=1 --")).toBeUndefined();
    });
  });
});

describe('group commit', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'group-commit-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('commits the writes of one turn in one transaction, each resolving only once committed', async () => {
    const file = join(dir, 'messages.db');
    const db = openDatabase(file);
    const log = new SqliteMessageLog(db);
    let transactions = 0;
    const transaction = db.transaction.bind(db);
    db.transaction = ((fn: () => unknown) => {
      transactions++;
      return transaction(fn);
    }) as typeof db.transaction;
    const records = Array.from({ length: 50 }, (_, i) => messageRecord({ createdAt: at(i) }));
    await Promise.all(records.map((record) => log.create(record)));
    expect(transactions).toBe(1);
    // Resolved means committed: another connection sees all 50, each with its event.
    const other = new Database(file, { readonly: true });
    expect((other.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(50);
    expect((other.prepare('SELECT count(*) AS n FROM message_events').get() as { n: number }).n).toBe(50);
    other.close();
    await log.close();
  });

  it('fails a failing write alone, and never keeps a record without its event', async () => {
    const file = join(dir, 'messages.db');
    const db = openDatabase(file);
    const log = new SqliteMessageLog(db);
    const records = Array.from({ length: 20 }, (_, i) => messageRecord({ createdAt: at(i) }));
    const duplicate = { ...messageRecord({ createdAt: at(99) }), id: records[7]?.id ?? '' };
    // A record whose event cannot be written: its record must not stay either.
    const eventless = messageRecord({ createdAt: at(98) });
    db.exec(`CREATE TRIGGER refuse_event BEFORE INSERT ON message_events
             WHEN NEW.message_id = '${eventless.id}' BEGIN SELECT RAISE(ABORT, 'no event'); END`);
    const outcomes = await Promise.allSettled([...records, duplicate, eventless].map((r) => log.create(r)));
    expect(outcomes.map((o) => o.status)).toEqual([
      ...records.map(() => 'fulfilled'),
      'rejected',
      'rejected',
    ]);
    expect(String((outcomes[21] as PromiseRejectedResult).reason)).toMatch(/no event/);
    expect(await log.get(eventless.id)).toBeUndefined();
    expect(await log.get(duplicate.id)).toEqual(records[7]);
    const other = new Database(file, { readonly: true });
    expect((other.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(20);
    expect((other.prepare('SELECT count(*) AS n FROM message_events').get() as { n: number }).n).toBe(20);
    other.close();
    await log.close();
  });

  it('commits writes still waiting when the log is closed', async () => {
    const file = join(dir, 'messages.db');
    const log = new SqliteMessageLog(openDatabase(file));
    const record = messageRecord();
    const created = log.create(record);
    await log.close();
    await expect(created).resolves.toBeUndefined();
    const reopened = new SqliteMessageLog(openDatabase(file));
    expect(await reopened.get(record.id)).toEqual(record);
    await reopened.close();
  });

  it('fails the write that does not fit on a full disk alone, with the real error, and saves the others whole', async () => {
    const file = join(dir, 'messages.db');
    const db = openDatabase(file);
    const log = new SqliteMessageLog(db);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 3}`); // room for small records, not for a 200 KB one
    const small = (n: number) => messageRecord({ createdAt: at(n) });
    const big = { ...messageRecord({ createdAt: at(1) }), content: 'x'.repeat(200_000) };
    const batch = [small(0), big, small(2)];
    const outcomes = await Promise.allSettled(batch.map((record) => log.create(record)));
    // SQLite rolls back the statement that did not fit (the stats triggers give each insert a
    // statement journal), not the transaction: the others are committed, each with its event.
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/full/i);
    expect(await log.get(big.id)).toBeUndefined();
    for (const record of [batch[0], batch[2]]) {
      expect(await log.get(record?.id ?? '')).toEqual(record);
      expect(await log.listEvents(record?.id ?? '')).toHaveLength(1);
    }
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT sum(count) AS n FROM message_stats').get()).toEqual({ n: 2 });
    other.close();
    await log.close();
  });
});
