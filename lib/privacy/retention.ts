/**
 * How long a tenant's messages are kept: MESSAGE_RETENTION_DAYS for every tenant, unless
 * MESSAGE_RETENTION_DAYS_BY_TENANT names the tenant. A message's expiry is fixed when it is logged
 * (its creation plus its tenant's days, as DynamoDB's TTL needs it on the item), so a new setting
 * applies to the messages logged after it.
 */
export interface RetentionPolicy {
  defaultDays: number;
  /** Per-tenant overrides, in days. */
  tenantDays: Readonly<Record<string, number>>;
}

export const DEFAULT_RETENTION_DAYS = 90;
/** Ten years: past this a deployment means "forever", which a retention policy is there to stop. */
export const MAX_RETENTION_DAYS = 3_650;

const DAY_SECONDS = 86_400;

export const retentionDays = (policy: RetentionPolicy, tenant: string): number =>
  policy.tenantDays[tenant] ?? policy.defaultDays;

/** When a message of `tenant` created at `createdAt` (ISO-8601) expires, in epoch seconds. */
export const expiresAtOf = (policy: RetentionPolicy, tenant: string, createdAt: string): number =>
  Math.floor(Date.parse(createdAt) / 1000) + retentionDays(policy, tenant) * DAY_SECONDS;

/** Whether an item with this expiry (epoch seconds; none: kept) has expired at `now`. */
export const isExpired = (expiresAt: unknown, now: Date): boolean =>
  typeof expiresAt === 'number' && expiresAt <= Math.floor(now.getTime() / 1000);

/**
 * MESSAGE_RETENTION_DAYS_BY_TENANT's value, `acme=30,beta=365`: the tenants and their days, or the
 * reason it is not valid.
 */
export function parseTenantDays(
  value: string,
  isTenant: (tenant: string) => boolean,
): Record<string, number> | string {
  const days: Record<string, number> = {};
  for (const entry of value.split(',')) {
    const match = /^\s*([^=\s]+)\s*=\s*(\d+)\s*$/.exec(entry);
    const [, tenant = '', count = ''] = match ?? [];
    if (!match || !isTenant(tenant))
      return `must be tenant=days pairs separated by commas (acme=30,beta=365); not ${JSON.stringify(entry.trim())}`;
    const n = Number(count);
    if (n < 1 || n > MAX_RETENTION_DAYS) return `days must be from 1 to ${MAX_RETENTION_DAYS} (${tenant})`;
    if (tenant in days) return `names ${tenant} twice`;
    days[tenant] = n;
  }
  return days;
}
