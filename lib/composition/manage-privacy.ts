import { DynamoDbErasureJobStore } from '../adapters/dynamodb/dynamodb.erasure-jobs.js';
import { SqliteErasureJobStore } from '../adapters/sqlite/sqlite.erasure-jobs.js';
import { ConfigError } from '../config.js';
import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import type { ErasureJobStore } from '../ports/erasure-jobs.js';
import {
  type EraseRecipient,
  type GetErasure,
  makeEraseRecipient,
  makeGetErasure,
} from '../services/erase-recipient.js';
import { clock, logger, newId, routeBasics } from './basics.js';
import { idempotencyStore } from './idempotency.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase, storeOf } from './stores.js';
import { suppressionList } from './suppressions.js';
import { webhookCopies } from './webhooks.js';

export interface PrivacyDeps extends RouteDeps, AuthorizationDeps {
  eraseRecipient: EraseRecipient;
  getErasure: GetErasure;
}

/** The erasure jobs: the SQLite database's offline, ERASURE_TABLE_NAME on AWS. */
export const erasureJobs = (parts: Parts): ErasureJobStore =>
  parts.closable('erasureJobs', () => {
    const store = storeOf(parts);
    return store.kind === 'sqlite'
      ? process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteErasureJobStore(sqliteDatabase(parts, store.path))
      : new DynamoDbErasureJobStore(
          documentClient(parts, store),
          requiredTable(store.erasureTableName, 'ERASURE_TABLE_NAME', 'to record erasures'),
        );
  });

/**
 * /erasures: the log, the idempotency answers and the suppression entry, erased; the jobs; PRIVACY_HASH_KEY; the key checks.
 * `required` (the Lambda's): a missing key or table fails the start; the local host on DynamoDB
 * without an erasure table builds the rest, and its erasure routes answer 500 until one is named.
 */
export function privacyDeps(parts: Parts, options = { required: true }): PrivacyDeps {
  const hashKey = parts.settings.service.privacyHashKey;
  if (!hashKey) {
    throw new ConfigError(
      'Invalid configuration: PRIVACY_HASH_KEY: is required to erase recipients (a secret: ssm:/secretsmanager: reference)',
    );
  }
  const store = storeOf(parts);
  if (options.required && store.kind === 'dynamodb' && !parts.overrides.erasureJobs)
    requiredTable(store.erasureTableName, 'ERASURE_TABLE_NAME', 'to record erasures');
  // Built on first use: see `required`.
  const jobs: ErasureJobStore = {
    create: (job) => erasureJobs(parts).create(job),
    get: (id) => erasureJobs(parts).get(id),
    close: async () => {},
  };
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    eraseRecipient: parts.once('eraseRecipient', () =>
      makeEraseRecipient({
        log: messageLog(parts),
        idempotency: idempotencyStore(parts),
        jobs,
        suppressions: suppressionList(parts),
        webhookCopies: webhookCopies(parts),
        hashKey,
        clock: clock(parts),
        newId: newId(parts),
        logger: logger(parts),
      }),
    ),
    getErasure: parts.once('getErasure', () => makeGetErasure(jobs)),
  };
}
