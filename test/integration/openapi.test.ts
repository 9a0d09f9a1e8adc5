import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockProvider } from '../../lib/channels/mock.provider.js';
import { SCOPES } from '../../lib/domain/api-key.js';
import { CHANNELS } from '../../lib/domain/message.schema.js';
import { TWILIO_MESSAGE_ID_PARAM } from '../../lib/domain/provider-callbacks.js';
import { openApiDocument } from '../../lib/openapi/document.js';
import type { Provider, ProviderRegistry } from '../../lib/ports/provider.js';
import { messageRecord } from '../support/fake-message-log.js';
import { memoryQueue } from '../support/memory-queue.js';
import {
  META_SECRET,
  type SnsSigner,
  signMeta,
  signTwilio,
  snsSigner,
  TWILIO_TOKEN,
} from '../support/receipt-webhooks.js';
import { startTestService, type TestService } from '../support/service.js';
import { storeEnvs } from '../support/store-env.js';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { examples?: unknown[] };
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<
    string,
    { content?: Record<string, { examples?: Record<string, { value: unknown }>; example?: unknown }> }
  >;
}
const document = openApiDocument() as { paths: Record<string, Record<string, Operation>> };

/**
 * Every request example of the document (each body example, each parameter's example and
 * examples), by where it is: `POST /sendMessage body email`, `GET /messages query from #0`.
 */
function requestExamples(): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const parameter of operation.parameters ?? []) {
        const where = `${at} ${parameter.in} ${parameter.name}`;
        if (parameter.example !== undefined) found.set(where, parameter.example);
        for (const [i, value] of (parameter.schema?.examples ?? []).entries())
          found.set(`${where} #${i}`, value);
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        for (const [name, { value }] of Object.entries(media.examples ?? {}))
          found.set(`${at} body ${name}`, value);
      }
    }
  }
  return found;
}

/** A documented answer example: `answer('GET /messages/{id}', 200, 'email')`. */
function answerExample(route: string, status: number, name: string): Json {
  const [method = '', path = ''] = route.split(' ');
  const media =
    document.paths[path]?.[method.toLowerCase()]?.responses[String(status)]?.content?.['application/json'];
  const value = media?.examples?.[name]?.value;
  if (value === undefined) throw new Error(`${route} documents no ${status} example ${name}`);
  return value as Json;
}

// What differs from one instance to the next: the document's examples show one of each.
const VOLATILE = ['id', 'keyId', 'messageId', 'createdAt', 'updatedAt', 'providerMessageId', 'at', 'apiKey'];
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !VOLATILE.includes(k))
      .map(([k, v]) => [k, stable(v)]),
  );
}

const stores = storeEnvs();
afterAll(stores.close);

