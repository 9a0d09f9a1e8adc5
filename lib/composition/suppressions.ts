import { DynamoDbSuppressionList } from '../adapters/dynamodb/dynamodb.suppression-list.js';
import { SqliteSuppressionList } from '../adapters/sqlite/sqlite.suppression-list.js';
import type { SuppressionList } from '../ports/suppression-list.js';
import { withErasedEntries } from '../privacy/erased-suppressions.js';
import { recipientHash } from '../privacy/recipient-hash.js';
import { makeSuppressionGate, type SuppressionGate } from '../services/suppression-gate.js';
import { clock, metrics } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase, storeOf } from './stores.js';

// A DynamoDB deployment without a suppressions table suppresses no one (the stack always names one).
const noSuppressions: SuppressionList = {
  get: async () => undefined,
  add: async () => {
    throw new Error('no suppressions table is configured (SUPPRESSIONS_TABLE_NAME)');
  },
  lift: async () => 'absent',
  list: async () => ({ items: [], nextCursor: null }),
  erase: async () => false,
  close: async () => {},
};

/**
 * The suppression list: in the SQLite database offline, the SUPPRESSIONS_TABLE_NAME table on AWS.
 * `required`: the function's work is the list (its routes), so the table must be named. With
 * PRIVACY_HASH_KEY, erased entries (kept under the recipient's keyed hash) are found too; without
 * it no recipient can have been erased (the erasure route needs the key), so the plain list is all.
 */
export function suppressionList(parts: Parts, options = { required: false }): SuppressionList {
  const store = storeOf(parts);
  if (options.required && store.kind === 'dynamodb' && !parts.overrides.suppressions) {
    requiredTable(store.suppressionsTableName, 'SUPPRESSIONS_TABLE_NAME', 'to manage the suppression list');
  }
  const list = parts.closable('suppressions', () => {
    if (store.kind === 'sqlite')
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteSuppressionList(sqliteDatabase(parts, store.path));
    if (!store.suppressionsTableName) return noSuppressions;
    return new DynamoDbSuppressionList(documentClient(parts, store), store.suppressionsTableName);
  });
  const hashKey = parts.settings.service.privacyHashKey;
  if (!hashKey) return list;
  return parts.once('erasedSuppressions', () =>
    withErasedEntries(list, (tenant, recipient) => recipientHash(hashKey, tenant, recipient)),
  );
}

/** The list as the senders ask it: before every provider call, and after an opt-out rejection. */
export const suppressionGate = (parts: Parts): SuppressionGate =>
  parts.once('suppressionGate', () =>
    makeSuppressionGate({ list: suppressionList(parts), clock: clock(parts), metrics: metrics(parts) }),
  );
