import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
  SQSEvent,
} from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDefines, LAMBDA_BUNDLE } from '../../infra/bundling.js';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbKeyStore } from '../../lib/adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbWebhookStore } from '../../lib/adapters/dynamodb/dynamodb.webhook-store.js';
import { createErasureTableInput } from '../../lib/adapters/dynamodb/erasure-table.js';
import { createIdempotencyTableInput } from '../../lib/adapters/dynamodb/idempotency-table.js';
import { createKeyTableInput, createRateCounterTableInput } from '../../lib/adapters/dynamodb/key-table.js';
import { LIST_LAYOUT } from '../../lib/adapters/dynamodb/message-table.js';
import { createStatsTableInput } from '../../lib/adapters/dynamodb/stats-table.js';
import { createSuppressionTableInput } from '../../lib/adapters/dynamodb/suppression-table.js';
import { createTemplateTableInput } from '../../lib/adapters/dynamodb/template-table.js';
import { createWebhookTableInput } from '../../lib/adapters/dynamodb/webhook-table.js';
import { BUNDLE_FLAGS } from '../../lib/channels/catalog.js';
import { makeManageKeys } from '../../lib/services/manage-keys.js';
import { newSecret } from '../../lib/webhooks/signature.js';
import { noteProxyResult } from '../support/answer-checks.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { webhookReceiver } from '../support/webhook-receiver.js';

// The Lambda bundles as the stack builds them (ESM, minified, SDK inside, no node_modules next to
// them), invoked with every sample event of events/, against dynalite: the API's first three and the
// authorizer in process, the others each in a fresh node process with its own environment (a queue,
// webhook settings), as a Lambda container would have it. The API's sample events carry what the
// authorizer hands the routes on AWS (requestContext.authorizer), for the key SAMPLE_KEY_ID. Every
// API answer is checked against the OpenAPI document (noteProxyResult), as fetched answers are.
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
type Authorizer = (
  event: APIGatewayRequestAuthorizerEvent,
  context: Context,
) => Promise<APIGatewayAuthorizerResult>;
const FUNCTIONS = {
  send: 'functions/send-message.ts',
  get: 'functions/get-message.ts',
  list: 'functions/list-messages.ts',
  authorize: 'functions/authorize.ts',
};
const SEPARATE = {
  events: 'functions/list-message-events.ts',
  receipts: 'functions/receive-receipt.ts',
  worker: 'functions/deliver-messages.ts',
  schedule: 'functions/schedule-messages.ts',
  keys: 'functions/manage-keys.ts',
  templates: 'functions/manage-templates.ts',
  stats: 'functions/get-stats.ts',
  countStats: 'functions/count-stats.ts',
  suppressions: 'functions/manage-suppressions.ts',
  privacy: 'functions/manage-privacy.ts',
  webhooks: 'functions/manage-webhooks.ts',
  dispatchWebhooks: 'functions/dispatch-webhooks.ts',
  deliverWebhooks: 'functions/deliver-webhooks.ts',
};
const ALL = { ...FUNCTIONS, ...SEPARATE };
const QUEUED = new Set(['send', 'worker', 'schedule']); // the functions the stack gives QUEUE_URL
// The functions whose bundles hold the SQS client: the queued ones and the webhook senders.
const SQS_CLIENTS = new Set([...QUEUED, 'dispatchWebhooks', 'deliverWebhooks']);
const STORED_ID = '01JD0Y4ZQ9R6T3K1M8XW2B7C5E'; // the id in events/get-message.json
const QUEUED_ID = '01JD0Y5A2B3C4D5E6F7G8H9J0K'; // the job's message in events/deliver-messages.json
const TENANT = 'default'; // the tenant of the sample events' authorizer context
const SAMPLE_KEY_ID = 'samplekeyid23'; // their key, and the one of events/authorize.json
// Never contacted: the worker needs a queue to start, and sends to it only to retry.
const QUEUE_URL = 'http://127.0.0.1:9/000000000000/messaging-delivery';

