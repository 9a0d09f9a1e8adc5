import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SCOPES } from '../../lib/domain/api-key.js';
import { ERASED } from '../../lib/domain/message.schema.js';
import { keyedFetch, startTestService, type TestService } from '../support/service.js';
import { type Store, storeEnvs } from '../support/store-env.js';

const stores = storeEnvs();
afterAll(() => stores.close());

const X = '+14155550123';
const DIGITS = '4155550123';
type Page<T> = { items: T[]; nextCursor: string | null };
type Job = { id: string; erased: number; status: string; recipientHash: string; tenant: string };

/** The service with an all-scopes key of `acme` and one of `globex`. */
async function start(store: Store) {
  const env = { ...(await stores.env(store, { allTables: true })), AUTH: 'required' };
  const service = await startTestService({ env });
  const keys = service.container.manageKeys;
  const key = async (tenant: string) =>
    (await keys.create({ name: `${tenant} admin`, tenant, scopes: [...SCOPES] })).apiKey;
  const call = keyedFetch(() => service.url);
  const as = (apiKey: string) => ({
    call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      call(method, path, apiKey, body, headers),
    json: async <T>(path: string): Promise<T> => (await (await call('GET', path, apiKey)).json()) as T,
    text: async (path: string): Promise<string> => {
      const answer = await call('GET', path, apiKey);
      expect(answer.status, path).toBe(200);
      return answer.text();
    },
    send: async (recipient: string, key?: string) =>
      call(
        'POST',
        '/sendMessage',
        apiKey,
        { type: 'sms', recipient, content: 'Your code is 123456' },
        key ? { 'idempotency-key': key } : {},
      ),
  });
  return { service, store, acme: as(await key('acme')), globex: as(await key('globex')) };
}

