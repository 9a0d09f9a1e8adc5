import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod';
import { DEFAULT_TENANT, type Principal, RateLimits, SCOPES, Scope, TenantId } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { ForbiddenError, ThrottledError } from '../domain/errors.js';
import { built, lazy } from '../lazy.js';
import type { RateLimiter } from '../ports/key-store.js';
import type { Authenticate } from '../services/authenticate.js';
import { header } from './headers.js';

export interface AuthDeps {
  /** `required`: every route with a scope needs a key; `off`: everyone is the default tenant. */
  auth: 'off' | 'required';
  authenticate: Authenticate;
  rateLimiter: RateLimiter;
  clock: Clock;
}

/** Who is calling when authentication is off (locally, by default): the default tenant, every scope. */
export const ANONYMOUS: Principal = {
  keyId: 'anonymous',
  tenant: DEFAULT_TENANT,
  scopes: SCOPES,
  limits: { perSecond: null, perDay: null },
};

// What the Lambda authorizer puts in requestContext.authorizer (API Gateway passes strings through).
const AuthorizerContext = /* @__PURE__ */ lazy(() =>
  z.object({
    keyId: z.string().min(1),
    tenant: built(TenantId),
    scopes: z
      .string()
      .transform((value) => value.split(','))
      .pipe(z.array(built(Scope))),
    perSecond: z.coerce.number().int().nonnegative(),
    perDay: z.coerce.number().int().nonnegative(),
  }),
);

/** The principal as the authorizer's context carries it; 0 stands for "no limit". */
export const toAuthorizerContext = (principal: Principal) => ({
  keyId: principal.keyId,
  tenant: principal.tenant,
  scopes: principal.scopes.join(','),
  perSecond: principal.limits.perSecond ?? 0,
  perDay: principal.limits.perDay ?? 0,
});

function fromAuthorizer(event: APIGatewayProxyEvent): Principal | undefined {
  const context = event.requestContext?.authorizer;
  if (!context) return undefined;
  const parsed = AuthorizerContext.safeParse(context);
  if (!parsed.success) return undefined;
  const { keyId, tenant, scopes, perSecond, perDay } = parsed.data;
  return {
    keyId,
    tenant,
    scopes,
    limits: RateLimits.parse({ perSecond: perSecond || null, perDay: perDay || null }),
  };
}

/**
 * The caller of a route that needs `scope`: on AWS from the Lambda authorizer's context (API Gateway
 * has checked the key); else, with authentication required, from the `x-api-key` header checked here
 * (the local server, or an invocation without the authorizer); else the anonymous default tenant.
 * Then the scope (403) and the key's rate limits (429), before any work of the route.
 */
export async function authorize(
  event: APIGatewayProxyEvent,
  deps: AuthDeps,
  scope: Scope,
): Promise<Principal> {
  let principal = fromAuthorizer(event);
  if (!principal) {
    if (deps.auth === 'off') return ANONYMOUS;
    principal = await deps.authenticate(header(event, 'x-api-key'));
  }
  if (!principal.scopes.includes(scope)) throw new ForbiddenError(scope);
  const decision = await deps.rateLimiter.consume(principal.keyId, principal.limits, deps.clock());
  if (!decision.allowed) throw new ThrottledError(decision.limit, decision.retryAfterSeconds);
  return principal;
}
