import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { Provider } from '../../lib/ports/provider.js';
import { recordingProviders } from '../support/fake-providers.js';
import { brokenLog } from '../support/message-log-wrappers.js';
import { startTestService, type TestService } from '../support/service.js';
import { storeEnvs } from '../support/store-env.js';

const DUMMY = { type: 'email', recipient: 'user@example.com', content: 'Hello, this is a test message.' };

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { field: string; message: string }[];
    requestId: string;
    retryable?: boolean;
    supportedTypes?: string[];
  };
  message?: MessageRecord;
}

async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

const fields = (body: ErrorBody) => body.error.details?.map((d) => d.field).sort();

// The same HTTP tests with each message log behind the local server.
const stores = storeEnvs();
afterAll(stores.close);
const storeEnv = stores.env;

describe.each(['sqlite', 'dynamodb'] as const)('the local server with the %s log', (store) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: await storeEnv(store) });
  });
  afterAll(async () => service.close());

  it("sends and logs the prototype's dummy payload", async () => {
    const response = await service.post('/sendMessage', DUMMY);
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({
      type: 'email',
      recipient: 'user@example.com',
      subject: 'Message from the messaging service',
      content: DUMMY.content,
      status: 'sent',
      provider: 'mock',
      error: null,
      attempts: 1,
    });
    expect(record.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(record.providerMessageId).toMatch(/^mock-/);
    expect(Date.parse(record.updatedAt)).toBeGreaterThanOrEqual(Date.parse(record.createdAt));

    const stored = await service.get(`/messages/${record.id}`);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual(record);

    const lines = service.logs().filter((line) => line.requestId === requestId);
    expect(lines.map((line) => line.msg)).toEqual(['provider send', 'message handled', 'request']);
    expect(service.rawLogs()).not.toContain(DUMMY.content);
    expect(service.rawLogs()).not.toContain('user@example.com');
  });

  it('keeps the log lines of concurrent requests apart, each under its own request id', async () => {
    const bodies = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? { type: 'email', recipient: `user${i}@example.com`, content: 'Hi' }
        : { type: i % 3 === 1 ? 'sms' : 'whatsapp', recipient: '+14155550123', content: 'Hi' },
    );
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const response = await service.post('/sendMessage', body);
        expect(response.status).toBe(200);
        const record = (await response.json()) as MessageRecord;
        return { requestId: response.headers.get('x-request-id'), messageId: record.id };
      }),
    );
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(answers.length);
    const requestOf = new Map(answers.map((a) => [a.messageId, a.requestId]));
    const handled = service
      .logs()
      .filter((line) => line.msg === 'message handled' && requestOf.has(String(line.messageId)));
    expect(handled).toHaveLength(answers.length);
    for (const line of handled) expect(line.requestId).toBe(requestOf.get(String(line.messageId)));
    for (const { requestId } of answers) {
      const lines = service.logs().filter((line) => line.requestId === requestId);
      expect(lines.map((line) => line.msg)).toEqual(['provider send', 'message handled', 'request']);
    }
  });

  it('stores the normalized recipient and the given subject', async () => {
    const response = await service.post('/sendMessage', {
      type: 'email',
      recipient: '  Jane.Doe@Example.ORG ',
      content: 'Hi',
      subject: 'Welcome',
    });
    expect(await response.json()).toMatchObject({ recipient: 'Jane.Doe@example.org', subject: 'Welcome' });
    const sms = await service.post('/sendMessage', {
      type: 'sms',
      recipient: '+1 415 555 0123',
      content: 'Hi',
    });
    expect(await sms.json()).toMatchObject({ recipient: '+14155550123', subject: null, status: 'sent' });
  });

  it('accepts JSON content types whatever their case and parameters', async () => {
    for (const contentType of [
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/vnd.api+json',
    ]) {
      const response = await service.post('/sendMessage', DUMMY, { 'content-type': contentType });
      expect(response.status, contentType).toBe(200);
    }
  });

  describe('refuses bad requests with the contract error body', () => {
    it('431 HEADERS_TOO_LARGE for headers over 16 KiB, before any handler, and keeps serving', async () => {
      const response = await service.post('/sendMessage', DUMMY, { 'x-padding': 'a'.repeat(17 * 1024) });

      await expectError(response, 431, 'HEADERS_TOO_LARGE');
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect((await service.post('/sendMessage', DUMMY)).status).toBe(200);
    });

    it('400 VALIDATION_ERROR naming every failing field', async () => {
      const body = await expectError(
        await service.post('/sendMessage', {
          type: 'sms',
          recipient: '4155550123',
          content: ' ',
          subject: 'x',
        }),
        400,
        'VALIDATION_ERROR',
      );
      expect(fields(body)).toEqual(['content', 'recipient', 'subject']);
      expect(body.error.details?.find((d) => d.field === 'recipient')?.message).toMatch(/E\.164/);
    });

    it('400 for missing and unknown fields', async () => {
      const body = await expectError(
        await service.post('/sendMessage', { type: 'email', recipent: 'a@b.co' }),
        400,
        'VALIDATION_ERROR',
      );
      expect(fields(body)).toEqual(['content', 'recipent', 'recipient']);
    });

    it('400 UNSUPPORTED_TYPE listing the supported types', async () => {
      const body = await expectError(
        await service.post('/sendMessage', { type: 'fax', recipient: 'x', content: 'y' }),
        400,
        'UNSUPPORTED_TYPE',
      );
      expect(body.error.supportedTypes).toEqual(['email', 'sms', 'whatsapp']);
      expect(fields(body)).toEqual(['type']);
      expect(body.error.details?.[0]?.message).toContain('email, sms, whatsapp');
    });

    it.each([
      ['malformed JSON', '{"type": "email",'],
      ['an empty body', ''],
    ])('400 INVALID_JSON for %s', async (_, raw) => {
      await expectError(await service.post('/sendMessage', raw), 400, 'INVALID_JSON');
    });

    it.each([['[]'], ['"text"'], ['42'], ['null']])('400 for the non-object body %s', async (raw) => {
      const body = await expectError(await service.post('/sendMessage', raw), 400, 'VALIDATION_ERROR');
      expect(fields(body)).toEqual(['body']);
    });

    it('413 for a body over 256 KiB, 200 just under it', async () => {
      const pad = (bytes: number) => {
        const base = JSON.stringify({ ...DUMMY, content: '' });
        return JSON.stringify({ ...DUMMY, content: 'x'.repeat(bytes - base.length) });
      };
      await expectError(await service.post('/sendMessage', pad(256 * 1024 + 1)), 413, 'PAYLOAD_TOO_LARGE');
      // At the limit the size check passes and the content rules decide (email allows 100,000 characters).
      const atLimit = await service.post('/sendMessage', pad(256 * 1024));
      expect((await expectError(atLimit, 400, 'VALIDATION_ERROR')).error.details?.[0]?.field).toBe('content');
    });

    it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['']])(
      '415 for content type %j',
      async (contentType) => {
        await expectError(
          await service.post('/sendMessage', DUMMY, { 'content-type': contentType }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        );
      },
    );

    it('404 for an unknown path, 405 with Allow for a wrong method', async () => {
      await expectError(await service.get('/nope'), 404, 'NOT_FOUND');
      await expectError(await service.get('/sendMessage/extra'), 404, 'NOT_FOUND');
      const wrong = await service.get('/sendMessage');
      await expectError(wrong, 405, 'METHOD_NOT_ALLOWED');
      expect(wrong.headers.get('allow')).toBe('POST');
      const put = await fetch(`${service.url}/messages/abc`, { method: 'PUT' });
      await expectError(put, 405, 'METHOD_NOT_ALLOWED');
      expect(put.headers.get('allow')).toBe('DELETE, GET');
    });

    it('404, not a fault, for a malformed percent-encoding in the path', async () => {
      await expectError(await service.get('/messages/%E0%A4%A'), 404, 'NOT_FOUND');
    });

    it('404 for an unknown message id', async () => {
      await expectError(await service.get('/messages/01JD0Y4ZQ9R6T3K1M8XW2B7C5E'), 404, 'NOT_FOUND');
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['type=fax', 'type'],
      ['status=lost', 'status'],
      ['from=yesterday', 'from'],
      ['recipient=nobody', 'recipient'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['colour=red', 'colour'],
    ])('400 naming the malformed filter in ?%s', async (query, field) => {
      const body = await expectError(await service.get(`/messages?${query}`), 400, 'VALIDATION_ERROR');
      expect(fields(body)).toEqual([field]);
    });
  });

  describe('provider outcomes are logged', () => {
    it('422 PROVIDER_REJECTED with the failed record', async () => {
      const body = await expectError(
        await service.post('/sendMessage', {
          type: 'email',
          recipient: 'bounce@simulator.amazonses.com',
          content: 'x',
        }),
        422,
        'PROVIDER_REJECTED',
      );
      expect(body.error.retryable).toBe(false);
      expect(body.message).toMatchObject({ status: 'failed', attempts: 1, provider: 'mock' });
      expect(body.message?.error).toMatchObject({ code: 'Bounce', retryable: false });
      const stored = (await (await service.get(`/messages/${body.message?.id}`)).json()) as MessageRecord;
      expect(stored).toEqual(body.message);
    });

    it('502 PROVIDER_UNAVAILABLE, retryable, with the failed record', async () => {
      const body = await expectError(
        await service.post('/sendMessage', { type: 'whatsapp', recipient: '+15005550008', content: 'x' }),
        502,
        'PROVIDER_UNAVAILABLE',
      );
      expect(body.error.retryable).toBe(true);
      expect(body.message).toMatchObject({ status: 'failed', error: { code: '21611', retryable: true } });
      const stored = (await (await service.get(`/messages/${body.message?.id}`)).json()) as MessageRecord;
      expect(stored.status).toBe('failed');
    });
  });

  it('finds messages through every filter of GET /messages and pages through them', async () => {
    const own = await startTestService({ env: await storeEnv(store) });
    try {
      const sent: MessageRecord[] = [];
      const send = async (body: object) => {
        const response = await own.post('/sendMessage', body);
        const json = (await response.json()) as MessageRecord & ErrorBody;
        sent.push(json.message ?? json);
      };
      for (let i = 0; i < 4; i++) await send({ type: 'sms', recipient: '+14155550123', content: `sms ${i}` });
      await send({ type: 'sms', recipient: '+15005550001', content: 'rejected' });
      await send({ ...DUMMY });
      await send({ type: 'whatsapp', recipient: '+447911123456', content: 'wa' });

      const list = async (query: string) => {
        const response = await own.get(`/messages?${query}`);
        expect(response.status, query).toBe(200);
        return (await response.json()) as { items: MessageRecord[]; nextCursor: string | null };
      };
      const newestFirst = [...sent].reverse().map((m) => m.id);
      expect((await list('')).items.map((m) => m.id)).toEqual(newestFirst);
      expect((await list('type=sms')).items).toHaveLength(5);
      expect((await list('status=failed')).items.map((m) => m.recipient)).toEqual(['+15005550001']);
      expect((await list('recipient=%2B1%20415%20555%200123')).items).toHaveLength(4);
      expect((await list('type=sms&status=sent&recipient=%2B14155550123')).items).toHaveLength(4);
      expect((await list('recipient=USER@EXAMPLE.com')).items).toHaveLength(0); // local part is case-sensitive
      expect((await list('recipient=user@EXAMPLE.com')).items).toHaveLength(1);

      const third = sent[2] as MessageRecord;
      const fromThird = await list(`from=${encodeURIComponent(third.createdAt)}`);
      expect(fromThird.items.every((m) => m.createdAt >= third.createdAt)).toBe(true);
      expect(fromThird.items.map((m) => m.id)).toContain(third.id);
      const beforeThird = await list(`to=${encodeURIComponent(third.createdAt)}`);
      expect(beforeThird.items.every((m) => m.createdAt < third.createdAt)).toBe(true);
      expect((await list('from=2000-01-01&to=2000-01-02')).items).toEqual([]);

      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        walked.push(...page.items.map((m) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(newestFirst);
    } finally {
      await own.close();
    }
  });
});

