import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DEFAULT_TENANT, isScope, type Principal, SCOPES, TENANT_FORMAT } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { ForbiddenError, ThrottledError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from '../ports/key-store.js';
import type { Authenticate } from '../services/authenticate.js';
import { header } from './headers.js';
import type { RouteScope } from './route-table.js';

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

/** The principal as the authorizer's context carries it; 0 stands for "no limit". */
export const toAuthorizerContext = (principal: Principal) => ({
  keyId: principal.keyId,
  tenant: principal.tenant,
  scopes: principal.scopes.join(','),
  perSecond: principal.limits.perSecond ?? 0,
  perDay: principal.limits.perDay ?? 0,
});

// A whole number, as API Gateway passes the authorizer's context (strings) or as a test builds it.
const count = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

/**
 * What the Lambda authorizer put in requestContext.authorizer (toAuthorizerContext), or undefined if
 * it is not that. Plain checks rather than a zod schema: every route reads it on its first request,
 * so a schema built for it would be built in every cold start (docs/performance.md).
 */
function fromAuthorizer(event: APIGatewayProxyEvent): Principal | undefined {
  const context: Record<string, unknown> | null | undefined = event.requestContext?.authorizer;
  if (!context) return undefined;
  const { keyId, tenant, scopes, perSecond, perDay } = context;
  const scopeList = typeof scopes === 'string' ? scopes.split(',') : [];
  const second = count(perSecond);
  const day = count(perDay);
  if (typeof keyId !== 'string' || keyId === '') return undefined;
  if (typeof tenant !== 'string' || !TENANT_FORMAT.test(tenant)) return undefined;
  if (scopeList.length === 0 || !scopeList.every(isScope)) return undefined;
  if (second === undefined || day === undefined) return undefined;
  // 0 stands for "no limit".
  return { keyId, tenant, scopes: scopeList, limits: { perSecond: second || null, perDay: day || null } };
}

/**
 * The caller of a route that needs `scope`: on AWS from the Lambda authorizer's context (API Gateway
 * has checked the key); else, with authentication required, from the `x-api-key` header checked here
 * (the local server, or an invocation without the authorizer); else the anonymous default tenant.
 * Then the scope (403; `any` takes every valid key) and the key's rate limits (429), before any work of the route.
 */
export async function authorize(
  event: APIGatewayProxyEvent,
  deps: AuthDeps,
  scope: Exclude<RouteScope, null>,
  /** The request's: a refused key's line carries the request id. */
  logger: Logger,
): Promise<Principal> {
  let principal = fromAuthorizer(event);
  if (!principal) {
    if (deps.auth === 'off') return ANONYMOUS;
    principal = await deps.authenticate(header(event, 'x-api-key'), { logger });
  }
  if (scope !== 'any' && !principal.scopes.includes(scope)) throw new ForbiddenError(scope);
  // A GET changes nothing: counted without a shared write (RateLimiter, RequestKind).
  const kind = event.httpMethod === 'GET' ? 'read' : 'write';
  const decision = await deps.rateLimiter.consume(principal.keyId, principal.limits, deps.clock(), kind);
  if (!decision.allowed) throw new ThrottledError(decision.limit, decision.retryAfterSeconds);
  return principal;
}
