import { type Container, getContainer } from '../lib/container.js';
import { deadlineOf } from '../lib/deadline.js';
import { apiHandler } from '../lib/http/api-handler.js';
import { prefers, publicPath } from '../lib/http/headers.js';
import { idempotent } from '../lib/http/idempotent-route.js';
import { ok } from '../lib/http/response.js';

export { STATUS_WRITE_RESERVE_MS } from '../lib/deadline.js';

/**
 * POST /sendMessage: synchronous (200 with the outcome) unless the deployment is asynchronous or the
 * caller sends `Prefer: respond-async`, and there is a queue: then 202 with the queued record and its
 * `Location`. An `Idempotency-Key` makes either safe to retry; keys are the caller's tenant's.
 */
export const createHandler = (deps: () => Container | Promise<Container>) =>
  apiHandler(deps, { jsonBody: true, scope: 'messages:send' }, async (event, container, invocation) =>
    idempotent(
      event,
      { idempotency: container.idempotency, ...invocation },
      async () => {
        const preferred = prefers(event, 'respond-async');
        const queued =
          container.queue !== undefined && (container.config.delivery.mode === 'async' || preferred);
        const record = await container.sendMessage(event.body, {
          async: queued,
          tenant: invocation.caller.tenant,
          deadline: deadlineOf(invocation.context),
          logger: invocation.logger,
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
      },
      { scope: invocation.caller.tenant },
    ),
  );

export const handler = createHandler(getContainer);
