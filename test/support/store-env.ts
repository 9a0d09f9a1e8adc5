import { createErasureTableInput } from '../../lib/adapters/dynamodb/erasure-table.js';
import { createIdempotencyTableInput } from '../../lib/adapters/dynamodb/idempotency-table.js';
import { createKeyTableInput, createRateCounterTableInput } from '../../lib/adapters/dynamodb/key-table.js';
import { createMetadataTableInput } from '../../lib/adapters/dynamodb/metadata-table.js';
import { createSuppressionTableInput } from '../../lib/adapters/dynamodb/suppression-table.js';
import { createTemplateTableInput } from '../../lib/adapters/dynamodb/template-table.js';
import { createWebhookTableInput } from '../../lib/adapters/dynamodb/webhook-table.js';
import { type Dynalite, startDynalite } from './dynalite.js';

export type Store = 'sqlite' | 'dynamodb';

/**
 * The environment of the local server on each message log: SQLite in memory, or a new table of one
 * dynalite server started on first use. `close` stops that server.
 */
export function storeEnvs() {
  let dynamo: Dynalite | undefined;
  return {
    /**
     * With `allTables`, DynamoDB's keys, rate counter, idempotency, suppression, erasure and webhook
     * tables too (AUTH, Idempotency-Key, /suppressions, /webhook-endpoints).
     */
    async env(store: Store, options: { allTables?: boolean } = {}): Promise<Record<string, string>> {
      if (store === 'sqlite') return { LOG_STORE: 'sqlite', DB_PATH: ':memory:' };
      dynamo ??= await startDynalite();
      const env = {
        LOG_STORE: 'dynamodb',
        TABLE_NAME: await dynamo.createTable(),
        METADATA_TABLE_NAME: await dynamo.createTableFrom(createMetadataTableInput, 'metadata'),
        TEMPLATES_TABLE_NAME: await dynamo.createTableFrom(createTemplateTableInput, 'templates'),
        DYNAMODB_ENDPOINT: dynamo.endpoint,
      };
      if (!options.allTables) return env;
      return {
        ...env,
        KEYS_TABLE_NAME: await dynamo.createTableFrom(createKeyTableInput, 'keys'),
        RATE_COUNTER_TABLE_NAME: await dynamo.createTableFrom(createRateCounterTableInput, 'rates'),
        IDEMPOTENCY_TABLE_NAME: await dynamo.createTableFrom(createIdempotencyTableInput, 'idempotency'),
        SUPPRESSIONS_TABLE_NAME: await dynamo.createTableFrom(createSuppressionTableInput, 'suppressions'),
        ERASURE_TABLE_NAME: await dynamo.createTableFrom(createErasureTableInput, 'erasures'),
        WEBHOOKS_TABLE_NAME: await dynamo.createTableFrom(createWebhookTableInput, 'webhooks'),
      };
    },
    close: async () => dynamo?.close(),
  };
}
