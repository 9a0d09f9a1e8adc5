import { DynamoDbListLayouts } from '../adapters/dynamodb/dynamodb.list-layouts.js';
import { SqliteTenantThroughput } from '../adapters/sqlite/sqlite.tenant-throughput.js';
import type { TenantThroughput } from '../ports/tenant-throughput.js';
import { clock } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, requiredTable, storeOf } from './stores.js';

/**
 * What a tenant's keys allow, told to the message store: nothing to do offline (SQLite has no
 * partitions); on AWS, the tenant's list layout, an item of the message table (TABLE_NAME).
 */
export const tenantThroughput = (parts: Parts): TenantThroughput =>
  parts.once('tenantThroughput', () => {
    const store = storeOf(parts);
    if (store.kind === 'sqlite')
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteTenantThroughput();
    return new DynamoDbListLayouts(
      documentClient(parts, store),
      requiredTable(store.tableName, 'TABLE_NAME', "to lay out a tenant's list index"),
      clock(parts),
    );
  });
