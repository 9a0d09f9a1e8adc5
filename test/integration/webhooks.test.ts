import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, type ReceiptDeps } from '../../functions/receive-receipt.js';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { type LocalServer, startLocalServer } from '../../lib/http/local-server.js';
import { requestUrl } from '../../lib/receipts/request.js';
import type { ReceiptSettings } from '../../lib/receipts/settings.js';
import { makeRecordReceipt } from '../../lib/services/record-receipt.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { messageRecord } from '../support/fake-message-log.js';
import { webhookEvent } from '../support/lambda-events.js';
import {
  META_SECRET,
  META_VERIFY,
  metaWebhook,
  RECEIPT_SETTINGS as SETTINGS,
  SNS_TOPIC_ARN,
  type SnsSigner,
  sesEvent,
  signMeta,
  signTwilio,
  snsNotification,
  snsSigner,
  TWILIO_TOKEN,
} from '../support/receipt-webhooks.js';

const SUBSCRIBE_URL = `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${SNS_TOPIC_ARN}&Token=2336412f37fb687f`;

let server: LocalServer;
let log: SqliteMessageLog;
let logs: ReturnType<typeof capturingLogger>;
let signer: SnsSigner;
let settings: ReceiptSettings;
const fetchCertificate = vi.fn(async (_url: string) => signer.certificate);
const confirmSubscription = vi.fn(async (_url: string) => undefined);
let seq = 0;

beforeAll(async () => {
  signer = await snsSigner();
  logs = capturingLogger();
  log = new SqliteMessageLog(openDatabase(':memory:'));
  const recordReceipt = makeRecordReceipt({ log, logger: logs.logger, clock: () => new Date() });
  // Read per request, so that a test may change the settings.
  const deps = (): ReceiptDeps => ({
    logger: logs.logger,
    recordReceipt,
    recordKeyword: async () => {},
    config: { receipts: settings },
    fetchCertificate,
    confirmSubscription,
  });
  const handler = createHandler(deps);
  server = await startLocalServer({
    routes: [
      { method: 'POST', path: '/webhooks/twilio', handler },
      { method: 'GET', path: '/webhooks/meta', handler },
      { method: 'POST', path: '/webhooks/meta', handler },
      { method: 'POST', path: '/webhooks/ses', handler },
    ],
    host: '127.0.0.1',
    port: 0,
    logger: logs.logger,
  });
});
afterAll(async () => {
  await server?.close();
  await log?.close();
});
beforeEach(() => {
  settings = { ...SETTINGS };
  fetchCertificate.mockClear();
  confirmSubscription.mockClear();
});

/** A message the log holds as sent through `provider`, with a fresh id and provider id. */
async function sentMessage(provider: string, type: MessageRecord['type'] = 'sms'): Promise<MessageRecord> {
  seq++;
  const record = messageRecord({
    id: `01JD0Y4ZQ9R6T3K1M8XW2B${String(seq).padStart(4, '0')}`,
    type,
    recipient: type === 'email' ? 'jane.private@example.com' : '+14155550123',
    subject: type === 'email' ? 'Hello' : null,
    provider,
    providerMessageId: `${provider}-provider-id-${seq}`,
  });
  await log.create(record);
  return record;
}

async function snapshot(id: string) {
  return { record: await log.get(id), events: await log.listEvents(id) };
}

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers, body });

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
}

