import { lambdaDeps } from '../lib/composition/lambda.js';
import { type WebhooksDeps, webhooksDeps } from '../lib/composition/webhooks.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/**
 * /webhook-endpoints: a `webhooks:manage` key manages its own tenant's status webhook endpoints,
 * rotates their secrets, reads and re-sends their deliveries (docs/webhooks.md).
 */
export const createHandler = (deps: Deps<WebhooksDeps>) =>
  apiFunction('manageWebhooks', deps, {
    'POST /webhook-endpoints': async (event, { manageWebhooks }, { caller }) => ({
      statusCode: 201,
      body: await manageWebhooks.create(event.body, caller.tenant),
    }),
    'GET /webhook-endpoints': async (_, { manageWebhooks }, { caller }) =>
      ok(await manageWebhooks.list(caller.tenant)),
    'GET /webhook-endpoints/{id}': async (event, { manageWebhooks }, { caller }) =>
      ok(await manageWebhooks.get(caller.tenant, event.pathParameters?.id)),
    'PATCH /webhook-endpoints/{id}': async (event, { manageWebhooks }, { caller }) =>
      ok(await manageWebhooks.update(caller.tenant, event.pathParameters?.id, event.body)),
    'DELETE /webhook-endpoints/{id}': async (event, { manageWebhooks }, { caller }) =>
      ok(await manageWebhooks.remove(caller.tenant, event.pathParameters?.id)),
    'POST /webhook-endpoints/{id}/rotate-secret': async (event, { manageWebhooks }, { caller }) =>
      ok(await manageWebhooks.rotateSecret(caller.tenant, event.pathParameters?.id)),
    'GET /webhook-endpoints/{id}/deliveries': async (event, { manageWebhooks }, { caller }) =>
      ok(
        await manageWebhooks.listDeliveries(
          caller.tenant,
          event.pathParameters?.id,
          event.queryStringParameters ?? null,
        ),
      ),
    'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry': async (
      event,
      { manageWebhooks },
      { caller },
    ) =>
      ok(
        await manageWebhooks.retryDelivery(
          caller.tenant,
          event.pathParameters?.id,
          event.pathParameters?.deliveryId,
        ),
      ),
  });

export const handler = createHandler(lambdaDeps(webhooksDeps));
