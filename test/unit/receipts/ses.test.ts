import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  certificateFetcher,
  isTrustedCertificateUrl,
  isTrustedSubscribeUrl,
  parseSesEvent,
  SnsMessage,
  sesReceipt,
  snsStringToSign,
  subscriptionConfirmer,
  verifySnsMessage,
} from '../../../lib/receipts/ses.js';
import {
  SNS_CERT_URL,
  SNS_TOPIC_ARN,
  type SnsSigner,
  sesEvent,
  snsNotification,
  snsSigner,
} from '../../support/receipt-webhooks.js';

const SES_ID = '010001929a8b7c6d-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000';
const SUBSCRIBE_URL = `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${SNS_TOPIC_ARN}&Token=2336412f37`;

let signer: SnsSigner;
let other: SnsSigner;
beforeAll(async () => {
  [signer, other] = await Promise.all([snsSigner(), snsSigner()]);
});

const parse = (body: Record<string, unknown>) => SnsMessage.parse(body);
const certificateOf = (s: () => SnsSigner) => vi.fn(async (_url: string) => s().certificate);

describe('the string SNS signs', () => {
  it('is Message, MessageId, Subject, Timestamp, TopicArn, Type for a Notification', () => {
    const message = parse({
      ...snsNotification({ eventType: 'Delivery' }, { Subject: 'Hi' }),
      SignatureVersion: '2',
      Signature: 'x',
      SigningCertURL: SNS_CERT_URL,
    });
    expect(snsStringToSign(message)).toBe(
      `Message\n{"eventType":"Delivery"}\nMessageId\n${message.MessageId}\nSubject\nHi\nTimestamp\n${message.Timestamp}\nTopicArn\n${SNS_TOPIC_ARN}\nType\nNotification\n`,
    );
    const { Subject: _subject, ...withoutSubject } = message;
    expect(snsStringToSign({ ...withoutSubject, Subject: null })).not.toContain('Subject');
  });

  it('adds SubscribeURL and Token, without Subject, for a SubscriptionConfirmation', () => {
    const message = parse({
      Type: 'SubscriptionConfirmation',
      MessageId: 'm1',
      Token: 't1',
      TopicArn: SNS_TOPIC_ARN,
      Message: 'You have chosen to subscribe',
      SubscribeURL: SUBSCRIBE_URL,
      Timestamp: '2026-11-27T10:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'x',
      SigningCertURL: SNS_CERT_URL,
    });
    expect(snsStringToSign(message)).toBe(
      `Message\nYou have chosen to subscribe\nMessageId\nm1\nSubscribeURL\n${SUBSCRIBE_URL}\nTimestamp\n2026-11-27T10:00:00.000Z\nToken\nt1\nTopicArn\n${SNS_TOPIC_ARN}\nType\nSubscriptionConfirmation\n`,
    );
  });
});

