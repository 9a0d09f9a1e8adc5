import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../client/src/index.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { RETRY_DELAYS_MS, type WebhookEvent } from '../../lib/domain/webhook.js';
import type { WebhookTransport } from '../../lib/ports/webhook-transport.js';
import { newSecret, verifySignature } from '../../lib/webhooks/signature.js';
import type { Resolver } from '../../lib/webhooks/url-policy.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { startTestService, type TestService } from '../support/service.js';
import { webhookReceiver } from '../support/webhook-receiver.js';

// Status webhooks end to end on the local service (SQLite outbox, in-process sender). Network
// traffic goes to 127.0.0.1 only; the SSRF cases use an injected resolver and a transport that
// fails the test if it is ever called.

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A clock the test moves; every part of the service reads it. */
function fakeClock(start = Date.parse('2026-12-01T10:00:00.000Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms), now: () => now };
}

async function service(
  env: Record<string, string> = {},
  overrides: Parameters<typeof startTestService>[0] = {},
) {
  const started = await startTestService({ ...overrides, env: { CONSOLE_DIR: 'off', ...env } });
  cleanups.push(() => started.close());
  return started;
}

const json = async <T>(response: Response) => (await response.json()) as T;

async function subscribe(svc: TestService, url: string, events: string[] = ['*']) {
  const response = await svc.post('/webhook-endpoints', { url, events });
  expect(response.status).toBe(201);
  return json<{ endpoint: { id: string }; secret: string }>(response);
}

const sendSms = (svc: TestService, metadata?: Record<string, string>) =>
  svc.post('/sendMessage', { type: 'sms', recipient: '+14155550123', content: 'hello', metadata });

/** A transport that fails the test if any request is made. */
const noNetwork: WebhookTransport = {
  post: async (request) => {
    throw new Error(`no request may be sent; one went to ${request.url} at ${request.address.address}`);
  },
};

describe('status webhooks to a loopback receiver', () => {
  it('arrive signed and verifiable, with the metadata, in order per message, one event id each', async () => {
    const receiver = await webhookReceiver();
    cleanups.push(() => receiver.close());
    const svc = await service({ DELIVERY_MODE: 'async' });
    const { secret } = await subscribe(svc, receiver.url);

    const sent = await json<MessageRecord>(await sendSms(svc, { orderId: '123' }));
    await receiver.waitFor(2);
    await svc.webhooks?.poke();

    const events = receiver.received.map((r) => {
      const id = String(r.headers['webhook-id']);
      const timestamp = Number(r.headers['webhook-timestamp']);
      expect(verifySignature(secret, id, timestamp, r.body, String(r.headers['webhook-signature']))).toBe(
        true,
      );
      expect(
        verifySignature(newSecret(), id, timestamp, r.body, String(r.headers['webhook-signature'])),
      ).toBe(false);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      const event = JSON.parse(r.body) as WebhookEvent;
      expect(event.id).toBe(id);
      return event;
    });
    expect(events.map((e) => [e.type, e.data.status, e.data.id])).toEqual([
      ['message.queued', 'queued', sent.id],
      ['message.sent', 'sent', sent.id],
    ]);
    expect(events.every((e) => e.data.metadata?.orderId === '123')).toBe(true);
    // The typed client's helper checks the same, and the timestamp window.
    const [first] = receiver.received;
    if (!first) throw new Error('no webhook');
    const headers = first.headers as Record<string, string>;
    expect((await verifyWebhook({ secret, headers, body: first.body })).id).toBe(events[0]?.id);
    await expect(verifyWebhook({ secret, headers, body: `${first.body} ` })).rejects.toThrow(/signature/);
    await expect(
      verifyWebhook({ secret, headers, body: first.body, now: new Date(Date.now() + 600_000) }),
    ).rejects.toThrow(/timestamp/);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it('sends an event twice with one id to a receiver answering 500 then 200, then stops', async () => {
    const receiver = await webhookReceiver({ answer: (n) => (n === 0 ? 500 : 200) });
    cleanups.push(() => receiver.close());
    const time = fakeClock();
    const metrics = recordingMetrics();
    const svc = await service({}, { overrides: { clock: time.clock, metrics: metrics.metrics } });
    const webhookMetrics = () => metrics.flushed().filter((m) => m.name.startsWith('Webhook'));
    const { endpoint } = await subscribe(svc, receiver.url, ['message.sent']);
    await sendSms(svc);

    await svc.webhooks?.poke();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = (
      await json<{ items: { id: string; state: string; nextAttemptAt: string; lastStatusCode: number }[] }>(
        await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
      )
    ).items;
    expect(delivery).toMatchObject({ state: 'pending', lastStatusCode: 500 });
    // The pump's round flushed the attempt's metrics.
    expect(webhookMetrics().map((m) => [m.name, m.dimensions])).toEqual([
      ['WebhookLatency', {}],
      ['WebhookAttemptFailed', { failureClass: '5xx' }],
    ]);
    // Not before its time; then once.
    await svc.webhooks?.poke();
    expect(receiver.received).toHaveLength(1);
    time.advance(RETRY_DELAYS_MS[0] * 1.2 + 1);
    await svc.webhooks?.poke();
    expect(receiver.received).toHaveLength(2);
    time.advance(24 * 3600_000);
    await svc.webhooks?.poke();
    expect(receiver.received).toHaveLength(2);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids[0]).toBe(ids[1]);
    expect(receiver.received[0]?.body).toBe(receiver.received[1]?.body);
    const after = await json<{ items: { id: string; state: string; attempts: number }[] }>(
      await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
    );
    expect(after.items).toMatchObject([{ state: 'succeeded', attempts: 2 }]);
    expect(webhookMetrics().filter((m) => m.name === 'WebhookDelivered')).toHaveLength(1);
    expect(metrics.pending().filter((m) => m.name.startsWith('Webhook'))).toEqual([]);
    // A manual re-send is counted and flushed with its API answer.
    const retried = await svc.post(
      `/webhook-endpoints/${endpoint.id}/deliveries/${after.items[0]?.id}/retry`,
      {},
    );
    expect(retried.status).toBe(200);
    expect(webhookMetrics().filter((m) => m.name === 'WebhookDelivered')).toHaveLength(2);
  });

  it('retries a receiver that times out with growing delays, and a 410 ends the retries as failed', async () => {
    const time = fakeClock();
    const calls: number[] = [];
    let answer: 'timeout' | 410 = 'timeout';
    const transport: WebhookTransport = {
      post: async () => {
        calls.push(time.now());
        if (answer === 410) return { status: 410 };
        throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
      },
    };
    const svc = await service({}, { overrides: { clock: time.clock, webhookTransport: transport } });
    const { endpoint } = await subscribe(svc, 'http://127.0.0.1:9/hooks');
    await sendSms(svc);
    const deliveries = async () =>
      (
        await json<{ items: { state: string; lastError: string; nextAttemptAt: string | null }[] }>(
          await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
        )
      ).items;
    // Each round: the attempt due now, then the clock moved to the next one's time.
    for (let round = 0; round < 5; round++) {
      await svc.webhooks?.poke();
      expect(calls).toHaveLength(round + 1);
      const next = (await deliveries())[0]?.nextAttemptAt;
      if (!next) throw new Error('no retry scheduled');
      time.advance(Date.parse(next) - time.now());
    }
    const gaps = calls.slice(1).map((at, i) => at - (calls[i] ?? 0));
    expect(gaps).toHaveLength(4);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] ?? 0);
    const page = await json<{ items: { state: string; lastError: string; nextAttemptAt: string | null }[] }>(
      await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
    );
    expect(page.items[0]).toMatchObject({ state: 'pending', lastError: 'TIMEOUT' });

    answer = 410;
    const attempts = calls.length;
    time.advance(24 * 3600_000);
    await svc.webhooks?.poke();
    time.advance(24 * 3600_000);
    await svc.webhooks?.poke();
    expect(calls).toHaveLength(attempts + 1);
    const ended = await json<{ items: { state: string; lastStatusCode: number; nextAttemptAt: null }[] }>(
      await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
    );
    expect(ended.items[0]).toMatchObject({ state: 'failed', lastStatusCode: 410, nextAttemptAt: null });
  });
});

