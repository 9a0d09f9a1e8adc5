import { DynamoDbStatsStore } from '../adapters/dynamodb/dynamodb.stats-store.js';
import { SqliteStatsStore } from '../adapters/sqlite/sqlite.stats-store.js';
import { StatsUnavailableError } from '../domain/errors.js';
import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import type { Logger } from '../logger.js';
import type { StatsStore } from '../ports/stats-store.js';
import { type CountStats, makeCountStats } from '../services/count-stats.js';
import { makeReadStats, type ReadStats } from '../services/read-stats.js';
import { logger, routeBasics } from './basics.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase, storeOf } from './stores.js';

// The local host on DynamoDB without a stats table: no consumer keeps counters, so none are read.
const noStats: StatsStore = {
  read: async () => {
    throw new StatsUnavailableError();
  },
  close: async () => {},
};

const dynamoStats = (parts: Parts, tableName: string) => {
  const store = storeOf(parts);
  if (store.kind !== 'dynamodb') throw new Error('the stats table is DynamoDB');
  return parts.once('dynamoStats', () => new DynamoDbStatsStore(documentClient(parts, store), tableName));
};

/**
 * The stats counters: the SQLite database's (moved by its triggers) offline, the STATS_TABLE_NAME
 * table on AWS. `required`: a Lambda's, whose work they are.
 */
export function statsStore(parts: Parts, options: { required: boolean }): StatsStore {
  const store = storeOf(parts);
  if (store.kind === 'sqlite')
    return parts.once('sqliteStats', () =>
      process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteStatsStore(sqliteDatabase(parts, store.path)),
    );
  if (!store.statsTableName && !options.required) return noStats;
  return dynamoStats(
    parts,
    requiredTable(store.statsTableName, 'STATS_TABLE_NAME', 'to read or count stats'),
  );
}

export interface StatsDeps extends RouteDeps, AuthorizationDeps {
  readStats: ReadStats;
}

/** GET /stats: the counters, read; the key checks. */
export function statsDeps(parts: Parts, options = { required: true }): StatsDeps {
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    readStats: parts.once('readStats', () => makeReadStats(statsStore(parts, options))),
  };
}

export interface CountStatsDeps {
  logger: Logger;
  countStats: CountStats;
}

/** The stream consumer: the message table's changes, added to the STATS_TABLE_NAME counters. */
export function countStatsDeps(parts: Parts): CountStatsDeps {
  const store = storeOf(parts);
  if (store.kind !== 'dynamodb') throw new Error('the stats consumer reads the DynamoDB stream');
  const counters = dynamoStats(
    parts,
    requiredTable(store.statsTableName, 'STATS_TABLE_NAME', 'to count stats'),
  );
  return {
    logger: logger(parts),
    countStats: parts.once('countStats', () => makeCountStats(counters)),
  };
}
