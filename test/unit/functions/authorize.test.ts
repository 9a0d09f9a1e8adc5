import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/authorize.js';
import { createHandler as createGetHandler } from '../../../functions/get-message.js';
import { loadConfig } from '../../../lib/config.js';
import { type Container, createContainer } from '../../../lib/host/container.js';
import { createLogger } from '../../../lib/logger.js';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/messages/01ABC';
const context = { awsRequestId: 'req-1' } as Context;

let container: Container;
beforeEach(async () => {
  container = createContainer(await loadConfig({ DB_PATH: ':memory:', AUTH: 'required' }), {
    logger: createLogger({ level: 'silent' }),
  });
});
afterEach(async () => container.close());

const event = (apiKey?: string): APIGatewayRequestAuthorizerEvent =>
  ({
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers: apiKey === undefined ? {} : { 'X-Api-Key': apiKey },
    requestContext: { requestId: 'req-1' },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('the Lambda authorizer', () => {
  it("allows every route of the stage for a valid key and passes the key's id, tenant, scopes and limits", async () => {
    const keys = container.manageKeys;
    const { apiKey, key } = await keys.create({
      name: 'reader',
      tenant: 'acme',
      scopes: ['messages:read', 'messages:send'],
      limits: { perSecond: 7, perDay: null },
    });

    const result = await createHandler(() => container)(event(apiKey), context);

    expect(result).toEqual({
      principalId: key.id,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*',
          },
        ],
      },
      context: {
        keyId: key.id,
        tenant: 'acme',
        scopes: 'messages:read,messages:send',
        perSecond: 7,
        perDay: 0,
      },
    });
  });

  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['an unknown key', `msk_aaaaaaaaaaaaa_${'A'.repeat(43)}`],
  ])('answers "Unauthorized" (API Gateway\'s 401) for %s', async (_, apiKey) => {
    await expect(createHandler(() => container)(event(apiKey), context)).rejects.toThrow(/^Unauthorized$/);
  });

  it("logs a refusal under the event's request id, naming the key but not its secret", async () => {
    const lines: string[] = [];
    const logged = createContainer(await loadConfig({ DB_PATH: ':memory:', AUTH: 'required' }), {
      logger: createLogger({ write: (line) => lines.push(line) }),
    });
    try {
      const { apiKey, key } = await logged.manageKeys.create({
        name: 'k',
        tenant: 'acme',
        scopes: ['messages:read'],
        limits: { perSecond: null, perDay: null },
      });
      const wrong = `${apiKey.slice(0, -4)}AAAA`;
      await expect(createHandler(() => logged)(event(wrong), context)).rejects.toThrow('Unauthorized');
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({ msg: 'authentication failed', requestId: 'req-1', keyId: key.id }),
      ]);
      expect(lines.join('\n')).not.toContain(wrong);
    } finally {
      await logged.close();
    }
  });

  it('answers "Unauthorized" for a revoked key', async () => {
    const keys = container.manageKeys;
    const { apiKey, key } = await keys.create({ name: 'gone', tenant: 'acme', scopes: ['messages:read'] });
    await keys.revoke(key.id);

    await expect(createHandler(() => container)(event(apiKey), context)).rejects.toThrow(/^Unauthorized$/);
  });

  it("is what the routes trust: a route reads the tenant from the authorizer's context (strings, as API Gateway passes them)", async () => {
    const record = await container.sendMessage(
      { type: 'sms', recipient: '+14155550123', content: 'hi' },
      { tenant: 'acme' },
    );
    const get = createGetHandler(() => container);
    const request = (tenant: string, scopes: string) =>
      get(
        {
          httpMethod: 'GET',
          resource: '/messages/{id}',
          path: `/messages/${record.id}`,
          pathParameters: { id: record.id },
          headers: {},
          requestContext: {
            requestId: 'r',
            authorizer: { keyId: 'k1', tenant, scopes, perSecond: '0', perDay: '0', principalId: 'k1' },
          },
        } as never,
        context,
      );

    expect((await request('acme', 'messages:read')).statusCode).toBe(200);
    expect((await request('globex', 'messages:read')).statusCode).toBe(404);
    expect((await request('acme', 'messages:send')).statusCode).toBe(403);
  });

  it.each([
    ['an empty key id', { keyId: '' }],
    ['a tenant out of format', { tenant: 'Acme!' }],
    ['an unknown scope', { scopes: 'messages:read,messages:delete' }],
    ['no scope', { scopes: '' }],
    ['a negative limit', { perSecond: '-1' }],
    ['a limit that is not a number', { perDay: 'lots' }],
  ])('does not trust a context with %s: the key is checked instead (none here: 401)', async (_, change) => {
    const get = createGetHandler(() => container);
    const authorizer = { keyId: 'k1', tenant: 'acme', scopes: 'messages:read', perSecond: '0', perDay: '0' };
    const response = await get(
      {
        httpMethod: 'GET',
        resource: '/messages/{id}',
        path: '/messages/x',
        pathParameters: { id: 'x' },
        headers: {},
        requestContext: { requestId: 'r', authorizer: { ...authorizer, ...change } },
      } as never,
      context,
    );
    expect(response.statusCode).toBe(401);
  });
});