describe('SSRF', () => {
  const resolver: Resolver = async (host) => {
    const table: Record<string, string> = {
      'hooks.example.com': '93.184.215.14',
      'internal.example.com': '10.0.0.5',
      'rebind.example.com': '93.184.215.15',
    };
    const address = table[host];
    if (!address) throw new Error('ENOTFOUND');
    return [{ address, family: 4 }];
  };

  it('refuses loopback in AWS mode, the metadata addresses, private names and plain http at creation', async () => {
    const svc = await service(
      { WEBHOOK_URLS: 'public' },
      { overrides: { resolver, webhookTransport: noNetwork } },
    );
    for (const [url, reason] of [
      ['http://127.0.0.1:8080/hooks', /loopback/],
      ['https://localhost/hooks', /does not resolve|loopback/],
      ['https://169.254.169.254/latest/meta-data', /private, link-local/],
      ['https://[fd00:ec2::254]/', /private, link-local/],
      ['https://[::ffff:10.0.0.1]/', /private, link-local/],
      ['https://internal.example.com/hooks', /resolves to 10\.0\.0\.5/],
      ['http://hooks.example.com/hooks', /must be https/],
      ['https://user:pw@hooks.example.com/', /credentials/],
    ] as const) {
      const response = await svc.post('/webhook-endpoints', { url, events: ['*'] });
      expect(response.status, url).toBe(400);
      const body = await json<{ error: { details: { field: string; message: string }[] } }>(response);
      expect(body.error.details[0]?.field).toBe('url');
      expect(body.error.details[0]?.message, url).toMatch(reason);
    }
    expect(
      (await svc.post('/webhook-endpoints', { url: 'https://hooks.example.com/h', events: ['*'] })).status,
    ).toBe(201);
  });

  it('checks again at delivery: a name that now resolves to a private address is never called', async () => {
    let rebound = false;
    const rebinding: Resolver = async (host) =>
      rebound ? [{ address: '169.254.169.254', family: 4 }] : resolver(host);
    const svc = await service(
      { WEBHOOK_URLS: 'public' },
      { overrides: { resolver: rebinding, webhookTransport: noNetwork } },
    );
    const { endpoint } = await subscribe(svc, 'https://rebind.example.com/hooks');
    rebound = true;
    await sendSms(svc);
    await svc.webhooks?.poke();
    const page = await json<{ items: { state: string; lastError: string; attempts: number }[] }>(
      await svc.get(`/webhook-endpoints/${endpoint.id}/deliveries`),
    );
    expect(page.items[0]).toMatchObject({ attempts: 1 });
    expect(page.items[0]?.lastError).toMatch(/^URL_REFUSED: .*169\.254\.169\.254/);
  });
});