describe('SNS signature', () => {
  const notification = (version: '1' | '2' = '2', overrides: Record<string, string> = {}) =>
    parse(signer.sign({ ...snsNotification(sesEvent('Delivery', SES_ID)), ...overrides }, version));

  it.each(['1', '2'] as const)('accepts SignatureVersion %s (SHA1 / SHA256 with RSA)', async (version) => {
    const fetchCertificate = certificateOf(() => signer);
    await expect(verifySnsMessage(notification(version), fetchCertificate)).resolves.toBe(true);
    expect(fetchCertificate).toHaveBeenCalledWith(SNS_CERT_URL);
  });

  it('accepts a signed subscription confirmation', async () => {
    const message = parse(
      signer.sign({
        Type: 'SubscriptionConfirmation',
        MessageId: 'm1',
        Token: 't1',
        TopicArn: SNS_TOPIC_ARN,
        Message: 'You have chosen to subscribe',
        SubscribeURL: SUBSCRIBE_URL,
        Timestamp: '2026-11-27T10:00:00.000Z',
      }),
    );
    await expect(
      verifySnsMessage(
        message,
        certificateOf(() => signer),
      ),
    ).resolves.toBe(true);
    await expect(
      verifySnsMessage(
        { ...message, SubscribeURL: 'https://sns.us-east-1.amazonaws.com/?Action=Other' },
        certificateOf(() => signer),
      ),
    ).resolves.toBe(false);
  });

  it('refuses a tampered message, subject, type or version', async () => {
    const fetchCertificate = certificateOf(() => signer);
    const signed = notification();
    const tampered = sesEvent('Bounce', SES_ID, { bounce: { bounceType: 'Permanent' } });
    await expect(
      verifySnsMessage({ ...signed, Message: JSON.stringify(tampered) }, fetchCertificate),
    ).resolves.toBe(false);
    await expect(verifySnsMessage({ ...signed, Subject: 'added' }, fetchCertificate)).resolves.toBe(false);
    await expect(
      verifySnsMessage({ ...signed, TopicArn: `${SNS_TOPIC_ARN}-2` }, fetchCertificate),
    ).resolves.toBe(false);
    await expect(verifySnsMessage({ ...signed, SignatureVersion: '1' }, fetchCertificate)).resolves.toBe(
      false,
    );
    await expect(
      verifySnsMessage({ ...signed, Signature: 'bm90IGEgc2lnbmF0dXJl' }, fetchCertificate),
    ).resolves.toBe(false);
    await expect(verifySnsMessage({ ...signed, Signature: '***' }, fetchCertificate)).resolves.toBe(false);
  });

  it("refuses a message signed with another key than the certificate's", async () => {
    await expect(
      verifySnsMessage(
        notification(),
        certificateOf(() => other),
      ),
    ).resolves.toBe(false);
  });

  it('refuses a certificate that is no longer valid', async () => {
    await expect(
      verifySnsMessage(
        notification(),
        certificateOf(() => signer),
        new Date(Date.now() + 400 * 86_400_000),
      ),
    ).resolves.toBe(false);
  });

  it.each([
    ['http', 'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem'],
    ['another host', 'https://evil.example.com/SimpleNotificationService-1.pem'],
    ['a look-alike host', 'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem'],
    ['an S3 bucket', 'https://my-bucket.s3.amazonaws.com/SimpleNotificationService-1.pem'],
    ['a user-info trick', 'https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-1.pem'],
    ['another port', 'https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-1.pem'],
    ['not a certificate', 'https://sns.us-east-1.amazonaws.com/?Action=Publish'],
    ['not a URL', 'sns.us-east-1.amazonaws.com'],
  ])('refuses a certificate URL on %s without fetching it', async (_case, url) => {
    const fetchCertificate = certificateOf(() => signer);
    const message = parse(
      signer.sign({ ...snsNotification(sesEvent('Delivery', SES_ID)), SigningCertURL: url }),
    );
    expect(isTrustedCertificateUrl(url)).toBe(false);
    await expect(verifySnsMessage(message, fetchCertificate)).resolves.toBe(false);
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('trusts the subscribe URL only on AWS over HTTPS', () => {
    expect(isTrustedSubscribeUrl(SUBSCRIBE_URL)).toBe(true);
    expect(isTrustedSubscribeUrl(SUBSCRIBE_URL.replace('https:', 'http:'))).toBe(false);
    expect(isTrustedSubscribeUrl('https://evil.example/?Action=ConfirmSubscription')).toBe(false);
    expect(isTrustedSubscribeUrl('https://amazonaws.com.evil.example/')).toBe(false);
    expect(isTrustedSubscribeUrl('https://127.0.0.1/')).toBe(false);
  });
});

describe('the certificate fetcher', () => {
  const answer = (status: number, body: string) => new Response(body, { status });

  it('fetches each URL once and keeps it', async () => {
    const fetch = vi.fn(async () => answer(200, signer.certificate));
    const fetchCertificate = certificateFetcher({ fetch });
    await expect(fetchCertificate(SNS_CERT_URL)).resolves.toBe(signer.certificate);
    await fetchCertificate(SNS_CERT_URL);
    await fetchCertificate(SNS_CERT_URL.replace('000.pem', '001.pem'));
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch).toHaveBeenCalledWith(SNS_CERT_URL, expect.objectContaining({ redirect: 'error' }));
  });

  it('does not keep a failure', async () => {
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValueOnce(answer(503, 'busy'))
      .mockResolvedValueOnce(answer(200, '<html>not a certificate</html>'))
      .mockResolvedValueOnce(answer(200, signer.certificate));
    const fetchCertificate = certificateFetcher({ fetch });
    await expect(fetchCertificate(SNS_CERT_URL)).rejects.toThrow('HTTP 503');
    await expect(fetchCertificate(SNS_CERT_URL)).rejects.toThrow('not PEM');
    await expect(fetchCertificate(SNS_CERT_URL)).resolves.toBe(signer.certificate);
  });

  it('gives up after its timeout', async () => {
    const fetch = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    );
    await expect(certificateFetcher({ fetch, timeoutMs: 20 })(SNS_CERT_URL)).rejects.toThrow();
  });
});