describe('POST /webhooks/twilio', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  const callback = (sid: string, status: string, extra: Record<string, string> = {}) => ({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    MessageSid: sid,
    MessageStatus: status,
    ...extra,
  });
  const send = (params: Record<string, string>, signature?: string, url = `${server.url}/webhooks/twilio`) =>
    post('/webhooks/twilio', new URLSearchParams(params).toString(), {
      ...FORM,
      ...(signature === undefined ? {} : { 'x-twilio-signature': signature }),
    }).then((response) => ({ response, url }));

  it('records a signed delivered callback, then a late undelivered one changes nothing', async () => {
    const message = await sentMessage('twilio');
    const url = `${server.url}/webhooks/twilio`;
    const params = callback(message.providerMessageId ?? '', 'delivered');
    const { response } = await send(params, signTwilio(TWILIO_TOKEN, url, params));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const after = await snapshot(message.id);
    expect(after.record).toMatchObject({ status: 'delivered', error: null, provider: 'twilio' });
    expect(after.events.map((e) => [e.status, e.provider, e.detail])).toEqual([
      ['sent', 'twilio', null],
      ['delivered', 'twilio', 'delivered'],
    ]);

    const late = callback(message.providerMessageId ?? '', 'undelivered', { ErrorCode: '30003' });
    const second = await send(late, signTwilio(TWILIO_TOKEN, url, late));
    expect(second.response.status).toBe(200);
    expect(await snapshot(message.id)).toEqual(after);
  });

  it("records undelivered with Twilio's error code", async () => {
    const message = await sentMessage('twilio');
    const params = callback(message.providerMessageId ?? '', 'undelivered', { ErrorCode: '30003' });
    const { response } = await send(
      params,
      signTwilio(TWILIO_TOKEN, `${server.url}/webhooks/twilio`, params),
    );
    expect(response.status).toBe(200);
    const after = await snapshot(message.id);
    expect(after.record).toMatchObject({
      status: 'undelivered',
      error: { code: '30003', retryable: false },
    });
    expect(after.events.at(-1)).toMatchObject({ status: 'undelivered', detail: 'undelivered 30003' });
  });

  it('refuses an unsigned, a tampered and a wrongly keyed callback, and changes nothing', async () => {
    const message = await sentMessage('twilio');
    const before = await snapshot(message.id);
    const url = `${server.url}/webhooks/twilio`;
    const params = callback(message.providerMessageId ?? '', 'delivered');
    const signature = signTwilio(TWILIO_TOKEN, url, params);

    await expectRefused((await send(params)).response, 403, 'INVALID_SIGNATURE');
    const tampered = { ...params, MessageStatus: 'undelivered' };
    await expectRefused((await send(tampered, signature)).response, 403, 'INVALID_SIGNATURE');
    const wrongKey = signTwilio('fedcba9876543210fedcba9876543210', url, params);
    await expectRefused((await send(params, wrongKey)).response, 403, 'INVALID_SIGNATURE');
    expect(await snapshot(message.id)).toEqual(before);
  });

  it('checks the signature against PUBLIC_URL when it is set', async () => {
    settings = { ...SETTINGS, publicUrl: 'https://api.example.com/v1' };
    const message = await sentMessage('twilio');
    const params = callback(message.providerMessageId ?? '', 'read');
    // Signed for the local URL: not the one Twilio was given.
    const local = signTwilio(TWILIO_TOKEN, `${server.url}/webhooks/twilio`, params);
    await expectRefused((await send(params, local)).response, 403, 'INVALID_SIGNATURE');
    const signed = signTwilio(TWILIO_TOKEN, 'https://api.example.com/v1/webhooks/twilio', params);
    expect((await send(params, signed)).response.status).toBe(200);
    expect((await log.get(message.id))?.status).toBe('delivered');
  });

  it('acknowledges a status on the way, and an unknown message, without a change', async () => {
    const message = await sentMessage('twilio');
    const before = await snapshot(message.id);
    const url = `${server.url}/webhooks/twilio`;
    const sent = callback(message.providerMessageId ?? '', 'sent');
    expect((await send(sent, signTwilio(TWILIO_TOKEN, url, sent))).response.status).toBe(200);
    const unknown = callback('SMffffffffffffffffffffffffffffffff', 'delivered');
    expect((await send(unknown, signTwilio(TWILIO_TOKEN, url, unknown))).response.status).toBe(200);
    expect(await snapshot(message.id)).toEqual(before);
  });

  it('is not enabled without the auth token, and wants a form', async () => {
    settings = { ...SETTINGS, twilioAuthToken: undefined };
    await expectRefused((await send(callback('SM1', 'delivered'), 'x')).response, 404, 'NOT_FOUND');
    settings = { ...SETTINGS };
    const json = await post('/webhooks/twilio', '{}', { 'content-type': 'application/json' });
    await expectRefused(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('/webhooks/meta', () => {
  const JSON_TYPE = { 'content-type': 'application/json' };
  const send = (body: string, signature?: string) =>
    post('/webhooks/meta', body, {
      ...JSON_TYPE,
      ...(signature ? { 'x-hub-signature-256': signature } : {}),
    });

  it('answers the verification challenge as text, only with the verify token', async () => {
    const query = (token: string) =>
      `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const ok = await fetch(`${server.url}/webhooks/meta?${query(META_VERIFY)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await ok.text()).toBe('1158201444');
    await expectRefused(
      await fetch(`${server.url}/webhooks/meta?${query('guess')}`),
      403,
      'VERIFICATION_FAILED',
    );
    settings = { ...SETTINGS, metaVerifyToken: undefined };
    await expectRefused(await fetch(`${server.url}/webhooks/meta?${query(META_VERIFY)}`), 404, 'NOT_FOUND');
  });

  it('records every status of a signed POST, in order', async () => {
    const read = await sentMessage('meta', 'whatsapp');
    const failed = await sentMessage('meta', 'whatsapp');
    const body = JSON.stringify(
      metaWebhook([
        { id: read.providerMessageId, status: 'sent', timestamp: '1700000000', recipient_id: '14155550123' },
        {
          id: read.providerMessageId,
          status: 'delivered',
          timestamp: '1700000001',
          recipient_id: '14155550123',
        },
        { id: read.providerMessageId, status: 'read', timestamp: '1700000002', recipient_id: '14155550123' },
        {
          id: failed.providerMessageId,
          status: 'failed',
          timestamp: '1700000003',
          recipient_id: '14155550123',
          errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }],
        },
      ]),
    );
    const response = await send(body, signMeta(META_SECRET, body));
    expect(response.status).toBe(200);
    const afterRead = await snapshot(read.id);
    expect(afterRead.record?.status).toBe('delivered');
    // `read` comes after `delivered` and is ignored: the message cannot move further.
    expect(afterRead.events.map((e) => [e.status, e.detail])).toEqual([
      ['sent', null],
      ['delivered', 'delivered'],
    ]);
    expect((await snapshot(failed.id)).record).toMatchObject({
      status: 'undelivered',
      error: { code: '131026', message: 'Message undeliverable', retryable: false },
    });
  });

  it('refuses an unsigned and a tampered POST, and changes nothing', async () => {
    const message = await sentMessage('meta', 'whatsapp');
    const before = await snapshot(message.id);
    const body = JSON.stringify(metaWebhook([{ id: message.providerMessageId, status: 'delivered' }]));
    await expectRefused(await send(body), 403, 'INVALID_SIGNATURE');
    const tampered = body.replace('delivered', 'failed');
    await expectRefused(await send(tampered, signMeta(META_SECRET, body)), 403, 'INVALID_SIGNATURE');
    await expectRefused(await send(body, signMeta('another-secret', body)), 403, 'INVALID_SIGNATURE');
    expect(await snapshot(message.id)).toEqual(before);
  });

  it('is not enabled for POST without the app secret', async () => {
    settings = { ...SETTINGS, metaAppSecret: undefined };
    await expectRefused(await send('{}', signMeta(META_SECRET, '{}')), 404, 'NOT_FOUND');
  });
});

describe('POST /webhooks/ses', () => {
  const send = (body: unknown) =>
    post('/webhooks/ses', JSON.stringify(body), {
      // What SNS sends.
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': (body as { Type?: string }).Type ?? 'Notification',
    });

  it('confirms a signed subscription of the configured topic', async () => {
    const confirmation = signer.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
      Token: '2336412f37fb687f',
      TopicArn: SNS_TOPIC_ARN,
      Message: `You have chosen to subscribe to the topic ${SNS_TOPIC_ARN}.`,
      SubscribeURL: SUBSCRIBE_URL,
      Timestamp: '2026-11-27T10:00:00.000Z',
    });
    expect((await send(confirmation)).status).toBe(200);
    expect(confirmSubscription).toHaveBeenCalledExactlyOnceWith(SUBSCRIBE_URL);
    expect(logs.raw()).not.toContain('2336412f37fb687f');

    // Altered after signing, even to another AWS URL: refused, not followed.
    const altered = { ...confirmation, SubscribeURL: SUBSCRIBE_URL.replace('us-east-1', 'us-west-2') };
    await expectRefused(await send(altered), 403, 'INVALID_SIGNATURE');
    // Signed, but pointing elsewhere: not followed.
    const elsewhere = signer.sign({ ...confirmation, SubscribeURL: 'https://evil.example/confirm' });
    await expectRefused(await send(elsewhere), 403, 'INVALID_SIGNATURE');
    expect(confirmSubscription).toHaveBeenCalledTimes(1);
  });

  it('records a signed Delivery and a permanent Bounce', async () => {
    const delivered = await sentMessage('ses', 'email');
    const bounced = await sentMessage('ses', 'email');
    const delivery = signer.sign(
      snsNotification(sesEvent('Delivery', delivered.providerMessageId ?? '')),
      '1',
    );
    expect((await send(delivery)).status).toBe(200);
    expect((await snapshot(delivered.id)).events.at(-1)).toMatchObject({
      status: 'delivered',
      provider: 'ses',
      detail: 'Delivery',
    });

    const bounce = sesEvent('Bounce', bounced.providerMessageId ?? '', {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        bouncedRecipients: [{ emailAddress: bounced.recipient }],
      },
    });
    const answer = await send(signer.sign(snsNotification(bounce)));
    expect(answer.status).toBe(200);
    expect((await snapshot(bounced.id)).record).toMatchObject({
      status: 'undelivered',
      error: { code: 'Bounce:NoEmail', retryable: false },
    });
    // The receipt's line, written by the use case, carries the webhook request's id.
    const applied = logs.lines().filter((l) => l.msg === 'receipt applied' && l.messageId === bounced.id);
    expect(applied.map((l) => l.requestId)).toEqual([answer.headers.get('x-request-id')]);
    expect(fetchCertificate).toHaveBeenCalled();
  });

  it('acknowledges a transient bounce without a change', async () => {
    const message = await sentMessage('ses', 'email');
    const before = await snapshot(message.id);
    const id = message.providerMessageId ?? '';
    const transient = sesEvent('Bounce', id, {
      bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    });
    const answer = await send(signer.sign(snsNotification(transient)));
    expect(answer.status).toBe(200);
    expect(await snapshot(message.id)).toEqual(before);
    // Logged under the webhook request's id.
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.lines().filter((l) => l.requestId === requestId);
    expect(lines.find((l) => l.msg === 'receipt changes nothing')).toMatchObject({ providerMessageId: id });
  });

  it('refuses an unsigned, a tampered and a foreign-topic message, and changes nothing', async () => {
    const message = await sentMessage('ses', 'email');
    const before = await snapshot(message.id);
    const notification = snsNotification(sesEvent('Delivery', message.providerMessageId ?? ''));
    await expectRefused(await send(notification), 403, 'INVALID_SIGNATURE');
    const signed = signer.sign(notification);
    const bounce = sesEvent('Bounce', message.providerMessageId ?? '', {
      bounce: { bounceType: 'Permanent' },
    });
    await expectRefused(await send({ ...signed, Message: JSON.stringify(bounce) }), 403, 'INVALID_SIGNATURE');

    fetchCertificate.mockClear();
    const foreign = signer.sign({ ...notification, TopicArn: 'arn:aws:sns:us-east-1:999999999999:theirs' });
    await expectRefused(await send(foreign), 403, 'INVALID_SIGNATURE');
    expect(fetchCertificate).not.toHaveBeenCalled();
    const badCertUrl = signer.sign({ ...notification, SigningCertURL: 'https://evil.example/cert.pem' });
    await expectRefused(await send(badCertUrl), 403, 'INVALID_SIGNATURE');
    expect(fetchCertificate).not.toHaveBeenCalled();
    expect(await snapshot(message.id)).toEqual(before);
  });

  it('is not enabled without a topic', async () => {
    settings = { ...SETTINGS, sesTopicArns: undefined };
    await expectRefused(await send(snsNotification(sesEvent('Delivery', 'x'))), 404, 'NOT_FOUND');
  });
});

