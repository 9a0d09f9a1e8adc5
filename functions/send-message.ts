import { type Container, getContainer } from '../lib/container.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** POST /sendMessage */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: true }, async (event, { sendMessage }) => ok(await sendMessage(event.body)));

export const handler = createHandler(getContainer);