let dir: string;
let dynamo: Dynalite;
const handlers: Partial<Record<Exclude<keyof typeof FUNCTIONS, 'authorize'>, Handler>> = {};
let authorizer: Authorizer;
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundles-'));
  dynamo = await startDynalite();
  const tableName = await dynamo.createTable();
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  const keysTableName = `api-keys-${Date.now()}`;
  const rateCounterTableName = `rate-counters-${Date.now()}`;
  await client.send(new CreateTableCommand(createKeyTableInput(keysTableName)));
  await client.send(new CreateTableCommand(createRateCounterTableInput(rateCounterTableName)));
  const templatesTableName = `templates-${Date.now()}`;
  await client.send(new CreateTableCommand(createTemplateTableInput(templatesTableName)));
  const statsTableName = `stats-${Date.now()}`;
  await client.send(new CreateTableCommand(createStatsTableInput(statsTableName)));
  const suppressionsTableName = `suppressions-${Date.now()}`;
  await client.send(new CreateTableCommand(createSuppressionTableInput(suppressionsTableName)));
  const idempotencyTableName = `idempotency-${Date.now()}`;
  await client.send(new CreateTableCommand(createIdempotencyTableInput(idempotencyTableName)));
  const erasureTableName = `erasures-${Date.now()}`;
  await client.send(new CreateTableCommand(createErasureTableInput(erasureTableName)));
  // What the stack sets, plus the local endpoint; the bundles read it on their first invocation. On
  // Lambda authentication is required: without both auth tables no function starts.
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'bundle-test',
    TABLE_NAME: tableName,
    KEYS_TABLE_NAME: keysTableName,
    RATE_COUNTER_TABLE_NAME: rateCounterTableName,
    TEMPLATES_TABLE_NAME: templatesTableName,
    STATS_TABLE_NAME: statsTableName,
    SUPPRESSIONS_TABLE_NAME: suppressionsTableName,
    IDEMPOTENCY_TABLE_NAME: idempotencyTableName,
    ERASURE_TABLE_NAME: erasureTableName,
    // A reference on AWS (resolved at start); the bundle test's is the value itself.
    PRIVACY_HASH_KEY: 'bundle-test-privacy-hash-key-0123456789abcdef0123456789abcdef012',
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    LOG_LEVEL: 'silent',
  });
  delete process.env.LOG_STORE; // on Lambda the default must be DynamoDB
  delete process.env.AUTH; // and authentication required
  const at = '2026-11-27T10:45:56.123Z';
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        id: STORED_ID,
        tenant: TENANT,
        type: 'sms',
        recipient: '+14155550123',
        subject: null,
        content: 'stored before the test',
        status: 'sent',
        provider: 'mock',
        providerMessageId: 'mock-1',
        error: null,
        attempts: 1,
        createdAt: at,
        updatedAt: at,
        createdAtId: `${TENANT}#${at}#${STORED_ID}`,
        listAll: 'MESSAGE',
        events: [
          { at, status: 'pending', provider: null, detail: null },
          { at, status: 'sent', provider: 'mock', detail: null },
        ],
      },
    }),
  );
  // A message queued by an asynchronous send, waiting for its worker (no provider id yet).
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        id: QUEUED_ID,
        tenant: TENANT,
        type: 'sms',
        recipient: '+14155550123',
        subject: null,
        content: 'queued before the test',
        status: 'queued',
        provider: null,
        error: null,
        attempts: 0,
        createdAt: at,
        updatedAt: at,
        createdAtId: `${TENANT}#${at}#${QUEUED_ID}`,
        listAll: 'MESSAGE',
        events: [{ at, status: 'queued', provider: null, detail: null }],
      },
    }),
  );
  client.destroy();

  for (const [name, entry] of Object.entries(ALL)) {
    const outfile = join(dir, name, 'index.mjs');
    await build({
      ...LAMBDA_BUNDLE,
      mainFields: [...LAMBDA_BUNDLE.mainFields],
      external: [...LAMBDA_BUNDLE.external],
      banner: { js: LAMBDA_BUNDLE.banner },
      // The stack's default: every channel on the mock, and a queue for the send function and the worker.
      define: bundleDefines(QUEUED.has(name) ? { QUEUE_URL } : {}),
      entryPoints: [entry],
      bundle: true,
      outfile,
      logLevel: 'silent',
    });
    if (name === 'authorize')
      authorizer = ((await import(pathToFileURL(outfile).href)) as { handler: Authorizer }).handler;
    else if (name in FUNCTIONS)
      handlers[name as keyof typeof handlers] = (
        (await import(pathToFileURL(outfile).href)) as { handler: Handler }
      ).handler;
  }
}, 120_000);

