import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';
import { storeEnvs } from '../support/store-env.js';

// GET /stats over HTTP: the counts follow the sends, within the caller's tenant, behind messages:read.

let service: TestService;
afterEach(async () => service?.close());
const stores = storeEnvs();
afterAll(() => stores.close());

const FIXED = new Date('2026-03-01T09:30:00.000Z');

async function start(env: Record<string, string> = {}) {
  service = await startTestService({ env: { AUTH: 'required', ...env }, overrides: { clock: () => FIXED } });
  const keys = service.container.manageKeys;
  const key = async (tenant: string, scopes: ('messages:send' | 'messages:read')[]) =>
    (await keys.create({ name: tenant, tenant, scopes })).apiKey;
  return {
    acme: await key('acme', ['messages:send', 'messages:read']),
    globex: await key('globex', ['messages:send', 'messages:read']),
    sendOnly: await key('acme', ['messages:send']),
  };
}

const call = (path: string, apiKey: string, body?: unknown) =>
  fetch(`${service.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('GET /stats', () => {
  it("counts the tenant's sends by hour or day, channel and status, as they happen", async () => {
    const { acme, globex } = await start();
    const sms = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };
    expect((await call('/sendMessage', acme, sms)).status).toBe(200);
    expect((await call('/sendMessage', acme, sms)).status).toBe(200);
    // The mock refuses this number: failed.
    expect((await call('/sendMessage', acme, { ...sms, recipient: '+15005550001' })).status).toBe(422);
    expect((await call('/sendMessage', globex, sms)).status).toBe(200);

    const response = await call('/stats?from=2026-03-01T00:00:00Z&to=2026-03-02&bucket=hour', acme);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      granularity: 'hour',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      items: [
        { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'failed', count: 1 },
        { bucket: '2026-03-01T09:00:00.000Z', channel: 'sms', status: 'sent', count: 2 },
      ],
    });
    // Defaults to hours; widened to whole days with bucket=day.
    const days = await call('/stats?from=2026-03-01T12:00:00Z&to=2026-03-01T13:00:00Z&bucket=day', globex);
    expect(await days.json()).toEqual({
      granularity: 'day',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      items: [{ bucket: '2026-03-01T00:00:00.000Z', channel: 'sms', status: 'sent', count: 1 }],
    });
  });

  it.each([
    ['', ['from', 'to']],
    ['?from=2026-03-02&to=2026-03-01', ['to']],
    ['?from=yesterday&to=2026-03-01', ['from']],
    ['?from=2026-01-01&to=2026-03-01', ['to']],
    ['?from=2026-01-01&to=2026-03-01&bucket=week', ['bucket']],
    ['?from=2026-03-01&to=2026-03-02&tenant=globex', ['tenant']],
  ])('answers 400 naming the field for %s', async (query, fields) => {
    const { acme } = await start();
    const response = await call(`/stats${query}`, acme);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; details: { field: string }[] } };
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details.map((detail) => detail.field).sort()).toEqual(fields);
  });

  it('needs messages:read', async () => {
    const { sendOnly } = await start();
    const response = await call('/stats?from=2026-03-01&to=2026-03-02', sendOnly);
    expect(response.status).toBe(403);
  });

  it('answers 503 STATS_UNAVAILABLE where a DynamoDB deployment keeps no stats table', async () => {
    const { acme } = await start(await stores.env('dynamodb', { allTables: true }));
    const response = await call('/stats?from=2026-03-01&to=2026-03-02', acme);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('STATS_UNAVAILABLE');
  });
});