describe('when parts fail', () => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('503 LOG_UNAVAILABLE and no send when the log cannot be written', async () => {
    const { providers, calls } = recordingProviders();
    service = await startTestService({
      overrides: {
        providers,
        messageLog: brokenLog({ create: new Error('SQLITE_FULL: database or disk is full') }),
      },
    });
    const body = await expectError(await service.post('/sendMessage', DUMMY), 503, 'LOG_UNAVAILABLE');
    expect(calls).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('SQLITE_FULL');
  });

  it('a provider that throws is a retryable failure, logged as failed', async () => {
    const { providers } = recordingProviders(() => {
      throw new Error('socket hang up');
    });
    service = await startTestService({ overrides: { providers } });
    const body = await expectError(await service.post('/sendMessage', DUMMY), 502, 'PROVIDER_UNAVAILABLE');
    expect(body.message).toMatchObject({
      status: 'failed',
      error: { code: 'PROVIDER_ERROR', retryable: true },
    });
    const stored = (await (await service.get(`/messages/${body.message?.id}`)).json()) as MessageRecord;
    expect(stored.status).toBe('failed');
  });

  it('fails over to the next provider and records which one handled it and every attempt', async () => {
    const busy = recordingProviders(() => ({
      accepted: false,
      code: '20429',
      message: 'Too Many Requests',
      retryable: true,
    }));
    const spare = recordingProviders((m) => ({ accepted: true, providerMessageId: `spare-${m.id}` }));
    const chain = (c: 'email' | 'sms' | 'whatsapp') => [
      { ...(busy.providers[c][0] as Provider), name: 'busy' },
      { ...(spare.providers[c][0] as Provider), name: 'spare' },
    ];
    service = await startTestService({
      overrides: { providers: { email: chain('email'), sms: chain('sms'), whatsapp: chain('whatsapp') } },
    });
    const response = await service.post('/sendMessage', DUMMY);
    expect(response.status).toBe(200);
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({ provider: 'spare', attempts: 2, status: 'sent', error: null });
    expect(record.providerMessageId).toBe(`spare-${record.id}`);
    expect(busy.calls).toHaveLength(1);
    expect(service.logs().find((l) => l.msg === 'provider failed, trying the next one')).toMatchObject({
      provider: 'busy',
      next: 'spare',
      errorCode: '20429',
    });
  });

  it('500 INTERNAL with a request id, and neither the cause nor a stack trace', async () => {
    service = await startTestService({
      overrides: { messageLog: brokenLog({ get: new Error('secret-db-password leaked in message') }) },
    });
    const response = await service.get('/messages/01JD0Y4ZQ9R6T3K1M8XW2B7C5E');
    const body = await expectError(response, 500, 'INTERNAL');
    const text = JSON.stringify(body);
    expect(text).not.toContain('secret-db-password');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    // The log keeps what the answer hides, under the same request id.
    const line = service.logs().find((l) => l.msg === 'unhandled error');
    expect(line?.requestId).toBe(body.error.requestId);
    expect(JSON.stringify(line)).toContain('secret-db-password');
  });

  it('answers 200 with the sent record when only the status write fails after the send', async () => {
    const { providers, calls } = recordingProviders();
    const base = new SqliteMessageLog(openDatabase(':memory:'));
    service = await startTestService({
      overrides: { providers, messageLog: brokenLog({ updateStatus: new Error('disk I/O error') }, base) },
    });
    const response = await service.post('/sendMessage', DUMMY);
    expect(response.status).toBe(200);
    const record = (await response.json()) as MessageRecord;
    expect(record.status).toBe('sent');
    expect(calls).toHaveLength(1);
    const line = service.logs().find((l) => l.msg.startsWith('message status write failed'));
    expect(line).toMatchObject({
      messageId: record.id,
      status: 'sent',
      providerMessageId: `fake-${record.id}`,
    });
  });
});
