import type { TenantThroughput } from '../../ports/tenant-throughput.js';

/** SQLite keeps every message in one table, with no partitions to spread a fast tenant over. */
export class SqliteTenantThroughput implements TenantThroughput {
  async declare(): Promise<void> {}
}
