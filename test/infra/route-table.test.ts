import { existsSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MessagingStack } from '../../infra/messaging-stack.js';
import { loadConfig } from '../../lib/config.js';
import { createContainer } from '../../lib/host/container.js';
import { localFunctions, localRoutes } from '../../lib/host/local-service.js';
import { apiFunction } from '../../lib/http/api-handler.js';
import {
  API_FUNCTIONS,
  isLambdaFunction,
  methodsByPath,
  ROUTES,
  routeKey,
} from '../../lib/http/route-table.js';
import { RECEIPT_METHODS } from '../../lib/receipts/sources.js';
import { cdkApp } from '../support/cdk-app.js';

// The route table is the one declaration of the API: these fail when a route exists in one of the
// places built from it and not in another.

type Resource = { Type: string; Properties: Record<string, unknown> };

const tableKeys = ROUTES.map(routeKey).sort();

describe('the route table', () => {
  it('names functions that exist, each with an entry point exporting its handler', async () => {
    for (const route of ROUTES) expect(Object.keys(API_FUNCTIONS)).toContain(route.function);
    for (const { file } of Object.values(API_FUNCTIONS)) {
      // No Lambda: the local server serves its routes (below), API Gateway itself on AWS.
      if (file === null) continue;
      expect(existsSync(`functions/${file}.ts`)).toBe(true);
      const module = (await import(`../../functions/${file}.ts`)) as Record<string, unknown>;
      expect(typeof module.handler).toBe('function');
      expect(typeof module.createHandler).toBe('function');
    }
  });

  it('is what the local server serves, each route by the function the table names', async () => {
    const container = createContainer(await loadConfig({ DB_PATH: ':memory:' }));
    try {
      const functions = localFunctions(container);
      const routes = localRoutes(functions);
      expect(routes.map(routeKey).sort()).toEqual(tableKeys);
      for (const route of ROUTES) {
        expect(routes.find((r) => routeKey(r) === routeKey(route))?.handler).toBe(functions[route.function]);
      }
    } finally {
      await container.close();
    }
  });

  it("matches each webhook source's methods", () => {
    const webhooks = ROUTES.filter((route) => route.path.startsWith('/webhooks/'));
    const byProvider: Record<string, string[]> = {};
    for (const route of webhooks) {
      const provider = route.path.slice('/webhooks/'.length);
      byProvider[provider] = [...(byProvider[provider] ?? []), route.method];
    }
    expect(Object.keys(byProvider).sort()).toEqual(Object.keys(RECEIPT_METHODS).sort());
    for (const [provider, methods] of Object.entries(byProvider)) {
      expect(methods.sort()).toEqual([...(RECEIPT_METHODS[provider] ?? [])].sort());
    }
  });

  it('refuses a function without a handler for one of its routes', () => {
    const deps = () => ({ logger: undefined as never });
    const route = async () => ({ statusCode: 200, body: {} });
    expect(() =>
      apiFunction('manageKeys', deps, { 'POST /keys': route, 'GET /keys': route } as never),
    ).toThrow('manageKeys has no handler for DELETE /keys/{id}');
  });

  // The first synth of a process loads CDK's validation schemas: tens of seconds on a busy machine.
  it("is the stack's API: its methods, integrations, authorization and 405 answers", {
    timeout: 90_000,
  }, () => {
    const template = Template.fromStack(new MessagingStack(cdkApp(), 'Routes', { stage: 'dev' }));
    const resources = template.findResources('AWS::ApiGateway::Resource') as Record<string, Resource>;
    const pathOf = (id: string): string => {
      const resource = resources[id];
      if (!resource) return '';
      const parent = resource.Properties.ParentId as { Ref?: string };
      return `${parent.Ref ? pathOf(parent.Ref) : ''}/${resource.Properties.PathPart}`;
    };
    const methods = Object.values(
      template.findResources('AWS::ApiGateway::Method') as Record<string, Resource>,
    )
      .map((m) => ({
        key: `${m.Properties.HttpMethod} ${pathOf((m.Properties.ResourceId as { Ref: string }).Ref)}`,
        properties: m.Properties,
      }))
      .filter((m) => !m.key.endsWith(' ')) // the root resource has no method
      .filter((m) => !m.key.startsWith('OPTIONS ')); // the console's CORS preflights
    const routed = methods.filter((m) => !m.key.startsWith('ANY '));
    expect(routed.map((m) => m.key).sort()).toEqual(tableKeys);
    const functions = template.findResources('AWS::Lambda::Function');
    for (const route of ROUTES) {
      const method = routed.find((m) => m.key === routeKey(route));
      const integration = JSON.stringify(method?.properties.Integration);
      const fn = Object.keys(functions).filter((id) => integration.includes(id));
      if (!isLambdaFunction(route.function)) {
        // Answered by API Gateway from S3 (GET /openapi.json): no function behind it.
        expect(fn).toEqual([]);
        expect(method?.properties.Integration).toMatchObject({ Type: 'AWS', IntegrationHttpMethod: 'GET' });
        expect(method?.properties.AuthorizationType).toBe('NONE');
        continue;
      }
      expect(fn).toEqual([
        expect.stringMatching(
          new RegExp(`^${route.function[0]?.toUpperCase()}${route.function.slice(1)}Function`),
        ),
      ]);
      expect(method?.properties.AuthorizationType).toBe(route.scope ? 'CUSTOM' : 'NONE');
    }
    const anys = methods.filter((m) => m.key.startsWith('ANY '));
    expect(anys.map((m) => m.key.slice(4)).sort()).toEqual([...methodsByPath().keys()].sort());
    for (const [path, allow] of methodsByPath()) {
      const any = anys.find((m) => m.key === `ANY ${path}`);
      expect(JSON.stringify(any?.properties.Integration)).toContain(`'${allow.join(', ')}'`);
    }
  });
});
