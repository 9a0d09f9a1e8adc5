import { type Container, getContainer } from '../lib/container.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /messages/{id}/events */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: false, scope: 'messages:read' }, async (event, { listEvents }, { caller }) =>
    ok(await listEvents(event.pathParameters?.id, caller.tenant)),
  );

export const handler = createHandler(getContainer);
