import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';

let service: TestService;
let admin: string;
let sender: string;

beforeEach(async () => {
  service = await startTestService({ env: { AUTH: 'required' } });
  const keys = service.container.manageKeys;
  admin = (
    await keys.create({
      name: 'admin',
      tenant: 'acme',
      scopes: ['keys:manage', 'messages:read'],
      limits: { perSecond: 20, perDay: 1_000 },
    })
  ).apiKey;
  sender = (await keys.create({ name: 'sender', tenant: 'acme', scopes: ['messages:send'] })).apiKey;
  await keys.create({ name: 'theirs', tenant: 'globex', scopes: ['messages:send'] });
});
afterEach(async () => service.close());

const call = (method: string, path: string, apiKey: string, body?: unknown) =>
  fetch(`${service.url}${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the keys routes (keys:manage, within the caller tenant)', () => {
  it('creates a key of the caller tenant, shown once, that works at once', async () => {
    const response = await call('POST', '/keys', admin, {
      name: 'reports',
      scopes: ['messages:read'],
      limits: { perSecond: 5 },
    });

    expect(response.status).toBe(201);
    const { apiKey, key } = (await response.json()) as { apiKey: string; key: Record<string, unknown> };
    expect(key).toMatchObject({ name: 'reports', tenant: 'acme', scopes: ['messages:read'] });
    expect(key.limits).toEqual({ perSecond: 5, perDay: 1_000 }); // the caller's own, unless lower
    expect(key).not.toHaveProperty('hash');
    expect((await call('GET', '/messages', apiKey)).status).toBe(200);
  });

  it('refuses a tenant in the body (a key is for the caller tenant only), naming the field', async () => {
    const response = await call('POST', '/keys', admin, {
      name: 'x',
      tenant: 'globex',
      scopes: ['messages:send'],
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field)).toContain('tenant');
  });

  it.each([
    ['a scope the caller lacks', { scopes: ['messages:send'] }, 'scopes'],
    [
      'no per-second limit where the caller has one',
      { scopes: ['messages:read'], limits: { perSecond: null } },
      'limits.perSecond',
    ],
    [
      'a daily limit above the caller',
      { scopes: ['messages:read'], limits: { perDay: 1_001 } },
      'limits.perDay',
    ],
  ])('refuses a key beyond the caller: %s, naming the field', async (_, fields, field) => {
    const response = await call('POST', '/keys', admin, { name: 'x', ...fields });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field)).toEqual([field]);
    expect((await service.container.keys.list('acme')).map((k) => k.name)).not.toContain('x');
  });

  it("lists the caller tenant's keys only, without hashes", async () => {
    const response = await call('GET', '/keys', admin);

    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    expect(items.map((k) => k.name).sort()).toEqual(['admin', 'sender']);
    expect(JSON.stringify(items)).not.toMatch(/hash/);
  });

  it("revokes a key of the tenant (then 401), and answers 404 for another tenant's key", async () => {
    const keys = (await (await call('GET', '/keys', admin)).json()) as {
      items: { id: string; name: string }[];
    };
    const senderId = keys.items.find((k) => k.name === 'sender')?.id ?? '';
    const theirs = (await service.container.keys.list('globex'))[0]?.id ?? '';

    expect((await call('DELETE', `/keys/${senderId}`, admin)).status).toBe(200);
    expect((await call('DELETE', `/keys/${theirs}`, admin)).status).toBe(404);
    expect((await service.container.keys.get(theirs))?.revokedAt).toBeNull();
    const send = await call('POST', '/sendMessage', sender, {
      type: 'sms',
      recipient: '+14155550123',
      content: 'hi',
    });
    expect(send.status).toBe(401);
  });

  it('is 403 for a key without keys:manage', async () => {
    expect((await call('GET', '/keys', sender)).status).toBe(403);
    expect((await call('POST', '/keys', sender, { name: 'x', scopes: ['keys:manage'] })).status).toBe(403);
  });
});

describe('GET /me (any valid key)', () => {
  it("answers the caller key's id, name, tenant, scopes and limits, whatever its scopes", async () => {
    const response = await call('GET', '/me', sender);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      keyId: sender.split('_')[1],
      name: 'sender',
      tenant: 'acme',
      scopes: ['messages:send'],
      limits: { perSecond: 50, perDay: 100_000 },
      authentication: 'required',
    });
  });

  it('is 401 for a wrong or missing key, the same body as every route', async () => {
    const wrong = await call('GET', '/me', `${sender.slice(0, -2)}xx`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${service.url}/me`)).status).toBe(401);
  });

  it('names no key while authentication is off: every caller is the default tenant', async () => {
    const open = await startTestService();
    try {
      const response = await fetch(`${open.url}/me`);
      expect(await response.json()).toMatchObject({
        keyId: null,
        name: null,
        tenant: 'default',
        scopes: [
          'messages:send',
          'messages:read',
          'keys:manage',
          'webhooks:manage',
          'suppressions:manage',
          'privacy:manage',
          'templates:manage',
        ],
        authentication: 'off',
      });
    } finally {
      await open.close();
    }
  });
});
