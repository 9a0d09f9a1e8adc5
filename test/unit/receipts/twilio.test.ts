import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twilioStatusCallbackUrl } from '../../../lib/domain/provider-callbacks.js';
import { createLogger } from '../../../lib/logger.js';
import type { ReceiptSettings } from '../../../lib/receipts/settings.js';
import type { WebhookRequest } from '../../../lib/receipts/source.js';
import {
  parseTwilioCallback,
  twilioReceipt,
  twilioSignature,
  twilioSource,
  verifyTwilioSignature,
} from '../../../lib/receipts/twilio.js';
import { signTwilio } from '../../support/receipt-webhooks.js';

const TOKEN = '0123456789abcdef0123456789abcdef';
const URL = 'https://api.example.com/v1/webhooks/twilio';
const SID = 'SM0123456789abcdef0123456789abcdef';
const PARAMS = {
  MessageStatus: 'undelivered',
  MessageSid: SID,
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  ErrorCode: '30003',
  To: '+14155550123',
};

const form = (params: Record<string, string>) => new URLSearchParams(params);
const verify = (overrides: { url?: string; token?: string; params?: URLSearchParams; signature?: string }) =>
  verifyTwilioSignature({
    authToken: overrides.token ?? TOKEN,
    url: overrides.url ?? URL,
    params: overrides.params ?? form(PARAMS),
    signature: 'signature' in overrides ? overrides.signature : signTwilio(TOKEN, URL, PARAMS),
  });

describe('Twilio signature', () => {
  it('is the HMAC-SHA1 of the URL and the parameters sorted by name, in base64', () => {
    const data = `${URL}AccountSid${PARAMS.AccountSid}ErrorCode30003MessageSid${SID}MessageStatusundeliveredTo+14155550123`;
    const expected = createHmac('sha1', TOKEN).update(data).digest('base64');
    expect(twilioSignature(TOKEN, URL, form(PARAMS))).toBe(expected);
  });

  it('sorts by code unit (upper case first) and signs every value of a repeated name, sorted', () => {
    const params = new URLSearchParams([
      ['b', '2'],
      ['B', '1'],
      ['a', 'y'],
      ['a', 'x'],
    ]);
    const expected = createHmac('sha1', TOKEN).update(`${URL}B1axayb2`).digest('base64');
    expect(twilioSignature(TOKEN, URL, params)).toBe(expected);
  });

  it('accepts a signed callback', () => {
    expect(verify({})).toBe(true);
  });

  it('refuses an unsigned, a tampered, a wrongly keyed or a misdirected one', () => {
    expect(verify({ signature: undefined })).toBe(false);
    expect(verify({ signature: '' })).toBe(false);
    expect(verify({ params: form({ ...PARAMS, MessageStatus: 'delivered' }) })).toBe(false);
    expect(verify({ params: form({ ...PARAMS, Extra: '' }) })).toBe(false);
    expect(verify({ token: 'fedcba9876543210fedcba9876543210' })).toBe(false);
    expect(verify({ url: 'https://evil.example.com/v1/webhooks/twilio' })).toBe(false);
    expect(verify({ signature: `${signTwilio(TOKEN, URL, PARAMS)}=` })).toBe(false); // another length
  });

  it('matches whether or not the URL spells out the default port', () => {
    const signedWithPort = signTwilio(TOKEN, 'https://api.example.com:443/v1/webhooks/twilio', PARAMS);
    expect(verify({ signature: signedWithPort })).toBe(true);
    expect(verify({ url: 'https://api.example.com:443/v1/webhooks/twilio' })).toBe(true);
    // Another port is another URL.
    expect(
      verify({ signature: signTwilio(TOKEN, 'https://api.example.com:8443/v1/webhooks/twilio', PARAMS) }),
    ).toBe(false);
  });
});

describe('Twilio status callback', () => {
  it('reads the sid, the status and the error code', () => {
    expect(parseTwilioCallback(form(PARAMS))).toEqual({
      messageSid: SID,
      messageStatus: 'undelivered',
      errorCode: '30003',
      errorMessage: undefined,
    });
    expect(parseTwilioCallback(form({ SmsSid: SID, SmsStatus: 'sent' }))).toMatchObject({
      messageSid: SID,
      messageStatus: 'sent',
      errorCode: undefined,
    });
  });

  it('is not one without a sid or a status', () => {
    expect(parseTwilioCallback(form({ MessageStatus: 'delivered' }))).toBeUndefined();
    expect(parseTwilioCallback(form({ MessageSid: SID }))).toBeUndefined();
  });

  it.each([
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'undelivered'],
  ] as const)('maps %s to %s', (twilioStatus, status) => {
    const receipt = twilioReceipt({
      messageSid: SID,
      messageStatus: twilioStatus,
      errorCode: undefined,
      errorMessage: undefined,
    });
    expect(receipt).toEqual({
      provider: 'twilio',
      providerMessageId: SID,
      status,
      detail: twilioStatus,
      errorCode: undefined,
      errorMessage: undefined,
    });
  });

  it.each(['queued', 'accepted', 'scheduled', 'sending', 'sent', 'canceled'])(
    'acknowledges %s without a change',
    (s) => {
      expect(
        twilioReceipt({ messageSid: SID, messageStatus: s, errorCode: undefined, errorMessage: undefined }),
      ).toBeUndefined();
    },
  );

  it("keeps the vendor's error code of an undelivered message", () => {
    const callback = parseTwilioCallback(form({ ...PARAMS, MessageStatus: 'Failed', ErrorCode: '30007' }));
    expect(callback && twilioReceipt(callback)).toMatchObject({
      status: 'undelivered',
      detail: 'failed 30007',
      errorCode: '30007',
    });
  });
});

describe("our id in Twilio's status callback URL", () => {
  const ID = '01JD0Y4ZQ9R6T3K1M8XW2B7C01';
  const request = (url: string, m: string, signedUrl = url): WebhookRequest => {
    const body = form(PARAMS).toString();
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilio(TOKEN, signedUrl, PARAMS),
    };
    return { method: 'POST', url, header: (name) => headers[name], query: { m }, body: Buffer.from(body) };
  };
  const context = {
    settings: { twilioAuthToken: TOKEN } as ReceiptSettings,
    logger: createLogger({ level: 'silent' }),
    fetchCertificate: async () => '',
  };

  it('is read from the signed URL the message was sent with (twilioStatusCallbackUrl)', async () => {
    const url = twilioStatusCallbackUrl('https://api.example.com/v1', ID);
    expect(url).toBe(`${URL}?m=${ID}`);
    const answer = twilioSource.parse(await twilioSource.verify(request(url, ID), context), context);
    expect(answer).toEqual({
      kind: 'receipts',
      receipts: [expect.objectContaining({ providerMessageId: SID, messageId: ID })],
    });
  });

  it('cannot be changed: the signature covers the query', async () => {
    const forged = request(
      `${URL}?m=01JD0Y4ZQ9R6T3K1M8XW2B7C99`,
      '01JD0Y4ZQ9R6T3K1M8XW2B7C99',
      `${URL}?m=${ID}`,
    );
    await expect(twilioSource.verify(forged, context)).rejects.toThrow();
  });
});
