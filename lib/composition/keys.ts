import { DynamoDbKeyStore } from '../adapters/dynamodb/dynamodb.key-store.js';
import { SqliteKeyStore } from '../adapters/sqlite/sqlite.key-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { type Authenticate, makeAuthenticate } from '../services/authenticate.js';
import { clock, logger } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase, storeOf } from './stores.js';

// A DynamoDB function without a keys table finds no key: a route behind the authorizer never asks.
const noKeys: KeyStore = {
  create: async () => {
    throw new Error('no keys table is configured (KEYS_TABLE_NAME)');
  },
  get: async () => undefined,
  list: async () => [],
  revoke: async () => undefined,
  touch: async () => {},
  close: async () => {},
};

/**
 * The API keys: in the SQLite database offline, the KEYS_TABLE_NAME table on AWS. `required`: the
 * function's work is the keys (the authorizer, the keys routes), so the table must be named; a
 * route's own key check only falls back to it where no authorizer ran.
 */
export function keyStore(parts: Parts, options: { required: boolean }): KeyStore {
  const store = storeOf(parts);
  if (options.required && store.kind === 'dynamodb' && !parts.overrides.keys) {
    requiredTable(store.keysTableName, 'KEYS_TABLE_NAME', 'to check or manage API keys');
  }
  return parts.closable('keys', () => configuredKeyStore(parts));
}

function configuredKeyStore(parts: Parts): KeyStore {
  const store = storeOf(parts);
  if (store.kind === 'sqlite')
    return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
      ? noSqliteInBundle()
      : new SqliteKeyStore(sqliteDatabase(parts, store.path));
  if (!store.keysTableName) return noKeys;
  return new DynamoDbKeyStore(documentClient(parts, store), store.keysTableName);
}

export function authenticate(parts: Parts, options: { required: boolean }): Authenticate {
  const keys = keyStore(parts, options);
  return parts.once('authenticate', () =>
    makeAuthenticate({ keys, clock: clock(parts), logger: logger(parts) }),
  );
}
