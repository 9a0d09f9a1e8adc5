import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';

/** What a key may do; every route requires one (webhooks excepted: providers sign those). */
export const SCOPES = [
  'messages:send',
  'messages:read',
  'keys:manage',
  'webhooks:manage',
  'suppressions:manage',
  'privacy:manage',
  'templates:manage',
] as const;
export const Scope = /* @__PURE__ */ lazy(() => z.enum(SCOPES));
export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);
export type Scope = z.infer<typeof Scope>;

/**
 * A tenant's id: lower-case letters, digits and dashes. No `#`, `:` or `/`, so that it can lead a
 * composite index key or an idempotency scope without ambiguity.
 */
export const TENANT_FORMAT = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const TenantId = /* @__PURE__ */ lazy(() =>
  z.string().check(z.regex(TENANT_FORMAT, 'must be 1 to 63 lower-case letters, digits or dashes')),
);
export type TenantId = z.infer<typeof TenantId>;

/** The tenant of every message while authentication is off (locally, by default). */
export const DEFAULT_TENANT = 'default';

/** Requests a key may make; `null`: no limit of that kind. */
export const RateLimits = /* @__PURE__ */ lazy(() =>
  z.object({
    perSecond: z.nullable(z.int().check(z.positive())),
    perDay: z.nullable(z.int().check(z.positive())),
  }),
);
export type RateLimits = z.infer<typeof RateLimits>;

export const DEFAULT_RATE_LIMITS: RateLimits = { perSecond: 50, perDay: 100_000 };

/** An API key as stored: never the key itself, only its hash. */
export const ApiKeyRecord = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    name: z.string().check(z.minLength(1), z.maxLength(100)),
    tenant: built(TenantId),
    scopes: z.array(built(Scope)).check(z.minLength(1)),
    /** Hex SHA-256 of the key's secret part. */
    hash: z.string(),
    limits: built(RateLimits),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.nullable(z.iso.datetime()),
    revokedAt: z.nullable(z.iso.datetime()),
  }),
);
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

/** Who is calling: what the authorizer (AWS) or the auth middleware (locally) hands the routes. */
export interface Principal {
  keyId: string;
  tenant: TenantId;
  scopes: readonly Scope[];
  limits: RateLimits;
}

/** A key as shown to people: everything but the hash. */
export const KeyView = /* @__PURE__ */ lazy(() => z.omit(built(ApiKeyRecord), { hash: true }));
export type KeyView = z.infer<typeof KeyView>;

/** `POST /keys`: the new key's record and the key itself, shown this once only. */
export const NewKeyAnswer = /* @__PURE__ */ lazy(() => z.object({ apiKey: z.string(), key: built(KeyView) }));
export type NewKeyAnswer = z.infer<typeof NewKeyAnswer>;

/** `GET /keys`: the tenant's keys. */
export const KeyList = /* @__PURE__ */ lazy(() => z.object({ items: z.array(built(KeyView)) }));
export type KeyList = z.infer<typeof KeyList>;

/**
 * `GET /me`: who the caller is, for any valid key. `keyId` and `name` are null while authentication
 * is off (then the tenant is `default` and every scope is listed).
 */
export const CallerView = /* @__PURE__ */ lazy(() =>
  z.object({
    keyId: z.nullable(z.string()),
    name: z.nullable(z.string()),
    tenant: z.string(),
    scopes: z.array(built(Scope)),
    limits: built(RateLimits),
    authentication: z.enum(['required', 'off']),
  }),
);
export type CallerView = z.infer<typeof CallerView>;
