import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import { type ManageKeys, makeManageKeys } from '../services/manage-keys.js';
import { clock, routeBasics } from './basics.js';
import { keyStore } from './keys.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { tenantThroughput } from './tenant-throughput.js';

export interface KeysDeps extends RouteDeps, AuthorizationDeps {
  manageKeys: ManageKeys;
}

/**
 * /keys: the keys table, managed; the key checks. A new key's rate is told to the message table
 * (TABLE_NAME), which lays a fast tenant's list out over more partitions. `required`: the keys table
 * must be named (a Lambda's); the local host on DynamoDB with authentication off has none, and its
 * keys routes answer so.
 */
export function keysDeps(parts: Parts, options = { required: true }): KeysDeps {
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    manageKeys: parts.once('manageKeys', () =>
      makeManageKeys({
        keys: keyStore(parts, options),
        throughput: tenantThroughput(parts),
        clock: clock(parts),
      }),
    ),
  };
}
