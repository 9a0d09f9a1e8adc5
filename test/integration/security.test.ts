import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateApiKey, parseApiKey } from '../../lib/auth/api-key-secret.js';
import type { ContainerOverrides } from '../../lib/host/container.js';
import type { NewKeyRequest } from '../../lib/services/manage-keys.js';
import { waitFor } from '../support/async.js';
import { localHttpServers } from '../support/channels.js';
import { recordingProviders } from '../support/fake-providers.js';
import { signTwilio } from '../support/receipt-webhooks.js';
import { startTestService, type TestService } from '../support/service.js';

// The service as a caller or an attacker meets it, over HTTP on loopback, with AUTH=required: who
// gets in (401/403), what a tenant sees of another's messages, rate limits, hostile input, and
// what reaches the log.

const SMS = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };

interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    details?: { field: string; message: string }[];
    requiredScope?: string;
  };
}

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** A service on a database file of its own (so the test can read the tables), with AUTH=required. */
async function startSecured(options: { env?: Record<string, string>; overrides?: ContainerOverrides } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'security-'));
  const dbPath = join(dir, 'messages.db');
  const service = await startTestService({
    dbPath,
    env: { AUTH: 'required', ...options.env },
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  const manage = service.container.manageKeys;
  const reader = new Database(dbPath, { readonly: true, fileMustExist: true });
  return {
    service,
    manage,
    /** A new key of `tenant`; its token. */
    async key(tenant: string, scopes: NewKeyRequest['scopes'], limits?: NewKeyRequest['limits']) {
      const created = await manage.create({
        name: `${tenant} key`,
        tenant,
        scopes,
        ...(limits ? { limits } : {}),
      });
      return { token: created.apiKey, id: created.key.id };
    },
    /** Every row of the messages table, whatever the tenant. */
    rows: () =>
      reader.prepare('SELECT id, tenant, recipient, content FROM messages ORDER BY id').all() as {
        id: string;
        tenant: string;
        recipient: string;
        content: string;
      }[],
    async close() {
      reader.close();
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One request; `key` goes in x-api-key, a non-string body is sent as JSON. */
function call(
  service: TestService,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers['x-api-key'] = options.key;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  return fetch(`${service.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
}

/** The status and JSON body of an answer, and its body without the request id (to compare answers). */
async function read(response: Response) {
  const text = await response.text();
  const body = JSON.parse(text) as ErrorBody & Record<string, unknown>;
  const requestId = body.error?.requestId;
  const withoutRequestId =
    body.error === undefined ? body : { ...body, error: { ...body.error, requestId: undefined } };
  return { status: response.status, body, requestId, withoutRequestId, headers: response.headers };
}

describe('authentication (AUTH=required)', () => {
  const TWILIO_TOKEN = '0123456789abcdef0123456789abcdef';
  const META_VERIFY = 'verify-me-please';
  let ctx: Awaited<ReturnType<typeof startSecured>>;
  let calls: unknown[];
  let sender: { token: string; id: string };
  let revoked: { token: string; id: string };

  beforeAll(async () => {
    const fakes = recordingProviders();
    calls = fakes.calls;
    ctx = await startSecured({
      env: { TWILIO_AUTH_TOKEN: TWILIO_TOKEN, META_WEBHOOK_VERIFY_TOKEN: META_VERIFY },
      overrides: { providers: fakes.providers },
    });
    sender = await ctx.key('acme', ['messages:send', 'messages:read']);
    revoked = await ctx.key('acme', ['messages:send', 'messages:read']);
    expect(await ctx.manage.revoke(revoked.id)).toMatchObject({ revokedAt: expect.any(String) });
  });
  afterAll(async () => ctx?.close());
  beforeEach(() => {
    calls.length = 0;
  });

  /** The refused keys: none, malformed, unknown, a real id with another secret, a revoked key. */
  const refusedKeys = (): [string, string | undefined, string][] => {
    const stranger = generateApiKey().token;
    const otherSecret = parseApiKey(generateApiKey().token)?.secret ?? '';
    return [
      ['no key', undefined, 'no key'],
      ['an empty key', '', 'malformed key'],
      ['a malformed key', 'hello', 'malformed key'],
      ['a key of the wrong form', `msk_${sender.id}_tooshort`, 'malformed key'],
      ['a well-formed key never created', stranger, 'unknown key'],
      ['a real id with a wrong secret', `msk_${sender.id}_${otherSecret}`, 'wrong secret'],
      ['a revoked key', revoked.token, 'revoked key'],
    ];
  };

  it('answers 401 to every refused key with one body (but the request id), sending and storing nothing', async () => {
    const answers = [];
    for (const [what, key, reason] of refusedKeys()) {
      const response = await read(
        await call(ctx.service, 'POST', '/sendMessage', { ...(key === undefined ? {} : { key }), body: SMS }),
      );
      expect(response.status, what).toBe(401);
      expect(response.body.error.code, what).toBe('UNAUTHORIZED');
      expect(response.requestId, what).toBe(response.headers.get('x-request-id'));
      answers.push(response.withoutRequestId);
      // The log says which it was, for the operator (and the caller cannot tell).
      const line = ctx.service
        .logs()
        .find((l) => l.requestId === response.requestId && l.msg === 'authentication failed');
      expect(line?.reason, what).toBe(reason);
    }

    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('x-api-key'), requestId: undefined },
    });
    expect(calls).toHaveLength(0);
    expect(ctx.rows()).toEqual([]);
  });

  it('answers the read routes the same 401', async () => {
    const { id } = (
      await read(await call(ctx.service, 'POST', '/sendMessage', { key: sender.token, body: SMS }))
    ).body as unknown as { id: string };
    const reference = (await read(await call(ctx.service, 'POST', '/sendMessage', { body: SMS })))
      .withoutRequestId;

    for (const path of ['/messages', `/messages/${id}`, `/messages/${id}/events`]) {
      for (const [what, key] of refusedKeys()) {
        const response = await read(await call(ctx.service, 'GET', path, key === undefined ? {} : { key }));
        expect(response.status, `${path} with ${what}`).toBe(401);
        expect(response.withoutRequestId, `${path} with ${what}`).toEqual(reference);
      }
    }
    // The key that was refused nothing is still served.
    expect((await call(ctx.service, 'GET', `/messages/${id}`, { key: sender.token })).status).toBe(200);
  });

  it('answers 401 before reading the body: a bad body without a key says nothing about the body', async () => {
    const before = ctx.rows().length;
    for (const body of [
      '{not json',
      JSON.stringify({ type: 'fax' }),
      JSON.stringify({ ...SMS, content: 'x'.repeat(300_000) }),
    ]) {
      const response = await read(await call(ctx.service, 'POST', '/sendMessage', { body }));
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
    }
    const wrongType = await read(
      await call(ctx.service, 'POST', '/sendMessage', {
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(wrongType.status).toBe(401);
    expect(ctx.rows()).toHaveLength(before);
  });

  it('refuses a key without the route scope with 403 FORBIDDEN naming the scope', async () => {
    const readOnly = await ctx.key('acme', ['messages:read']);
    const sendOnly = await ctx.key('acme', ['messages:send']);
    const before = ctx.rows().length;

    const send = await read(
      await call(ctx.service, 'POST', '/sendMessage', { key: readOnly.token, body: SMS }),
    );
    expect(send.status).toBe(403);
    expect(send.body.error).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'messages:send' });
    expect(send.body.error.message).toContain('messages:send');
    expect(calls).toHaveLength(0);
    expect(ctx.rows()).toHaveLength(before);

    for (const path of [
      '/messages',
      '/messages/01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
      '/messages/01JD0Y4ZQ9R6T3K1M8XW2B7C5E/events',
    ]) {
      const response = await read(await call(ctx.service, 'GET', path, { key: sendOnly.token }));
      expect(response.status, path).toBe(403);
      expect(response.body.error, path).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'messages:read' });
      expect(response.body.error.message, path).toContain('messages:read');
    }
    // Each key still does what it may.
    expect((await call(ctx.service, 'GET', '/messages', { key: readOnly.token })).status).toBe(200);
    expect((await call(ctx.service, 'POST', '/sendMessage', { key: sendOnly.token, body: SMS })).status).toBe(
      200,
    );
  });

  it('takes the webhooks without a key: they are signed by the providers instead', async () => {
    const url = `${ctx.service.url}/webhooks/twilio`;
    const params = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      MessageSid: 'SM00000000000000000000000000000001',
      MessageStatus: 'delivered',
    };
    const signed = await call(ctx.service, 'POST', '/webhooks/twilio', {
      body: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(TWILIO_TOKEN, url, params),
      },
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ received: true });

    const unsigned = await read(
      await call(ctx.service, 'POST', '/webhooks/twilio', {
        body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.code).toBe('INVALID_SIGNATURE');

    const verify = await call(
      ctx.service,
      'GET',
      `/webhooks/meta?hub.mode=subscribe&hub.verify_token=${META_VERIFY}&hub.challenge=1158201444`,
    );
    expect(verify.status).toBe(200);
    expect(await verify.text()).toBe('1158201444');
  });
});

describe('tenant isolation', () => {
  let ctx: Awaited<ReturnType<typeof startSecured>>;
  let calls: { recipient: string; content: string }[];
  let acme: string;
  let globex: string;
  let acmeMessage: { id: string };

  beforeAll(async () => {
    const fakes = recordingProviders();
    calls = fakes.calls;
    ctx = await startSecured({ overrides: { providers: fakes.providers } });
    acme = (await ctx.key('acme', ['messages:send', 'messages:read'])).token;
    globex = (await ctx.key('globex', ['messages:send', 'messages:read'])).token;
    const sent = await call(ctx.service, 'POST', '/sendMessage', { key: acme, body: SMS });
    expect(sent.status).toBe(200);
    acmeMessage = (await sent.json()) as { id: string };
  });
  afterAll(async () => ctx?.close());

  it('stores a message under the tenant of the key that sent it', () => {
    expect(ctx.rows()).toEqual([expect.objectContaining({ id: acmeMessage.id, tenant: 'acme' })]);
  });

  it("does not list another tenant's messages", async () => {
    const theirs = (await (await call(ctx.service, 'GET', '/messages', { key: globex })).json()) as Page;
    expect(theirs).toEqual({ items: [], nextCursor: null });

    // Not under any filter either.
    for (const query of [
      'type=sms',
      'status=sent',
      `recipient=${encodeURIComponent(SMS.recipient)}`,
      'from=2000-01-01',
    ]) {
      const page = (await (
        await call(ctx.service, 'GET', `/messages?${query}`, { key: globex })
      ).json()) as Page;
      expect(page.items, query).toEqual([]);
    }

    const own = (await (await call(ctx.service, 'GET', '/messages', { key: acme })).json()) as Page;
    expect(own.items.map((item) => item.id)).toEqual([acmeMessage.id]);
  });

  it("answers 404 for another tenant's message and its events, the same 404 as for a missing id", async () => {
    const missing = '01JD0Y4ZQ9R6T3K1M8XW2B7C5E';
    // The id is quoted in the message: compare with it put aside.
    const normalized = (body: unknown, id: string) => JSON.parse(JSON.stringify(body).replaceAll(id, '<id>'));

    for (const suffix of ['', '/events']) {
      const theirs = await read(
        await call(ctx.service, 'GET', `/messages/${acmeMessage.id}${suffix}`, { key: globex }),
      );
      const none = await read(
        await call(ctx.service, 'GET', `/messages/${missing}${suffix}`, { key: globex }),
      );
      expect(theirs.status, suffix).toBe(404);
      expect(theirs.body.error.code, suffix).toBe('NOT_FOUND');
      expect(normalized(theirs.withoutRequestId, acmeMessage.id), suffix).toEqual(
        normalized(none.withoutRequestId, missing),
      );
      expect(JSON.stringify(theirs.body), suffix).not.toContain(SMS.content);

      const own = await call(ctx.service, 'GET', `/messages/${acmeMessage.id}${suffix}`, { key: acme });
      expect(own.status, suffix).toBe(200);
    }
  });

  it('keeps Idempotency-Keys per tenant: the same key from another tenant is another key', async () => {
    const first = { type: 'sms', recipient: '+14155550124', content: 'acme: order shipped' };
    const other = { type: 'sms', recipient: '+14155550125', content: 'globex: invoice ready' };
    const headers = { 'Idempotency-Key': 'order-42' };
    calls.length = 0;

    const acmeAnswer = await call(ctx.service, 'POST', '/sendMessage', { key: acme, body: first, headers });
    expect(acmeAnswer.status).toBe(200);
    const acmeText = await acmeAnswer.text();

    const globexAnswer = await call(ctx.service, 'POST', '/sendMessage', {
      key: globex,
      body: other,
      headers,
    });
    expect(globexAnswer.status).toBe(200);
    expect(globexAnswer.headers.get('idempotent-replayed')).toBeNull();
    const globexRecord = (await globexAnswer.json()) as { id: string; recipient: string; content: string };
    expect(globexRecord).toMatchObject({ recipient: other.recipient, content: other.content });

    // Globex's own key answers globex's own message again...
    const globexReplay = await call(ctx.service, 'POST', '/sendMessage', {
      key: globex,
      body: other,
      headers,
    });
    expect(globexReplay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await globexReplay.json()) as { id: string }).id).toBe(globexRecord.id);

    // ...and acme's still answers acme's first answer, untouched by globex's use of the same key.
    const acmeReplay = await call(ctx.service, 'POST', '/sendMessage', { key: acme, body: first, headers });
    expect(acmeReplay.status).toBe(200);
    expect(acmeReplay.headers.get('idempotent-replayed')).toBe('true');
    expect(await acmeReplay.text()).toBe(acmeText);
    // Acme's key with another body is still acme's conflict.
    const conflict = await read(
      await call(ctx.service, 'POST', '/sendMessage', { key: acme, body: other, headers }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');

    expect(calls.map((c) => c.recipient)).toEqual([first.recipient, other.recipient]);
    const rows = ctx.rows();
    expect(rows.find((r) => r.id === globexRecord.id)).toMatchObject({
      tenant: 'globex',
      content: other.content,
    });
    expect(rows.filter((r) => r.content === first.content)).toEqual([
      expect.objectContaining({ tenant: 'acme' }),
    ]);
  });
});

describe('rate limits', () => {
  // One instant for the whole suite: the second never rolls over between requests.
  const NOW = new Date('2026-03-01T09:00:00.400Z');
  let ctx: Awaited<ReturnType<typeof startSecured>>;
  let calls: unknown[];

  beforeAll(async () => {
    const fakes = recordingProviders();
    calls = fakes.calls;
    ctx = await startSecured({ overrides: { providers: fakes.providers, clock: () => new Date(NOW) } });
  });
  afterAll(async () => ctx?.close());

  it('serves perSecond requests, then answers 429 THROTTLED with Retry-After, sending nothing more', async () => {
    const limited = await ctx.key('acme', ['messages:send', 'messages:read'], { perSecond: 2 });
    const other = await ctx.key('acme', ['messages:send'], { perSecond: 2 });

    const first = await call(ctx.service, 'POST', '/sendMessage', { key: limited.token, body: SMS });
    const second = await call(ctx.service, 'POST', '/sendMessage', { key: limited.token, body: SMS });
    const third = await read(
      await call(ctx.service, 'POST', '/sendMessage', { key: limited.token, body: SMS }),
    );

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('THROTTLED');
    expect(third.headers.get('retry-after')).toBe('1');
    expect(calls).toHaveLength(2);
    expect(ctx.rows()).toHaveLength(2);

    // The limit is the key's, whatever the route; another key has its own.
    expect((await call(ctx.service, 'GET', '/messages', { key: limited.token })).status).toBe(429);
    expect((await call(ctx.service, 'POST', '/sendMessage', { key: other.token, body: SMS })).status).toBe(
      200,
    );
  });

  it('answers 429 with the seconds left of the day when the daily limit is spent', async () => {
    const daily = await ctx.key('acme', ['messages:read'], { perSecond: null, perDay: 1 });

    expect((await call(ctx.service, 'GET', '/messages', { key: daily.token })).status).toBe(200);
    const refused = await read(await call(ctx.service, 'GET', '/messages', { key: daily.token }));

    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('THROTTLED');
    // 09:00:00.400 UTC: 15 hours to midnight.
    expect(refused.headers.get('retry-after')).toBe(String(15 * 3600));
  });
});

describe('hostile input', () => {
  let ctx: Awaited<ReturnType<typeof startSecured>>;
  let calls: unknown[];
  let key: string;
  let seeded: string[];

  beforeAll(async () => {
    const fakes = recordingProviders();
    calls = fakes.calls;
    ctx = await startSecured({ overrides: { providers: fakes.providers } });
    // Unlimited: this suite makes well over a second's default allowance of requests.
    key = (await ctx.key('acme', ['messages:send', 'messages:read'], { perSecond: null, perDay: null }))
      .token;
    seeded = [];
    for (const body of [SMS, { type: 'email', recipient: 'alice@example.com', content: 'Hello Alice' }]) {
      const response = await call(ctx.service, 'POST', '/sendMessage', { key, body });
      expect(response.status).toBe(200);
      seeded.push(((await response.json()) as { id: string }).id);
    }
  });
  afterAll(async () => ctx?.close());
  beforeEach(() => {
    calls.length = 0;
  });

  /** Asserts a 400 VALIDATION_ERROR naming `field`, and that nothing was sent or stored. */
  async function expectRefusedNaming(response: Response, field: string) {
    const answer = await read(response);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.details?.map((d) => d.field)).toContain(field);
    expect(calls).toHaveLength(0);
    expect(ctx.rows().map((r) => r.id)).toEqual(seeded);
  }

  it.each([
    [
      'subject',
      {
        type: 'email',
        recipient: 'bob@example.com',
        content: 'Hi',
        subject: 'Hello\r\nBcc: evil@example.com',
      },
    ],
    [
      'subject',
      { type: 'email', recipient: 'bob@example.com', content: 'Hi', subject: 'Hello\nBcc: evil@example.com' },
    ],
    [
      'subject',
      { type: 'email', recipient: 'bob@example.com', content: 'Hi', subject: 'Hello\rX-Injected: 1' },
    ],
    ['recipient', { type: 'email', recipient: 'bob@example.com\r\nBcc: evil@example.com', content: 'Hi' }],
    ['recipient', { type: 'email', recipient: 'bob@example.com\nbcc:evil@example.com', content: 'Hi' }],
    ['recipient', { type: 'sms', recipient: '+14155550123\r\n+14155550124', content: 'Hi' }],
    ['recipient', { type: 'whatsapp', recipient: '+1415555\r\n0123', content: 'Hi' }],
  ])('refuses CR/LF in %s with a 400 naming it (%#)', async (field, body) => {
    await expectRefusedNaming(await call(ctx.service, 'POST', '/sendMessage', { key, body }), field);
  });

  const SQL = ["' OR 1=1 --", '%', '_', '"; DROP TABLE messages; --', "1' OR '1'='1", '*', '\\'];
  const FILTERS = ['type', 'status', 'recipient', 'from', 'to', 'limit', 'cursor'];

  it('answers SQL metacharacters in every filter with a clean 400 naming it or an empty page', async () => {
    for (const filter of FILTERS) {
      for (const value of SQL) {
        const response = await read(
          await call(ctx.service, 'GET', `/messages?${filter}=${encodeURIComponent(value)}`, { key }),
        );
        const what = `${filter}=${value}`;
        if (response.status === 200) {
          expect((response.body as unknown as Page).items, what).toEqual([]);
        } else {
          expect(response.status, what).toBe(400);
          expect(response.body.error.code, what).toBe('VALIDATION_ERROR');
          expect(
            response.body.error.details?.map((d) => d.field),
            what,
          ).toContain(filter);
        }
      }
    }
    for (const value of SQL) {
      const response = await call(ctx.service, 'GET', `/messages/${encodeURIComponent(value)}`, { key });
      expect([400, 404], value).toContain(response.status);
      const events = await call(ctx.service, 'GET', `/messages/${encodeURIComponent(value)}/events`, { key });
      expect([400, 404], value).toContain(events.status);
    }

    // The table is there and answers with its rows.
    const page = (await (await call(ctx.service, 'GET', '/messages', { key })).json()) as Page;
    expect(page.items.map((item) => item.id).sort()).toEqual([...seeded].sort());
    expect(ctx.rows().map((r) => r.id)).toEqual(seeded);
    expect((await call(ctx.service, 'GET', `/messages/${seeded[0]}`, { key })).status).toBe(200);
  });

  it('stores SQL metacharacters in content as plain text', async () => {
    const hostile = { type: 'sms', recipient: '+14155550126', content: `'); DROP TABLE messages; -- % _ "` };
    const response = await call(ctx.service, 'POST', '/sendMessage', { key, body: hostile });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };

    expect(
      ((await (await call(ctx.service, 'GET', `/messages/${id}`, { key })).json()) as { content: string })
        .content,
    ).toBe(hostile.content);
    expect(ctx.rows().map((r) => r.id)).toEqual([...seeded, id]);
    seeded.push(id);
  });

  it('answers 413 to a body over 256 KiB, sending and storing nothing', async () => {
    const response = await read(
      await call(ctx.service, 'POST', '/sendMessage', {
        key,
        body: { type: 'email', recipient: 'bob@example.com', content: 'x'.repeat(300 * 1024) },
      }),
    );

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(calls).toHaveLength(0);
    expect(ctx.rows().map((r) => r.id)).toEqual(seeded);
  });

  const DEEP_ARRAYS = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const DEEP_CONTENT = `{"type":"sms","recipient":"+14155550123","content":${DEEP_OBJECT}}`;

  it.each([
    ['100,000 nested arrays', DEEP_ARRAYS, {}],
    ['a 10,000-deep object', DEEP_OBJECT, {}],
    ['a 10,000-deep object as content', DEEP_CONTENT, {}],
    ['100,000 nested arrays with an Idempotency-Key', DEEP_ARRAYS, { 'Idempotency-Key': 'deep-1' }],
    ['a 10,000-deep object with an Idempotency-Key', DEEP_OBJECT, { 'Idempotency-Key': 'deep-2' }],
  ])('answers %s with a clean 4xx, and keeps serving', async (_, body, headers) => {
    const response = await read(await call(ctx.service, 'POST', '/sendMessage', { key, body, headers }));

    // The process is alive and serving, and nothing was sent or stored...
    expect((await call(ctx.service, 'GET', `/messages/${seeded[0]}`, { key })).status).toBe(200);
    expect(calls).toHaveLength(0);
    expect(ctx.rows().map((r) => r.id)).toEqual(seeded);
    // ...and the answer was the caller's fault, not an internal error.
    expect(response.body.error.code).not.toBe('INTERNAL');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    [
      '__proto__',
      `{"type":"sms","recipient":"+14155550123","content":"Hi","__proto__":{"polluted":true}}`,
      {},
    ],
    [
      'constructor',
      `{"type":"sms","recipient":"+14155550123","content":"Hi","constructor":{"prototype":{"polluted":true}}}`,
      {},
    ],
    [
      'constructor',
      `{"type":"sms","recipient":"+14155550123","content":"Hi","constructor":{"polluted":true}}`,
      {},
    ],
    ['content', `{"type":"sms","recipient":"+14155550123","content":{"__proto__":{"polluted":true}}}`, {}],
    [
      '__proto__',
      `{"__proto__":{"type":"sms","recipient":"+14155550123","content":"Hi","polluted":true}}`,
      {},
    ],
    [
      '__proto__',
      `{"type":"sms","recipient":"+14155550123","content":"Hi","__proto__":{"polluted":true}}`,
      { 'Idempotency-Key': 'proto-1' },
    ],
  ])('refuses a body with %s (%#) naming it, and pollutes nothing', async (field, body, headers) => {
    await expectRefusedNaming(await call(ctx.service, 'POST', '/sendMessage', { key, body, headers }), field);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('type');
  });
});

describe('secrets in the log', () => {
  const TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
  const TWILIO_AUTH_TOKEN = '5ecre7a11ce0b0b5ecre7a11ce0b0b99';
  const OK_NUMBER = '+14155550123';
  const INVALID_NUMBER = '+14155550100';
  const DOWN_NUMBER = '+14155550111';
  const listen = localHttpServers();
  let ctx: Awaited<ReturnType<typeof startSecured>>;
  const twilioBodies: string[] = [];

  beforeAll(async () => {
    // Stands for api.twilio.com: its real error bodies quote the number, as here.
    let counter = 0;
    const twilioUrl = await listen((_req, res, body) => {
      const form = new URLSearchParams(body);
      twilioBodies.push(form.get('Body') ?? '');
      const to = form.get('To');
      res.setHeader('content-type', 'application/json');
      if (to === INVALID_NUMBER) {
        res.writeHead(400).end(
          JSON.stringify({
            code: 21211,
            message: `The 'To' number ${to} is not a valid phone number.`,
            more_info: 'https://www.twilio.com/docs/errors/21211',
            status: 400,
          }),
        );
      } else if (to === DOWN_NUMBER) {
        res
          .writeHead(503)
          .end(JSON.stringify({ code: 20503, message: `Service unavailable for ${to}`, status: 503 }));
      } else {
        counter++;
        res
          .writeHead(201)
          .end(JSON.stringify({ sid: `SM${counter.toString(16).padStart(32, '0')}`, status: 'queued' }));
      }
    });
    ctx = await startSecured({
      env: {
        SMS_PROVIDERS: 'twilio',
        TWILIO_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN,
        TWILIO_FROM: '+15005550006',
        TWILIO_API_BASE: twilioUrl,
        LOG_LEVEL: 'debug',
      },
    });
  });
  afterAll(async () => ctx?.close());

  it('writes no key, key hash, provider secret, message content or full recipient, whatever happens', async () => {
    const full = await ctx.key('acme', ['messages:send', 'messages:read', 'keys:manage']);
    const readOnly = await ctx.key('globex', ['messages:read']);
    const gone = await ctx.key('acme', ['messages:send']);
    await ctx.manage.revoke(gone.id);
    const secretOf = (token: string) => parseApiKey(token)?.secret ?? '';
    const mangled = `msk_${full.id}_${secretOf(full.token).slice(0, -3)}AAA`;

    const contents = [
      'sms content Kq7Zp: your code is 918273',
      'sms content Wn3Xr for an invalid number',
      'sms content Jd8Lm while Twilio is down',
      'email content Pv2Hs: the quarterly numbers',
      'bounced content Tb6Yc',
      'whatsapp content Gh4Fn',
      'async content Rs5Qe',
    ];
    const recipients = [
      OK_NUMBER,
      INVALID_NUMBER,
      DOWN_NUMBER,
      'jane.private@example.com',
      'bounce@simulator.amazonses.com',
      '+14155550177',
      '+14155550188',
    ];
    const subject = 'Subject Mz9Vb: private matters';
    const send = (body: unknown, headers: Record<string, string> = {}, key = full.token) =>
      call(ctx.service, 'POST', '/sendMessage', { key, body, headers });

    const sent = await send(
      { type: 'sms', recipient: OK_NUMBER, content: contents[0] },
      { 'Idempotency-Key': 'log-1' },
    );
    expect(sent.status).toBe(200);
    const sentRecord = (await sent.json()) as { id: string; providerMessageId: string };
    expect(
      (
        await send(
          { type: 'sms', recipient: OK_NUMBER, content: contents[0] },
          { 'Idempotency-Key': 'log-1' },
        )
      ).status,
    ).toBe(200);
    expect((await send({ type: 'sms', recipient: INVALID_NUMBER, content: contents[1] })).status).toBe(422);
    expect((await send({ type: 'sms', recipient: DOWN_NUMBER, content: contents[2] })).status).toBe(502);
    expect(
      (await send({ type: 'email', recipient: recipients[3], subject, content: contents[3] })).status,
    ).toBe(200);
    expect((await send({ type: 'email', recipient: recipients[4], content: contents[4] })).status).toBe(422);
    expect((await send({ type: 'whatsapp', recipient: recipients[5], content: contents[5] })).status).toBe(
      200,
    );
    const queued = await send(
      { type: 'sms', recipient: recipients[6], content: contents[6] },
      { prefer: 'respond-async' },
    );
    expect(queued.status).toBe(202);
    const queuedId = ((await queued.json()) as { id: string }).id;
    // Refused sends: invalid fields, unsupported type, a spent idempotency key.
    expect(
      (await send({ type: 'sms', recipient: OK_NUMBER, content: `${contents[0]}${'!'.repeat(1600)}` }))
        .status,
    ).toBe(400);
    expect((await send({ type: 'fax', recipient: OK_NUMBER, content: contents[0] })).status).toBe(400);
    expect(
      (await send({ type: 'sms', recipient: OK_NUMBER, content: 'other' }, { 'Idempotency-Key': 'log-1' }))
        .status,
    ).toBe(409);

    // Reads, with the recipient in the query string.
    expect(
      (
        await call(ctx.service, 'GET', `/messages?recipient=${encodeURIComponent(OK_NUMBER)}`, {
          key: full.token,
        })
      ).status,
    ).toBe(200);
    expect((await call(ctx.service, 'GET', `/messages/${sentRecord.id}`, { key: full.token })).status).toBe(
      200,
    );
    expect(
      (await call(ctx.service, 'GET', `/messages/${sentRecord.id}/events`, { key: full.token })).status,
    ).toBe(200);
    expect(
      (await call(ctx.service, 'GET', `/messages/${sentRecord.id}`, { key: readOnly.token })).status,
    ).toBe(404);
    // Refused keys: a real key's secret mangled, a revoked key, a scope missing.
    expect((await call(ctx.service, 'GET', '/messages', { key: mangled })).status).toBe(401);
    expect((await send(SMS, {}, mangled)).status).toBe(401);
    expect((await send(SMS, {}, gone.token)).status).toBe(401);
    expect((await send(SMS, {}, ` ${full.token.slice(0, -1)}`)).status).toBe(401);
    expect((await send(SMS, {}, readOnly.token)).status).toBe(403);

    // Webhooks: a signed Twilio callback, and one with a bad signature.
    const params = {
      AccountSid: TWILIO_ACCOUNT_SID,
      MessageSid: sentRecord.providerMessageId,
      MessageStatus: 'delivered',
      To: OK_NUMBER,
    };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const signature = signTwilio(TWILIO_AUTH_TOKEN, `${ctx.service.url}/webhooks/twilio`, params);
    const callback = await call(ctx.service, 'POST', '/webhooks/twilio', {
      body: new URLSearchParams(params).toString(),
      headers: { ...form, 'x-twilio-signature': signature },
    });
    expect(callback.status).toBe(200);
    const forged = await call(ctx.service, 'POST', '/webhooks/twilio', {
      body: new URLSearchParams(params).toString(),
      headers: { ...form, 'x-twilio-signature': `${signature.slice(0, -2)}==` },
    });
    expect(forged.status).toBe(403);

    await waitFor(
      async () => {
        const response = await call(ctx.service, 'GET', `/messages/${queuedId}`, { key: full.token });
        const record = (await response.json()) as { status: string };
        return record.status === 'sent' ? record : undefined;
      },
      { what: 'the queued message to be sent' },
    );
    expect(twilioBodies).toEqual(
      expect.arrayContaining([contents[0], contents[1], contents[2], contents[6]]),
    );
    expect(
      (await call(ctx.service, 'GET', `/messages/${sentRecord.id}`, { key: full.token }).then((r) =>
        r.json(),
      )) as object,
    ).toMatchObject({
      status: 'delivered',
    });

    const logs = ctx.service.rawLogs();
    // The log is there and speaks of what happened (so that its silence below means something).
    const lines = ctx.service.logs();
    expect(lines.filter((l) => l.msg === 'provider send').length).toBeGreaterThanOrEqual(7);
    expect(lines.filter((l) => l.msg === 'authentication failed').length).toBeGreaterThanOrEqual(4);
    expect(logs).toContain('+1******0123');
    expect(logs).toContain(full.id);

    const hashes = await Promise.all(
      [full, readOnly, gone].map(async (k) => (await ctx.service.container.keys.get(k.id))?.hash),
    );
    const forbidden: [string, string][] = [
      ...[full, readOnly, gone].flatMap((k): [string, string][] => [
        [`key ${k.id}`, k.token],
        [`secret of ${k.id}`, secretOf(k.token)],
      ]),
      ['the mangled key', mangled],
      ['the mangled secret', secretOf(mangled)],
      ...hashes.map((hash, i): [string, string] => [`hash ${i}`, hash ?? 'missing hash']),
      ['TWILIO_AUTH_TOKEN', TWILIO_AUTH_TOKEN],
      ['Twilio basic auth', Buffer.from(`${TWILIO_ACCOUNT_SID}:${TWILIO_AUTH_TOKEN}`).toString('base64')],
      ['the Twilio signature', signature],
      ['the subject', subject],
      ...contents.map((content): [string, string] => [`content "${content}"`, content]),
      ...recipients.map((recipient): [string, string] => [`recipient ${recipient}`, recipient]),
      ['a recipient in JSON-escaped form', 'jane.private@'],
    ];
    for (const [what, secret] of forbidden) {
      expect(secret.length, what).toBeGreaterThan(8);
      expect(logs.includes(secret), `${what} is in the log`).toBe(false);
    }
    // Nor the unmasked digits of any number (JSON may escape '+').
    for (const recipient of recipients.filter((r) => r.startsWith('+'))) {
      expect(logs.includes(recipient.slice(1)), `${recipient} digits`).toBe(false);
    }
  });
});
