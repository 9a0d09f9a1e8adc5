import { type Container, getContainer } from '../lib/container.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

// Time kept back from the function's timeout to record the outcome once the providers are done:
// the log client's 3 attempts of 2 s, and a margin.
export const STATUS_WRITE_RESERVE_MS = 7_000;

/** POST /sendMessage */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: true }, async (event, { sendMessage }, context) =>
    ok(
      await sendMessage(event.body, {
        deadline: context.getRemainingTimeInMillis
          ? Date.now() + context.getRemainingTimeInMillis() - STATUS_WRITE_RESERVE_MS
          : undefined,
      }),
    ),
  );

export const handler = createHandler(getContainer);
