import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyedFetch, startTestService, type TestService } from '../support/service.js';

// POST /messages/{id}/resend over HTTP, with authentication on (tenants and scopes matter here).

let service: TestService;
let acme: string;
let sendOnly: string;
let globex: string;

beforeEach(async () => {
  service = await startTestService({ env: { AUTH: 'required' } });
  const keys = service.container.manageKeys;
  const scopes = ['messages:send', 'messages:read'] as const;
  acme = (await keys.create({ name: 'acme', tenant: 'acme', scopes: [...scopes] })).apiKey;
  sendOnly = (await keys.create({ name: 'send', tenant: 'acme', scopes: ['messages:send'] })).apiKey;
  globex = (await keys.create({ name: 'globex', tenant: 'globex', scopes: [...scopes] })).apiKey;
});
afterEach(async () => service.close());

const call = keyedFetch(() => service.url);

type Record = { id: string; status: string; resendOf?: string; resentAs?: string[] } & {
  [k: string]: unknown;
};

async function failedMessage(): Promise<Record> {
  const response = await call('POST', '/sendMessage', acme, {
    type: 'sms',
    recipient: '+15005550001',
    content: 'Your code is 123456',
    metadata: { orderId: '123' },
  });
  expect(response.status).toBe(422);
  return ((await response.json()) as { message: Record }).message;
}

describe('POST /messages/{id}/resend', () => {
  it('sends a new message with the same channel, recipient and content, linked both ways', async () => {
    const original = await failedMessage();

    const response = await call('POST', `/messages/${original.id}/resend`, acme);

    // The mock refuses this number again: the same answer as a send, for the new message.
    expect(response.status).toBe(422);
    const resent = ((await response.json()) as { message: Record }).message;
    expect(resent.id).not.toBe(original.id);
    expect(resent).toMatchObject({
      type: 'sms',
      recipient: '+15005550001',
      content: 'Your code is 123456',
      tenant: 'acme',
      resendOf: original.id,
      metadata: { orderId: '123' },
    });
    const stored = (await (await call('GET', `/messages/${original.id}`, acme)).json()) as Record;
    expect(stored.resentAs).toEqual([resent.id]);
    expect(stored.status).toBe('failed');
  });

  it('queues the resend with Prefer: respond-async: 202 and its Location', async () => {
    const original = await failedMessage();

    const response = await call('POST', `/messages/${original.id}/resend`, acme, undefined, {
      prefer: 'respond-async',
    });

    expect(response.status).toBe(202);
    const resent = (await response.json()) as Record;
    expect(resent).toMatchObject({ status: 'queued', resendOf: original.id });
    expect(response.headers.get('location')).toBe(`/messages/${resent.id}`);
  });

  it('replays a resend repeated with its Idempotency-Key, and refuses that key for another message', async () => {
    const original = await failedMessage();
    const other = await failedMessage();
    const key = { 'idempotency-key': 'resend-once' };

    const first = await call('POST', `/messages/${original.id}/resend`, acme, undefined, key);
    const again = await call('POST', `/messages/${original.id}/resend`, acme, undefined, key);
    const elsewhere = await call('POST', `/messages/${other.id}/resend`, acme, undefined, key);

    expect(first.status).toBe(422);
    expect(again.status).toBe(422);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const resent = ((await first.json()) as { message: Record }).message;
    expect(((await again.json()) as { message: Record }).message.id).toBe(resent.id);
    const stored = (await (await call('GET', `/messages/${original.id}`, acme)).json()) as Record;
    expect(stored.resentAs).toEqual([resent.id]);
    expect(elsewhere.status).toBe(409);
    expect(((await elsewhere.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('refuses a message that has not failed (409 NOT_RESENDABLE) and sends nothing', async () => {
    const sent = (await (
      await call('POST', '/sendMessage', acme, { type: 'sms', recipient: '+14155550123', content: 'hi' })
    ).json()) as Record;

    const response = await call('POST', `/messages/${sent.id}/resend`, acme);

    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_RESENDABLE');
    const list = (await (await call('GET', '/messages', acme)).json()) as { items: Record[] };
    expect(list.items).toHaveLength(1);
  });

  it("answers 404 for an unknown id and for another tenant's message", async () => {
    const original = await failedMessage();

    expect((await call('POST', '/messages/01JD0Y4ZQ9R6T3K1M8XW2B7C5E/resend', acme)).status).toBe(404);
    expect((await call('POST', `/messages/${original.id}/resend`, globex)).status).toBe(404);
    expect(
      ((await (await call('GET', `/messages/${original.id}`, acme)).json()) as Record).resentAs,
    ).toBeUndefined();
  });

  it('needs messages:read besides messages:send (it reads the original)', async () => {
    const original = await failedMessage();

    const response = await call('POST', `/messages/${original.id}/resend`, sendOnly);

    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { requiredScope: string } }).error.requiredScope).toBe(
      'messages:read',
    );
  });
});
