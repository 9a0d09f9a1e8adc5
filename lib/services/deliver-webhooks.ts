import type { Clock, IdGenerator } from '../domain/clock.js';
import type { MessageRecord } from '../domain/message.schema.js';
import {
  ATTEMPT_TIMEOUT_MS,
  DISABLE_AFTER_MS,
  EVENT_OF_STATUS,
  RETRY_DELAYS_MS,
  type StoredDelivery,
  subscribes,
  type WebhookEndpoint,
  type WebhookEvent,
} from '../domain/webhook.js';
import type { Logger } from '../logger.js';
import { type Metrics, NO_METRICS, type WebhookFailureClass } from '../ports/metrics.js';
import type { OutboxEntry, WebhookOutbox, WebhookSchedule, WebhookStore } from '../ports/webhook-store.js';
import type { WebhookTransport } from '../ports/webhook-transport.js';
import type { EndpointReader } from '../webhooks/endpoint-cache.js';
import { signedHeaders } from '../webhooks/signature.js';
import { checkUrl, RefusedUrlError, type Resolver, type UrlPolicy } from '../webhooks/url-policy.js';

export interface WebhookSenderDeps {
  store: WebhookStore;
  /** Where the endpoints are read before an attempt or a fan-out: the store, or a cache of it (AWS). */
  endpoints?: EndpointReader;
  transport: WebhookTransport;
  resolve: Resolver;
  policy: UrlPolicy;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** Where each attempt's outcome is counted (docs/observability.md); the caller flushes. */
  metrics?: Metrics;
  /** [0, 1): the retries' jitter; injected so that tests can fix it. */
  random?: () => number;
}

/** A status change that may produce events: the record as the change left it, and its event's place. */
export type StatusChangeEvent = Pick<OutboxEntry, 'eventSeq' | 'record'>;

/** The class of a receiver's answer that is not a 2xx: its status class (a 1xx counts as a 3xx). */
const answerFailureOf = (status: number): WebhookFailureClass =>
  status >= 500 ? '5xx' : status >= 400 ? '4xx' : '3xx';

/** The event id of a change: the same for every endpoint and attempt, so a receiver can dedupe. */
export const eventIdOf = (record: Pick<MessageRecord, 'id'>, eventSeq: number) =>
  `evt_${record.id}_${eventSeq}`;

/**
 * Delivers status webhooks:
 * - `fanOut`: a status change becomes a delivery for each enabled endpoint of its tenant subscribed
 *   to its event, its body made once (every attempt sends the same bytes);
 * - `attempt`: checks the endpoint's URL again (SSRF: its name may resolve elsewhere now), signs with
 *   every valid secret, POSTs with a 10 s timeout, and records the attempt: 2xx ends it; a network
 *   error, a timeout, 429 or 5xx is retried on RETRY_DELAYS_MS; any other answer ends it as failed.
 *   An endpoint whose deliveries all failed for 3 days is disabled.
 * Each attempt made is counted (delivered, or failed by class, with its latency once sent), and so
 * are a delivery that ends failed and an endpoint disabled.
 */
