import type { Clock, IdGenerator } from '../domain/clock.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { LIST_LIMIT } from '../domain/message.schema.js';
import { toDetails } from '../domain/validation.js';
import {
  type DeliveryPage,
  deliveryView,
  ENDPOINTS_PER_TENANT,
  EndpointPatchBody,
  type EndpointView,
  NEW_ENDPOINT_FIELDS,
  SECRET_OVERLAP_MS,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../domain/webhook.js';
import type { WebhookStore } from '../ports/webhook-store.js';
import { newSecret } from '../webhooks/signature.js';
import { checkUrl, RefusedUrlError, type Resolver, type UrlPolicy } from '../webhooks/url-policy.js';
import type { core } from '../zod.js';
import type { WebhookSender } from './deliver-webhooks.js';

export interface ManageWebhooksDeps {
  store: WebhookStore;
  clock: Clock;
  newId: IdGenerator;
  resolve: Resolver;
  policy: UrlPolicy;
  sender: Pick<WebhookSender, 'attempt'>;
}

const view = ({
  secret: _s,
  previousSecret: _p,
  previousSecretExpiresAt: _e,
  ...rest
}: WebhookEndpoint): EndpointView => rest;

function valid<T>(parsed: core.util.SafeParseResult<T>): T {
  if (parsed.success) return parsed.data;
  throw new ValidationError(toDetails(parsed.error.issues), 'The webhook endpoint is invalid');
}

/** `/webhook-endpoints`: a `webhooks:manage` key manages its own tenant's endpoints. */
export function makeManageWebhooks(deps: ManageWebhooksDeps) {
  const { store, clock, newId, resolve, policy, sender } = deps;

  /** The URL, checked as a delivery would check it (SSRF); a 400 naming `url` and why not. */
  async function checkedUrl(url: string): Promise<string> {
    try {
      return (await checkUrl(url, policy, resolve)).url.toString();
    } catch (error) {
      if (!(error instanceof RefusedUrlError)) throw error;
      throw new ValidationError([{ field: 'url', message: error.reason }], 'The webhook endpoint is invalid');
    }
  }

  async function existing(tenant: string, id: string | undefined): Promise<WebhookEndpoint> {
    const endpoint = id ? await store.getEndpoint(tenant, id) : undefined;
    if (!endpoint) throw new NotFoundError(`No webhook endpoint with id ${JSON.stringify(id ?? '')}`);
    return endpoint;
  }

  return {
    /** Creates an endpoint; the answer's `secret` is the only time it is shown. */
    async create(body: unknown, tenant: string) {
      const request = valid(NEW_ENDPOINT_FIELDS.safeParse(body ?? {}));
      const url = await checkedUrl(request.url);
      if ((await store.listEndpoints(tenant)).length >= ENDPOINTS_PER_TENANT)
        throw new ValidationError(
          [{ field: 'url', message: `a tenant has at most ${ENDPOINTS_PER_TENANT} endpoints` }],
          'The webhook endpoint is invalid',
        );
      const now = clock();
      const endpoint: WebhookEndpoint = {
        id: `we_${newId(now.getTime())}`,
        tenant,
        url,
        events: [...new Set(request.events)],
        description: request.description ?? null,
        enabled: true,
        disabledReason: null,
        failingSince: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        secret: newSecret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
      };
      await store.createEndpoint(endpoint);
      return { endpoint: view(endpoint), secret: endpoint.secret };
    },
    list: async (tenant: string) => ({ items: (await store.listEndpoints(tenant)).map(view) }),
    get: async (tenant: string, id: string | undefined) => view(await existing(tenant, id)),
    /** Changes url, events, description or enabled; enabling again forgets past failures. */
    async update(tenant: string, id: string | undefined, body: unknown): Promise<EndpointView> {
      const patch = valid(EndpointPatchBody.safeParse(body ?? {}));
      const endpoint = await existing(tenant, id);
      const url = patch.url === undefined ? endpoint.url : await checkedUrl(patch.url);
      const reenabled = patch.enabled === true && !endpoint.enabled;
      const next: WebhookEndpoint = {
        ...endpoint,
        url,
        ...(patch.events ? { events: [...new Set(patch.events)] } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(reenabled || patch.enabled === false ? { disabledReason: null } : {}),
        ...(reenabled ? { failingSince: null } : {}),
        updatedAt: clock().toISOString(),
      };
      if (!(await store.saveEndpoint(next)))
        throw new NotFoundError(`No webhook endpoint with id ${JSON.stringify(id)}`);
      return view(next);
    },
    /** Deletes the endpoint and its deliveries; answers it as it was. */
    async remove(tenant: string, id: string | undefined): Promise<EndpointView> {
      const endpoint = await existing(tenant, id);
      if (!(await store.deleteEndpoint(tenant, endpoint.id)))
        throw new NotFoundError(`No webhook endpoint with id ${JSON.stringify(id ?? '')}`);
      return view(endpoint);
    },
    /** A new secret, shown this once; the old one keeps signing (beside it) for 24 hours. */
    async rotateSecret(tenant: string, id: string | undefined) {
      const endpoint = await existing(tenant, id);
      const now = clock();
      const previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString();
      const next = {
        ...endpoint,
        secret: newSecret(),
        previousSecret: endpoint.secret,
        previousSecretExpiresAt,
        updatedAt: now.toISOString(),
      };
      await store.saveEndpoint(next);
      return { secret: next.secret, previousSecretExpiresAt };
    },
    /** An endpoint's deliveries, newest first, `limit` (1..100, 25) and `cursor` as `GET /messages`'. */
    async listDeliveries(
      tenant: string,
      id: string | undefined,
      query: Record<string, string | undefined> | null,
    ): Promise<DeliveryPage> {
      const endpoint = await existing(tenant, id);
      const { limit: rawLimit, cursor, ...unknown } = query ?? {};
      const details = Object.keys(unknown).map((field) => ({ field, message: 'is not a known field' }));
      const limit = rawLimit === undefined ? LIST_LIMIT.default : Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT.max || !/^\d+$/.test(rawLimit ?? '1'))
        details.push({ field: 'limit', message: `must be a whole number from 1 to ${LIST_LIMIT.max}` });
      if (details.length > 0) throw new ValidationError(details, 'Query string is invalid');
      return store.listDeliveries(tenant, endpoint.id, { limit, cursor });
    },
    /** Sends one delivery again now, whatever its state; answers it as that attempt left it. */
    async retryDelivery(
      tenant: string,
      id: string | undefined,
      deliveryId: string | undefined,
    ): Promise<WebhookDelivery> {
      const endpoint = await existing(tenant, id);
      const delivery = deliveryId ? await store.getDelivery(tenant, endpoint.id, deliveryId) : undefined;
      if (!delivery) throw new NotFoundError(`No delivery with id ${JSON.stringify(deliveryId ?? '')}`);
      return deliveryView(await sender.attempt(delivery, { manual: true }));
    },
  };
}
export type ManageWebhooks = ReturnType<typeof makeManageWebhooks>;
