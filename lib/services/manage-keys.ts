import * as z from 'zod';
import { generateApiKey } from '../auth/api-key-secret.js';
import { type ApiKeyRecord, DEFAULT_RATE_LIMITS, RateLimits, Scope, TenantId } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { ValidationError } from '../domain/errors.js';
import type { KeyStore } from '../ports/key-store.js';

/** What creating a key takes; limits default to DEFAULT_RATE_LIMITS. */
export const NewKeyRequest = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  tenant: TenantId,
  scopes: z.array(Scope).min(1, 'must name at least one scope'),
  limits: RateLimits.partial().optional(),
});
export type NewKeyRequest = z.input<typeof NewKeyRequest>;

/** A key as shown to people: everything but the hash. */
export type KeyView = Omit<ApiKeyRecord, 'hash'>;
const view = ({ hash: _hash, ...rest }: ApiKeyRecord): KeyView => rest;

export function makeManageKeys(deps: { keys: KeyStore; clock: Clock }) {
  const { keys, clock } = deps;
  return {
    /** Creates a key; the answer's `apiKey` is the only time the key itself is ever shown. */
    async create(request: NewKeyRequest): Promise<{ apiKey: string; key: KeyView }> {
      const parsed = NewKeyRequest.safeParse(request);
      if (!parsed.success) {
        throw new ValidationError(
          parsed.error.issues.map((issue) => ({
            field: issue.path.join('.') || 'key',
            message: issue.message,
          })),
          'The key is invalid',
        );
      }
      const { id, token, hash } = generateApiKey();
      const record: ApiKeyRecord = {
        id,
        name: parsed.data.name,
        tenant: parsed.data.tenant,
        scopes: [...new Set(parsed.data.scopes)],
        hash,
        limits: { ...DEFAULT_RATE_LIMITS, ...parsed.data.limits },
        createdAt: clock().toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await keys.create(record);
      return { apiKey: token, key: view(record) };
    },
    async list(tenant?: string): Promise<KeyView[]> {
      return (await keys.list(tenant)).map(view);
    },
    /** Undefined for an unknown id (or, with `tenant`, another tenant's key). */
    async revoke(id: string, tenant?: string): Promise<KeyView | undefined> {
      const existing = await keys.get(id);
      if (!existing || (tenant !== undefined && existing.tenant !== tenant)) return undefined;
      const revoked = await keys.revoke(id, clock().toISOString());
      return revoked && view(revoked);
    },
  };
}
export type ManageKeys = ReturnType<typeof makeManageKeys>;
