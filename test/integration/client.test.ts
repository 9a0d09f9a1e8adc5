import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessagingClient, MessagingError } from '../../client/src/index.js';
import { recordingProviders } from '../support/fake-providers.js';
import { startTestService, type TestService } from '../support/service.js';
import { storeEnvs } from '../support/store-env.js';

/**
 * A fetch whose first attempt reaches the service, which does the work, but whose answer never
 * arrives; `keys` holds each attempt's Idempotency-Key.
 */
function losingFirstAnswer() {
  const keys: (string | null)[] = [];
  let lost = 0;
  const losing: typeof fetch = async (input, init) => {
    keys.push(new Headers(init?.headers).get('idempotency-key'));
    const response = await fetch(input, init);
    if (lost++ === 0) throw new TypeError('fetch failed: connection reset');
    return response;
  };
  return { keys, losing };
}

const stores = storeEnvs();
afterAll(stores.close);

// The client against the real local server (keys required), on each message log.
describe.each(['sqlite', 'dynamodb'] as const)('the client against the service on the %s log', (store) => {
  let service: TestService;
  let calls: ReturnType<typeof recordingProviders>['calls'];
  let apiKey: string;
  beforeAll(async () => {
    // Accepts every message, but refuses the first of 'refuse once' for good: a failed message to resend.
    let refused = false;
    const recording = recordingProviders((message) => {
      if (message.content !== 'refuse once' || refused) {
        return { accepted: true, providerMessageId: `fake-${message.id}` };
      }
      refused = true;
      return { accepted: false, code: 'REJECTED', message: 'refused', retryable: false };
    });
    calls = recording.calls;
    service = await startTestService({
      env: { ...(await stores.env(store, { allTables: true })), AUTH: 'required' },
      overrides: { providers: recording.providers },
    });
    const keys = service.container.manageKeys;
    apiKey = (
      await keys.create({
        name: 'client',
        tenant: `client-${store}`,
        scopes: ['messages:send', 'messages:read', 'keys:manage', 'suppressions:manage', 'templates:manage'],
      })
    ).apiKey;
  });
  afterAll(async () => service?.close());
  afterEach(() => {
    calls.length = 0;
  });

  const client = (options: Partial<ConstructorParameters<typeof MessagingClient>[0]> = {}) =>
    new MessagingClient({ baseUrl: service.url, apiKey, baseDelayMs: 5, ...options });

  it('sends, reads back, lists and pages through every message, and reads its events', async () => {
    const sent = [];
    for (let i = 0; i < 5; i++) {
      sent.push(await client().sendMessage({ type: 'sms', recipient: '+14155550123', content: `page ${i}` }));
    }
    expect(sent.map((record) => record.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const first = sent[0];
    if (!first) throw new Error('nothing sent');
    expect(await client().getMessage(first.id)).toEqual(first);
    const page = await client().listMessages({ type: 'sms', limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    const all = [];
    for await (const record of client().allMessages({ type: 'sms', limit: 2 })) all.push(record.id);
    expect(all.sort()).toEqual(sent.map((record) => record.id).sort());
    expect((await client().listEvents(first.id)).map((event) => event.status)).toEqual(['pending', 'sent']);
  });

  it('sends a batch and cancels a scheduled message of it (the DynamoDB log here has no queue: 503)', async () => {
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const batch = client().sendBatch([
      { type: 'sms', recipient: '+14155550123', content: 'now' },
      { type: 'sms', recipient: '+14155550123', content: 'later', sendAt },
    ]);
    if (store === 'dynamodb') {
      await expect(batch).rejects.toMatchObject({ status: 503, code: 'QUEUE_UNAVAILABLE' });
      return;
    }
    const { results } = await batch;
    expect(results.map((r) => r.status)).toEqual([202, 202]);
    const later = results[1];
    if (!later || !('message' in later)) throw new Error('the scheduled message was not taken');
    expect(later.message).toMatchObject({ status: 'scheduled', sendAt });
    expect(await client().cancelMessage(later.message.id)).toMatchObject({ status: 'canceled' });
  });

  it('sends metadata and finds the message by one pair, through the client and the service', async () => {
    const tagged = await client().sendMessage({
      type: 'sms',
      recipient: '+14155550123',
      content: 'order',
      metadata: { orderId: `o-${store}`, env: 'test' },
    });
    await client().sendMessage({ type: 'sms', recipient: '+14155550123', content: 'untagged' });
    expect(tagged.metadata).toEqual({ orderId: `o-${store}`, env: 'test' });
    const page = await client().listMessages({ [`metadata.orderId`]: `o-${store}` });
    expect(page.items).toEqual([tagged]);
    const refused = await client()
      .listMessages({ 'metadata.orderId': 'a', 'metadata.env': 'b' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('manages keys: creates one that works, lists it, revokes it', async () => {
    const created = await client().createKey({ name: 'reader', scopes: ['messages:read'] });
    expect(created.key.scopes).toEqual(['messages:read']);
    await expect(
      new MessagingClient({ baseUrl: service.url, apiKey: created.apiKey }).listMessages(),
    ).resolves.toEqual(expect.objectContaining({ items: expect.any(Array) }));
    expect((await client().listKeys()).map((key) => key.name)).toContain('reader');
    expect((await client().revokeKey(created.key.id)).revokedAt).toEqual(expect.any(String));
  });

  it('manages the suppression list: puts an entry, lists and filters it, lifts a channel, then all', async () => {
    const created = await client().createKey({ name: 'list', scopes: ['suppressions:manage'] });
    const list = new MessagingClient({ baseUrl: service.url, apiKey: created.apiKey });
    const entry = await list.putSuppression('+1 415 555 0177', { channels: ['sms', 'whatsapp'] });
    expect(entry).toMatchObject({
      recipient: '+14155550177',
      channels: ['sms', 'whatsapp'],
      reason: 'manual',
    });
    await list.putSuppression('x@example.com', { reason: 'bounce' });
    expect((await list.listSuppressions()).items.map((e) => e.recipient).sort()).toEqual([
      '+14155550177',
      'x@example.com',
    ]);
    expect((await list.listSuppressions({ reason: 'bounce' })).items.map((e) => e.recipient)).toEqual([
      'x@example.com',
    ]);
    expect(await list.liftSuppression('+14155550177', { channel: 'sms' })).toMatchObject({
      remaining: { channels: ['whatsapp'] },
    });
    expect(await list.liftSuppression('+14155550177')).toEqual({
      recipient: '+14155550177',
      remaining: null,
    });
    const missing = await list.liftSuppression('+14155550177').catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('manages templates and sends with one: versions, list, delete (then 410)', async () => {
    const first = await client().putTemplate('otp', { sms: { text: 'Code {{code}}' } });
    expect(first).toMatchObject({ name: 'otp', version: 1, deletedAt: null });
    expect((await client().putTemplate('otp', { sms: { text: 'Your code: {{code}}' } })).version).toBe(2);
    expect((await client().getTemplate('otp', 1)).content).toEqual({ sms: { text: 'Code {{code}}' } });
    expect((await client().listTemplates({ limit: 10 })).items.map((t) => [t.name, t.version])).toEqual([
      ['otp', 2],
    ]);
    const sent = await client().sendMessage({
      type: 'sms',
      recipient: '+14155550123',
      template: 'otp',
      data: { code: 918273 },
    });
    expect(sent).toMatchObject({ content: 'Your code: 918273', template: 'otp', templateVersion: 2 });
    expect((await client().deleteTemplate('otp')).deletedAt).toEqual(expect.any(String));
    const refused = await client()
      .sendMessage({ type: 'sms', recipient: '+14155550123', template: 'otp', data: { code: 1 } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 410, code: 'TEMPLATE_DELETED' });
  });

  it("tells a key who it is (GET /me), whatever the key's scopes", async () => {
    const created = await client().createKey({ name: 'only-read', scopes: ['messages:read'] });
    const me = await new MessagingClient({ baseUrl: service.url, apiKey: created.apiKey }).me();
    expect(me).toEqual({
      keyId: created.key.id,
      name: 'only-read',
      tenant: `client-${store}`,
      scopes: ['messages:read'],
      limits: created.key.limits,
      authentication: 'required',
    });
  });

  it('throws a typed error with code, details and request id, and retries no 4xx', async () => {
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const error = await client({ fetch: counting })
      .sendMessage({ type: 'sms', recipient: 'nobody', content: 'hi' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(MessagingError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      details: [{ field: 'recipient', message: expect.stringContaining('E.164') }],
      requestId: expect.any(String),
    });
    expect(attempts).toBe(1);
    await expect(client({ apiKey: 'msk_nope_nope' }).getMessage('x')).rejects.toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
    });
  });

  it('retries a send whose answer was lost, with the same Idempotency-Key: delivered once', async () => {
    const { keys, losing } = losingFirstAnswer();
    const record = await client({ fetch: losing }).sendMessage({
      type: 'email',
      recipient: 'user@example.com',
      content: 'exactly once',
    });
    expect(record.status).toBe('sent');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
    expect(calls.filter((call) => call.content === 'exactly once')).toHaveLength(1);
  });

  it('resends a failed message, retried after a lost answer with the same Idempotency-Key: resent once', async () => {
    const failed = await client()
      .sendMessage({ type: 'sms', recipient: '+14155550123', content: 'refuse once' })
      .catch((thrown: unknown) => thrown);
    expect(failed).toMatchObject({ status: 422, code: 'PROVIDER_REJECTED' });
    const original = (failed as MessagingError).body?.message;
    if (!original) throw new Error('no failed record');
    const { keys, losing } = losingFirstAnswer();
    const resent = await client({ fetch: losing }).resendMessage(original.id);
    expect(resent).toMatchObject({ status: 'sent', resendOf: original.id });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toEqual(expect.any(String));
    expect(keys[1]).toBe(keys[0]);
    expect(calls.filter((call) => call.content === 'refuse once')).toHaveLength(2);
    expect((await client().getMessage(original.id)).resentAs).toEqual([resent.id]);
  });

  it('retries 503 and 429 (after Retry-After), then gives up after maxAttempts', async () => {
    const statuses = [503, 429];
    const flaky: typeof fetch = async (input, init) => {
      const status = statuses.shift();
      if (status === undefined) return fetch(input, init);
      return new Response(JSON.stringify({ error: { code: 'X', message: 'busy', requestId: 'r' } }), {
        status,
        headers: { 'content-type': 'application/json', 'retry-after': '0' },
      });
    };
    expect((await client({ fetch: flaky }).listMessages({ limit: 1 })).items).toHaveLength(1);
    expect(statuses).toEqual([]);
    let attempts = 0;
    const down: typeof fetch = async () => {
      attempts++;
      return new Response('{}', { status: 502, headers: { 'content-type': 'application/json' } });
    };
    await expect(client({ fetch: down, maxAttempts: 3 }).listMessages()).rejects.toMatchObject({
      status: 502,
    });
    expect(attempts).toBe(3);
  });

  it('reads the stats of its tenant (GET /stats), where the deployment keeps them', async () => {
    const now = new Date();
    const from = new Date(now.getTime() - 3_600_000).toISOString();
    const to = new Date(now.getTime() + 3_600_000).toISOString();
    if (store === 'dynamodb') {
      // This local DynamoDB deployment has no stats table (and no stream consumer).
      await expect(client({ maxAttempts: 1 }).getStats({ from, to })).rejects.toMatchObject({
        status: 503,
        code: 'STATS_UNAVAILABLE',
      });
      return;
    }
    await client().sendMessage({ type: 'whatsapp', recipient: '+14155550123', content: 'counted' });
    const stats = await client().getStats({ from, to, bucket: 'day' });
    expect(stats.granularity).toBe('day');
    expect(stats.items).toContainEqual({
      bucket: `${now.toISOString().slice(0, 10)}T00:00:00.000Z`,
      channel: 'whatsapp',
      status: 'sent',
      count: 1,
    });
  });

  it('aborts an attempt after timeoutMs', async () => {
    const silent: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    await expect(
      client({ fetch: silent, timeoutMs: 20, maxAttempts: 2 }).getMessage('x'),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });
});
