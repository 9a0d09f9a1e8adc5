import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Principal } from '../../domain/api-key.js';
import { ForbiddenError, ThrottledError, UnauthorizedError } from '../../domain/errors.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../ports/metrics.js';
import { type AuthDeps, authorize } from '../authorize.js';
import type { RouteScope } from '../route-table.js';

export type AuthorizationDeps = AuthDeps;

/**
 * Before anything else of the route: the caller (the authorizer's context, or the key checked here),
 * its scope (403) and its rate limits (429); a refusal is counted. The invocation's first middleware
 * (api-handler.ts) calls it once the invocation has its logger.
 */
export async function authorizeCaller(
  event: APIGatewayProxyEvent,
  deps: AuthDeps & { metrics?: Metrics | undefined },
  scope: Exclude<RouteScope, null>,
  logger: Logger,
): Promise<Principal> {
  try {
    return await authorize(event, deps, scope, logger);
  } catch (error) {
    if (deps.metrics) countRefusal(deps.metrics, error);
    throw error;
  }
}

/** 401 and 403 as AuthRejected by status, 429 as RateLimited. */
export function countRefusal(metrics: Metrics, error: unknown): void {
  if (error instanceof UnauthorizedError) metrics.add('AuthRejected', { status: '401' });
  else if (error instanceof ForbiddenError) metrics.add('AuthRejected', { status: '403' });
  else if (error instanceof ThrottledError) metrics.add('RateLimited', {});
}
