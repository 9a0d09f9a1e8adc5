import type { Logger } from '../../logger.js';
import type { ApiMiddleware, Deps } from '../api-handler.js';
import { type AuthDeps, authorize } from '../authorize.js';
import type { RouteScope } from '../route-table.js';

export type AuthorizationDeps = AuthDeps;

/**
 * Before anything else of the route: the caller (the authorizer's context, or the key checked here),
 * its scope (403) and its rate limits (429); the caller is kept on the invocation for the route.
 */
export const authorization = (
  deps: Deps<AuthDeps & { logger: Logger }>,
  scope: Exclude<RouteScope, null>,
): ApiMiddleware => ({
  before: async ({ event, context }) => {
    const d = await deps();
    const { invocation } = context;
    invocation.caller = await authorize(event, d, scope, invocation.logger ?? d.logger);
  },
});
