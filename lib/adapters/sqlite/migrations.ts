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
    name: 'stats counters',
    sql: `
      -- GET /stats: how many of a tenant's messages created in each hour (UTC) are of each channel
      -- (type) and now in each status. Moved by triggers on messages, so by the very statement, and
      -- in the very transaction, that logs a message or changes its status: they cannot drift.
      CREATE TABLE message_stats (
        tenant TEXT NOT NULL,
        hour   TEXT NOT NULL,            -- substr(created_at, 1, 13): 2026-12-06T08
        type   TEXT NOT NULL,
        status TEXT NOT NULL,
        count  INTEGER NOT NULL,
        PRIMARY KEY (tenant, hour, type, status)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO message_stats (tenant, hour, type, status, count)
        SELECT tenant, substr(created_at, 1, 13), type, status, count(*) FROM messages
        GROUP BY tenant, substr(created_at, 1, 13), type, status;
      CREATE TRIGGER message_stats_on_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_stats (tenant, hour, type, status, count)
          VALUES (new.tenant, substr(new.created_at, 1, 13), new.type, new.status, 1)
          ON CONFLICT DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER message_stats_on_status AFTER UPDATE OF status ON messages
        WHEN old.status <> new.status BEGIN
        UPDATE message_stats SET count = count - 1
          WHERE tenant = old.tenant AND hour = substr(old.created_at, 1, 13)
            AND type = old.type AND status = old.status;
        INSERT INTO message_stats (tenant, hour, type, status, count)
          VALUES (new.tenant, substr(new.created_at, 1, 13), new.type, new.status, 1)
          ON CONFLICT DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER message_stats_on_delete AFTER DELETE ON messages BEGIN
        UPDATE message_stats SET count = count - 1
          WHERE tenant = old.tenant AND hour = substr(old.created_at, 1, 13)
            AND type = old.type AND status = old.status;
      END;
    `,
  },
  {
    version: 6,
    name: 'message metadata',
    sql: `
      -- The caller's metadata (a JSON object), and one row per pair so that a list can filter by one
      -- pair from an index: tenant, key and value lead, then the list order.
      ALTER TABLE messages ADD COLUMN metadata TEXT;
      CREATE TABLE message_metadata (
        tenant     TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        message_id TEXT NOT NULL REFERENCES messages (id),
        PRIMARY KEY (tenant, key, value, created_at, message_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    name: 'webhooks',
    sql: `
      -- Status webhook endpoints. The secrets are kept as they are: signing needs them (docs/webhooks.md).
      CREATE TABLE webhook_endpoints (
        id                         TEXT PRIMARY KEY,
        tenant                     TEXT NOT NULL,
        url                        TEXT NOT NULL,
        events                     TEXT NOT NULL,   -- JSON array
        description                TEXT,
        enabled                    INTEGER NOT NULL,
        disabled_reason            TEXT,
        failing_since              TEXT,
        secret                     TEXT NOT NULL,
        previous_secret            TEXT,
        previous_secret_expires_at TEXT,
        created_at                 TEXT NOT NULL,
        updated_at                 TEXT NOT NULL
      ) STRICT;
      CREATE INDEX webhook_endpoints_by_tenant ON webhook_endpoints (tenant, created_at);

      -- The outbox: one row per status change with an event, written in the change's transaction.
      CREATE TABLE webhook_outbox (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL,
        event_seq  INTEGER NOT NULL,
        record     TEXT NOT NULL     -- JSON of the record as the change left it
      ) STRICT;

      -- One event to one endpoint: its attempts, and its retry schedule (next_attempt_at).
      CREATE TABLE webhook_deliveries (
        id               TEXT PRIMARY KEY,
        endpoint_id      TEXT NOT NULL,
        tenant           TEXT NOT NULL,
        event_id         TEXT NOT NULL,
        event_type       TEXT NOT NULL,
        message_id       TEXT NOT NULL,
        event_seq        INTEGER NOT NULL,
        state            TEXT NOT NULL,
        attempts         INTEGER NOT NULL,
        last_status_code INTEGER,
        last_error       TEXT,
        last_latency_ms  INTEGER,
        next_attempt_at  TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        payload          TEXT NOT NULL,
        UNIQUE (event_id, endpoint_id)
      ) STRICT;
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
      CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at, id);
      CREATE INDEX webhook_deliveries_by_message ON webhook_deliveries (endpoint_id, message_id, event_seq);
    `,
  },
  {
    version: 8,
    name: 'suppressions',
    sql: `
      -- Each tenant's suppression list: one row per recipient (lower-cased email or E.164), the
      -- channels it covers a JSON array (never empty: the row goes with its last channel).
      CREATE TABLE suppressions (
        tenant     TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        channels   TEXT NOT NULL,
        reason     TEXT NOT NULL,
        source     TEXT NOT NULL,      -- JSON {provider, keyId, messageId}
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (tenant, recipient)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX suppressions_by_time ON suppressions (tenant, created_at, recipient);
    `,
  },
  {
    version: 9,
    name: 'retention, erasure, redacted content',
    sql: `
      -- When each message expires (epoch seconds, from its tenant's retention), for the sweep; NULL
      -- on a message logged before retention, which the sweep gives one first.
      ALTER TABLE messages ADD COLUMN expires_at INTEGER;
      CREATE INDEX messages_by_expiry ON messages (expires_at);
      -- LOG_CONTENT=redacted: JSON {length, sha256} of the content the log does not keep.
      ALTER TABLE messages ADD COLUMN content_digest TEXT;

      -- The message an idempotency answer holds, so that erasing the message deletes the answer.
      ALTER TABLE idempotency_keys ADD COLUMN message_id TEXT;
      CREATE INDEX idempotency_keys_by_message ON idempotency_keys (scope, message_id)
        WHERE message_id IS NOT NULL;

      -- Erasure jobs (POST /erasures), kept as the record that a person was erased: never the
      -- recipient, only its keyed hash.
      CREATE TABLE erasures (
        id             TEXT PRIMARY KEY,
        tenant         TEXT NOT NULL,
        recipient_hash TEXT NOT NULL,
        status         TEXT NOT NULL,
        erased         INTEGER NOT NULL,
        created_at     TEXT NOT NULL,
        completed_at   TEXT NOT NULL
      ) STRICT;

      -- Retention deletes messages, not what was sent: the stats keep their counts.
      DROP TRIGGER message_stats_on_delete;
    `,
  },
  {
    version: 10,
    name: 'templates, templated messages',
    sql: `
      -- A tenant's template: its last version and whether it is deleted (every version kept).
      CREATE TABLE templates (
        tenant       TEXT NOT NULL,
        name         TEXT NOT NULL,
        last_version INTEGER NOT NULL,
        deleted_at   TEXT,
        PRIMARY KEY (tenant, name)
      ) STRICT, WITHOUT ROWID;
      -- Immutable versions; content is the JSON of the PUT's body, as validated.
      CREATE TABLE template_versions (
        tenant     TEXT NOT NULL,
        name       TEXT NOT NULL,
        version    INTEGER NOT NULL,
        content    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (tenant, name, version)
      ) STRICT, WITHOUT ROWID;

      -- A message rendered from a template keeps its name and version, and what was rendered beside
      -- the content: an email's HTML part, a WhatsApp message's Meta template (JSON).
      ALTER TABLE messages ADD COLUMN template TEXT;
      ALTER TABLE messages ADD COLUMN template_version INTEGER;
      ALTER TABLE messages ADD COLUMN html TEXT;
      ALTER TABLE messages ADD COLUMN meta_template TEXT;
    `,
  },
];
