import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler as deliveryHandler } from '../../../functions/deliver-webhooks.js';
import { NodeWebhookTransport } from '../../../lib/adapters/http/node.webhook-transport.js';
import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteWebhookStore } from '../../../lib/adapters/sqlite/sqlite.webhook-store.js';
import type { QueuedWebhooksDeps } from '../../../lib/composition/queued-webhooks.js';
import {
  DISABLE_AFTER_MS,
  RETRY_DELAYS_MS,
  type StoredDelivery,
  type WebhookEndpoint,
} from '../../../lib/domain/webhook.js';
import { startWebhookPump } from '../../../lib/host/webhook-pump.js';
import { createIdGenerator } from '../../../lib/ids.js';
import { createLogger } from '../../../lib/logger.js';
import type { Metrics } from '../../../lib/ports/metrics.js';
import type { WebhookTransport } from '../../../lib/ports/webhook-transport.js';
import { makeWebhookSender, type WebhookSender } from '../../../lib/services/deliver-webhooks.js';
import type { Resolver, UrlPolicy } from '../../../lib/webhooks/url-policy.js';
import { delivery as deliveryOf, endpoint as endpointOf } from '../../contract/webhook-store.contract.js';
import { sqsRecord } from '../../support/lambda-events.js';
import { recordingMetrics } from '../../support/recording-metrics.js';
import { webhookReceiver } from '../../support/webhook-receiver.js';

const silent = createLogger({ level: 'silent' });
const loopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = Date.parse('2026-03-01T09:00:00.000Z');
/** What the fake clock moves during each request: the latency the sender measures. */
const LATENCY_MS = 120;

/**
 * The sender over an in-memory SQLite store, Node's transport (its request takes LATENCY_MS on the
 * fake clock) and recorded metrics.
 */
function openSender(options: { transport?: WebhookTransport; policy?: UrlPolicy } = {}) {
  const db = openDatabase(':memory:');
  cleanups.push(() => db.close());
  const store = new SqliteWebhookStore(db);
  let now = NOW;
  const clock = () => new Date(now);
  const node = options.transport ?? new NodeWebhookTransport();
  const transport: WebhookTransport = {
    post: async (request) => {
      try {
        return await node.post(request);
      } finally {
        now += LATENCY_MS;
      }
    },
  };
  const recorded = recordingMetrics();
  const sender = makeWebhookSender({
    store,
    transport,
    resolve: loopback,
    policy: options.policy ?? 'loopback',
    clock,
    newId: createIdGenerator(),
    logger: silent,
    metrics: recorded.metrics,
    random: () => 0.5,
  });
  let n = 0;
  /** A pending delivery to `endpoint`, stored; each its own message. */
  const pending = async (endpoint: WebhookEndpoint, overrides: Partial<StoredDelivery> = {}) => {
    n += 1;
    const delivery = deliveryOf({
      id: `01JDELIVERY00000000000000${String(n).padStart(2, '0')}`,
      endpointId: endpoint.id,
      tenant: endpoint.tenant,
      messageId: `01JMESSAGE000000000000000${String(n).padStart(2, '0')}`,
      ...overrides,
    });
    await store.addDeliveries([delivery]);
    return delivery;
  };
  return { store, sender, recorded, pending };
}

async function receiverAt(answer: (n: number) => number, hold?: (n: number) => boolean) {
  const receiver = await webhookReceiver({ answer, ...(hold ? { hold } : {}) });
  cleanups.push(() => receiver.close());
  return receiver;
}