afterAll(async () => {
  process.env = saved;
  await dynamo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (name: string) =>
  JSON.parse(readFileSync(`events/${name}.json`, 'utf8')) as APIGatewayProxyEvent;
const invoke = async (
  fn: keyof typeof handlers,
  name: string,
  change?: (ev: APIGatewayProxyEvent) => void,
) => {
  const ev = event(name);
  change?.(ev);
  const response = await (handlers[fn] as Handler)(ev, { awsRequestId: 'lambda-id' } as Context);
  await noteProxyResult(ev, response);
  expect(response.headers?.['x-request-id']).toBe(ev.requestContext.requestId);
  expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers ?? {} };
};

const authorizeEvent = (apiKey?: string) => {
  const ev = JSON.parse(readFileSync('events/authorize.json', 'utf8')) as APIGatewayRequestAuthorizerEvent;
  if (apiKey !== undefined) {
    ev.headers = { ...ev.headers, 'x-api-key': apiKey };
    ev.multiValueHeaders = { ...ev.multiValueHeaders, 'x-api-key': [apiKey] };
  }
  return ev;
};
const authorize = (ev: APIGatewayRequestAuthorizerEvent) =>
  authorizer(ev, { awsRequestId: 'lambda-id' } as Context);

/** Keys as an operator creates them (npm run keys), in the bundles' keys table. */
async function withKeys<T>(use: (keys: ReturnType<typeof makeManageKeys>) => Promise<T>): Promise<T> {
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  try {
    const store = new DynamoDbKeyStore(client, String(process.env.KEYS_TABLE_NAME));
    const throughput = new DynamoDbListLayouts(client, String(process.env.TABLE_NAME));
    return await use(makeManageKeys({ keys: store, throughput, clock: () => new Date() }));
  } finally {
    client.destroy();
  }
}

// Loads a bundle in a new node process, answers one event, and prints the handler's answer.
const RUNNER = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [file, event] = process.argv.slice(1);
const { handler } = await import(pathToFileURL(file).href);
const context = { awsRequestId: 'lambda-id', getRemainingTimeInMillis: () => 60_000 };
process.stdout.write(JSON.stringify((await handler(JSON.parse(readFileSync(event, 'utf8')), context)) ?? null));
`;

/** Invokes a bundle of SEPARATE in a fresh process, with the test's environment plus `env`. */
async function invokeFresh(fn: keyof typeof SEPARATE, event: unknown, env: Record<string, string> = {}) {
  const eventFile = join(dir, `${fn}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(eventFile, JSON.stringify(event));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', RUNNER, join(dir, fn, 'index.mjs'), eventFile],
    { env: { ...process.env, NODE_OPTIONS: '', ...env }, timeout: 30_000 },
  );
  // The answer is the last line: the function's metrics (EMF lines) come before it.
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as unknown;
}

