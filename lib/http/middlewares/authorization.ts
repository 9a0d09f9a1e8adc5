import { ForbiddenError, ThrottledError, UnauthorizedError } from '../../domain/errors.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../ports/metrics.js';
import type { ApiMiddleware, Deps } from '../api-handler.js';
import { type AuthDeps, authorize } from '../authorize.js';
import type { RouteScope } from '../route-table.js';

export type AuthorizationDeps = AuthDeps;

/**
 * Before anything else of the route: the caller (the authorizer's context, or the key checked here),
 * its scope (403) and its rate limits (429); the caller is kept on the invocation for the route.
 */
export const authorization = (
  deps: Deps<AuthDeps & { logger: Logger; metrics?: Metrics | undefined }>,
  scope: Exclude<RouteScope, null>,
): ApiMiddleware => ({
  before: async ({ event, context }) => {
    const d = await deps();
    const { invocation } = context;
    try {
      invocation.caller = await authorize(event, d, scope, invocation.logger ?? d.logger);
    } catch (error) {
      if (d.metrics) countRefusal(d.metrics, error);
      throw error;
    }
  },
});

/** 401 and 403 as AuthRejected by status, 429 as RateLimited. */
export function countRefusal(metrics: Metrics, error: unknown): void {
  if (error instanceof UnauthorizedError) metrics.add('AuthRejected', { status: '401' });
  else if (error instanceof ForbiddenError) metrics.add('AuthRejected', { status: '403' });
  else if (error instanceof ThrottledError) metrics.add('RateLimited', {});
}
