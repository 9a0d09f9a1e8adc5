import type { ApiKeyRecord } from '../domain/api-key.js';
import type { KeyStore } from '../ports/key-store.js';
import type { TenantThroughput } from '../ports/tenant-throughput.js';

/**
 * How many sends a second a tenant's keys allow in all: the sum of its active keys' limits, null
 * when any of them is unlimited. A revoked key allows nothing.
 */
export function tenantPerSecond(keys: readonly Pick<ApiKeyRecord, 'limits' | 'revokedAt'>[]): number | null {
  let total = 0;
  for (const key of keys) {
    if (key.revokedAt !== null) continue;
    if (key.limits.perSecond === null) return null;
    total += key.limits.perSecond;
  }
  return total;
}

/**
 * Declares every tenant's throughput from the keys it has now (the migration to the list index
 * does this once, before re-keying the messages: afterwards each new key declares its tenant's).
 * Answers what was declared, tenant by tenant.
 */
export async function declareEveryTenant(
  keys: KeyStore,
  throughput: TenantThroughput,
): Promise<Map<string, number | null>> {
  const byTenant = new Map<string, ApiKeyRecord[]>();
  for (const key of await keys.list()) byTenant.set(key.tenant, [...(byTenant.get(key.tenant) ?? []), key]);
  const declared = new Map<string, number | null>();
  for (const [tenant, tenantKeys] of byTenant) {
    const perSecond = tenantPerSecond(tenantKeys);
    await throughput.declare(tenant, perSecond);
    declared.set(tenant, perSecond);
  }
  return declared;
}
