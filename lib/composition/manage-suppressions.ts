import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import { type ManageSuppressions, makeManageSuppressions } from '../services/manage-suppressions.js';
import { clock, routeBasics } from './basics.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { suppressionList } from './suppressions.js';

export interface SuppressionsDeps extends RouteDeps, AuthorizationDeps {
  manageSuppressions: ManageSuppressions;
}

/** /suppressions: the suppression list (SUPPRESSIONS_TABLE_NAME on DynamoDB), the key checks. */
export function suppressionsDeps(parts: Parts, options = { required: true }): SuppressionsDeps {
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    manageSuppressions: parts.once('manageSuppressions', () =>
      makeManageSuppressions({ list: suppressionList(parts, options), clock: clock(parts) }),
    ),
  };
}
