/**
 * The SQLite schema, as ordered migrations. `PRAGMA user_version` records the last one applied; a new
 * schema change is a new entry at the end, never an edit of an applied one.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'messages',
    sql: `
      CREATE TABLE messages (
        id                  TEXT PRIMARY KEY,
        type                TEXT NOT NULL,
        recipient           TEXT NOT NULL,
        subject             TEXT,
        content             TEXT NOT NULL,
        status              TEXT NOT NULL,
        provider            TEXT,
        provider_message_id TEXT,
        error               TEXT,
        attempts            INTEGER NOT NULL DEFAULT 0,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;
      -- One index per list filter, each ending in the list order, so every page is an index range.
      CREATE INDEX messages_by_time      ON messages (created_at, id);
      CREATE INDEX messages_by_type      ON messages (type, created_at, id);
      CREATE INDEX messages_by_status    ON messages (status, created_at, id);
      CREATE INDEX messages_by_recipient ON messages (recipient, created_at, id);
    `,
  },
  {
    version: 2,
    name: 'events, receipts, queue, idempotency',
    sql: `
      -- Every status a message took, in order (seq), written in the transaction that changes it.
      CREATE TABLE message_events (
        message_id TEXT NOT NULL REFERENCES messages (id),
        seq        INTEGER NOT NULL,
        at         TEXT NOT NULL,
        status     TEXT NOT NULL,
        provider   TEXT,
        detail     TEXT,
        PRIMARY KEY (message_id, seq)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO message_events (message_id, seq, at, status, provider, detail)
        SELECT id, 1, updated_at, status, provider, NULL FROM messages;
      -- Receipts find their message by the provider's id.
      CREATE INDEX messages_by_provider_message_id ON messages (provider_message_id)
        WHERE provider_message_id IS NOT NULL;

      -- The offline delivery queue: a job is leased to a worker until lease_until, and deleted once
      -- handled; a job received too often moves to dead_jobs (the dead-letter queue).
      CREATE TABLE delivery_jobs (
        job_id        INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id    TEXT NOT NULL,
        attempt       INTEGER NOT NULL,
        available_at  INTEGER NOT NULL,  -- epoch ms
        receive_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX delivery_jobs_by_available_at ON delivery_jobs (available_at);
      CREATE TABLE dead_jobs (
        job_id        INTEGER PRIMARY KEY,
        message_id    TEXT NOT NULL,
        attempt       INTEGER NOT NULL,
        receive_count INTEGER NOT NULL,
        error         TEXT,
        died_at       INTEGER NOT NULL   -- epoch ms
      ) STRICT;

      -- Idempotency keys, per caller (scope); swept once expired.
      CREATE TABLE idempotency_keys (
        scope        TEXT NOT NULL,
        key          TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        response     TEXT,               -- JSON of the stored answer; NULL while in progress
        expires_at   INTEGER NOT NULL,   -- epoch seconds
        PRIMARY KEY (scope, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
    `,
  },
  {
    version: 3,
    name: 'tenants, api keys, rate counters',
    sql: `
      -- Every message belongs to the tenant of the key that sent it; lists are per tenant, so each
      -- list index now leads with the tenant.
      ALTER TABLE messages ADD COLUMN tenant TEXT NOT NULL DEFAULT 'default';
      DROP INDEX messages_by_time;
      DROP INDEX messages_by_type;
      DROP INDEX messages_by_status;
      DROP INDEX messages_by_recipient;
      CREATE INDEX messages_by_time      ON messages (tenant, created_at, id);
      CREATE INDEX messages_by_type      ON messages (tenant, type, created_at, id);
      CREATE INDEX messages_by_status    ON messages (tenant, status, created_at, id);
      CREATE INDEX messages_by_recipient ON messages (tenant, recipient, created_at, id);

      CREATE TABLE api_keys (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        tenant       TEXT NOT NULL,
        scopes       TEXT NOT NULL,      -- JSON array
        hash         TEXT NOT NULL,      -- hex SHA-256 of the secret; the key itself is never stored
        limits       TEXT NOT NULL,      -- JSON {perSecond, perDay}
        created_at   TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at   TEXT
      ) STRICT;
      CREATE INDEX api_keys_by_tenant ON api_keys (tenant, created_at);

      -- Fixed-window request counters per key (one row per key and second, or key and day).
      CREATE TABLE rate_counters (
        key        TEXT PRIMARY KEY,
        count      INTEGER NOT NULL,
        expires_at INTEGER NOT NULL      -- epoch seconds
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX rate_counters_by_expiry ON rate_counters (expires_at);
    `,
  },
  {
    version: 4,
    name: 'resends',
    sql: `
      -- A resend names its original; the original lists its resends (a JSON array of ids).
      ALTER TABLE messages ADD COLUMN resend_of TEXT;
      ALTER TABLE messages ADD COLUMN resent_as TEXT;
    `,
  },
  {
    version: 5,
    name: 'scheduled messages',
    sql: `
      -- When a scheduled message is due (ISO-8601); NULL for a message sent at once.
      ALTER TABLE messages ADD COLUMN send_at TEXT;
    `,
  },
];