describe('the subscription confirmer', () => {
  it('GETs the SubscribeURL and fails on an error answer', async () => {
    const fetch = vi
      .fn<typeof globalThis.fetch>()
      .mockResolvedValueOnce(new Response('<ConfirmSubscriptionResponse/>', { status: 200 }))
      .mockResolvedValueOnce(new Response('denied', { status: 403 }));
    const confirm = subscriptionConfirmer({ fetch });
    await confirm(SUBSCRIBE_URL);
    expect(fetch).toHaveBeenCalledWith(SUBSCRIBE_URL, expect.objectContaining({ redirect: 'error' }));
    expect(fetch.mock.calls[0]?.[1]?.method ?? 'GET').toBe('GET');
    await expect(confirm(SUBSCRIBE_URL)).rejects.toThrow('HTTP 403');
  });
});

describe('SES events', () => {
  const receiptOf = (event: Record<string, unknown>) => {
    const parsed = parseSesEvent(JSON.stringify(event));
    if (!parsed) throw new Error('not an SES event');
    return sesReceipt(parsed);
  };

  it('maps Delivery to delivered, from a configuration set or an identity notification', () => {
    const expected = { provider: 'ses', providerMessageId: SES_ID, status: 'delivered', detail: 'Delivery' };
    expect(receiptOf(sesEvent('Delivery', SES_ID))).toEqual(expected);
    const { eventType: _e, ...identity } = sesEvent('Delivery', SES_ID);
    expect(receiptOf({ ...identity, notificationType: 'Delivery' })).toEqual(expected);
  });

  it('maps a permanent bounce to undelivered with its subtype and diagnostic', () => {
    const event = sesEvent('Bounce', SES_ID, {
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'NoEmail',
        bouncedRecipients: [
          { emailAddress: 'user@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
        ],
      },
    });
    expect(receiptOf(event)).toEqual({
      provider: 'ses',
      providerMessageId: SES_ID,
      status: 'undelivered',
      detail: 'Bounce Permanent/NoEmail',
      errorCode: 'Bounce:NoEmail',
      errorMessage: 'smtp; 550 5.1.1 user unknown',
      optOut: 'bounce',
    });
  });

  it('maps a complaint to delivered (it was), suppressing the recipient', () => {
    const event = sesEvent('Complaint', SES_ID, { complaint: { complaintFeedbackType: 'abuse' } });
    expect(receiptOf(event)).toEqual({
      provider: 'ses',
      providerMessageId: SES_ID,
      status: 'delivered',
      detail: 'Complaint',
      optOut: 'complaint',
    });
  });

  it('maps a Reject to undelivered', () => {
    expect(receiptOf(sesEvent('Reject', SES_ID, { reject: { reason: 'Bad content' } }))).toMatchObject({
      status: 'undelivered',
      errorCode: 'Reject',
      errorMessage: 'Bad content',
    });
  });

  it.each([
    [
      'a transient bounce (SES retries)',
      sesEvent('Bounce', SES_ID, { bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' } }),
    ],
    ['an undetermined bounce', sesEvent('Bounce', SES_ID, { bounce: { bounceType: 'Undetermined' } })],
    ['a send', sesEvent('Send', SES_ID)],
    ['a delivery delay', sesEvent('DeliveryDelay', SES_ID)],
    ['an open', sesEvent('Open', SES_ID)],
  ])('changes nothing for %s', (_case, event) => {
    expect(receiptOf(event)).toBeUndefined();
  });

  it('is not one without JSON, a type or a message id', () => {
    expect(parseSesEvent('not json')).toBeUndefined();
    expect(parseSesEvent(JSON.stringify({ mail: { messageId: SES_ID } }))).toBeUndefined();
    expect(parseSesEvent(JSON.stringify({ eventType: 'Delivery', mail: {} }))).toBeUndefined();
  });
});

describe('our id in the SES event', () => {
  it('is read from the messageId tag that event publishing returns in mail.tags', () => {
    const event = parseSesEvent(
      JSON.stringify(sesEvent('Delivery', SES_ID, {}, '01JD0Y4ZQ9R6T3K1M8XW2B7C01')),
    );
    expect(event && sesReceipt(event)).toEqual({
      provider: 'ses',
      providerMessageId: SES_ID,
      messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C01',
      status: 'delivered',
      detail: 'Delivery',
    });
  });

  it('is absent from an identity notification, which carries no tags', () => {
    const event = parseSesEvent(
      JSON.stringify({ ...sesEvent('Delivery', SES_ID), eventType: undefined, notificationType: 'Delivery' }),
    );
    expect(event && sesReceipt(event)).not.toHaveProperty('messageId');
  });
});
