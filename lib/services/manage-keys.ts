import { generateApiKey } from '../auth/api-key-secret.js';
import {
  type ApiKeyRecord,
  type CallerView,
  DEFAULT_RATE_LIMITS,
  type KeyView,
  type NewKeyAnswer,
  type Principal,
  RateLimits,
  Scope,
  TenantId,
} from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { type ErrorDetail, ValidationError } from '../domain/errors.js';
import { onDemandFields } from '../domain/on-demand-fields.js';
import { toDetails } from '../domain/validation.js';
import { built, lazy } from '../lazy.js';
import type { KeyStore } from '../ports/key-store.js';
import type { TenantThroughput } from '../ports/tenant-throughput.js';
import type { core } from '../zod.js';
import * as z from '../zod.js';
import { tenantPerSecond } from './tenant-throughput.js';

// A key's fields besides its tenant, each built where a schema has it.
const keyFields = {
  name: () =>
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, 'must not be empty'),
        z.maxLength(100, 'must be at most 100 characters'),
      ),
  scopes: () => z.array(built(Scope)).check(z.minLength(1, 'must name at least one scope')),
  limits: () => z.optional(z.partial(built(RateLimits))),
};

/** What creating a key takes; limits default to DEFAULT_RATE_LIMITS. */
export const NewKeyRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    name: keyFields.name(),
    tenant: built(TenantId),
    scopes: keyFields.scopes(),
    limits: keyFields.limits(),
  }),
);
export type NewKeyRequest = z.input<typeof NewKeyRequest>;

/**
 * The body of `POST /keys`: a key for the caller's own tenant, so no `tenant` field. Not derived
 * from NewKeyRequest (`omit`), which would build that schema too on the route's first request;
 * `limits` is built once a body has it.
 */
const newKeyBody = /* @__PURE__ */ onDemandFields(
  () => keyFields,
  ['limits'],
  (shape) => z.strictObject(shape),
);
export const NewKeyBody = /* @__PURE__ */ lazy(() => built(newKeyBody.schema));

const view = ({ hash: _hash, ...rest }: ApiKeyRecord): KeyView => rest;

/** `GET /me`: who the caller is (lib/domain/api-key.ts). */
export type { CallerView };

export function makeManageKeys(deps: { keys: KeyStore; throughput: TenantThroughput; clock: Clock }) {
  const { keys, throughput, clock } = deps;

  async function store(request: z.output<typeof NewKeyRequest>): Promise<NewKeyAnswer> {
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
    // Declared first: a store that lays a fast tenant out otherwise must know before the key is used,
    // and a failed declaration fails the request with no key made.
    await throughput.declare(record.tenant, tenantPerSecond([...(await keys.list(record.tenant)), record]));
    await keys.create(record);
    return { apiKey: token, key: view(record) };
  }

  return {
    /** Creates a key; the answer's `apiKey` is the only time the key itself is ever shown. */
    create: async (request: NewKeyRequest) => store(valid(NewKeyRequest.safeParse(request))),
    /**
     * `POST /keys`: a key of the caller's own tenant, from the request body, and never more than the
     * caller's key: its scopes within the caller's, its limits within the caller's (by default the
     * caller's own). Else one key with `keys:manage` could mint itself an unlimited one.
     */
    async createFromBody(body: unknown, caller: Principal) {
      const request = valid(newKeyBody.safeParse(body));
      const details: ErrorDetail[] = [];
      const outside = request.scopes.filter((scope) => !caller.scopes.includes(scope));
      if (outside.length > 0) {
        details.push({
          field: 'scopes',
          message: `must be within the caller's scopes; not ${outside.join(', ')}`,
        });
      }
      const limits = { ...caller.limits, ...request.limits };
      for (const name of ['perSecond', 'perDay'] as const) {
        const own = caller.limits[name];
        const asked = limits[name];
        if (own !== null && (asked === null || asked > own)) {
          details.push({
            field: `limits.${name}`,
            message: `must be at most the caller's own limit, ${own}`,
          });
        }
      }
      if (details.length > 0) throw new ValidationError(details, 'The key is invalid');
      return store({ ...request, limits, tenant: caller.tenant });
    },
    /** The caller's own key; with authentication off there is none to look up. */
    async describe(caller: Principal, authentication: 'required' | 'off'): Promise<CallerView> {
      const key = authentication === 'off' ? undefined : await keys.get(caller.keyId);
      return {
        keyId: key?.id ?? null,
        name: key?.name ?? null,
        tenant: caller.tenant,
        scopes: [...caller.scopes],
        limits: caller.limits,
        authentication,
      };
    },
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

function valid<T>(parsed: core.util.SafeParseResult<T>): T {
  if (parsed.success) return parsed.data;
  throw new ValidationError(toDetails(parsed.error.issues), 'The key is invalid');
}