describe('every webhook', () => {
  it('answers 405 for another method', async () => {
    const response = await fetch(`${server.url}/webhooks/ses`);
    await expectRefused(response, 405, 'METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('logs no secret, recipient or content', () => {
    const raw = logs.raw();
    for (const secret of [
      TWILIO_TOKEN,
      META_SECRET,
      META_VERIFY,
      '+14155550123',
      'jane.private@example.com',
      'Your code',
    ]) {
      expect(raw).not.toContain(secret);
    }
    expect(logs.lines().some((l) => l.msg === 'receipt applied')).toBe(true);
  });
});

describe('the Lambda event', () => {
  const event = (overrides: Partial<APIGatewayProxyEvent>): APIGatewayProxyEvent =>
    webhookEvent('meta', 'POST', { resource: '/webhooks/meta', pathParameters: null, ...overrides });

  it('verifies a base64-encoded body over its decoded bytes', async () => {
    const message = await sentMessage('meta', 'whatsapp');
    const bytes = Buffer.from(
      JSON.stringify(metaWebhook([{ id: message.providerMessageId, status: 'delivered' }])),
    );
    const recordReceipt = makeRecordReceipt({ log, logger: logs.logger, clock: () => new Date() });
    const handler = createHandler(() => ({
      logger: logs.logger,
      recordReceipt,
      recordKeyword: async () => {},
      config: { receipts: SETTINGS },
    }));
    const result = await handler(
      event({
        headers: { 'X-Hub-Signature-256': signMeta(META_SECRET, bytes) },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      }),
      {} as Context,
    );
    expect(result.statusCode).toBe(200);
    expect((await log.get(message.id))?.status).toBe('delivered');
  });

  it('answers 404 for a provider it does not know, whatever its name', async () => {
    const handler = createHandler(() => ({
      logger: logs.logger,
      recordReceipt: async () => ({ outcome: 'unknown' }),
      recordKeyword: async () => {},
      config: { receipts: SETTINGS },
    }));
    for (const provider of ['constructor', '__proto__', 'sendgrid']) {
      const result = await handler(
        event({ resource: '/webhooks/{provider}', pathParameters: { provider } }),
        {} as Context,
      );
      expect(result.statusCode).toBe(404);
      expect(JSON.parse(result.body).error.code).toBe('NOT_FOUND');
    }
  });

  it("derives Twilio's URL from the request, with the stage on an execute-api host", () => {
    const twilio = (headers: Record<string, string>, query: Record<string, string[]> | null = null) =>
      event({
        resource: '/webhooks/twilio',
        path: '/webhooks/twilio',
        headers,
        multiValueQueryStringParameters: query,
      });
    expect(
      requestUrl(
        twilio({ Host: 'abc123.execute-api.eu-west-1.amazonaws.com', 'X-Forwarded-Proto': 'https' }),
        undefined,
      ),
    ).toBe('https://abc123.execute-api.eu-west-1.amazonaws.com/dev/webhooks/twilio');
    expect(requestUrl(twilio({ host: 'api.example.com', 'x-forwarded-proto': 'https' }), undefined)).toBe(
      'https://api.example.com/webhooks/twilio',
    );
    expect(requestUrl(twilio({ host: '127.0.0.1:5000' }, { tenant: ['a b'] }), undefined)).toBe(
      'http://127.0.0.1:5000/webhooks/twilio?tenant=a+b',
    );
    expect(requestUrl(twilio({ host: 'ignored.example' }), 'https://api.example.com/v1')).toBe(
      'https://api.example.com/v1/webhooks/twilio',
    );
  });
});
