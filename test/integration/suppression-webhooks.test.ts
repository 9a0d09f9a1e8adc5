import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, type ReceiptDeps } from '../../functions/receive-receipt.js';
import { openDatabase, type SqliteDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteSuppressionList } from '../../lib/adapters/sqlite/sqlite.suppression-list.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { type LocalServer, startLocalServer } from '../../lib/http/local-server.js';
import type { ReceiptSettings } from '../../lib/receipts/settings.js';
import { makeRecordKeyword } from '../../lib/services/record-keyword.js';
import { makeRecordReceipt } from '../../lib/services/record-receipt.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { messageRecord } from '../support/fake-message-log.js';
import {
  META_SECRET,
  metaWebhook,
  RECEIPT_SETTINGS,
  type SnsSigner,
  sesEvent,
  signMeta,
  signTwilio,
  snsNotification,
  snsSigner,
  TWILIO_TOKEN,
} from '../support/receipt-webhooks.js';

// Every automatic source of the suppression list, through the real webhook handler, with payloads
// signed as each provider signs them.

const SETTINGS: ReceiptSettings = { ...RECEIPT_SETTINGS, metaVerifyToken: undefined };
const NOW = new Date('2026-11-27T10:00:00.000Z');

let db: SqliteDatabase;
let server: LocalServer;
let log: SqliteMessageLog;
let suppressions: SqliteSuppressionList;
let signer: SnsSigner;
const logs = capturingLogger();
let seq = 0;

beforeAll(async () => {
  signer = await snsSigner();
  db = openDatabase(':memory:');
  log = new SqliteMessageLog(db);
  suppressions = new SqliteSuppressionList(db);
  const clock = () => NOW;
  const deps: ReceiptDeps = {
    logger: logs.logger,
    recordReceipt: makeRecordReceipt({
      log,
      logger: logs.logger,
      clock,
      suppressions,
      lookupRetryDelaysMs: [],
    }),
    recordKeyword: makeRecordKeyword({ list: suppressions, clock, tenant: SETTINGS.inboundTenant }),
    config: { receipts: SETTINGS },
    fetchCertificate: async () => signer.certificate,
  };
  const handler = createHandler(() => deps);
  server = await startLocalServer({
    routes: ['/webhooks/twilio', '/webhooks/twilio/inbound', '/webhooks/meta', '/webhooks/ses'].map(
      (path) => ({
        method: 'POST' as const,
        path,
        handler,
      }),
    ),
    host: '127.0.0.1',
    port: 0,
    logger: logs.logger,
  });
});
afterAll(async () => {
  await server?.close();
  db?.close();
});
beforeEach(() => {
  db.exec('DELETE FROM suppressions');
});

/** A message of tenant `globex` the log holds as sent through `provider`. */
async function sentMessage(provider: string, type: MessageRecord['type']): Promise<MessageRecord> {
  seq++;
  const record = messageRecord({
    id: `01JD0Y4ZQ9R6T3K1M8XW2C${String(seq).padStart(4, '0')}`,
    tenant: 'globex',
    type,
    recipient: type === 'email' ? 'Jane.Private@Example.com' : '+14155550123',
    subject: type === 'email' ? 'Hello' : null,
    provider,
    providerMessageId: `${provider}-provider-id-${seq}`,
  });
  await log.create(record);
  return record;
}

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers, body });

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const postTwilio = (path: string, params: Record<string, string>, signature?: string) =>
  post(path, new URLSearchParams(params).toString(), {
    ...FORM,
    'x-twilio-signature': signature ?? signTwilio(TWILIO_TOKEN, `${server.url}${path}`, params),
  });
const postSes = (event: Record<string, unknown>) =>
  post('/webhooks/ses', JSON.stringify(signer.sign(snsNotification(event))), {
    'content-type': 'text/plain; charset=UTF-8',
  });
const postMeta = (statuses: Record<string, unknown>[]) => {
  const body = JSON.stringify(metaWebhook(statuses));
  return post('/webhooks/meta', body, {
    'content-type': 'application/json',
    'x-hub-signature-256': signMeta(META_SECRET, body),
  });
};

describe('SES events', () => {
  it('a permanent bounce suppresses the address for email, under the message tenant', async () => {
    const message = await sentMessage('ses', 'email');
    const bounce = sesEvent('Bounce', message.providerMessageId ?? '', {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        bouncedRecipients: [{ emailAddress: 'jane.private@example.com', diagnosticCode: 'smtp; 550 5.1.1' }],
      },
    });
    expect((await postSes(bounce)).status).toBe(200);
    expect((await log.get(message.id))?.status).toBe('undelivered');
    expect(await suppressions.get('globex', 'jane.private@example.com')).toEqual({
      tenant: 'globex',
      recipient: 'jane.private@example.com',
      channels: ['email'],
      reason: 'bounce',
      source: { provider: 'ses', keyId: null, messageId: message.id },
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await suppressions.get('acme', 'jane.private@example.com')).toBeUndefined();
  });

  it('a complaint suppresses the address, and records the message delivered', async () => {
    const message = await sentMessage('ses', 'email');
    const complaint = sesEvent('Complaint', message.providerMessageId ?? '', {
      complaint: { complaintFeedbackType: 'abuse' },
    });
    expect((await postSes(complaint)).status).toBe(200);
    expect((await log.get(message.id))?.status).toBe('delivered');
    expect(await suppressions.get('globex', 'jane.private@example.com')).toMatchObject({
      channels: ['email'],
      reason: 'complaint',
    });
  });

  it('a transient bounce suppresses no one', async () => {
    const message = await sentMessage('ses', 'email');
    const transient = sesEvent('Bounce', message.providerMessageId ?? '', {
      bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    });
    expect((await postSes(transient)).status).toBe(200);
    expect(await suppressions.get('globex', 'jane.private@example.com')).toBeUndefined();
  });
});

