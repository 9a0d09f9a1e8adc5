import { readFileSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDefines, LAMBDA_BUNDLE } from '../../infra/bundling.js';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { BUNDLE_FLAGS } from '../../lib/channels/catalog.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

// The Lambda bundles as the stack builds them (ESM, minified, SDK inside, no node_modules next to
// them), loaded and invoked in process with every sample event of events/, against dynalite.
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
const FUNCTIONS = {
  send: 'functions/send-message.ts',
  get: 'functions/get-message.ts',
  list: 'functions/list-messages.ts',
};
const STORED_ID = '01JD0Y4ZQ9R6T3K1M8XW2B7C5E'; // the id in events/get-message.json

let dir: string;
let dynamo: Dynalite;
const handlers: Partial<Record<keyof typeof FUNCTIONS, Handler>> = {};
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundles-'));
  dynamo = await startDynalite();
  const tableName = await dynamo.createTable();
  // What the stack sets, plus the local endpoint; the bundles read it on their first invocation.
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'bundle-test',
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    LOG_LEVEL: 'silent',
  });
  delete process.env.LOG_STORE; // on Lambda the default must be DynamoDB
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  const at = '2026-11-27T10:45:56.123Z';
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        id: STORED_ID,
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
        createdAtId: `${at}#${STORED_ID}`,
        listAll: 'MESSAGE',
      },
    }),
  );
  client.destroy();

  for (const [name, entry] of Object.entries(FUNCTIONS)) {
    const outfile = join(dir, name, 'index.mjs');
    await build({
      ...LAMBDA_BUNDLE,
      mainFields: [...LAMBDA_BUNDLE.mainFields],
      external: [...LAMBDA_BUNDLE.external],
      banner: { js: LAMBDA_BUNDLE.banner },
      define: bundleDefines({}), // the stack's default: every channel on the mock
      entryPoints: [entry],
      bundle: true,
      outfile,
      logLevel: 'silent',
    });
    handlers[name as keyof typeof FUNCTIONS] = (
      (await import(pathToFileURL(outfile).href)) as { handler: Handler }
    ).handler;
  }
}, 60_000);

afterAll(async () => {
  process.env = saved;
  await dynamo?.close();
  rmSync(dir, { recursive: true, force: true });
});

const event = (name: string) =>
  JSON.parse(readFileSync(`events/${name}.json`, 'utf8')) as APIGatewayProxyEvent;
const invoke = async (fn: keyof typeof FUNCTIONS, name: string) => {
  const ev = event(name);
  const response = await (handlers[fn] as Handler)(ev, { awsRequestId: 'lambda-id' } as Context);
  expect(response.headers?.['x-request-id']).toBe(ev.requestContext.requestId);
  expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
  return { status: response.statusCode, body: JSON.parse(response.body) };
};

describe('the built Lambda bundles', () => {
  it('are single minified ESM files with source maps', () => {
    for (const name of Object.keys(FUNCTIONS)) {
      const code = readFileSync(join(dir, name, 'index.mjs'), 'utf8');
      expect(code).toMatch(/export\s*\{[^}]*handler/);
      expect(code).not.toMatch(/from\s*["']@middy|from\s*["']zod|from\s*["']@aws-sdk/); // all inside
      expect(statSync(join(dir, name, 'index.mjs.map')).size).toBeGreaterThan(0);
    }
  });

  it('leave out every provider and secret store the function is not configured with', () => {
    for (const name of Object.keys(FUNCTIONS)) {
      const code = readFileSync(join(dir, name, 'index.mjs'), 'utf8');
      for (const marker of [
        'nodemailer',
        'SendTextMessage',
        'graph.facebook.com',
        'api.twilio.com',
        'GetParameter',
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
    expect(body).toMatchObject({ id: STORED_ID, content: 'stored before the test' });
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
});
