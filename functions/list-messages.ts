import { type Container, getContainer } from '../lib/container.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /messages */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: false }, async (event, { listMessages }) =>
    ok(await listMessages(event.queryStringParameters)),
  );

export const handler = createHandler(getContainer);
