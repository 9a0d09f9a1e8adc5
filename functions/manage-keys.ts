import { type Container, getContainer } from '../lib/container.js';
import { NotFoundError } from '../lib/domain/errors.js';
import { type ApiHandler, apiHandler } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

type Deps = () => Container | Promise<Container>;

/**
 * POST /keys, GET /keys, DELETE /keys/{id}: a `keys:manage` key manages its own tenant's keys (the
 * `npm run keys` command manages every tenant's). A new key is answered once, with the key itself.
 * One function; POST alone has a JSON body, so it goes through the body middlewares.
 */
export const createHandler = (deps: Deps): ApiHandler => {
  const create = apiHandler(
    deps,
    { jsonBody: true, scope: 'keys:manage' },
    async (event, container, { caller }) => ({
      statusCode: 201,
      body: await container.manageKeys.createFromBody(event.body, caller),
    }),
  );
  const other = apiHandler(
    deps,
    { jsonBody: false, scope: 'keys:manage' },
    async (event, container, { caller }) => {
      if (event.httpMethod === 'DELETE') {
        const id = event.pathParameters?.id ?? '';
        const revoked = await container.manageKeys.revoke(id, caller.tenant);
        if (!revoked) throw new NotFoundError(`No key with id ${JSON.stringify(id)}`);
        return ok(revoked);
      }
      return ok({ items: await container.manageKeys.list(caller.tenant) });
    },
  );
  return (event, context) => (event.httpMethod === 'POST' ? create : other)(event, context);
};

export const handler = createHandler(getContainer);