// Every request example of the document is sent to the service (both logs, keys required) and gets
// the answer example of the same name, ids and times aside; the last test fails while an example is
// not sent. Paths with an `{id}` get the id of what an earlier example created.
describe.each(['sqlite', 'dynamodb'] as const)('the document against the service on the %s log', (store) => {
  let service: TestService;
  const all = requestExamples();
  const unsent = new Map(all);
  const example = <T = Json>(where: string): T => {
    if (!all.has(where)) throw new Error(`the document has no request example at ${where}`);
    unsent.delete(where);
    return all.get(where) as T;
  };
  // The provider refuses while `refusing` is set: a failed message to resend.
  let refusing = false;
  const keys: Record<'main' | 'acme', string> = { main: '', acme: '' };
  let sentEmailId = '';
  let signer: SnsSigner;
  // Set while the batch example is sent: its `sendAt` is ahead of the examples' own time only.
  let fixedNow: Date | undefined;

  beforeAll(async () => {
    // The service's own mock, refusing while told to (the examples' records name it).
    const providers = Object.fromEntries(
      CHANNELS.map((channel) => {
        const mock = new MockProvider(channel);
        const provider: Provider = {
          name: mock.name,
          channel,
          send: async (message) =>
            refusing
              ? { accepted: false, code: 'REJECTED', message: 'refused for good', retryable: false }
              : mock.send(message),
        };
        return [channel, [provider]];
      }),
    ) as unknown as ProviderRegistry;
    const challenge = example<string>('GET /webhooks/meta query hub.verify_token');
    signer = await snsSigner();
    const sesTopic = (all.get('POST /webhooks/ses body delivery') as { TopicArn: string }).TopicArn;
    service = await startTestService({
      env: {
        ...(await stores.env(store, { allTables: true })),
        AUTH: 'required',
        META_WEBHOOK_VERIFY_TOKEN: challenge,
        // Every provider's webhook on, with the secrets the test signs with.
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        META_APP_SECRET: META_SECRET,
        SES_SNS_TOPIC_ARN: sesTopic,
      },
      // A queue on both logs (the DynamoDB one has none locally), so that Prefer: respond-async is honoured.
      // The endpoint example's name resolves to a public address, and nothing leaves the machine.
      overrides: {
        providers,
        clock: () => fixedNow ?? new Date(),
        queue: memoryQueue().queue,
        resolver: async () => [{ address: '93.184.215.14', family: 4 }],
        webhookTransport: { post: async () => ({ status: 200 }) },
        // The SNS certificate the test signs with, for the example's SigningCertURL.
        fetchCertificate: async () => signer.certificate,
      },
    });
    const manage = service.container.manageKeys;
    // The records' examples are the `default` tenant's, the keys' `acme`'s.
    keys.main = (await manage.create({ name: 'main', tenant: 'default', scopes: [...SCOPES] })).apiKey;
    keys.acme = (await manage.create({ name: 'admin', tenant: 'acme', scopes: [...SCOPES] })).apiKey;
  });
  afterAll(async () => service?.close());

  const call = (
    method: string,
    path: string,
    options: { key?: keyof typeof keys | string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: {
        'x-api-key':
          options.key === 'acme' || options.key === undefined ? keys[options.key ?? 'main'] : options.key,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  const json = async (response: Response) => (await response.json()) as Json;

  it('is served at GET /openapi.json without a key', async () => {
    const response = await fetch(`${service.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(openApiDocument());
  });

  it('the template routes with their examples: stored, read by version and listed as documented', async () => {
    const name = example<string>('PUT /templates/{name} path name');
    const put = await call('PUT', `/templates/${name}`, {
      body: example('PUT /templates/{name} body passwordReset'),
    });
    expect(put.status).toBe(201);
    const documented = answerExample('PUT /templates/{name}', 201, 'passwordReset');
    expect(stable(await json(put))).toEqual(stable(documented));

    expect(example<string>('GET /templates/{name} path name')).toBe(name);
    const version = example<number>('GET /templates/{name} query version');
    const read = await call('GET', `/templates/${name}?version=${version}`);
    expect(stable(await json(read))).toEqual(
      stable(answerExample('GET /templates/{name}', 200, 'passwordReset')),
    );
    expect((await call('GET', `/templates/${name}?version=${version + 1}`)).status).toBe(404);

    const page = await json(await call('GET', '/templates'));
    expect(stable(page)).toEqual(stable(answerExample('GET /templates', 200, 'page')));
  });

  it('POST /sendMessage: each body example gets its documented answer, and reads back as documented', async () => {
    // passwordReset renders the template the previous test stored.
    for (const name of ['email', 'sms', 'whatsapp', 'passwordReset']) {
      const response = await call('POST', '/sendMessage', {
        body: example(`POST /sendMessage body ${name}`),
      });
      expect(response.status, name).toBe(200);
      const record = await json(response);
      expect(stable(record), name).toEqual(stable(answerExample('POST /sendMessage', 200, name)));
      const read = await call('GET', `/messages/${record.id as string}`);
      expect(stable(await json(read)), name).toEqual(stable(answerExample('POST /sendMessage', 200, name)));
      if (name === 'email') sentEmailId = record.id as string;
    }
  });

  it('POST /sendMessage with the Prefer example is queued as documented; with the Idempotency-Key example, replayed', async () => {
    const body = example('POST /sendMessage body email');
    const queued = await call('POST', '/sendMessage', {
      body,
      headers: { prefer: example<string>('POST /sendMessage header Prefer') },
    });
    expect(queued.status).toBe(202);
    const record = await json(queued);
    expect(stable(record)).toEqual(stable(answerExample('POST /sendMessage', 202, 'queued')));
    expect(queued.headers.get('location')).toBe(`/messages/${record.id as string}`);

    const headers = { 'idempotency-key': example<string>('POST /sendMessage header Idempotency-Key') };
    const first = await json(await call('POST', '/sendMessage', { body, headers }));
    const again = await call('POST', '/sendMessage', { body, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(first);
  });

  it('GET /messages/{id} and its events, with the id parameter example replaced by a sent one', async () => {
    const documented = example<string>('GET /messages/{id} path id');
    expect(documented).toBe(answerExample('GET /messages/{id}', 200, 'email').id);
    const read = await call('GET', `/messages/${sentEmailId}`);
    expect(stable(await json(read))).toEqual(stable(answerExample('GET /messages/{id}', 200, 'email')));
    example('GET /messages/{id}/events path id');
    const events = await call('GET', `/messages/${sentEmailId}/events`);
    expect(stable(await json(events))).toEqual(
      stable(answerExample('GET /messages/{id}/events', 200, 'email')),
    );
  });

  it('GET /messages: each query parameter example narrows the list as documented', async () => {
    const page = answerExample('GET /messages', 200, 'page') as { items: Json[] };
    for (const name of ['type', 'status', 'recipient', 'limit']) {
      const value = example(`GET /messages query ${name}`);
      const response = await call('GET', `/messages?${new URLSearchParams({ [name]: String(value) })}`);
      expect(response.status, name).toBe(200);
      const { items } = (await json(response)) as { items: Json[] };
      expect(items.length, name).toBeGreaterThan(0);
      if (name === 'limit') expect(items.length).toBeLessThanOrEqual(Number(value));
      else for (const item of items) expect(item[name], name).toBe(value);
      expect(items.map(stable), name).toContainEqual(stable(page.items[0]));
    }
    // The date examples: the messages were all sent after them, so `from` finds them and `to` none.
    for (const i of [0, 1]) {
      const from = await call('GET', `/messages?from=${example<string>(`GET /messages query from #${i}`)}`);
      expect(((await json(from)) as { items: Json[] }).items.length).toBeGreaterThan(0);
      const to = await call('GET', `/messages?to=${example<string>(`GET /messages query to #${i}`)}`);
      expect(await json(to)).toEqual({ items: [], nextCursor: null });
    }
  });

  it('POST /messages/{id}/resend: resent as documented, queued with the Prefer example, replayed with the Idempotency-Key example', async () => {
    const body = example('POST /sendMessage body email');
    refusing = true;
    const failed = await call('POST', '/sendMessage', { body, key: 'acme' });
    refusing = false;
    expect(failed.status).toBe(422);
    const original = ((await json(failed)).message as Json).id as string;
    example('POST /messages/{id}/resend path id');

    const resent = await call('POST', `/messages/${original}/resend`, { key: 'acme' });
    expect(resent.status).toBe(200);
    const documented = answerExample('POST /messages/{id}/resend', 200, 'resent');
    expect(stable(await json(resent))).toEqual(stable({ ...documented, tenant: 'acme', resendOf: original }));

    const queued = await call('POST', `/messages/${original}/resend`, {
      key: 'acme',
      headers: { prefer: example<string>('POST /messages/{id}/resend header Prefer') },
    });
    expect(queued.status).toBe(202);
    expect(stable(await json(queued))).toEqual(
      stable({
        ...answerExample('POST /messages/{id}/resend', 202, 'queued'),
        tenant: 'acme',
        resendOf: original,
      }),
    );

    const headers = {
      'idempotency-key': example<string>('POST /messages/{id}/resend header Idempotency-Key'),
    };
    const first = await json(await call('POST', `/messages/${original}/resend`, { key: 'acme', headers }));
    const again = await call('POST', `/messages/${original}/resend`, { key: 'acme', headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(first);
    const stored = await json(await call('GET', `/messages/${original}`, { key: 'acme' }));
    expect(stored.resentAs).toHaveLength(3);
  });

  it('the keys routes: the new key example is created, listed, describes itself (GET /me) and is revoked as documented', async () => {
    const created = await call('POST', '/keys', { key: 'acme', body: example('POST /keys body billing') });
    expect(created.status).toBe(201);
    const answer = (await json(created)) as { apiKey: string; key: Json };
    expect(stable(answer)).toEqual(stable(answerExample('POST /keys', 201, 'billing')));
    expect(answer.apiKey).toMatch(/^msk_/);

    const listed = (await json(await call('GET', '/keys', { key: 'acme' }))) as { items: Json[] };
    const documented = answerExample('GET /keys', 200, 'keys') as { items: Json[] };
    expect(listed.items.map(stable)).toContainEqual(stable(documented.items[0]));

    const me = await call('GET', '/me', { key: answer.apiKey });
    expect(stable(await json(me))).toEqual(stable(answerExample('GET /me', 200, 'key')));

    example('DELETE /keys/{id} path id');
    const revoked = await call('DELETE', `/keys/${answer.key.id as string}`, { key: 'acme' });
    expect(revoked.status).toBe(200);
    const body = await json(revoked);
    expect(body.revokedAt).toEqual(expect.any(String));
    // Its use by GET /me may have been recorded: times aside, it is the documented key.
    const times = { revokedAt: 'then', lastUsedAt: 'then' };
    expect(stable({ ...body, ...times })).toEqual(
      stable({ ...answerExample('DELETE /keys/{id}', 200, 'revoked'), ...times }),
    );
  });

  it("GET /webhooks/meta with the document's challenge example echoes the challenge", async () => {
    const query = new URLSearchParams(
      Object.fromEntries(
        ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => [
          name,
          example<string>(`GET /webhooks/meta query ${name}`),
        ]),
      ),
    );
    const response = await fetch(`${service.url}/webhooks/meta?${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      document.paths['/webhooks/meta']?.get?.responses['200']?.content?.['text/plain']?.example,
    );
  });

  it('GET /stats with the query examples answers the documented range and bucket', async () => {
    const query = new URLSearchParams(
      Object.fromEntries(['from', 'to', 'bucket'].map((n) => [n, example<string>(`GET /stats query ${n}`)])),
    );
    const response = await call('GET', `/stats?${query}`);
    if (store === 'dynamodb') {
      // Counted from the table's stream, which dynalite lacks: this local server keeps no stats table.
      expect(((await json(response)).error as Json).code).toBe('STATS_UNAVAILABLE');
      return;
    }
    expect(response.status).toBe(200);
    const { items, ...range } = await json(response);
    const { items: _counts, ...documented } = answerExample('GET /stats', 200, 'hours');
    expect(range).toEqual(documented);
    // The examples' hours are before any message of this run: nothing was counted in them.
    expect(items).toEqual([]);
  });

  it('the webhook endpoint routes with their examples: as documented on both stores', async () => {
    const created = await call('POST', '/webhook-endpoints', {
      key: 'acme',
      body: example('POST /webhook-endpoints body orders'),
    });
    const id = example<string>('GET /webhook-endpoints/{id} path id');
    for (const where of [
      'PATCH /webhook-endpoints/{id} path id',
      'DELETE /webhook-endpoints/{id} path id',
      'POST /webhook-endpoints/{id}/rotate-secret path id',
      'GET /webhook-endpoints/{id}/deliveries path id',
      'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry path id',
    ]) {
      expect(example<string>(where)).toBe(id);
    }
    const patch = example('PATCH /webhook-endpoints/{id} body disable');
    const deliveryId = example<string>(
      'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry path deliveryId',
    );
    expect(created.status).toBe(201);
    const answer = (await json(created)) as { endpoint: Json; secret: string };
    const documented = answerExample('POST /webhook-endpoints', 201, 'orders') as { endpoint: Json };
    expect(stable(answer.endpoint)).toEqual(stable(documented.endpoint));
    expect(answer.secret).toMatch(/^whsec_/);
    const at = `/webhook-endpoints/${answer.endpoint.id as string}`;
    const read = await call('GET', at, { key: 'acme' });
    expect(stable(await json(read))).toEqual(
      stable(answerExample('GET /webhook-endpoints/{id}', 200, 'endpoint')),
    );
    const patched = await call('PATCH', at, { key: 'acme', body: patch });
    expect(stable(await json(patched))).toEqual(
      stable(answerExample('PATCH /webhook-endpoints/{id}', 200, 'disabled')),
    );
    const deliveries = await call('GET', `${at}/deliveries`, { key: 'acme' });
    expect(deliveries.status).toBe(200);
    const rotated = await call('POST', `${at}/rotate-secret`, { key: 'acme' });
    expect(rotated.status).toBe(200);
    expect(((await json(rotated)) as { secret: string }).secret).toMatch(/^whsec_/);
    // The documented delivery is not one of this endpoint's.
    const retried = await call('POST', `${at}/deliveries/${deliveryId}/retry`, { key: 'acme' });
    expect(retried.status).toBe(404);
    const deleted = await call('DELETE', at, { key: 'acme' });
    expect(deleted.status).toBe(200);
    expect((await call('GET', at, { key: 'acme' })).status).toBe(404);
  });

  it('the suppression routes with their examples: added, listed, lifted as documented', async () => {
    const recipient = example<string>('PUT /suppressions/{recipient} path recipient');
    const at = `/suppressions/${encodeURIComponent(recipient)}`;
    const put = await call('PUT', at, {
      key: 'acme',
      body: example('PUT /suppressions/{recipient} body manual'),
    });
    expect(put.status).toBe(200);
    const entry = await json(put);
    // The source names the key that added it (the example's is another key of the tenant).
    const documented = answerExample('PUT /suppressions/{recipient}', 200, 'manual');
    expect(stable({ ...entry, source: null })).toEqual(stable({ ...documented, source: null }));
    const defaults = await call('PUT', at, {
      key: 'acme',
      body: example('PUT /suppressions/{recipient} body defaults'),
    });
    expect(((await json(defaults)) as { channels: string[] }).channels.sort()).toEqual(['sms', 'whatsapp']);
    for (const i of [0, 1]) {
      const filter = example<string>(`GET /suppressions query recipient #${i}`);
      const page = await call('GET', `/suppressions?recipient=${encodeURIComponent(filter)}`, {
        key: 'acme',
      });
      expect(page.status).toBe(200);
      const { items } = (await json(page)) as { items: Json[] };
      expect(items.map((item) => item.recipient)).toEqual(filter === recipient ? [recipient] : []);
    }
    expect(example<string>('DELETE /suppressions/{recipient} path recipient')).toBe(recipient);
    const lifted = await call('DELETE', at, { key: 'acme' });
    expect(await json(lifted)).toEqual(answerExample('DELETE /suppressions/{recipient}', 200, 'gone'));
    expect((await call('DELETE', at, { key: 'acme' })).status).toBe(404);
  });

  it('the erasure routes with their examples: erased and read back as documented', async () => {
    const body = example<{ recipient: string }>('POST /erasures body phone');
    const sent = await call('POST', '/sendMessage', {
      key: 'acme',
      body: { type: 'sms', recipient: body.recipient, content: 'to be erased' },
    });
    expect(sent.status).toBe(200);
    const created = await call('POST', '/erasures', { key: 'acme', body });
    expect(created.status).toBe(202);
    const job = await json(created);
    // The hash is keyed by the deployment's secret, the count by what this run sent.
    const varying = { recipientHash: 'h', erased: 0, completedAt: 't' };
    const documented = answerExample('POST /erasures', 202, 'phone');
    expect(stable({ ...job, ...varying })).toEqual(stable({ ...documented, ...varying }));
    expect(job.erased).toBe(1);
    example('GET /erasures/{id} path id');
    const read = await call('GET', `/erasures/${job.id as string}`, { key: 'acme' });
    expect(await json(read)).toEqual(job);
  });

  /** A message the log holds as sent through `provider`, as the receipt example names it. */
  const sentThrough = async (id: string, provider: string, providerMessageId: string) => {
    await service.container.messageLog.create(
      messageRecord({ id, tenant: 'default', provider, providerMessageId, status: 'sent' }),
    );
  };
  const statusOf = async (id: string) => ((await json(await call('GET', `/messages/${id}`))) as Json).status;
  const received = (route: string) => answerExample(route, 200, 'received');
  /** A form POSTed as Twilio posts it, signed over the URL it calls. */
  const postTwilio = (url: string, params: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilio(TWILIO_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });

  it('POST /webhooks/twilio: the callback example, signed as Twilio signs it, delivers the message it names', async () => {
    const messageId = example<string>(`POST /webhooks/twilio query ${TWILIO_MESSAGE_ID_PARAM}`);
    example('POST /webhooks/twilio header X-Twilio-Signature'); // Twilio's is over its own URL: signed below
    const params = example<Record<string, string>>('POST /webhooks/twilio body delivered');
    await sentThrough(messageId, 'twilio', params.MessageSid ?? '');
    const response = await postTwilio(
      `${service.url}/webhooks/twilio?${TWILIO_MESSAGE_ID_PARAM}=${messageId}`,
      params,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(received('POST /webhooks/twilio'));
    expect(await statusOf(messageId)).toBe('delivered');
  });

  it('POST /webhooks/twilio/inbound: the STOP example, signed, answers the documented empty TwiML and suppresses the sender', async () => {
    example('POST /webhooks/twilio/inbound header X-Twilio-Signature');
    const params = example<Record<string, string>>('POST /webhooks/twilio/inbound body stop');
    const response = await postTwilio(`${service.url}/webhooks/twilio/inbound`, params);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      document.paths['/webhooks/twilio/inbound']?.post?.responses['200']?.content?.['text/xml']?.example,
    );
    // The inbound tenant is the default one: the main key's.
    const page = await call('GET', `/suppressions?recipient=${encodeURIComponent(params.From ?? '')}`);
    expect(((await json(page)) as { items: Json[] }).items).toMatchObject([
      { recipient: params.From, channels: ['sms'], reason: 'unsubscribe' },
    ]);
  });

  it('POST /webhooks/meta: the status example, signed with the app secret, delivers the message it names', async () => {
    example('POST /webhooks/meta header X-Hub-Signature-256'); // over the exact bytes: signed below
    const webhook = example<{ entry: { changes: { value: { statuses: Json[] } }[] }[] }>(
      'POST /webhooks/meta body delivered',
    );
    const status = webhook.entry[0]?.changes[0]?.value.statuses[0] ?? {};
    const messageId = String(status.biz_opaque_callback_data);
    await sentThrough(messageId, 'meta', String(status.id));
    const body = JSON.stringify(webhook);
    const response = await fetch(`${service.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMeta(META_SECRET, body) },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(received('POST /webhooks/meta'));
    expect(await statusOf(messageId)).toBe('delivered');
  });

  it('POST /webhooks/ses: the SNS notification example, signed as SNS signs it, delivers the message it names', async () => {
    const notification = example<Record<string, string>>('POST /webhooks/ses body delivery');
    const event = JSON.parse(notification.Message ?? '') as { mail: { messageId: string; tags: Json } };
    const messageId = String((event.mail.tags.messageId as string[])[0]);
    await sentThrough(messageId, 'ses', event.mail.messageId);
    // The example's signature is a placeholder: SNS signs with its key, the test with its own.
    const signed = signer.sign(notification);
    const response = await fetch(`${service.url}/webhooks/ses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8' },
      body: JSON.stringify(signed),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(received('POST /webhooks/ses'));
    expect(await statusOf(messageId)).toBe('delivered');
  });

  it('DELETE /templates/{name} with its example: the documented answer, and the templated send example is then refused', async () => {
    const name = example<string>('DELETE /templates/{name} path name');
    const deleted = await call('DELETE', `/templates/${name}`);
    expect(deleted.status).toBe(200);
    const body = await json(deleted);
    expect(body.deletedAt).toEqual(expect.any(String));
    const then = { deletedAt: 'then' };
    expect(stable({ ...body, ...then })).toEqual(
      stable({ ...answerExample('DELETE /templates/{name}', 200, 'deleted'), ...then }),
    );
    const send = await call('POST', '/sendMessage', {
      body: example('POST /sendMessage body passwordReset'),
    });
    expect(send.status).toBe(410);
    expect(((await json(send)).error as Json).code).toBe('TEMPLATE_DELETED');
  });

  it('POST /messages/batch and DELETE /messages/{id}: the batch example answers as documented, its scheduled message is canceled as documented', async () => {
    const body = example('POST /messages/batch body mixed');
    const scheduled = answerExample('POST /sendMessage', 202, 'scheduled');
    fixedNow = new Date(scheduled.createdAt as string);
    let answer: Json;
    try {
      const batch = await call('POST', '/messages/batch', { body });
      expect(batch.status).toBe(207);
      answer = await json(batch);
    } finally {
      fixedNow = undefined;
    }
    // The refused message's requestId is this request's.
    const withoutRequestId = (value: Json) =>
      (value.results as Json[]).map((result) =>
        result.error ? { ...result, error: { ...(result.error as Json), requestId: null } } : result,
      );
    expect(stable(withoutRequestId(answer))).toEqual(
      stable(withoutRequestId(answerExample('POST /messages/batch', 207, 'mixed'))),
    );
    const later = (((answer.results as Json[])[1] as Json).message as Json).id as string;

    example('DELETE /messages/{id} path id');
    const canceled = await call('DELETE', `/messages/${later}`);
    expect(canceled.status).toBe(200);
    expect(stable(await json(canceled))).toEqual(
      stable(answerExample('DELETE /messages/{id}', 200, 'canceled')),
    );
    expect((await json(await call('GET', `/messages/${later}`))).status).toBe('canceled');

    // A tenant of its own: the send and resend routes' tests used the same key example in theirs.
    const manage = service.container.manageKeys;
    const own = (await manage.create({ name: 'batch', tenant: 'batch', scopes: ['messages:send'] })).apiKey;
    const headers = { 'idempotency-key': example<string>('POST /messages/batch header Idempotency-Key') };
    const immediate = { messages: (body.messages as Json[]).filter((message) => !message.sendAt) };
    const first = await call('POST', '/messages/batch', { key: own, body: immediate, headers });
    expect(first.status).toBe(207);
    const again = await call('POST', '/messages/batch', { key: own, body: immediate, headers });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(await json(first));
  });

  it('has sent every request example of the document', () => {
    expect([...unsent.keys()]).toEqual([]);
  });
});

describe('the reference page', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service?.close());

  it('is served at GET /docs with its renderer from the package, not from elsewhere', async () => {
    const page = await service.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/docs/swagger-ui-bundle.js', '/docs/start.js']);
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await service.get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    expect(await (await service.get('/docs/start.js')).text()).toContain("url: '/openapi.json'");
  });
});
