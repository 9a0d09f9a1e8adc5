import { createVerify, X509Certificate } from 'node:crypto';
import { SES_MESSAGE_ID_TAG } from '../domain/provider-callbacks.js';
import { lazy } from '../lazy.js';
import type { Receipt } from '../services/record-receipt.js';
import * as z from '../zod.js';
import { InvalidSignatureError } from './errors.js';
import { parseJson } from './request.js';
import type { ConfirmSubscription, FetchCertificate, ReceiptSource } from './source.js';

export const SES_PROVIDER = 'ses';

const nonEmpty = () => z.string().check(z.minLength(1));

const snsBase = () => ({
  MessageId: nonEmpty(),
  TopicArn: nonEmpty(),
  Message: z.string(),
  Timestamp: nonEmpty(),
  SignatureVersion: z.enum(['1', '2']),
  Signature: nonEmpty(),
  SigningCertURL: nonEmpty(),
});

/** An SNS message as POSTed to an HTTP(S) subscriber (the body is JSON, whatever its content type). */
export const SnsMessage = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion('Type', [
    z.looseObject({
      Type: z.literal('Notification'),
      ...snsBase(),
      // SNS leaves Subject out when the publisher set none; some senders write null.
      Subject: z.nullish(z.string()),
      UnsubscribeURL: z.optional(z.string()),
    }),
    z.looseObject({
      Type: z.enum(['SubscriptionConfirmation', 'UnsubscribeConfirmation']),
      ...snsBase(),
      SubscribeURL: nonEmpty(),
      Token: nonEmpty(),
    }),
  ]),
);
export type SnsMessage = z.infer<typeof SnsMessage>;

/**
 * The string SNS signs: `Name\nvalue\n` for each field of the message's type, in this order. A
 * Notification signs its Subject only when it has one.
 */
