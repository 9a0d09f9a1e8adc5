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
];
