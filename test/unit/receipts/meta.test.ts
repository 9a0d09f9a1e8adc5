import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  metaReceipt,
  metaVerificationChallenge,
  parseMetaStatuses,
  verifyMetaSignature,
} from '../../../lib/receipts/meta.js';
import { metaWebhook, signMeta } from '../../support/receipt-webhooks.js';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const WAMID = 'wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';
// Meta escapes non-ASCII as \u sequences; the signature is over these bytes, whatever they decode to.
const BODY = Buffer.from(
  JSON.stringify(
    metaWebhook([{ id: WAMID, status: 'delivered', timestamp: '1700000000', recipient_id: '14155550123' }]),
  ).replace('"delivered"', '"delivered", "note": "caf\\u00e9"'),
);

describe('Meta webhook verification (GET)', () => {
  const query = (overrides: Record<string, string | undefined> = {}) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': 'my-verify-token',
    'hub.challenge': '1158201444',
    ...overrides,
  });

  it('answers the challenge for a subscription with the configured token', () => {
    expect(metaVerificationChallenge(query(), 'my-verify-token')).toBe('1158201444');
  });

  it('refuses another token, another mode, or a missing field', () => {
    expect(
      metaVerificationChallenge(query({ 'hub.verify_token': 'my-verify-tokeN' }), 'my-verify-token'),
    ).toBeUndefined();
    expect(
      metaVerificationChallenge(query({ 'hub.verify_token': 'my-verify' }), 'my-verify-token'),
    ).toBeUndefined();
    expect(
      metaVerificationChallenge(query({ 'hub.mode': 'unsubscribe' }), 'my-verify-token'),
    ).toBeUndefined();
    expect(
      metaVerificationChallenge(query({ 'hub.verify_token': undefined }), 'my-verify-token'),
    ).toBeUndefined();
    expect(
      metaVerificationChallenge(query({ 'hub.challenge': undefined }), 'my-verify-token'),
    ).toBeUndefined();
    expect(metaVerificationChallenge(null, 'my-verify-token')).toBeUndefined();
  });
});

describe('Meta webhook signature (POST)', () => {
  it('accepts the HMAC-SHA256 of the raw body, hex, in either case', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(verifyMetaSignature(SECRET, BODY, `sha256=${hex}`)).toBe(true);
    expect(verifyMetaSignature(SECRET, BODY, `sha256=${hex.toUpperCase()}`)).toBe(true);
  });

  it('refuses an unsigned, a tampered, a wrongly keyed or a malformed one', () => {
    const signature = signMeta(SECRET, BODY);
    expect(verifyMetaSignature(SECRET, BODY, undefined)).toBe(false);
    expect(verifyMetaSignature(SECRET, BODY, '')).toBe(false);
    const tampered = Buffer.from(BODY.toString().replace('delivered', 'failed'));
    expect(verifyMetaSignature(SECRET, tampered, signature)).toBe(false);
    // The same JSON re-serialized is other bytes, so not what Meta signed.
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(BODY.toString())));
    expect(verifyMetaSignature(SECRET, reserialized, signature)).toBe(false);
    expect(verifyMetaSignature('another-app-secret', BODY, signature)).toBe(false);
    expect(verifyMetaSignature(SECRET, BODY, signature.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyMetaSignature(SECRET, BODY, signature.slice(0, -2))).toBe(false);
  });
});

describe('Meta statuses', () => {
  it('reads every status of every change of every entry, in order', () => {
    const one = metaWebhook([
      { id: 'wamid.1', status: 'delivered' },
      { id: 'wamid.2', status: 'read' },
    ]);
    const two = metaWebhook([{ id: 'wamid.3', status: 'failed' }]);
    const body = { object: one.object, entry: [...(one.entry as unknown[]), ...(two.entry as unknown[])] };
    expect(parseMetaStatuses(body)?.map((s) => [s.id, s.status])).toEqual([
      ['wamid.1', 'delivered'],
      ['wamid.2', 'read'],
      ['wamid.3', 'failed'],
    ]);
  });

  it('finds none in an inbound message, and refuses what is not a webhook', () => {
    const inbound = metaWebhook([]);
    const value = (inbound.entry as { changes: { value: Record<string, unknown> }[] }[])[0]?.changes[0]
      ?.value;
    if (value) {
      delete value.statuses;
      value.messages = [{ from: '14155550123', id: 'wamid.in', type: 'text', text: { body: 'hi' } }];
    }
    expect(parseMetaStatuses(inbound)).toEqual([]);
    expect(parseMetaStatuses({ hello: 'world' })).toBeUndefined();
    expect(parseMetaStatuses(metaWebhook([{ status: 'delivered' }]))).toBeUndefined();
  });

  it.each([
    ['delivered', 'delivered'],
    ['read', 'delivered'],
  ] as const)('maps %s to %s', (metaStatus, status) => {
    expect(metaReceipt({ id: WAMID, status: metaStatus })).toEqual({
      provider: 'meta',
      providerMessageId: WAMID,
      status,
      detail: metaStatus,
      errorCode: undefined,
      errorMessage: undefined,
    });
  });

  it("maps failed to undelivered with Meta's error code and details", () => {
    const receipt = metaReceipt({
      id: WAMID,
      status: 'failed',
      errors: [
        {
          code: 131026,
          title: 'Message undeliverable',
          message: 'Message undeliverable',
          error_data: { details: 'Message failed to send because the recipient is not on WhatsApp' },
        },
      ],
    });
    expect(receipt).toEqual({
      provider: 'meta',
      providerMessageId: WAMID,
      status: 'undelivered',
      detail: 'failed 131026',
      errorCode: '131026',
      errorMessage: 'Message failed to send because the recipient is not on WhatsApp',
    });
  });

  it.each(['sent', 'deleted', 'warning'])('acknowledges %s without a change', (status) => {
    expect(metaReceipt({ id: WAMID, status })).toBeUndefined();
  });
});

describe("our id in Meta's status", () => {
  it('is the biz_opaque_callback_data the send gave, returned with the status', () => {
    const [status] =
      parseMetaStatuses(
        metaWebhook([
          {
            id: 'wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
            status: 'delivered',
            timestamp: '1700000001',
            recipient_id: '14155550123',
            biz_opaque_callback_data: '01JD0Y4ZQ9R6T3K1M8XW2B7C03',
          },
        ]),
      ) ?? [];
    expect(status && metaReceipt(status)).toMatchObject({
      providerMessageId: 'wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
      messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C03',
      status: 'delivered',
    });
  });
});