/** An API answer of a fresh process, checked as `invoke` checks the in-process ones. */
async function invokeRoute(fn: keyof typeof SEPARATE, name: string, env: Record<string, string> = {}) {
  const ev = event(name);
  const response = (await invokeFresh(fn, ev, env)) as APIGatewayProxyResult;
  await noteProxyResult(ev, response);
  expect(response.headers?.['x-request-id']).toBe(ev.requestContext.requestId);
  expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

describe('the built Lambda bundles', () => {
  it('are single minified ESM files with source maps', () => {
    for (const name of Object.keys(ALL)) {
      const code = readFileSync(join(dir, name, 'index.mjs'), 'utf8');
      expect(code).toMatch(/export\s*\{[^}]*handler/);
      expect(code).not.toMatch(/from\s*["']@middy|from\s*["']zod|from\s*["']@aws-sdk/); // all inside
      // Stack traces need the original files and lines, not the sources' text, which tripled the
      // map that Node reads at every cold start (NODE_OPTIONS=--enable-source-maps).
      const map = JSON.parse(readFileSync(join(dir, name, 'index.mjs.map'), 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown;
      };
      expect(
        map.sources.some((source) => source.endsWith(ALL[name as keyof typeof ALL])),
        name,
      ).toBe(true);
      expect(map.sourcesContent, name).toBeUndefined();
    }
  });

  it('leave out every provider and secret store the function is not configured with, SQS without a queue, and SQLite', () => {
    for (const name of Object.keys(ALL)) {
      const code = readFileSync(join(dir, name, 'index.mjs'), 'utf8');
      // The SQS client's service id: in the queued functions and the webhook senders only.
      expect(code.includes('AmazonSQS'), `${name}: SQS client`).toBe(SQS_CLIENTS.has(name));
      for (const marker of [
        'nodemailer',
        'SendTextMessage',
        'graph.facebook.com',
        'api.twilio.com',
        'GetParameter',
        'better-sqlite3', // the local server's store: no Lambda builds it
        'CREATE TABLE',
        // EventBridge Scheduler's client: in schedule-messages only (send puts jobs on a queue).
        ...(name === 'schedule' ? [] : ['CreateSchedule']),
        // The provider catalog (its mock's simulator addresses) and the receipts' settings: only in
        // the functions that name their readers (lambdaDeps' `readers`).
        ...(name === 'send' || name === 'worker' ? [] : ['suppressionlist@simulator.amazonses.com']),
        ...(name === 'receipts' ? [] : ['META_WEBHOOK_VERIFY_TOKEN']),
      ]) {
        expect(code, `${name} holds ${marker}`).not.toContain(marker);
      }
      expect(statSync(join(dir, name, 'index.mjs')).size).toBeLessThan(600 * 1024);
    }
  });

  it('name in the build flags exactly the switches the catalog reads', () => {
    const catalog = readFileSync('lib/channels/catalog.ts', 'utf8');
    for (const flags of Object.values(BUNDLE_FLAGS)) {
      for (const flag of Object.values(flags)) expect(catalog).toContain(`process.env.${flag} === 'false'`);
    }
    expect(catalog.match(/process\.env\.MESSAGING_BUNDLE_\w+/g)).toHaveLength(
      Object.values(BUNDLE_FLAGS).flatMap((flags) => Object.values(flags)).length,
    );
  });

  it.each([
    ['send-email', 'email', 'user@example.com'],
    ['send-sms', 'sms', '+14155550123'],
    ['send-whatsapp', 'whatsapp', '+447911123456'],
  ])('send-message answers %s with the sent record', async (name, type, recipient) => {
    const { status, body } = await invoke('send', name);
    expect(status).toBe(200);
    expect(body).toMatchObject({ type, recipient, status: 'sent', provider: 'mock', attempts: 1 });
  });

  it('send-message answers send-invalid with a 400 naming the fields', async () => {
    const { status, body } = await invoke('send', 'send-invalid');
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'content',
      'recipient',
    ]);
  });

  it('get-message answers get-message with the stored record', async () => {
    const { status, body } = await invoke('get', 'get-message');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: STORED_ID, tenant: TENANT, content: 'stored before the test' });
  });

  it("serves the sample API events as the authorizer's answer for the sample key", () => {
    for (const name of [
      'send-email',
      'send-sms',
      'send-whatsapp',
      'send-invalid',
      'get-message',
      'list-messages',
      'list-message-events',
    ]) {
      const context = event(name).requestContext.authorizer as Record<string, unknown>;
      expect(context, name).toMatchObject({
        principalId: SAMPLE_KEY_ID,
        keyId: SAMPLE_KEY_ID,
        tenant: TENANT,
        scopes: 'messages:send,messages:read',
        perSecond: '0',
        perDay: '0',
      });
      // API Gateway hands the routes the authorizer's context as strings.
      for (const field of ['principalId', 'keyId', 'tenant', 'scopes', 'perSecond', 'perDay'])
        expect(typeof context[field], `${name} ${field}`).toBe('string');
    }
    expect(authorizeEvent().headers?.['x-api-key']).toMatch(new RegExp(`^msk_${SAMPLE_KEY_ID}_`));
  });

  it("get-message answers another tenant's key 404, as for a missing message", async () => {
    const { status, body } = await invoke('get', 'get-message', (ev) => {
      ev.requestContext.authorizer = { ...ev.requestContext.authorizer, tenant: 'other-tenant' };
    });
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('get-message answers 401 when invoked without the authorizer and without a key', async () => {
    const { status, body } = await invoke('get', 'get-message', (ev) => {
      ev.requestContext.authorizer = null;
    });
    expect(status).toBe(401);
    expect(body.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'A valid API key is required in the x-api-key header',
    });
  });

  it("get-message counts a limited key's reads in its container, answers 429, and writes no counter", async () => {
    const keyId = `limited${Date.now()}`;
    const limited = (ev: APIGatewayProxyEvent) => {
      ev.requestContext.authorizer = {
        ...ev.requestContext.authorizer,
        keyId,
        principalId: keyId,
        perDay: '2',
      };
    };
    expect((await invoke('get', 'get-message', limited)).status).toBe(200);
    expect((await invoke('get', 'get-message', limited)).status).toBe(200);
    const { status, body, headers } = await invoke('get', 'get-message', limited);
    expect(status).toBe(429);
    expect(body.error.code).toBe('THROTTLED');
    expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);

    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { Items } = await client.send(
      new ScanCommand({ TableName: process.env.RATE_COUNTER_TABLE_NAME, ConsistentRead: true }),
    );
    client.destroy();
    // A read writes nothing to the shared counters (docs/dynamodb.md, rate counters).
    const counters = (Items ?? []).filter((item) => String(item.counter).startsWith(`${keyId}:`));
    expect(counters).toEqual([]);
  });

  it('authorize allows a key of the keys table on every route, its principal as context', async () => {
    const { apiKey, key } = await withKeys((keys) =>
      keys.create({
        name: 'bundle test',
        tenant: TENANT,
        scopes: ['messages:read'],
        limits: { perSecond: 10, perDay: null },
      }),
    );
    const answer = await authorize(authorizeEvent(apiKey));
    expect(answer).toEqual({
      principalId: key.id,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            // Cached per key for every route of the stage: each route checks its own scope.
            Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*',
          },
        ],
      },
      context: { keyId: key.id, tenant: TENANT, scopes: 'messages:read', perSecond: 10, perDay: 0 },
    });

    // Its last use is recorded (UpdateItem on the keys table), without holding up the answer.
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    let lastUsedAt: unknown = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      const { Item } = await client.send(
        new GetCommand({ TableName: process.env.KEYS_TABLE_NAME, Key: { id: key.id }, ConsistentRead: true }),
      );
      lastUsedAt = Item?.lastUsedAt;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    client.destroy();
    expect(lastUsedAt).toEqual(expect.any(String));

    // What API Gateway then hands the route: the context, stringified, and the principal id.
    const context = Object.fromEntries(
      Object.entries(answer.context ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const { status, body } = await invoke('get', 'get-message', (ev) => {
      ev.requestContext.authorizer = { ...context, principalId: answer.principalId };
    });
    expect(status).toBe(200);
    expect(body.id).toBe(STORED_ID);
    // The key lacks messages:send: the route, not the authorizer, answers 403.
    const sent = await invoke('send', 'send-email', (ev) => {
      ev.requestContext.authorizer = { ...context, principalId: answer.principalId };
    });
    expect(sent.status).toBe(403);
    expect(sent.body.error).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'messages:send' });
  });

  it('authorize refuses the unknown key of authorize.json, a wrong secret, a revoked key, no key', async () => {
    const refused = { message: 'Unauthorized' }; // API Gateway's cue for 401
    await expect(authorize(authorizeEvent())).rejects.toMatchObject(refused);

    const { apiKey, key } = await withKeys((keys) =>
      keys.create({ name: 'to revoke', tenant: TENANT, scopes: ['messages:send'] }),
    );
    const wrongSecret = `${apiKey.slice(0, -4)}${apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(authorize(authorizeEvent(wrongSecret))).rejects.toMatchObject(refused);
    await expect(authorize(authorizeEvent(apiKey))).resolves.toMatchObject({ principalId: key.id });
    await withKeys((keys) => keys.revoke(key.id));
    await expect(authorize(authorizeEvent(apiKey))).rejects.toMatchObject(refused);

    const none = authorizeEvent();
    none.headers = {};
    none.multiValueHeaders = {};
    await expect(authorize(none)).rejects.toMatchObject(refused);
  });

  it('list-messages answers list-messages with the emails, newest first', async () => {
    await invoke('send', 'send-email');
    const { status, body } = await invoke('list', 'list-messages');
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    expect(body.items.every((m: { type: string }) => m.type === 'email')).toBe(true);
    const times = body.items.map((m: { createdAt: string }) => m.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("manage-keys answers list-keys with the sample tenant's keys, without hashes, and 403 without keys:manage", async () => {
    const { status, body } = await invokeRoute('keys', 'list-keys');
    expect(status).toBe(200);
    expect(Array.isArray(body.items)).toBe(true);
    for (const key of body.items) expect(key).toMatchObject({ tenant: TENANT });
    expect(JSON.stringify(body)).not.toMatch(/"hash"/);

    const withoutScope = event('list-keys');
    withoutScope.requestContext.authorizer = {
      ...withoutScope.requestContext.authorizer,
      scopes: 'messages:read',
    };
    const refused = (await invokeFresh('keys', withoutScope)) as APIGatewayProxyResult;
    await noteProxyResult(withoutScope, refused);
    expect(refused.statusCode).toBe(403);
  });

  it("manage-keys creates a key from a body and slots its tenant's list when the key is unlimited", async () => {
    // A tenant of its own, so that the other bundles' lists stay in one partition.
    const ev = event('list-keys');
    ev.httpMethod = 'POST';
    ev.headers = { ...ev.headers, 'Content-Type': 'application/json' };
    ev.multiValueHeaders = { ...ev.multiValueHeaders, 'Content-Type': ['application/json'] };
    ev.body = JSON.stringify({ name: 'bulk sender', scopes: ['keys:manage'] });
    ev.requestContext.authorizer = { ...ev.requestContext.authorizer, tenant: 'bulk' };
    const before = Date.now();
    const created = (await invokeFresh('keys', ev)) as APIGatewayProxyResult;
    await noteProxyResult(ev, created);
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(created.body).key).toMatchObject({ tenant: 'bulk', limits: { perSecond: null } });
    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { Item } = await client.send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: { id: 'layout#bulk' }, ConsistentRead: true }),
    );
    client.destroy();
    expect(Item).toEqual({ id: 'layout#bulk', slottedSince: expect.any(String) });
    expect(Date.parse(Item?.slottedSince) - before).toBeGreaterThanOrEqual(LIST_LAYOUT.noticeMs);
  });

  it('manage-templates answers put-template with version 1, and send-message renders it (multipart email)', async () => {
    const { status, body } = await invokeRoute('templates', 'put-template');
    expect(status).toBe(201);
    expect(body).toMatchObject({ tenant: TENANT, name: 'welcome', version: 1, deletedAt: null });

    const sent = await invoke('send', 'send-email', (ev) => {
      ev.body = JSON.stringify({
        type: 'email',
        recipient: 'user@example.com',
        template: 'welcome',
        data: { name: 'Ann <A>' },
      });
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'sent',
      template: 'welcome',
      templateVersion: 1,
      subject: 'Welcome, Ann <A>',
      html: '<p>Hello Ann &lt;A&gt;, welcome aboard.</p>',
    });
  });

  it('get-stats answers get-stats with the range in whole hours, no counts in an empty table', async () => {
    const { status, body } = await invokeRoute('stats', 'get-stats');
    expect(status).toBe(200);
    expect(body).toEqual({
      granularity: 'hour',
      from: '2026-11-27T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
      items: [],
    });
  });

  it("count-stats sums count-stats's window into its state, the sent count moved from pending", async () => {
    const answer = (await invokeFresh('countStats', event('count-stats'))) as {
      state: Record<string, string>;
    };
    expect(answer.state).toMatchObject({ first: '100000000000000000001', last: '100000000000000000002' });
    expect(JSON.parse(answer.state.sums ?? '{}')).toEqual({
      'default|2026-11-27T10|sms#pending': 0,
      'default|2026-11-27T10|sms#sent': 1,
    });
  });

  it('manage-suppressions answers put-suppression with the entry, on email, as a complaint', async () => {
    const { status, body } = await invokeRoute('suppressions', 'put-suppression');
    expect(status).toBe(200);
    expect(body).toMatchObject({ recipient: 'user@example.com', channels: ['email'], reason: 'complaint' });
  });

  it('manage-privacy answers create-erasure with a completed job (no message to that number)', async () => {
    const { status, body } = await invokeRoute('privacy', 'create-erasure');
    expect(status).toBe(202);
    expect(body).toMatchObject({ tenant: TENANT, status: 'completed', erased: 0 });
  });

  it("manage-webhooks answers list-webhook-endpoints with the tenant's endpoints (none in a new table)", async () => {
    const webhooksTable = await dynamo.createTableFrom(createWebhookTableInput, 'webhooks-list');
    const { status, body } = await invokeRoute('webhooks', 'list-webhook-endpoints', {
      WEBHOOKS_TABLE_NAME: webhooksTable,
    });
    expect(status).toBe(200);
    expect(body).toEqual({ items: [] });
  });

  it('list-message-events answers list-message-events with the stored events, oldest first', async () => {
    const { status, body } = await invokeRoute('events', 'list-message-events');
    expect(status).toBe(200);
    expect(body).toEqual({
      messageId: STORED_ID,
      items: [
        expect.objectContaining({ status: 'pending' }),
        expect.objectContaining({ status: 'sent', provider: 'mock' }),
      ],
    });
  });

  it('receive-receipt answers the unsigned twilio-status-callback 404 while the webhook is off', async () => {
    const { status, body } = await invokeRoute('receipts', 'twilio-status-callback');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('receive-receipt refuses the unsigned twilio-status-callback (403) once a token is set', async () => {
    const { status, body } = await invokeRoute('receipts', 'twilio-status-callback', {
      TWILIO_AUTH_TOKEN: 'a-test-auth-token',
    });
    expect(status).toBe(403);
    expect(body.error.code).toBe('INVALID_SIGNATURE');
  });

  it('deliver-messages sends the queued message of deliver-messages and reports only the bad job', async () => {
    const batch = JSON.parse(readFileSync('events/deliver-messages.json', 'utf8')) as SQSEvent;
    const [job] = batch.Records;
    if (!job) throw new Error('events/deliver-messages.json holds no record');
    expect(JSON.parse(job.body)).toEqual({ messageId: QUEUED_ID, attempt: 1 });
    // A poison job (not a job at all): the one failure the batch reports, bound for the DLQ.
    const poison = { ...job, messageId: 'poison-1', body: 'not a job' };
    const answer = await invokeFresh(
      'worker',
      { Records: [job, poison] },
      { QUEUE_URL, DELIVERY_LEASE_MS: '60000' },
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison-1' }] });

    const client = createDocumentClient({ endpoint: dynamo.endpoint });
    const { Item } = await client.send(
      new GetCommand({ TableName: process.env.TABLE_NAME, Key: { id: QUEUED_ID }, ConsistentRead: true }),
    );
    client.destroy();
    expect(Item).toMatchObject({ status: 'sent', provider: 'mock', attempts: 1 });
    expect(Item?.providerMessageId).toMatch(/^mock-/);
    expect(Item?.events.map((e: { status: string }) => e.status)).toEqual(['queued', 'sending', 'sent']);

    // Delivered twice, as SQS may: the job finds its message sent and is acknowledged.
    expect(await invokeFresh('worker', { Records: [job] }, { QUEUE_URL })).toEqual({ batchItemFailures: [] });
  });
  it('schedule-messages sends a job now due within 15 minutes to the delivery queue, and reports only the bad job', async () => {
    const batch = JSON.parse(readFileSync('events/schedule-messages.json', 'utf8')) as SQSEvent;
    const [sample] = batch.Records;
    if (!sample) throw new Error('events/schedule-messages.json holds no record');
    expect(Object.keys(JSON.parse(sample.body))).toEqual(['messageId', 'attempt', 'dueAt']);
    // Due in 5 minutes: SQS can hold it, so it goes to the delivery queue (a loopback fake of SQS);
    // a later one goes to EventBridge Scheduler, whose endpoint is AWS's (test/unit covers it).
    const dueAt = Date.now() + 300_000;
    const job = { ...sample, body: JSON.stringify({ ...JSON.parse(sample.body), dueAt }) };
    const poison = { ...sample, messageId: 'poison-1', body: '{"messageId":"m","attempt":1}' };
    const received: { target: string; body: Record<string, unknown> }[] = [];
    const sqs = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      request.on('end', () => {
        const body = JSON.parse(text) as { MessageBody: string };
        received.push({ target: String(request.headers['x-amz-target']), body });
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({
            MessageId: 'sqs-fake-1',
            MD5OfMessageBody: createHash('md5').update(body.MessageBody).digest('hex'),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => sqs.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = sqs.address() as AddressInfo;
      const answer = await invokeFresh(
        'schedule',
        { Records: [job, poison] },
        {
          QUEUE_URL,
          SQS_ENDPOINT: `http://127.0.0.1:${port}`,
          SCHEDULE_GROUP: 'messaging-dev-schedules',
          SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/messaging-scheduler',
          QUEUE_ARN: 'arn:aws:sqs:eu-west-1:123456789012:messaging-delivery',
          AWS_REGION: 'eu-west-1',
        },
      );
      expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison-1' }] });
      expect(received).toHaveLength(1);
      expect(received[0]?.target).toBe('AmazonSQS.SendMessage');
      expect(received[0]?.body).toMatchObject({
        QueueUrl: QUEUE_URL,
        MessageBody: JSON.stringify({ messageId: QUEUED_ID, attempt: 1 }),
      });
      // What is left of the 5 minutes, rounded up.
      expect(received[0]?.body.DelaySeconds).toBeGreaterThan(240);
      expect(received[0]?.body.DelaySeconds).toBeLessThanOrEqual(300);
    } finally {
      sqs.close();
    }
  });

  it('dispatch-webhooks queues the event of dispatch-webhooks; deliver-webhooks posts what deliver-webhooks names', async () => {
    // A loopback receiver subscribed for the sample tenant, and a loopback stand-in for SQS (its JSON
    // protocol): the bundles reach nothing else.
    const receiver = await webhookReceiver();
    const sqsCalls: { target: string; body: Record<string, unknown> }[] = [];
    const sqs = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        sqsCalls.push({ target: String(req.headers['x-amz-target']), body });
        const entries = (body.Entries ?? []) as { Id: string; MessageBody: string }[];
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(
          JSON.stringify({
            Successful: entries.map((e) => ({
              Id: e.Id,
              MessageId: `m-${e.Id}`,
              MD5OfMessageBody: createHash('md5').update(e.MessageBody).digest('hex'),
            })),
            Failed: [],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => sqs.listen(0, '127.0.0.1', resolve));
    const sqsUrl = `http://127.0.0.1:${(sqs.address() as AddressInfo).port}`;
    try {
      const webhooksTable = await dynamo.createTableFrom(createWebhookTableInput, 'webhooks');
      const client = createDocumentClient({ endpoint: dynamo.endpoint });
      const deliverEvent = JSON.parse(readFileSync('events/deliver-webhooks.json', 'utf8')) as SQSEvent;
      const key = JSON.parse(deliverEvent.Records[0]?.body ?? '{}') as { endpointId: string };
      await new DynamoDbWebhookStore(client, webhooksTable).createEndpoint({
        id: key.endpointId,
        tenant: TENANT,
        url: receiver.url,
        events: ['*'],
        description: null,
        enabled: true,
        disabledReason: null,
        failingSince: null,
        secret: newSecret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdAt: '2026-11-27T10:00:00.000Z',
        updatedAt: '2026-11-27T10:00:00.000Z',
      });
      client.destroy();
      const env = {
        WEBHOOKS_TABLE_NAME: webhooksTable,
        WEBHOOK_QUEUE_URL: `${sqsUrl}/000000000000/messaging-webhooks`,
        SQS_ENDPOINT: sqsUrl,
        // The receiver is on this machine, which Lambda's policy refuses (public addresses only,
        // tested with an injected resolver): these two run as the local host would, on DynamoDB.
        WEBHOOK_URLS: 'loopback',
        AWS_LAMBDA_FUNCTION_NAME: '',
        LOG_STORE: 'dynamodb',
      };
      expect(
        await invokeFresh(
          'dispatchWebhooks',
          JSON.parse(readFileSync('events/dispatch-webhooks.json', 'utf8')),
          env,
        ),
      ).toBeNull();
      const sent = sqsCalls.flatMap((call) => (call.body.Entries ?? []) as { MessageBody: string }[]);
      expect(sent.map((entry) => JSON.parse(entry.MessageBody))).toEqual([
        JSON.parse(deliverEvent.Records[0]?.body ?? ''),
      ]);

      expect(await invokeFresh('deliverWebhooks', deliverEvent, env)).toEqual({ batchItemFailures: [] });
      expect(receiver.received).toHaveLength(1);
      const posted = JSON.parse(receiver.received[0]?.body ?? '{}');
      expect(posted).toMatchObject({
        type: 'message.sent',
        data: { id: QUEUED_ID, status: 'sent', metadata: { orderId: 'A-1001' } },
      });
      // Delivered again, as SQS may: done, acknowledged, not sent twice.
      expect(await invokeFresh('deliverWebhooks', deliverEvent, env)).toEqual({ batchItemFailures: [] });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
      sqs.closeAllConnections();
      await new Promise<void>((resolve) => sqs.close(() => resolve()));
    }
  });
});
