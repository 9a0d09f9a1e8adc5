import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../lib/domain/api-key.js';
import { apiFunction, apiHandler } from '../../../lib/http/api-handler.js';
import { ok } from '../../../lib/http/response.js';
import { createLogger, type Logger } from '../../../lib/logger.js';

describe('apiHandler', () => {
  it('keeps two invocations with one event object apart: each its own caller, request id and lines', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ write: (line) => lines.push(JSON.parse(line)) });
    let calls = 0;
    const deps = {
      logger,
      auth: 'required' as const,
      clock: () => new Date(),
      rateLimiter: { consume: async () => ({ allowed: true as const }), close: async () => {} },
      // The first caller is authenticated after the second has finished.
      authenticate: async (_key: string | undefined, options?: { logger?: Logger }): Promise<Principal> => {
        const tenant = `tenant-${++calls}`;
        await new Promise((resolve) => setTimeout(resolve, tenant === 'tenant-1' ? 30 : 1));
        options?.logger?.info('authenticated', { tenant });
        return {
          keyId: tenant,
          tenant,
          scopes: ['messages:read'],
          limits: { perSecond: null, perDay: null },
        };
      },
    };
    const handler = apiHandler(
      () => deps,
      { body: 'none', scope: 'messages:read' },
      async (_, __, call) => {
        call.logger.info('route', { tenant: call.caller.tenant });
        return ok({ tenant: call.caller.tenant });
      },
    );
    const event = {
      httpMethod: 'GET',
      headers: { 'x-api-key': 'k' },
      requestContext: {},
    } as unknown as APIGatewayProxyEvent;

    const [first, second] = await Promise.all([
      handler(event, { awsRequestId: 'A' } as Context),
      handler(event, { awsRequestId: 'B' } as Context),
    ]);

    expect([first.headers?.['x-request-id'], JSON.parse(first.body)]).toEqual(['A', { tenant: 'tenant-1' }]);
    expect([second.headers?.['x-request-id'], JSON.parse(second.body)]).toEqual([
      'B',
      { tenant: 'tenant-2' },
    ]);
    expect(lines.map((line) => [line.msg, line.requestId, line.tenant]).sort()).toEqual([
      ['authenticated', 'A', 'tenant-1'],
      ['authenticated', 'B', 'tenant-2'],
      ['route', 'A', 'tenant-1'],
      ['route', 'B', 'tenant-2'],
    ]);
  });
});

describe('CORS for the hosted console', () => {
  const event = { httpMethod: 'GET', headers: {}, requestContext: {} } as unknown as APIGatewayProxyEvent;
  const logger = createLogger({ write: () => undefined });
  const routeOf = (corsOrigin: string | null, fail = false) =>
    apiHandler(
      () => ({ logger, corsOrigin }),
      { body: 'none', scope: null },
      async () => {
        if (fail) throw new Error('boom');
        return ok({});
      },
    );

  it('allows the configured origin only, on answers and on errors, and exposes the request id', async () => {
    for (const fail of [false, true]) {
      const result = await routeOf('https://console.example.com', fail)(event, {} as Context);
      expect(result.statusCode).toBe(fail ? 500 : 200);
      expect(result.headers).toMatchObject({
        'access-control-allow-origin': 'https://console.example.com',
        vary: 'Origin',
      });
      expect(String(result.headers?.['access-control-expose-headers'])).toContain('x-request-id');
    }
  });

  it('allows no origin when none is configured', async () => {
    const result = await routeOf(null)(event, {} as Context);
    expect(result.headers).not.toHaveProperty('access-control-allow-origin');
  });
});

// A key check that is never reached: authentication is off.
const NO_AUTH = {
  clock: () => new Date(),
  rateLimiter: { consume: async () => ({ allowed: true as const }), close: async () => {} },
  authenticate: async (): Promise<Principal> => {
    throw new Error('not reached');
  },
};

describe('apiFunction', () => {
  it("builds a route's middlewares when the route is first asked for, once", async () => {
    const logger = createLogger({ write: () => undefined });
    const built: string[] = [];
    const deps = () => ({ logger, auth: 'off' as const, ...NO_AUTH });
    const handler = apiFunction('manageKeys', deps, {
      'POST /keys': { route: async () => ({ statusCode: 201, body: {} as never }), use: () => used('POST') },
      'GET /keys': { route: async () => ok({ items: [] }), use: () => used('GET') },
      'DELETE /keys/{id}': async () => ok({} as never),
      'GET /me': async () => ok({} as never),
    });
    function used(route: string) {
      built.push(route);
      return [];
    }
    expect(built).toEqual([]);
    const get = { httpMethod: 'GET', resource: '/keys', headers: {}, requestContext: {} };
    for (let i = 0; i < 2; i++) {
      const result = await handler(get as unknown as APIGatewayProxyEvent, {} as Context);
      expect(result.statusCode).toBe(200);
    }
    expect(built).toEqual(['GET']);
  });
});
