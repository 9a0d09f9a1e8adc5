import { lambdaDeps } from '../lib/composition/lambda.js';
import { type KeysDeps, keysDeps } from '../lib/composition/manage-keys.js';
import { NotFoundError } from '../lib/domain/errors.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/**
 * POST /keys, GET /keys, DELETE /keys/{id}: a `keys:manage` key manages its own tenant's keys (the
 * `npm run keys` command manages every tenant's). A new key is answered once, with the key itself.
 * GET /me: any key learns its own name, tenant and scopes.
 */
export const createHandler = (deps: Deps<KeysDeps>) =>
  apiFunction('manageKeys', deps, {
    'POST /keys': async (event, { manageKeys }, { caller }) => ({
      statusCode: 201,
      body: await manageKeys.createFromBody(event.body, caller),
    }),
    'GET /keys': async (_, { manageKeys }, { caller }) => ok({ items: await manageKeys.list(caller.tenant) }),
    'DELETE /keys/{id}': async (event, { manageKeys }, { caller }) => {
      const id = event.pathParameters?.id ?? '';
      const revoked = await manageKeys.revoke(id, caller.tenant);
      if (!revoked) throw new NotFoundError(`No key with id ${JSON.stringify(id)}`);
      return ok(revoked);
    },
    'GET /me': async (_, { manageKeys, auth }, { caller }) => ok(await manageKeys.describe(caller, auth)),
  });

export const handler = createHandler(lambdaDeps(keysDeps));
