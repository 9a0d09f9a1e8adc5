import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteIdempotencyStore } from '../../lib/adapters/sqlite/sqlite.idempotency-store.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { apiHandler } from '../../lib/http/api-handler.js';
import { type LocalServer, startLocalServer } from '../../lib/http/local-server.js';
import { idempotency } from '../../lib/http/middlewares/idempotency.js';
import { ok } from '../../lib/http/response.js';
import { createIdGenerator } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import { makeSendMessage } from '../../lib/services/send-message.js';
import { noteAnswer } from '../support/answer-checks.js';
import { recordingProviders } from '../support/fake-providers.js';
import { listQuery } from '../support/queries.js';

// A send route built here, so that the wait for a duplicate can be shortened: apiHandler, the
// idempotency middleware, the real send use case on the real SQLite log and store, providers that
// take ~50 ms.

const SEND_MS = 50;
const SMS = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };
const REJECTED = { type: 'sms', recipient: '+14155550199', content: 'Your code is 123456' };

let dir: string;
let db: SqliteDatabase;
let log: SqliteMessageLog;
let server: LocalServer;
let calls: { recipient: string }[];
let waitMs = 25_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idempotency-http-'));
  db = openDatabase(join(dir, 'messages.db'));
  log = new SqliteMessageLog(db);
  const logger = createLogger({ level: 'silent' });
  const fakes = recordingProviders(async (message) => {
    await new Promise((resolve) => setTimeout(resolve, SEND_MS));
    return message.recipient === REJECTED.recipient
      ? { accepted: false, code: '21211', message: 'Invalid number', retryable: false }
      : { accepted: true, providerMessageId: `fake-${message.id}` };
  });
  calls = fakes.calls;
  const deps = {
    logger,
    idempotency: new SqliteIdempotencyStore(db),
    sendMessage: makeSendMessage({
      log,
      providers: fakes.providers,
      clock: () => new Date(),
      newId: createIdGenerator(),
      logger,
      defaultSubject: 'Subject',
      providerTimeoutMs: 5_000,
    }),
  };
  const handler = apiHandler(
    () => deps,
    {
      scope: null,
      body: 'json',
      use: (d) => [
        idempotency(d, {
          get waitMs() {
            return waitMs;
          },
        }),
      ],
    },
    async (event, d, invocation) => ok(await d.sendMessage(event.body, { logger: invocation.logger })),
  );
  server = await startLocalServer({
    routes: [{ method: 'POST', path: '/sendMessage', handler }],
    host: '127.0.0.1',
    port: 0,
    logger,
  });
});

afterAll(async () => {
  await server?.close();
  await log?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  calls.length = 0;
  waitMs = 25_000;
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** How many messages the log holds. */
const logged = async () => (await log.list(listQuery({ limit: '100' }))).items.length;

const read = async (response: Response) => ({
  status: response.status,
  replayed: response.headers.get('idempotent-replayed'),
  requestId: response.headers.get('x-request-id'),
  text: await response.text(),
});

describe('POST /sendMessage with an Idempotency-Key', () => {
  it('sends once for fifty concurrent requests with one key, and answers all fifty the same', async () => {
    const before = await logged();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post(SMS, { 'Idempotency-Key': 'fifty-at-once' }).then(read)),
    );

    expect(calls).toHaveLength(1);
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    const record = JSON.parse(responses[0]?.text ?? '') as MessageRecord;
    expect(record).toMatchObject({ ...SMS, status: 'sent', attempts: 1 });
    expect(responses.filter((r) => r.replayed === 'true')).toHaveLength(49);
    expect(responses.filter((r) => r.replayed === null)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.requestId)).size).toBe(50);
    expect(await logged()).toEqual(before + 1);
  });

  it('answers a later retry with the same body, however it is spelled, from memory', async () => {
    const first = await read(await post(SMS, { 'Idempotency-Key': 'retry-later' }));
    const respelled = `{ "content" : "Your code is 123456",\n "recipient": "+14155550123", "type": "\\u0073ms" }`;
    const retry = await read(await post(respelled, { 'idempotency-key': 'retry-later' }));

    expect(calls).toHaveLength(1);
    expect(retry).toMatchObject({ status: 200, replayed: 'true', text: first.text });
  });

  it('answers 409 IDEMPOTENCY_CONFLICT to the same key with another body, and sends nothing', async () => {
    await post(SMS, { 'Idempotency-Key': 'conflict' });

    const response = await post({ ...SMS, content: 'Another message' }, { 'Idempotency-Key': 'conflict' });

    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(body.error.message).toContain('Idempotency-Key');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
    expect(calls).toHaveLength(1);
  });

  it('keeps a provider rejection (422): the retry gets the same failed record and error, unsent', async () => {
    const first = await read(await post(REJECTED, { 'Idempotency-Key': 'rejected' }));
    const retry = await read(await post(REJECTED, { 'Idempotency-Key': 'rejected' }));

    expect(first.status).toBe(422);
    const body = JSON.parse(first.text) as {
      error: { code: string; requestId: string };
      message: MessageRecord;
    };
    expect(body.error.code).toBe('PROVIDER_REJECTED');
    expect(body.error.requestId).toBe(first.requestId);
    expect(body.message.status).toBe('failed');
    expect(retry).toMatchObject({ status: 422, replayed: 'true', text: first.text });
    expect(calls).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS with Retry-After when the first request outlasts the wait', async () => {
    waitMs = 10;
    const first = post(SMS, { 'Idempotency-Key': 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const duplicate = await post(SMS, { 'Idempotency-Key': 'slow' });

    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('retry-after')).toBe('1');
    expect(((await duplicate.json()) as { error: { code: string } }).error.code).toBe(
      'IDEMPOTENCY_IN_PROGRESS',
    );
    expect((await first).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('sends again for another key, and for every request without a key', async () => {
    await post(SMS, { 'Idempotency-Key': 'one' });
    await post(SMS, { 'Idempotency-Key': 'two' });
    await post(SMS);
    await post(SMS);

    expect(calls).toHaveLength(4);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
  ])('refuses an %s key with 400 naming the header, and sends nothing', async (_, key) => {
    const response = await post(SMS, { 'Idempotency-Key': key });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { field: string }[] } };
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.map((d) => d.field)).toEqual(['Idempotency-Key']);
    expect(calls).toHaveLength(0);
  });

  it('refuses a key sent on two header lines with 400, and sends nothing', async () => {
    // fetch joins repeated headers into one line; node:http sends each value on its own line.
    const answer = await new Promise<{ status: number; headers: Headers; body: string }>(
      (resolve, reject) => {
        const req = request(`${server.url}/sendMessage`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'Idempotency-Key': ['a', 'b'] },
        });
        req.on('response', async (res) => {
          const chunks: Buffer[] = [];
          for await (const chunk of res) chunks.push(chunk as Buffer);
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) headers.set(name, String(value));
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        req.on('error', reject);
        req.end(JSON.stringify(SMS));
      },
    );
    // Not fetched, so checked against the document here.
    await noteAnswer('POST', '/sendMessage', answer);
    const { status } = answer;

    expect(status).toBe(400);
    expect(calls).toHaveLength(0);
  });
});