describe('tenants', () => {
  it("keeps each tenant's endpoints and events to itself", async () => {
    const receiver = await webhookReceiver();
    cleanups.push(() => receiver.close());
    const svc = await service({ AUTH: 'required' });
    const keys = svc.container.manageKeys;
    const keyOf = async (tenant: string) =>
      (await keys.create({ name: tenant, tenant, scopes: ['messages:send', 'webhooks:manage'] })).apiKey;
    const acme = await keyOf('acme');
    const globex = await keyOf('globex');
    const call = (key: string, method: string, path: string, body?: unknown) =>
      fetch(`${svc.url}${path}`, {
        method,
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const created = await json<{ endpoint: { id: string } }>(
      await call(acme, 'POST', '/webhook-endpoints', { url: receiver.url, events: ['*'] }),
    );
    const id = created.endpoint.id;
    expect((await call(globex, 'GET', `/webhook-endpoints/${id}`)).status).toBe(404);
    expect((await call(globex, 'DELETE', `/webhook-endpoints/${id}`)).status).toBe(404);
    expect((await call(globex, 'GET', `/webhook-endpoints/${id}/deliveries`)).status).toBe(404);
    expect(await json<{ items: unknown[] }>(await call(globex, 'GET', '/webhook-endpoints'))).toEqual({
      items: [],
    });

    await call(globex, 'POST', '/sendMessage', { type: 'sms', recipient: '+14155550123', content: 'globex' });
    const own = await json<MessageRecord>(
      await call(acme, 'POST', '/sendMessage', { type: 'sms', recipient: '+14155550123', content: 'acme' }),
    );
    await svc.webhooks?.poke();
    await svc.webhooks?.poke();
    expect(receiver.received.map((r) => (JSON.parse(r.body) as WebhookEvent).data.id)).toEqual([own.id]);
    // A key without the scope may not manage endpoints.
    const sender = (await keys.create({ name: 's', tenant: 'acme', scopes: ['messages:send'] })).apiKey;
    expect((await call(sender, 'GET', '/webhook-endpoints')).status).toBe(403);
  });
});

describe('secrets', () => {
  it('shows the secret once, and after a rotation signs with both for 24 hours, then the new one only', async () => {
    const receiver = await webhookReceiver();
    cleanups.push(() => receiver.close());
    const time = fakeClock();
    const svc = await service({}, { overrides: { clock: time.clock } });
    const { endpoint, secret: old } = await subscribe(svc, receiver.url);
    expect(JSON.stringify(await json(await svc.get(`/webhook-endpoints/${endpoint.id}`)))).not.toContain(old);
    const rotated = await json<{ secret: string }>(
      await svc.post(`/webhook-endpoints/${endpoint.id}/rotate-secret`, ''),
    );
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(old);

    const check = (n: number, secret: string) => {
      const r = receiver.received[n];
      if (!r) throw new Error(`no webhook ${n}`);
      return verifySignature(
        secret,
        String(r.headers['webhook-id']),
        Number(r.headers['webhook-timestamp']),
        r.body,
        String(r.headers['webhook-signature']),
      );
    };
    await sendSms(svc);
    await svc.webhooks?.poke();
    expect([check(0, old), check(0, rotated.secret)]).toEqual([true, true]);
    time.advance(24 * 3600_000 + 1);
    await sendSms(svc);
    await svc.webhooks?.poke();
    expect([check(1, old), check(1, rotated.secret)]).toEqual([false, true]);
    expect(svc.rawLogs()).not.toContain(rotated.secret);
    expect(svc.rawLogs()).not.toContain(old);
  });
});

describe('the local service killed between the status write and the webhook', () => {
  it('sends the event after a restart on the same database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { spawnService } = await import('../support/spawned-service.js');
    const dir = mkdtempSync(join(tmpdir(), 'webhook-restart-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // The receiver holds the first request open: the status is written, its webhook not yet answered.
    const receiver = await webhookReceiver({ hold: (n) => n === 0 });
    cleanups.push(() => receiver.close());
    const env = { HOST: '127.0.0.1', PORT: '0', DB_PATH: join(dir, 'messages.db'), CONSOLE_DIR: 'off' };

    const first = await spawnService(env);
    cleanups.push(() => first.kill());
    const firstUrl = await first.listening;
    const created = await fetch(`${firstUrl}/webhook-endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['message.sent'] }),
    });
    const { secret } = await json<{ secret: string }>(created);
    const sent = await json<MessageRecord>(
      await fetch(`${firstUrl}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'sms', recipient: '+14155550123', content: 'hello' }),
      }),
    );
    expect(sent.status).toBe('sent');
    await receiver.waitFor(1);
    await first.kill('SIGKILL');

    const second = await spawnService(env);
    cleanups.push(() => second.kill());
    await second.listening;
    await receiver.waitFor(2, 15_000);
    const [held, resent] = receiver.received;
    expect(resent?.headers['webhook-id']).toBe(held?.headers['webhook-id']);
    const event = JSON.parse(String(resent?.body)) as WebhookEvent;
    expect(event).toMatchObject({ type: 'message.sent', data: { id: sent.id, status: 'sent' } });
    expect(
      verifySignature(
        secret,
        event.id,
        Number(resent?.headers['webhook-timestamp']),
        String(resent?.body),
        String(resent?.headers['webhook-signature']),
      ),
    ).toBe(true);
  }, 60_000);
});
