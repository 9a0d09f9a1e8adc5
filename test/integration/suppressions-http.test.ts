import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { ContainerOverrides } from '../../lib/host/container.js';
import type { Provider, ProviderRegistry } from '../../lib/ports/provider.js';
import type { SuppressionList } from '../../lib/ports/suppression-list.js';
import { rejected } from '../support/channels.js';
import { recordingProviders } from '../support/fake-providers.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { keyedFetch, startTestService, type TestService } from '../support/service.js';
import { type Store, storeEnvs } from '../support/store-env.js';

const stores = storeEnvs();
afterAll(() => stores.close());

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

type ErrorAnswer = { error: { code: string; details?: { field: string; message: string }[] } };

/** The service with keys of two tenants: an admin and a sender of `acme`, an admin of `globex`. */
async function start(store: Store, overrides: ContainerOverrides = {}) {
  const env = { ...(await stores.env(store, { allTables: true })), AUTH: 'required' };
  service = await startTestService({ env, overrides });
  const keys = service.container.manageKeys;
  const key = async (tenant: string, scopes: Parameters<typeof keys.create>[0]['scopes']) =>
    (await keys.create({ name: `${tenant} ${scopes.join(' ')}`, tenant, scopes })).apiKey;
  const running = service;
  const call = keyedFetch(() => running.url);
  return {
    service: running,
    call,
    admin: await key('acme', ['suppressions:manage', 'messages:read']),
    sender: await key('acme', ['messages:send', 'messages:read']),
    theirs: await key('globex', ['suppressions:manage', 'messages:send']),
  };
}

