import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import { type ManageKeys, makeManageKeys } from '../services/manage-keys.js';
import { clock, logger, metrics } from './basics.js';
import { keyStore } from './keys.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';

export interface KeysDeps extends RouteDeps, AuthorizationDeps {
  manageKeys: ManageKeys;
}

/**
 * /keys: the keys table, managed; the key checks. `required`: the table must be named (a Lambda's);
 * the local host on DynamoDB with authentication off has none, and its keys routes answer so.
 */
export function keysDeps(parts: Parts, options = { required: true }): KeysDeps {
  return {
    logger: logger(parts),
    metrics: metrics(parts),
    ...authorizationDeps(parts),
    manageKeys: parts.once('manageKeys', () =>
      makeManageKeys({ keys: keyStore(parts, options), clock: clock(parts) }),
    ),
  };
}
