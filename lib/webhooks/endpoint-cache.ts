import type { Clock } from '../domain/clock.js';
import type { WebhookEndpoint } from '../domain/webhook.js';
import type { WebhookStore } from '../ports/webhook-store.js';

/** What a sender reads of the endpoints: the store itself, or a cache of it. */
export type EndpointReader = Pick<WebhookStore, 'getEndpoint' | 'listEndpoints'>;

/**
 * The endpoints as a Lambda container reads them for `ttlMs`: every delivery and every fan-out
 * reads its tenant's endpoints, which share one partition (docs/dynamodb.md, *Webhooks*), so each
 * container reads one at most once per `ttlMs`. A change to an endpoint (a new one, a URL, a
 * rotation, disabling it) reaches the senders within `ttlMs`. Writes go to the store, not here.
 */
export function cachedEndpoints(store: EndpointReader, ttlMs: number, clock: Clock): EndpointReader {
  const endpoints = new Map<string, { until: number; value: Promise<WebhookEndpoint | undefined> }>();
  const lists = new Map<string, { until: number; value: Promise<WebhookEndpoint[]> }>();
  function cached<T>(
    map: Map<string, { until: number; value: Promise<T> }>,
    key: string,
    read: () => Promise<T>,
  ) {
    const now = clock().getTime();
    const hit = map.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = read();
    map.set(key, { until: now + ttlMs, value });
    // A failed read is not kept.
    value.catch(() => map.delete(key));
    return value;
  }
  return {
    getEndpoint: (tenant, id) => cached(endpoints, `${tenant}#${id}`, () => store.getEndpoint(tenant, id)),
    listEndpoints: (tenant) => cached(lists, tenant, () => store.listEndpoints(tenant)),
  };
}
