import { type Container, getContainer } from '../lib/container.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { prefers, publicPath } from '../lib/http/headers.js';
import { idempotent } from '../lib/http/idempotent-route.js';
import { ok } from '../lib/http/response.js';

// Time kept back from the function's timeout to record the outcome once the providers are done:
// the log client's 3 attempts of 2 s, and a margin.
export const STATUS_WRITE_RESERVE_MS = 7_000;

/**
 * POST /sendMessage: synchronous (200 with the outcome) unless the deployment is asynchronous or the
 * caller sends `Prefer: respond-async`, and there is a queue: then 202 with the queued record and its
 * `Location`. An `Idempotency-Key` makes either safe to retry.
 */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: true }, async (event, container, context) =>
    idempotent(event, container, async () => {
      const preferred = prefers(event, 'respond-async');
      const queued =
        container.queue !== undefined && (container.config.delivery.mode === 'async' || preferred);
      const record = await container.sendMessage(event.body, {
        async: queued,
        deadline: context.getRemainingTimeInMillis
          ? Date.now() + context.getRemainingTimeInMillis() - STATUS_WRITE_RESERVE_MS
          : undefined,
      });
      if (record.status !== 'queued') return ok(record);
      return {
        statusCode: 202,
        headers: {
          location: publicPath(event, `/messages/${encodeURIComponent(record.id)}`),
          ...(preferred ? { 'preference-applied': 'respond-async' } : {}),
        },
        body: record,
      };
    }),
  );

export const handler = createHandler(getContainer);