export function makeWebhookSender(deps: WebhookSenderDeps) {
  const { store, transport, resolve, policy, clock, newId, logger, random = Math.random } = deps;
  const metrics = deps.metrics ?? NO_METRICS;
  const endpoints = deps.endpoints ?? store;

  async function fanOut(changes: readonly StatusChangeEvent[]): Promise<StoredDelivery[]> {
    const endpointsOf = new Map<string, Promise<WebhookEndpoint[]>>();
    const listOf = (tenant: string) => {
      let list = endpointsOf.get(tenant);
      if (!list) {
        list = endpoints.listEndpoints(tenant);
        endpointsOf.set(tenant, list);
      }
      return list;
    };
    const deliveries: StoredDelivery[] = [];
    for (const { record, eventSeq } of changes) {
      const type = EVENT_OF_STATUS[record.status];
      if (!type) continue;
      const event: WebhookEvent = {
        id: eventIdOf(record, eventSeq),
        type,
        createdAt: record.updatedAt,
        data: record,
      };
      const payload = JSON.stringify(event);
      const now = clock();
      for (const endpoint of (await listOf(record.tenant)).filter((e) => subscribes(e, type))) {
        deliveries.push({
          id: newId(now.getTime()),
          endpointId: endpoint.id,
          tenant: record.tenant,
          eventId: event.id,
          eventType: type,
          messageId: record.id,
          eventSeq,
          state: 'pending',
          attempts: 0,
          lastStatusCode: null,
          lastError: null,
          lastLatencyMs: null,
          nextAttemptAt: now.toISOString(),
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          payload,
        });
      }
    }
    return deliveries;
  }

  /** The secrets that sign now: the current one, and the one rotated out less than 24 hours ago. */
  const signingSecrets = (endpoint: WebhookEndpoint, now: Date) => [
    endpoint.secret,
    ...(endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    Date.parse(endpoint.previousSecretExpiresAt) > now.getTime()
      ? [endpoint.previousSecret]
      : []),
  ];

  const delayAfter = (attempts: number): number | undefined => {
    const base = RETRY_DELAYS_MS[attempts - 1];
    return base === undefined ? undefined : Math.round(base * (0.8 + 0.4 * random()));
  };

  /** One attempt of one delivery; `manual`: a caller's re-send, which schedules no retry of its own. */
  async function attempt(
    delivery: StoredDelivery,
    options: { manual?: boolean } = {},
  ): Promise<StoredDelivery> {
    const started = clock();
    const endpoint = await endpoints.getEndpoint(delivery.tenant, delivery.endpointId);
    const attempts = delivery.attempts + 1;
    /** `failure`: why an attempt made failed; none where no attempt could be made (no endpoint). */
    const finish = async (
      outcome: 'succeeded' | 'retry' | 'failed',
      result: { status: number | null; error: string | null; latencyMs: number | null },
      failure?: WebhookFailureClass,
    ) => {
      const retryIn = outcome === 'retry' && !options.manual ? delayAfter(attempts) : undefined;
      const now = clock();
      const next: StoredDelivery = {
        ...delivery,
        state: outcome === 'succeeded' ? 'succeeded' : retryIn === undefined ? 'failed' : 'pending',
        attempts,
        lastStatusCode: result.status,
        lastError: result.error,
        lastLatencyMs: result.latencyMs,
        nextAttemptAt: retryIn === undefined ? null : new Date(now.getTime() + retryIn).toISOString(),
        updatedAt: now.toISOString(),
      };
      await store.saveDelivery(next);
      countAttempt(delivery, next, result.latencyMs, failure);
      if (endpoint) await trackHealth(endpoint, outcome === 'succeeded', now);
      logger.info('webhook attempt', {
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        eventId: delivery.eventId,
        attempt: attempts,
        state: next.state,
        status: result.status,
        error: result.error,
      });
      return next;
    };
    if (!endpoint) return finish('failed', { status: null, error: 'ENDPOINT_DELETED', latencyMs: null });
    if (!endpoint.enabled)
      return finish('failed', { status: null, error: 'ENDPOINT_DISABLED', latencyMs: null });
    let checked: Awaited<ReturnType<typeof checkUrl>>;
    try {
      checked = await checkUrl(endpoint.url, policy, resolve);
    } catch (error) {
      if (!(error instanceof RefusedUrlError)) throw error;
      // A name that resolves to a private address now may resolve elsewhere later: retried as a
      // network error would be, and never sent meanwhile.
      return finish(
        'retry',
        { status: null, error: `URL_REFUSED: ${error.reason}`, latencyMs: null },
        'refused',
      );
    }
    const timestamp = Math.floor(started.getTime() / 1000);
    const headers = signedHeaders(
      signingSecrets(endpoint, started),
      delivery.eventId,
      timestamp,
      delivery.payload,
    );
    try {
      const { status } = await transport.post({
        url: checked.url,
        address: checked.address,
        headers,
        body: delivery.payload,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
      });
      const latencyMs = clock().getTime() - started.getTime();
      const succeeded = status >= 200 && status < 300;
      const outcome = succeeded ? 'succeeded' : status === 429 || status >= 500 ? 'retry' : 'failed';
      return finish(
        outcome,
        { status, error: null, latencyMs },
        succeeded ? undefined : answerFailureOf(status),
      );
    } catch (error) {
      const latencyMs = clock().getTime() - started.getTime();
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return finish(
        'retry',
        {
          status: null,
          error: timedOut
            ? 'TIMEOUT'
            : `NETWORK_ERROR: ${error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : 'unknown'}`,
          latencyMs,
        },
        timedOut ? 'timeout' : 'network',
      );
    }
  }

  /**
   * An attempt's metrics. Gave up: a pending delivery that this attempt ended failed (its last
   * scheduled attempt, an answer that is not retried, or a manual re-send of a pending one); a
   * manual re-send of a delivery that had already ended is not counted again. A delivery ended
   * because its endpoint was deleted or disabled made no attempt: the tenant's doing, not counted.
   */
  function countAttempt(
    before: StoredDelivery,
    after: StoredDelivery,
    latencyMs: number | null,
    failure: WebhookFailureClass | undefined,
  ): void {
    if (latencyMs !== null) metrics.add('WebhookLatency', {}, latencyMs);
    if (after.state === 'succeeded') {
      metrics.add('WebhookDelivered', {});
      return;
    }
    if (!failure) return;
    metrics.add('WebhookAttemptFailed', { failureClass: failure });
    if (before.state === 'pending' && after.state === 'failed') metrics.add('WebhookGaveUp', {});
  }

  /** Success clears `failingSince`; a failure sets it, and 3 days of failures disable the endpoint. */
  async function trackHealth(endpoint: WebhookEndpoint, succeeded: boolean, now: Date): Promise<void> {
    // Most attempts change nothing: the endpoint as read (perhaps cached) says so without a read.
    if (succeeded ? endpoint.failingSince === null : !mayChange(endpoint, now)) return;
    const current = (await store.getEndpoint(endpoint.tenant, endpoint.id)) ?? endpoint;
    if (succeeded) {
      if (current.failingSince !== null)
        await store.saveEndpoint({ ...current, failingSince: null, updatedAt: now.toISOString() });
      return;
    }
    const failingSince = current.failingSince ?? now.toISOString();
    const disable = current.enabled && now.getTime() - Date.parse(failingSince) >= DISABLE_AFTER_MS;
    if (!disable && current.failingSince !== null) return;
    await store.saveEndpoint({
      ...current,
      failingSince,
      ...(disable ? { enabled: false, disabledReason: 'FAILING' } : {}),
      updatedAt: now.toISOString(),
    });
    if (!disable) return;
    metrics.add('WebhookEndpointDisabled', {});
    logger.warn('webhook endpoint disabled: its deliveries failed for 3 days', {
      endpointId: current.id,
      tenant: current.tenant,
      failingSince,
    });
  }

  /** Whether a failure now changes the endpoint: its first, or one 3 days after the first. */
  const mayChange = (endpoint: WebhookEndpoint, now: Date) =>
    endpoint.failingSince === null ||
    (endpoint.enabled && now.getTime() - Date.parse(endpoint.failingSince) >= DISABLE_AFTER_MS);

  /** Attempts the deliveries due now (offline); answers how many it attempted. */
  async function runDue(schedule: WebhookSchedule, limit = 50): Promise<number> {
    const due = await schedule.dueDeliveries(clock().toISOString(), limit);
    await Promise.all(due.map((delivery) => attempt(delivery)));
    return due.length;
  }

  /** Turns outbox entries into deliveries, atomically with their removal (offline). */
  async function drainOutbox(outbox: WebhookOutbox, limit = 100): Promise<number> {
    const entries = await outbox.pending(limit);
    if (entries.length === 0) return 0;
    await outbox.settle(entries, await fanOut(entries));
    return entries.length;
  }

  return { fanOut, attempt, runDue, drainOutbox };
}
export type WebhookSender = ReturnType<typeof makeWebhookSender>;
