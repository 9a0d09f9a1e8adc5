import { DynamoDbIdempotencyStore } from '../adapters/dynamodb/dynamodb.idempotency-store.js';
import { SqliteIdempotencyStore } from '../adapters/sqlite/sqlite.idempotency-store.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import { clock } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, sqliteDatabase, storeOf } from './stores.js';

/** A deployment without an idempotency table refuses the header rather than ignore it. */
const unavailable: IdempotencyStore = {
  begin: async () => {
    throw new Error('no idempotency table is configured (IDEMPOTENCY_TABLE_NAME)');
  },
  complete: async () => {},
  release: async () => {},
  forgetMessage: async () => {},
  close: async () => {},
};

/** The idempotency answers: in the SQLite database offline, the IDEMPOTENCY_TABLE_NAME table on AWS. */
export const idempotencyStore = (parts: Parts): IdempotencyStore =>
  parts.closable('idempotency', () => {
    const store = storeOf(parts);
    if (store.kind === 'sqlite') {
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteIdempotencyStore(sqliteDatabase(parts, store.path), { clock: clock(parts) });
    }
    if (!store.idempotencyTableName) return unavailable;
    return new DynamoDbIdempotencyStore(documentClient(parts, store), store.idempotencyTableName, {
      clock: clock(parts),
    });
  });
