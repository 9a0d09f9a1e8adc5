import { afterEach, describe, expect, it } from 'vitest';
import { captureEmf, type EmfDocument } from '../support/emf.js';
import { memoryQueue } from '../support/memory-queue.js';
import { startTestService, type TestService } from '../support/service.js';
import { webhookReceiver } from '../support/webhook-receiver.js';

let service: TestService | undefined;
afterEach(async () => service?.close());

/** Each metric value of the documents: its name, the dimension sets it was emitted under, and its dimensions' values. */
function samples(documents: EmfDocument[]) {
  return documents.flatMap((doc) =>
    (doc._aws.CloudWatchMetrics[0]?.Metrics ?? []).flatMap(({ Name }) => {
      const sets = doc._aws.CloudWatchMetrics[0]?.Dimensions ?? [];
      const dimensions = Object.fromEntries(sets.flat().map((d) => [d, doc[d]]));
      const value = doc[Name] as number | number[];
      return (Array.isArray(value) ? value : [value]).map((v) => ({
        name: Name,
        sets,
        dimensions,
        value: v,
      }));
    }),
  );
}

describe('metrics of the local service with METRICS=emf', () => {
  it('counts each outcome, refusal and replay where it happens, per request, with no tenant, key, recipient or content', async () => {
    service = await startTestService({
      env: {
        AUTH: 'required',
        METRICS: 'emf',
        METRICS_NAMESPACE: 'Test',
        RETRY_MAX_ATTEMPTS: '2',
        RETRY_BASE_DELAY_MS: '1',
      },
    });
    const s = service;
    const keys = s.container.manageKeys;
    const sender = await keys.create({ name: 'sender', tenant: 'acme', scopes: ['messages:send'] });
    const reader = await keys.create({ name: 'reader', tenant: 'acme', scopes: ['messages:read'] });
    const limited = await keys.create({
      name: 'limited',
      tenant: 'globex',
      scopes: ['messages:send'],
      limits: { perSecond: null, perDay: 1 },
    });
    const send = (key: string | undefined, body: object, headers: Record<string, string> = {}) =>
      s.post('/sendMessage', body, { ...(key ? { 'x-api-key': key } : {}), ...headers });
    const content = 'the secret plan for Tuesday';

    const { documents, raw } = await captureEmf(async () => {
      expect((await send(undefined, {})).status).toBe(401);
      expect((await send(reader.apiKey, {})).status).toBe(403);
      const email = { type: 'email', recipient: 'alice@example.com', content };
      expect((await send(limited.apiKey, email)).status).toBe(200);
      expect((await send(limited.apiKey, email)).status).toBe(429);
      expect((await send(sender.apiKey, email, { 'idempotency-key': 'k-1' })).status).toBe(200);
      expect((await send(sender.apiKey, email, { 'idempotency-key': 'k-1' })).status).toBe(200);
      const bounce = { type: 'email', recipient: 'bounce@simulator.amazonses.com', content };
      expect((await send(sender.apiKey, bounce)).status).toBe(422);
      const flaky = { type: 'sms', recipient: '+15005550008', content };
      expect((await send(sender.apiKey, flaky)).status).toBe(502);
      expect((await send(sender.apiKey, flaky, { prefer: 'respond-async' })).status).toBe(202);
      await s.worker?.idle();
    });

    const all = samples(documents);
    const count = (name: string, dimensions: Record<string, string> = {}) =>
      all
        .filter((m) => m.name === name)
        .filter((m) => Object.entries(dimensions).every(([k, v]) => m.dimensions[k] === v))
        .reduce((sum, m) => sum + m.value, 0);

    expect(count('AuthRejected', { status: '401' })).toBe(1);
    expect(count('AuthRejected', { status: '403' })).toBe(1);
    expect(count('RateLimited')).toBe(1);
    expect(count('IdempotentReplay')).toBe(1);
    // Two emails reached the mock and were sent (the replay was not sent again); the bounce was not.
    expect(count('MessageAccepted', { channel: 'email', mode: 'sync' })).toBe(3);
    expect(count('MessageSent', { channel: 'email', provider: 'mock' })).toBe(2);
    expect(count('MessageFailed', { channel: 'email', provider: 'mock', errorClass: 'permanent' })).toBe(1);
    // The synchronous retryable failure, then the queued one's two rounds: a retry, then given up.
    expect(count('MessageAccepted', { channel: 'sms', mode: 'async' })).toBe(1);
    expect(count('DeliveryRetry', { channel: 'sms' })).toBe(1);
    expect(count('MessageFailed', { channel: 'sms', errorClass: 'retryable' })).toBe(2);
    expect(all.filter((m) => m.name === 'ProviderLatency' && m.dimensions.provider === 'mock')).toHaveLength(
      6,
    );

    for (const sample of all) expect(sample.dimensions.service).toBe('messaging');
    expect(new Set(documents.map((d) => d._aws.CloudWatchMetrics[0]?.Namespace))).toEqual(new Set(['Test']));
    for (const secret of [
      'acme',
      'globex',
      sender.key.id,
      reader.key.id,
      limited.key.id,
      'alice',
      'bounce@',
      '15005550008',
      content,
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it('counts a message the queue refused as failed, with no provider, and not as accepted', async () => {
    const { queue, state } = memoryQueue();
    state.failWith = new Error('SQS unreachable');
    service = await startTestService({ env: { METRICS: 'emf' }, overrides: { queue } });
    const s = service;
    const { documents } = await captureEmf(async () => {
      const sms = { type: 'sms', recipient: '+14155550123', content: 'hi' };
      expect((await s.post('/sendMessage', sms, { prefer: 'respond-async' })).status).toBe(503);
    });
    const all = samples(documents);
    expect(all.filter((m) => m.name === 'MessageAccepted')).toEqual([]);
    const failed = all.filter((m) => m.name === 'MessageFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.dimensions).toMatchObject({
      channel: 'sms',
      provider: 'none',
      errorClass: 'retryable',
    });
  });

  it('counts status webhook attempts by failure class only: no endpoint, URL, tenant or message in the EMF', async () => {
    const receiver = await webhookReceiver({ answer: (n) => (n === 0 ? 503 : 200) });
    try {
      service = await startTestService({ env: { METRICS: 'emf', CONSOLE_DIR: 'off' } });
      const s = service;
      const sms = { type: 'sms', recipient: '+14155550123', content: 'the secret plan' };
      const made: { endpoint?: { id: string }; message?: { id: string } } = {};
      const { documents, raw } = await captureEmf(async () => {
        const created = await s.post('/webhook-endpoints', { url: receiver.url, events: ['message.sent'] });
        made.endpoint = ((await created.json()) as { endpoint: { id: string } }).endpoint;
        made.message = (await (await s.post('/sendMessage', sms)).json()) as { id: string };
        const { endpoint } = made;
        await s.webhooks?.poke();
        const [delivery] = (
          (await (await s.get(`/webhook-endpoints/${endpoint.id}/deliveries`)).json()) as {
            items: { id: string }[];
          }
        ).items;
        await s.post(`/webhook-endpoints/${endpoint.id}/deliveries/${delivery?.id}/retry`, {});
      });
      const all = samples(documents).filter((m) => m.name.startsWith('Webhook'));
      // The 503 round, then the manual re-send's answer: each attempt timed, each outcome counted once.
      const emitted = all.map((m) => `${m.name} ${JSON.stringify(m.sets)}`).sort();
      expect(emitted).toEqual(
        [
          'WebhookAttemptFailed [["service"],["service","failureClass"]]',
          'WebhookDelivered [["service"]]',
          'WebhookLatency [["service"]]',
          'WebhookLatency [["service"]]',
        ].sort(),
      );
      const failed = all.find((m) => m.name === 'WebhookAttemptFailed');
      expect(failed?.dimensions).toEqual({ service: 'messaging', failureClass: '5xx' });
      expect(failed?.value).toBe(1);
      for (const secret of [
        made.endpoint?.id ?? 'no endpoint',
        receiver.url,
        made.message?.id ?? 'no message',
        'default',
        sms.content,
      ])
        expect(raw).not.toContain(secret);
    } finally {
      await receiver.close();
    }
  });

  it('writes no metric to stdout by default (METRICS=off locally)', async () => {
    service = await startTestService();
    const s = service;
    const { raw } = await captureEmf(async () => {
      expect(
        (await s.post('/sendMessage', { type: 'sms', recipient: '+14155550123', content: 'hi' })).status,
      ).toBe(200);
    });
    expect(raw).toBe('');
  });
});