describe('Twilio status callbacks', () => {
  const callback = (sid: string, errorCode: string) => ({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    MessageSid: sid,
    MessageStatus: 'undelivered',
    ErrorCode: errorCode,
  });

  it('error 21610 (the number replied STOP) suppresses the number on the message channel', async () => {
    const message = await sentMessage('twilio', 'sms');
    const response = await postTwilio('/webhooks/twilio', callback(message.providerMessageId ?? '', '21610'));
    expect(response.status).toBe(200);
    expect(await suppressions.get('globex', '+14155550123')).toMatchObject({
      channels: ['sms'],
      reason: 'unsubscribe',
      source: { provider: 'twilio', keyId: null, messageId: message.id },
    });
  });

  it('another error suppresses no one', async () => {
    const message = await sentMessage('twilio', 'sms');
    await postTwilio('/webhooks/twilio', callback(message.providerMessageId ?? '', '30003'));
    expect(await suppressions.get('globex', '+14155550123')).toBeUndefined();
  });
});

describe('Meta status webhooks', () => {
  const failed = (id: string, code: number) => ({
    id,
    status: 'failed',
    timestamp: '1700000000',
    recipient_id: '14155550123',
    errors: [{ code, title: 'error', message: 'error' }],
  });

  it('error 131050 (the user stopped marketing messages) suppresses the number for WhatsApp', async () => {
    const message = await sentMessage('meta', 'whatsapp');
    expect((await postMeta([failed(message.providerMessageId ?? '', 131050)])).status).toBe(200);
    expect(await suppressions.get('globex', '+14155550123')).toMatchObject({
      channels: ['whatsapp'],
      reason: 'unsubscribe',
      source: { provider: 'meta', messageId: message.id },
    });
  });

  it('131047 (the 24-hour window passed) is not an opt-out', async () => {
    const message = await sentMessage('meta', 'whatsapp');
    expect((await postMeta([failed(message.providerMessageId ?? '', 131047)])).status).toBe(200);
    expect((await log.get(message.id))?.status).toBe('undelivered');
    expect(await suppressions.get('globex', '+14155550123')).toBeUndefined();
  });
});

describe('POST /webhooks/twilio/inbound', () => {
  const inbound = (body: string, from = '+14155550123') => ({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    MessageSid: `SM${String(++seq).padStart(32, '0')}`,
    From: from,
    To: '+15005550006',
    Body: body,
  });

  it('STOP suppresses the sender for SMS in the inbound tenant, answering empty TwiML', async () => {
    const response = await postTwilio('/webhooks/twilio/inbound', inbound('STOP'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(await response.text()).toBe('<Response/>');
    expect(await suppressions.get('acme', '+14155550123')).toMatchObject({
      channels: ['sms'],
      reason: 'unsubscribe',
      source: { provider: 'twilio', keyId: null, messageId: null },
    });
    expect(await suppressions.get('globex', '+14155550123')).toBeUndefined();
  });

  it.each(['stop', ' Stop ', 'StopAll', 'unsubscribe', 'CANCEL', 'end', 'quit', 'stop all'])(
    'takes %j as an opt-out',
    async (word) => {
      await postTwilio('/webhooks/twilio/inbound', inbound(word));
      expect((await suppressions.get('acme', '+14155550123'))?.channels).toEqual(['sms']);
    },
  );

  it('START and UNSTOP lift SMS only; other text changes nothing', async () => {
    await suppressions.add({
      tenant: 'acme',
      recipient: '+14155550123',
      channels: ['sms', 'whatsapp'],
      reason: 'unsubscribe',
      source: { provider: 'meta', keyId: null, messageId: null },
      at: NOW.toISOString(),
    });
    const hello = await postTwilio('/webhooks/twilio/inbound', inbound('stop sending me that?'));
    expect(await hello.text()).toBe('<Response/>');
    expect((await suppressions.get('acme', '+14155550123'))?.channels).toEqual(['sms', 'whatsapp']);
    await postTwilio('/webhooks/twilio/inbound', inbound(' start'));
    expect((await suppressions.get('acme', '+14155550123'))?.channels).toEqual(['whatsapp']);
    await postTwilio('/webhooks/twilio/inbound', inbound('STOP'));
    await postTwilio('/webhooks/twilio/inbound', inbound('Unstop'));
    expect((await suppressions.get('acme', '+14155550123'))?.channels).toEqual(['whatsapp']);
  });

  it('refuses an unsigned or tampered request and changes nothing', async () => {
    const params = inbound('STOP');
    const signature = signTwilio(TWILIO_TOKEN, `${server.url}/webhooks/twilio/inbound`, params);
    const tampered = await postTwilio(
      '/webhooks/twilio/inbound',
      { ...params, From: '+14155550124' },
      signature,
    );
    expect(tampered.status).toBe(403);
    const unsigned = await post('/webhooks/twilio/inbound', new URLSearchParams(params).toString(), FORM);
    expect(unsigned.status).toBe(403);
    expect((await suppressions.list({ tenant: 'acme', limit: 10 })).items).toEqual([]);
  });

  it('never logs the sender number or the text', async () => {
    await postTwilio('/webhooks/twilio/inbound', inbound('STOP', '+14155550199'));
    await postTwilio('/webhooks/twilio/inbound', inbound('my secret words', '+14155550199'));
    expect(logs.raw()).not.toContain('4155550199');
    expect(logs.raw()).not.toContain('secret words');
  });
});