export function snsStringToSign(message: SnsMessage): string {
  const fields: [string, string | null | undefined][] =
    message.Type === 'Notification'
      ? [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['Subject', message.Subject],
          ['Timestamp', message.Timestamp],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ]
      : [
          ['Message', message.Message],
          ['MessageId', message.MessageId],
          ['SubscribeURL', message.SubscribeURL],
          ['Timestamp', message.Timestamp],
          ['Token', message.Token],
          ['TopicArn', message.TopicArn],
          ['Type', message.Type],
        ];
  return fields
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}\n${value}\n`)
    .join('');
}

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com$/;

const httpsUrl = (value: string): URL | undefined => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === ''
      ? url
      : undefined;
  } catch {
    return undefined;
  }
};

/** Only SNS's own certificate, over HTTPS, may vouch for a message: anything else is not fetched. */
export const isTrustedCertificateUrl = (value: string): boolean => {
  const url = httpsUrl(value);
  return url !== undefined && SNS_HOST.test(url.hostname) && url.pathname.endsWith('.pem');
};

/** The confirmation link is followed only when it leads to AWS, over HTTPS. */
export const isTrustedSubscribeUrl = (value: string): boolean => {
  const url = httpsUrl(value);
  return url?.hostname.endsWith('.amazonaws.com') ?? false;
};

/**
 * The certificate fetcher: one GET per URL for the life of the process (SNS rotates certificates
 * under new URLs), with a timeout; a failed fetch is not cached.
 */
export function certificateFetcher(
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): FetchCertificate {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new Map<string, Promise<string>>();
  return (url) => {
    let pem = cache.get(url);
    if (!pem) {
      pem = (async () => {
        const response = await fetchFn(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`the SNS signing certificate answered HTTP ${response.status}`);
        const text = await response.text();
        if (!text.includes('-----BEGIN CERTIFICATE-----'))
          throw new Error('the SNS signing certificate is not PEM');
        return text;
      })();
      cache.set(url, pem);
      pem.catch(() => cache.delete(url));
    }
    return pem;
  };
}

/** Visits the SubscribeURL (a GET, as the SNS documentation describes), with a timeout. */
export function subscriptionConfirmer(
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): ConfirmSubscription {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (subscribeUrl) => {
    const response = await fetchFn(subscribeUrl, {
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`confirming the SNS subscription answered HTTP ${response.status}`);
  };
}

/**
 * Whether the message is signed by SNS: its certificate URL is SNS's (checked before any fetch), the
 * certificate is current, and it verifies the signature of the string to sign (SignatureVersion 1:
 * SHA1withRSA, 2: SHA256withRSA).
 */
export async function verifySnsMessage(
  message: SnsMessage,
  fetchCertificate: FetchCertificate,
  now: Date = new Date(),
): Promise<boolean> {
  if (!isTrustedCertificateUrl(message.SigningCertURL)) return false;
  const certificate = new X509Certificate(await fetchCertificate(message.SigningCertURL));
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) return false;
  const verifier = createVerify(message.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  verifier.update(snsStringToSign(message), 'utf8');
  try {
    return verifier.verify(certificate.publicKey, message.Signature, 'base64');
  } catch {
    return false; // a signature that is not even well-formed
  }
}

// The SES event as published to SNS, by a configuration set (`eventType`) or an identity's
// notifications (`notificationType`); only what a receipt needs.
const SesEvent = /* @__PURE__ */ lazy(() =>
  z
    .looseObject({
      eventType: z.optional(z.string()),
      notificationType: z.optional(z.string()),
      // `tags` (event publishing only): each tag's values; ours is `messageId` (SesProvider sets it).
      mail: z.looseObject({
        messageId: nonEmpty(),
        tags: z.optional(z.record(z.string(), z.array(z.string()))),
      }),
      bounce: z.optional(
        z.looseObject({
          bounceType: z.string(),
          bounceSubType: z.optional(z.string()),
          bouncedRecipients: z.optional(
            z.array(
              z.looseObject({ diagnosticCode: z.optional(z.string()), status: z.optional(z.string()) }),
            ),
          ),
        }),
      ),
      reject: z.optional(z.looseObject({ reason: z.optional(z.string()) })),
    })
    .check(
      z.refine((event) => event.eventType ?? event.notificationType, 'has no eventType or notificationType'),
    ),
);
export type SesEvent = z.infer<typeof SesEvent>;

/** An SES event of the Message, or undefined when the Message is not one. */
export function parseSesEvent(message: string): SesEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = SesEvent.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export const sesEventType = (event: SesEvent): string => event.eventType ?? event.notificationType ?? '';

/**
 * The receipt of an SES event: Delivery -> delivered; a Permanent bounce or a Reject (SES found a
 * virus and did not try) -> undelivered; a Complaint -> delivered (it was, and the recipient marked
 * it as spam). A permanent bounce and a complaint suppress the recipient. Undefined for the rest: a
 * Transient bounce (SES retries on its own and reports the end; the address may work tomorrow, so
 * it does not suppress), an Undetermined one, Send, DeliveryDelay, Open, Click...
 */
export function sesReceipt(event: SesEvent): Receipt | undefined {
  const type = sesEventType(event);
  const providerMessageId = event.mail.messageId;
  const messageId = event.mail.tags?.[SES_MESSAGE_ID_TAG]?.[0];
  const ids = { provider: SES_PROVIDER, providerMessageId, ...(messageId ? { messageId } : {}) };
  if (type === 'Delivery') return { ...ids, status: 'delivered', detail: 'Delivery' };
  if (type === 'Complaint') return { ...ids, status: 'delivered', detail: 'Complaint', optOut: 'complaint' };
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const subType = event.bounce.bounceSubType ?? 'General';
    const recipient = event.bounce.bouncedRecipients?.[0];
    return {
      ...ids,
      status: 'undelivered',
      detail: `Bounce Permanent/${subType}`,
      errorCode: `Bounce:${subType}`,
      // The remote server's diagnostic (`smtp; 550 5.1.1 user unknown`) goes to the record, beside the
      // recipient it already holds; logs carry only the code.
      errorMessage: recipient?.diagnosticCode ?? `Permanent bounce (${subType})`,
      optOut: 'bounce',
    };
  }
  if (type === 'Reject') {
    return {
      ...ids,
      status: 'undelivered',
      detail: 'Reject',
      errorCode: 'Reject',
      errorMessage: event.reject?.reason ?? 'SES rejected the message',
    };
  }
  return undefined;
}

/**
 * `POST /webhooks/ses`: SES events published to the configured SNS topics, and those topics'
 * subscription messages, each signed by SNS.
 */
export const sesSource: ReceiptSource<SnsMessage> = {
  provider: SES_PROVIDER,
  methods: ['POST'],
  enabled: (settings) => settings.sesTopicArns !== undefined,
  async verify(request, { settings, logger, fetchCertificate }) {
    const parsed = SnsMessage.safeParse(parseJson(request.body));
    if (!parsed.success) throw new InvalidSignatureError('The body is not a signed SNS message');
    const message = parsed.data;
    // Anyone may subscribe the endpoint to a topic of theirs: refuse those before fetching anything.
    if (!(settings.sesTopicArns ?? []).includes(message.TopicArn)) {
      logger.warn('SNS message from another topic refused', {
        provider: SES_PROVIDER,
        topicArn: message.TopicArn,
      });
      throw new InvalidSignatureError('The SNS message is not from a configured topic');
    }
    if (!(await verifySnsMessage(message, fetchCertificate))) {
      logger.warn('webhook signature refused', { provider: SES_PROVIDER, type: message.Type });
      throw new InvalidSignatureError();
    }
    return message;
  },
  parse(message, { logger }) {
    if (message.Type === 'SubscriptionConfirmation') {
      if (!isTrustedSubscribeUrl(message.SubscribeURL)) {
        throw new InvalidSignatureError('The SubscribeURL is not an AWS HTTPS URL');
      }
      return { kind: 'subscription', subscribeUrl: message.SubscribeURL, topicArn: message.TopicArn };
    }
    if (message.Type === 'UnsubscribeConfirmation') {
      logger.info('SNS subscription ended', { provider: SES_PROVIDER, topicArn: message.TopicArn });
      return { kind: 'receipts', receipts: [] };
    }
    const event = parseSesEvent(message.Message);
    if (!event) {
      logger.warn('webhook payload not understood', {
        provider: SES_PROVIDER,
        snsMessageId: message.MessageId,
      });
      return { kind: 'receipts', receipts: [] };
    }
    const receipt = sesReceipt(event);
    if (receipt) return { kind: 'receipts', receipts: [receipt] };
    const type = sesEventType(event);
    logger.debug('receipt changes nothing', {
      provider: SES_PROVIDER,
      providerMessageId: event.mail.messageId,
      detail: event.bounce ? `${type} ${event.bounce.bounceType}` : type,
    });
    return { kind: 'receipts', receipts: [] };
  },
};
