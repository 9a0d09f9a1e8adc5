import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/receive-receipt.js';
import { MAX_BODY_BYTES } from '../../../lib/http/middlewares/body-limit.js';
import type { ReceiptSettings } from '../../../lib/receipts/settings.js';
import { RECEIPT_METHODS, receiptSource } from '../../../lib/receipts/sources.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { webhookEvent } from '../../support/lambda-events.js';

const SETTINGS: ReceiptSettings = {
  publicUrl: undefined,
  twilioAuthToken: '0123456789abcdef0123456789abcdef',
  metaAppSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  metaVerifyToken: 'verify-me-please',
  sesTopicArns: ['arn:aws:sns:us-east-1:123456789012:ses-events'],
  inboundTenant: 'default',
};

const event = webhookEvent;

function handlerWith(settings: Partial<ReceiptSettings> = {}) {
  const recordReceipt = vi.fn(async () => ({ outcome: 'unknown' as const }));
  const handler = createHandler(() => ({
    logger: capturingLogger().logger,
    recordReceipt,
    recordKeyword: vi.fn(async () => {}),
    config: { receipts: { ...SETTINGS, ...settings } },
  }));
  return (e: APIGatewayProxyEvent) => handler(e, {} as Context);
}

describe('the receipt sources', () => {
  it('are the three providers, with the methods each calls with', () => {
    expect(RECEIPT_METHODS).toEqual({
      twilio: ['POST'],
      'twilio/inbound': ['POST'],
      meta: ['GET', 'POST'],
      ses: ['POST'],
    });
    for (const [provider, methods] of Object.entries(RECEIPT_METHODS)) {
      expect(receiptSource(provider)?.methods).toBe(methods);
    }
  });

  it('know no other name, not even an inherited one', () => {
    for (const name of [undefined, 'constructor', '__proto__', 'toString', 'sendgrid']) {
      expect(receiptSource(name)).toBeUndefined();
    }
  });

  it('are each enabled by their own settings only', () => {
    const none: ReceiptSettings = {
      publicUrl: 'https://api.example.com',
      twilioAuthToken: undefined,
      metaAppSecret: undefined,
      metaVerifyToken: undefined,
      sesTopicArns: undefined,
      inboundTenant: 'default',
    };
    const enabled = (settings: Partial<ReceiptSettings>) =>
      Object.keys(RECEIPT_METHODS).filter((p) => receiptSource(p)?.enabled({ ...none, ...settings }));
    expect(enabled({})).toEqual([]);
    expect(enabled({ twilioAuthToken: 'x' })).toEqual(['twilio', 'twilio/inbound']);
    expect(enabled({ metaAppSecret: 'x' })).toEqual(['meta']);
    expect(enabled({ metaVerifyToken: 'x' })).toEqual(['meta']);
    expect(enabled({ sesTopicArns: [] })).toEqual(['ses']);
  });
});

describe('the webhook handler', () => {
  it("answers 405 for a method not in the source's list, with its methods as Allow", async () => {
    const result = await handlerWith()(event('meta', 'PUT'));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('GET, POST');
    expect(JSON.parse(result.body).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 404, not 405, for a disabled source whatever the method', async () => {
    for (const method of ['POST', 'GET']) {
      const result = await handlerWith({ twilioAuthToken: undefined })(event('twilio', method));
      expect(result.statusCode).toBe(404);
      expect(JSON.parse(result.body).error).toMatchObject({
        code: 'NOT_FOUND',
        message: 'The twilio webhook is not enabled',
      });
    }
  });

  it("refuses a body over the limit (413), but not on Meta's GET, which ignores it", async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const post = await handlerWith()(event('meta', 'POST', { body: big }));
    expect(post.statusCode).toBe(413);
    const get = await handlerWith()(
      event('meta', 'GET', {
        body: big,
        queryStringParameters: {
          'hub.mode': 'subscribe',
          'hub.verify_token': 'verify-me-please',
          'hub.challenge': '42',
        },
      }),
    );
    expect(get.statusCode).toBe(200);
    expect(get.body).toBe('42');
  });
});
