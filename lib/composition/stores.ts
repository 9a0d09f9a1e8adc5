import { createDocumentClient } from '../adapters/dynamodb/client.js';
import { openDatabase, type SqliteDatabase } from '../adapters/sqlite/database.js';
import { ConfigError, type StoreConfig } from '../config.js';
import type { Parts } from './parts.js';

type DynamoStore = Extract<StoreConfig, { kind: 'dynamodb' }>;

/** The store settings, for a part that lives in the SQLite database or a DynamoDB table. */
export const storeOf = (parts: Parts): StoreConfig => parts.settings.service.store;

/** The one SQLite database of the local host: the log, queue, idempotency answers and keys share it. */
export const sqliteDatabase = (parts: Parts, path: string): SqliteDatabase =>
  parts.once('sqlite', () => {
    const db = openDatabase(path);
    parts.onClose(() => {
      if (db.open) db.close();
    });
    return db;
  });

/**
 * Where a Lambda bundle would build a SQLite part. The bundler defines
 * `process.env.MESSAGING_BUNDLE_SQLITE` as "false" (infra/bundling.ts), so each SQLite branch folds
 * to this call and the SQLite adapters and migrations drop out of the bundle.
 */
export function noSqliteInBundle(): never {
  throw new ConfigError('Invalid configuration: this build holds no SQLite store; set TABLE_NAME');
}

/** The one DynamoDB client of a function: its stores share it. */
export const documentClient = (parts: Parts, store: DynamoStore) =>
  parts.once('dynamodb', () => {
    const client = createDocumentClient(store);
    parts.onClose(() => client.destroy());
    return client;
  });

/** A table a part needs: a missing name is a configuration error of the function that builds it. */
export function requiredTable(name: string | undefined, variable: string, why: string): string {
  if (!name) throw new ConfigError(`Invalid configuration: ${variable}: is required ${why}`);
  return name;
}
