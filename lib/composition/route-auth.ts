import { DynamoDbRateLimiter } from '../adapters/dynamodb/dynamodb.key-store.js';
import { SqliteRateLimiter } from '../adapters/sqlite/sqlite.key-store.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import type { RateLimiter } from '../ports/key-store.js';
import { clock } from './basics.js';
import { authenticate } from './keys.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase } from './stores.js';

const unlimited: RateLimiter = { consume: async () => ({ allowed: true }), close: async () => {} };

/** The keys' rate counters: the SQLite database's offline, RATE_COUNTER_TABLE_NAME on AWS. */
export const rateLimiter = (parts: Parts): RateLimiter =>
  parts.closable('rateLimiter', () => configuredRateLimiter(parts));

function configuredRateLimiter(parts: Parts): RateLimiter {
  const { store, auth } = parts.settings.service;
  if (store.kind === 'sqlite')
    return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
      ? noSqliteInBundle()
      : new SqliteRateLimiter(sqliteDatabase(parts, store.path));
  // Authentication off (only ever offline): no keys, so no limits.
  if (auth === 'off') return unlimited;
  const table = requiredTable(
    store.rateCounterTableName,
    'RATE_COUNTER_TABLE_NAME',
    "to count the keys' requests when authentication is on",
  );
  return new DynamoDbRateLimiter(documentClient(parts, store), table);
}

/** What a scoped route checks before it runs: the caller's key, scope and limits. */
export const authorizationDeps = (parts: Parts): AuthorizationDeps => ({
  auth: parts.settings.service.auth,
  // Built only if a request comes without the authorizer's context (locally, or invoked directly).
  authenticate: (key, options) => authenticate(parts, { required: false })(key, options),
  rateLimiter: rateLimiter(parts),
  clock: clock(parts),
});