describe.each(['sqlite', 'dynamodb'] as const)('the suppressions routes on %s', (store) => {
  it('adds (every channel of the recipient kind by default), lists, and lifts', async () => {
    const { call, admin } = await start(store);
    const put = await call('PUT', '/suppressions/%2B14155550123', admin, {});
    expect(put.status).toBe(200);
    const entry = (await put.json()) as Record<string, unknown>;
    expect(entry).toMatchObject({
      recipient: '+14155550123',
      channels: ['sms', 'whatsapp'],
      reason: 'manual',
      source: { provider: null, messageId: null },
    });
    expect((entry.source as { keyId: string }).keyId).toMatch(/^[a-z0-9]{13}$/);
    expect(entry).not.toHaveProperty('tenant');
    await call('PUT', '/suppressions/Someone@Example.COM', admin, {
      channels: ['email'],
      reason: 'complaint',
    });

    const list = (await (await call('GET', '/suppressions', admin)).json()) as {
      items: { recipient: string }[];
    };
    expect(list.items.map((e) => e.recipient).sort()).toEqual(['+14155550123', 'someone@example.com']);
    const filtered = await call('GET', '/suppressions?reason=complaint&channel=email', admin);
    expect(((await filtered.json()) as { items: unknown[] }).items).toHaveLength(1);

    const lifted = await call('DELETE', '/suppressions/%2B14155550123?channel=sms', admin);
    expect(await lifted.json()).toMatchObject({
      recipient: '+14155550123',
      remaining: { channels: ['whatsapp'] },
    });
    const gone = await call('DELETE', '/suppressions/+14155550123', admin);
    expect(await gone.json()).toEqual({ recipient: '+14155550123', remaining: null });
    const again = await call('DELETE', '/suppressions/+14155550123', admin);
    expect(again.status).toBe(404);
    expect(((await again.json()) as ErrorAnswer).error.code).toBe('NOT_FOUND');
  });

  it('names the field of a bad recipient, channel, reason or query', async () => {
    const { call, admin } = await start(store);
    const cases: [string, string, unknown, string][] = [
      ['PUT', '/suppressions/not-a-number', {}, 'recipient'],
      ['PUT', '/suppressions/%2B14155550123', { channels: ['email'] }, 'channels'],
      ['PUT', '/suppressions/%2B14155550123', { reason: 'annoyed' }, 'reason'],
      ['PUT', '/suppressions/%2B14155550123', { channels: [] }, 'channels'],
      ['GET', '/suppressions?channel=fax', undefined, 'channel'],
      ['GET', '/suppressions?cursor=bogus', undefined, 'cursor'],
      ['DELETE', '/suppressions/a@example.com?channel=sms', undefined, 'channel'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await call(method, path, admin, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      const answer = (await response.json()) as ErrorAnswer;
      expect(
        answer.error.details?.map((d) => d.field),
        `${method} ${path}`,
      ).toContain(field);
    }
  });

  it("keeps each tenant's list to itself, and needs suppressions:manage", async () => {
    const { call, admin, sender, theirs } = await start(store);
    await call('PUT', '/suppressions/%2B14155550123', theirs, { channels: ['sms'] });
    expect(
      ((await (await call('GET', '/suppressions', admin)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    expect((await call('DELETE', '/suppressions/%2B14155550123', admin)).status).toBe(404);
    const theirList = (await (await call('GET', '/suppressions', theirs)).json()) as { items: unknown[] };
    expect(theirList.items).toHaveLength(1);
    // globex's entry does not stop acme's sends.
    const sent = await call('POST', '/sendMessage', sender, {
      type: 'sms',
      recipient: '+14155550123',
      content: 'hi',
    });
    expect(sent.status).toBe(200);
    const refused = await call('GET', '/suppressions', sender);
    expect(refused.status).toBe(403);
  });

  it('refuses a send to a suppressed recipient with 422, logged failed, no provider called', async () => {
    const fake = recordingProviders();
    const recorded = recordingMetrics();
    const { call, admin, sender } = await start(store, {
      providers: fake.providers,
      metrics: recorded.metrics,
    });
    await call('PUT', '/suppressions/%2B14155550123', admin, { channels: ['sms'], reason: 'unsubscribe' });
    await call('PUT', '/suppressions/user@example.com', admin, {});

    for (const [body, headers] of [
      [{ type: 'sms', recipient: '+1 415 555 0123', content: 'hi' }, {}],
      [{ type: 'email', recipient: 'User@EXAMPLE.com', content: 'hi' }, {}],
      [{ type: 'sms', recipient: '+14155550123', content: 'queued?' }, { prefer: 'respond-async' }],
    ] as const) {
      const response = await call('POST', '/sendMessage', sender, body, headers);
      expect(response.status).toBe(422);
      const answer = (await response.json()) as ErrorAnswer & { message: MessageRecord };
      expect(answer.error).toMatchObject({ code: 'RECIPIENT_SUPPRESSED', retryable: false });
      expect(answer.message).toMatchObject({
        status: 'failed',
        provider: null,
        error: { code: 'RECIPIENT_SUPPRESSED', retryable: false },
      });
      const logged = await call('GET', `/messages/${answer.message.id}`, sender);
      expect(await logged.json()).toMatchObject({
        status: 'failed',
        error: { code: 'RECIPIENT_SUPPRESSED' },
      });
    }
    expect(fake.calls).toEqual([]);
    expect(recorded.named('MessageSuppressed').map((m) => m.dimensions.channel)).toEqual([
      'sms',
      'email',
      'sms',
    ]);

    // The other channel of the number is not suppressed.
    const whatsapp = await call('POST', '/sendMessage', sender, {
      type: 'whatsapp',
      recipient: '+14155550123',
      content: 'hi',
    });
    expect(whatsapp.status).toBe(200);
    expect(fake.calls.map((c) => c.type)).toEqual(['whatsapp']);
  });

  it('sends again once the suppression is lifted', async () => {
    const { call, admin, sender } = await start(store);
    await call('PUT', '/suppressions/%2B14155550123', admin, {});
    const sms = { type: 'sms', recipient: '+14155550123', content: 'hi' };
    expect((await call('POST', '/sendMessage', sender, sms)).status).toBe(422);
    await call('DELETE', '/suppressions/%2B14155550123', admin);
    expect((await call('POST', '/sendMessage', sender, sms)).status).toBe(200);
  });
});

describe('the send when the suppression list fails or a provider reports an opt-out', () => {
  it('answers 503 SUPPRESSIONS_UNAVAILABLE, logging and sending nothing, when the list cannot be read', async () => {
    const fake = recordingProviders();
    const broken: SuppressionList = {
      get: async () => {
        throw new Error('connection reset');
      },
      add: async () => {
        throw new Error('connection reset');
      },
      lift: async () => 'absent',
      list: async () => ({ items: [], nextCursor: null }),
      erase: async () => false,
      close: async () => {},
    };
    const { call, sender } = await start('sqlite', { providers: fake.providers, suppressions: broken });
    const response = await call('POST', '/sendMessage', sender, {
      type: 'sms',
      recipient: '+14155550123',
      content: 'hi',
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as ErrorAnswer).error).toMatchObject({
      code: 'SUPPRESSIONS_UNAVAILABLE',
      retryable: true,
    });
    expect(fake.calls).toEqual([]);
    const logged = (await (await call('GET', '/messages', sender)).json()) as { items: unknown[] };
    expect(logged.items).toEqual([]);
  });

  it('suppresses the number when Twilio refuses the send with 21610', async () => {
    const twilio: Provider = {
      name: 'twilio',
      channel: 'sms',
      send: async () => rejected('21610', 'Attempt to send to unsubscribed recipient', false),
    };
    const providers = { ...recordingProviders().providers, sms: [twilio] } as ProviderRegistry;
    const { call, admin, sender } = await start('sqlite', { providers });
    const sms = { type: 'sms', recipient: '+14155550123', content: 'hi' };
    const first = await call('POST', '/sendMessage', sender, sms);
    expect(((await first.json()) as ErrorAnswer).error.code).toBe('PROVIDER_REJECTED');
    const list = (await (await call('GET', '/suppressions', admin)).json()) as { items: unknown[] };
    expect(list.items).toEqual([
      expect.objectContaining({
        recipient: '+14155550123',
        channels: ['sms'],
        reason: 'unsubscribe',
        source: expect.objectContaining({ provider: 'twilio' }),
      }),
    ]);
    const second = await call('POST', '/sendMessage', sender, sms);
    expect(((await second.json()) as ErrorAnswer).error.code).toBe('RECIPIENT_SUPPRESSED');
  });
});
