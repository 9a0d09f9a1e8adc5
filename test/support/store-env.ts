import { type Dynalite, startDynalite } from './dynalite.js';

export type Store = 'sqlite' | 'dynamodb';

/**
 * The environment of the local server on each message log: SQLite in memory, or a new table of one
 * dynalite server started on first use. `close` stops that server.
 */
export function storeEnvs() {
  let dynamo: Dynalite | undefined;
  return {
    async env(store: Store): Promise<Record<string, string>> {
      if (store === 'sqlite') return { LOG_STORE: 'sqlite', DB_PATH: ':memory:' };
      dynamo ??= await startDynalite();
      return {
        LOG_STORE: 'dynamodb',
        TABLE_NAME: await dynamo.createTable(),
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      };
    },
    close: async () => dynamo?.close(),
  };
}