/** A loopback port nothing listens on: a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('webhook metrics, counted by the sender where each attempt ends', () => {
  it('a 2xx: one delivery and its latency, with no dimension but the service', async () => {
    const receiver = await receiverAt(() => 204);
    const { store, sender, recorded, pending } = openSender();
    const endpoint = endpointOf({ url: receiver.url });
    await store.createEndpoint(endpoint);
    const next = await sender.attempt(await pending(endpoint));
    expect(next.state).toBe('succeeded');
    expect(recorded.all()).toEqual([
      { name: 'WebhookLatency', dimensions: {}, value: LATENCY_MS },
      { name: 'WebhookDelivered', dimensions: {}, value: 1 },
    ]);
  });

  it('an answer that is not a 2xx fails by its status class; one that ends the delivery gives up', async () => {
    const answers = [503, 429, 410, 302];
    const receiver = await receiverAt((n) => answers[n] ?? 200);
    const { store, sender, recorded, pending } = openSender();
    const endpoint = endpointOf({ url: receiver.url });
    await store.createEndpoint(endpoint);
    const states = [];
    for (const _ of answers) states.push((await sender.attempt(await pending(endpoint))).state);
    // 503 and 429 are retried; 410 and a redirect (never followed) end the delivery.
    expect(states).toEqual(['pending', 'pending', 'failed', 'failed']);
    expect(recorded.all().filter((m) => m.name !== 'WebhookLatency')).toEqual([
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: '5xx' }, value: 1 },
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: '4xx' }, value: 1 },
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: '4xx' }, value: 1 },
      { name: 'WebhookGaveUp', dimensions: {}, value: 1 },
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: '3xx' }, value: 1 },
      { name: 'WebhookGaveUp', dimensions: {}, value: 1 },
    ]);
    // Every answer was timed.
    expect(recorded.named('WebhookLatency').map((m) => m.value)).toEqual(answers.map(() => LATENCY_MS));
  });

  it('the last scheduled attempt failing gives up; one before it does not', async () => {
    const receiver = await receiverAt(() => 500);
    const { store, sender, recorded, pending } = openSender();
    const endpoint = endpointOf({ url: receiver.url });
    await store.createEndpoint(endpoint);
    const beforeLast = await sender.attempt(
      await pending(endpoint, { attempts: RETRY_DELAYS_MS.length - 1 }),
    );
    expect(beforeLast.state).toBe('pending');
    expect(recorded.named('WebhookGaveUp')).toEqual([]);
    const last = await sender.attempt(await pending(endpoint, { attempts: RETRY_DELAYS_MS.length }));
    expect(last.state).toBe('failed');
    expect(recorded.named('WebhookGaveUp')).toHaveLength(1);
    expect(recorded.named('WebhookAttemptFailed').map((m) => m.dimensions)).toEqual([
      { failureClass: '5xx' },
      { failureClass: '5xx' },
    ]);
  });

  it('no connection is `network`, no answer in time `timeout`, both timed', async () => {
    const port = await closedPort();
    const held = await receiverAt(
      () => 200,
      () => true,
    );
    // Node's transport with a short timeout: the held request times out as a 10 s one would.
    const node = new NodeWebhookTransport();
    const { store, sender, recorded, pending } = openSender({
      transport: { post: (request) => node.post({ ...request, timeoutMs: 50 }) },
    });
    const closed = endpointOf({ id: 'we_closed', url: `http://127.0.0.1:${port}/hooks` });
    const slow = endpointOf({ id: 'we_slow', url: held.url });
    for (const e of [closed, slow]) await store.createEndpoint(e);
    expect((await sender.attempt(await pending(closed))).lastError).toMatch(/^NETWORK_ERROR/);
    expect((await sender.attempt(await pending(slow))).lastError).toBe('TIMEOUT');
    expect(recorded.all()).toEqual([
      { name: 'WebhookLatency', dimensions: {}, value: LATENCY_MS },
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: 'network' }, value: 1 },
      { name: 'WebhookLatency', dimensions: {}, value: LATENCY_MS },
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: 'timeout' }, value: 1 },
    ]);
  });

  it('a URL the SSRF check refuses at delivery is `refused`, never sent, so never timed', async () => {
    const neverSend: WebhookTransport = {
      post: async () => {
        throw new Error('the delivery must not be sent');
      },
    };
    const { store, sender, recorded, pending } = openSender({ transport: neverSend, policy: 'public' });
    const endpoint = endpointOf({ url: 'https://hooks.example.com/messaging' });
    await store.createEndpoint(endpoint);
    const next = await sender.attempt(await pending(endpoint));
    expect(next.lastError).toMatch(/^URL_REFUSED/);
    expect(recorded.all()).toEqual([
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: 'refused' }, value: 1 },
    ]);
  });

  it('an endpoint failing for 3 days is disabled and counted once; its pending deliveries then end uncounted', async () => {
    const receiver = await receiverAt(() => 500);
    const { store, sender, recorded, pending } = openSender();
    const endpoint = endpointOf({
      url: receiver.url,
      failingSince: new Date(NOW - DISABLE_AFTER_MS).toISOString(),
    });
    await store.createEndpoint(endpoint);
    const queued = await pending(endpoint);
    await sender.attempt(await pending(endpoint));
    expect((await store.getEndpoint(endpoint.tenant, endpoint.id))?.enabled).toBe(false);
    expect(recorded.named('WebhookEndpointDisabled')).toEqual([
      { name: 'WebhookEndpointDisabled', dimensions: {}, value: 1 },
    ]);
    const before = recorded.all().length;
    // No attempt is made to a disabled endpoint: nothing more is counted, no second disabling.
    expect((await sender.attempt(queued)).lastError).toBe('ENDPOINT_DISABLED');
    expect(recorded.all()).toHaveLength(before);
    expect(receiver.received).toHaveLength(1);
  });

  it('a manual re-send counts its attempt, but not a second give-up of a delivery that had ended', async () => {
    const receiver = await receiverAt((n) => (n === 0 ? 410 : n === 1 ? 410 : 200));
    const { store, sender, recorded, pending } = openSender();
    const endpoint = endpointOf({ url: receiver.url });
    await store.createEndpoint(endpoint);
    const ended = await sender.attempt(await pending(endpoint));
    await sender.attempt(ended, { manual: true });
    await sender.attempt(ended, { manual: true });
    expect(recorded.named('WebhookAttemptFailed')).toHaveLength(2);
    expect(recorded.named('WebhookGaveUp')).toHaveLength(1);
    expect(recorded.named('WebhookDelivered')).toHaveLength(1);
  });
});

/** Metrics that count their flushes. */
function countingFlushes() {
  const recorded = recordingMetrics();
  let flushes = 0;
  const metrics: Metrics = {
    add: recorded.metrics.add,
    flush() {
      flushes += 1;
      recorded.metrics.flush();
    },
  };
  return { ...recorded, metrics, flushes: () => flushes };
}

