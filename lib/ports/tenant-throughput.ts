/**
 * What a store may need to know of a tenant's rate: how many sends a second its keys allow in all.
 * A store that spreads a fast tenant over more partitions (DynamoDB's list index) lays it out from
 * that; one that does not (SQLite) ignores it.
 */
export interface TenantThroughput {
  /**
   * The tenant's keys now allow `perSecond` sends a second in all (null: a key is unlimited). Called
   * before a key is created; a layout only grows, so revoking a key changes nothing.
   */
  declare(tenant: string, perSecond: number | null): Promise<void>;
}
