import * as z from 'zod';
import { generateApiKey } from '../auth/api-key-secret.js';
import { type ApiKeyRecord, DEFAULT_RATE_LIMITS, RateLimits, Scope, TenantId } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { ValidationError } from '../domain/errors.js';
import { toDetails } from '../domain/validation.js';
import type { KeyStore } from '../ports/key-store.js';

/** What creating a key takes; limits default to DEFAULT_RATE_LIMITS. */
export const NewKeyRequest = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  tenant: TenantId,
  scopes: z.array(Scope).min(1, 'must name at least one scope'),
  limits: RateLimits.partial().optional(),
});
export type NewKeyRequest = z.input<typeof NewKeyRequest>;

/** The body of `POST /keys`: a key for the caller's own tenant, so no `tenant` field. */
export const NewKeyBody = NewKeyRequest.omit({ tenant: true });

/** A key as shown to people: everything but the hash. */
export type KeyView = Omit<ApiKeyRecord, 'hash'>;
const view = ({ hash: _hash, ...rest }: ApiKeyRecord): KeyView => rest;

export function makeManageKeys(deps: { keys: KeyStore; clock: Clock }) {
  const { keys, clock } = deps;

  async function store(request: z.output<typeof NewKeyRequest>): Promise<{ apiKey: string; key: KeyView }> {
    const { id, token, hash } = generateApiKey();
    const record: ApiKeyRecord = {
      id,
      name: request.name,
      tenant: request.tenant,
      scopes: [...new Set(request.scopes)],
      hash,
      limits: { ...DEFAULT_RATE_LIMITS, ...request.limits },
      createdAt: clock().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await keys.create(record);
    return { apiKey: token, key: view(record) };
  }

  return {
    /** Creates a key; the answer's `apiKey` is the only time the key itself is ever shown. */
    create: async (request: NewKeyRequest) => store(valid(NewKeyRequest.safeParse(request))),
    /** `POST /keys`: a key of the caller's own tenant, from the request body. */
    createFromBody: async (body: unknown, tenant: string) =>
      store({ ...valid(NewKeyBody.safeParse(body)), tenant }),
    list: async (tenant?: string): Promise<KeyView[]> => (await keys.list(tenant)).map(view),
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

function valid<T>(parsed: z.ZodSafeParseResult<T>): T {
  if (parsed.success) return parsed.data;
  throw new ValidationError(toDetails(parsed.error.issues), 'The key is invalid');
}