describe.each(['sqlite', 'dynamodb'] as const)('POST /erasures over HTTP on %s', (store) => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('leaves nothing findable by the original recipient on any route, and keeps other recipients', async () => {
    const started = await start(store);
    service = started.service;
    const { acme } = started;
    const first = (await (await acme.send(X, 'k1')).json()) as { id: string };
    await acme.send('+1 415 555 0123');
    const other = (await (await acme.send('+14155550199')).json()) as { id: string };
    expect(
      (await acme.call('PUT', `/suppressions/${encodeURIComponent(X)}`, { channels: ['sms'] })).status,
    ).toBe(200);
    // Refused, and logged as a failed message to the recipient: erased with the rest.
    expect((await acme.send(X)).status).toBe(422);

    const answer = await acme.call('POST', '/erasures', { recipient: '+1 (415) 555-0123' });
    expect(answer.status).toBe(202);
    const job = (await answer.json()) as Job;
    expect(job).toMatchObject({ status: 'completed', erased: 3, tenant: 'acme' });
    expect(await acme.json(`/erasures/${job.id}`)).toEqual(job);

    const messages = await acme.json<Page<{ id: string }>>('/messages?limit=100');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const routes = [
      '/messages?limit=100',
      `/messages?recipient=${encodeURIComponent(X)}`,
      ...messages.items.flatMap(({ id }) => [`/messages/${id}`, `/messages/${id}/events`]),
      '/suppressions',
      `/suppressions?recipient=${encodeURIComponent(X)}`,
      '/suppressions?channel=sms&reason=manual',
      `/erasures/${job.id}`,
      '/keys',
      '/me',
      // Kept offline only (DynamoDB counts from the table's stream, which dynalite lacks).
      ...(store === 'sqlite' ? ['/webhook-endpoints', `/stats?bucket=day&from=${day(-1)}&to=${day(1)}`] : []),
    ];
    for (const path of routes) expect(await acme.text(path), path).not.toContain(DIGITS);
    expect((await acme.json<Page<unknown>>(`/messages?recipient=${encodeURIComponent(X)}`)).items).toEqual(
      [],
    );
    expect(JSON.parse(await acme.text(`/messages/${first.id}`))).toMatchObject({
      recipient: job.recipientHash,
      content: ERASED,
    });
    expect(messages.items.map((m) => m.id)).toContain(other.id);

    // The entry stays, under the recipient's keyed hash: found by the recipient, and still refusing.
    const entries = await acme.json<Page<{ recipient: string; channels: string[] }>>(
      `/suppressions?recipient=${encodeURIComponent(X)}`,
    );
    expect(entries.items).toMatchObject([{ channels: ['sms'] }]);
    const hashed = entries.items[0]?.recipient ?? '';
    expect(hashed).toMatch(/^[0-9a-f]{64}$/);
    const refused = await acme.send(X);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RECIPIENT_SUPPRESSED');

    // The kept answer of the original send is gone: the same request is not replayed.
    const again = await acme.send(X, 'k1');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(((await again.json()) as { id: string }).id).not.toBe(first.id);

    // PUT and DELETE with the original recipient reach the hashed entry, which stays hashed.
    const put = await acme.call('PUT', `/suppressions/${encodeURIComponent(X)}`, { channels: ['whatsapp'] });
    expect(await put.json()).toMatchObject({ recipient: hashed, channels: ['sms', 'whatsapp'] });
    expect((await acme.json<Page<unknown>>('/suppressions')).items).toHaveLength(1);
    const lifted = await acme.call('DELETE', `/suppressions/${encodeURIComponent(X)}?channel=sms`);
    expect(await lifted.json()).toMatchObject({ remaining: { recipient: hashed, channels: ['whatsapp'] } });
    expect(await (await acme.call('DELETE', `/suppressions/${encodeURIComponent(X)}`)).json()).toMatchObject({
      remaining: null,
    });
    expect((await acme.call('DELETE', `/suppressions/${encodeURIComponent(X)}`)).status).toBe(404);
    expect((await acme.send(X)).status).toBe(200);
  });

  it("touches only the erasing tenant: another tenant's messages, entry and list by recipient stay, its job is a 404 to them", async () => {
    const started = await start(store);
    service = started.service;
    const { acme, globex } = started;
    await acme.send(X);
    const theirs = (await (await globex.send(X)).json()) as { id: string };
    await acme.call('PUT', `/suppressions/${encodeURIComponent(X)}`, {});
    await globex.call('PUT', `/suppressions/${encodeURIComponent(X)}`, {
      channels: ['sms'],
      reason: 'complaint',
    });
    const byRecipient = `/messages?recipient=${encodeURIComponent(X)}`;
    const before = {
      list: await globex.text(byRecipient),
      message: await globex.text(`/messages/${theirs.id}`),
      events: await globex.text(`/messages/${theirs.id}/events`),
      entries: await globex.text('/suppressions'),
    };

    const job = (await (await acme.call('POST', '/erasures', { recipient: X })).json()) as Job;
    expect(job).toMatchObject({ erased: 1, tenant: 'acme' });

    expect({
      list: await globex.text(byRecipient),
      message: await globex.text(`/messages/${theirs.id}`),
      events: await globex.text(`/messages/${theirs.id}/events`),
      entries: await globex.text('/suppressions'),
    }).toEqual(before);
    expect(JSON.parse(before.list)).toMatchObject({ items: [{ id: theirs.id, recipient: X }] });
    expect(JSON.parse(before.entries)).toMatchObject({ items: [{ recipient: X, reason: 'complaint' }] });
    expect((await globex.send(X)).status).toBe(422);

    const foreign = await globex.call('GET', `/erasures/${job.id}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain(job.recipientHash);
    expect((await acme.call('GET', `/erasures/${job.id}`)).status).toBe(200);
    // globex's own erasure of X erases only its own.
    expect(await (await globex.call('POST', '/erasures', { recipient: X })).json()).toMatchObject({
      erased: 2,
    });
    expect((await acme.json<Page<unknown>>(byRecipient)).items).toEqual([]);
  });
});

describe('POST /erasures answers', () => {
  let service: TestService;
  afterEach(async () => service?.close());

  it('answers 400 naming the recipient, and 404 for an unknown job', async () => {
    service = await startTestService();
    const bad = await service.post('/erasures', { recipient: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('recipient');
    expect((await service.get('/erasures/01JD0Y4ZQ9R6T3K1M8XW2B7C5E')).status).toBe(404);
  });
});

describe('LOG_CONTENT=redacted over HTTP', () => {
  let service: TestService;
  afterEach(async () => service?.close());

  it('logs [redacted] with the length and SHA-256 of the content, sends synchronously, refuses a resend', async () => {
    service = await startTestService({ env: { LOG_CONTENT: 'redacted' } });
    const content = 'Your code is 123456';
    const sent = await service.post(
      '/sendMessage',
      { type: 'email', recipient: 'a@example.com', subject: 'Secret', content },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(200);
    const record = (await sent.json()) as { id: string };
    const stored = await (await service.get(`/messages/${record.id}`)).text();
    expect(stored).not.toContain('123456');
    expect(stored).not.toContain('Secret');
    const { createHash } = await import('node:crypto');
    expect(JSON.parse(stored)).toMatchObject({
      status: 'sent',
      content: '[redacted]',
      subject: '[redacted]',
      contentDigest: { length: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    });
    expect(service.rawLogs()).not.toContain('123456');
  });

  it("logs a templated email's HTML part as [redacted] too", async () => {
    service = await startTestService({ env: { LOG_CONTENT: 'redacted' } });
    const template = {
      email: { subject: 'Hi {{name}}', text: 'Hello {{name}}', html: '<p>Hello {{name}}</p>' },
    };
    const put = await fetch(`${service.url}/templates/welcome`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(template),
    });
    expect(put.status).toBe(201);
    const sent = await service.post('/sendMessage', {
      type: 'email',
      recipient: 'a@example.com',
      template: 'welcome',
      data: { name: 'Zephyrine' },
    });
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const stored = JSON.parse(await (await service.get(`/messages/${id}`)).text());
    expect(stored).toMatchObject({
      template: 'welcome',
      content: '[redacted]',
      subject: '[redacted]',
      html: '[redacted]',
    });
    expect(JSON.stringify(stored)).not.toContain('Zephyrine');
    expect(service.rawLogs()).not.toContain('Zephyrine');
  });

  it('refuses a scheduled send and a batch, which would need the content kept for a worker', async () => {
    service = await startTestService({ env: { LOG_CONTENT: 'redacted' } });
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const message = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };
    const scheduled = await service.post('/sendMessage', { ...message, sendAt });
    expect(scheduled.status).toBe(400);
    expect(JSON.stringify(await scheduled.json())).toMatch(/sendAt.*LOG_CONTENT=redacted/);
    const batch = await service.post('/messages/batch', { messages: [message] });
    expect(batch.status).toBe(400);
    expect(JSON.stringify(await batch.json())).toMatch(/messages.*LOG_CONTENT=redacted/);
    expect((await (await service.get('/messages')).json()) as { items: unknown[] }).toMatchObject({
      items: [],
    });
  });
});