describe('webhook metrics are flushed once per batch or round', () => {
  it('the AWS delivery function: after its batch, once', async () => {
    const m = countingFlushes();
    const deps: QueuedWebhooksDeps = {
      logger: silent,
      metrics: m.metrics,
      webhookQueue: { enqueue: async () => {}, postpone: async () => {}, close: async () => {} },
      queuedWebhooks: {
        dispatch: async () => 0,
        deliver: async () => {
          m.metrics.add('WebhookDelivered', {});
          return { done: true };
        },
      },
    };
    const key = { tenant: 'acme', endpointId: 'we_1', messageId: 'm1', eventSeq: 2 };
    await deliveryHandler(() => deps)(
      { Records: [sqsRecord('a', JSON.stringify(key)), sqsRecord('b', JSON.stringify(key))] },
      {} as never,
    );
    expect(m.flushes()).toBe(1);
    expect(m.flushed()).toHaveLength(2);
    expect(m.pending()).toEqual([]);
  });

  it('the local pump: after each round, a failed one too', async () => {
    const m = countingFlushes();
    let fail = false;
    const sender = {
      drainOutbox: async () => 0,
      runDue: async () => {
        m.metrics.add('WebhookAttemptFailed', { failureClass: 'network' });
        if (fail) throw new Error('the store is gone');
        return 1;
      },
    } as unknown as WebhookSender;
    const pump = startWebhookPump({
      sender,
      outbox: {} as never,
      logger: silent,
      metrics: m.metrics,
      intervalMs: 60_000,
    });
    cleanups.push(() => pump.close());
    await pump.poke();
    expect(m.flushed()).toHaveLength(1);
    fail = true;
    await pump.poke();
    expect(m.flushed()).toHaveLength(2);
    expect(m.pending()).toEqual([]);
  });
});
