import { createHmac, createSign } from 'node:crypto';
import { generate } from 'selfsigned';
import type { ReceiptSettings } from '../../lib/receipts/settings.js';

/** Twilio's signature, computed here independently of lib/receipts/twilio.ts. */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}

/** Meta's X-Hub-Signature-256 of the exact bytes. */
export const signMeta = (appSecret: string, body: string | Buffer): string =>
  `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

/** A Cloud API webhook body carrying the given statuses. */
export function metaWebhook(statuses: Record<string, unknown>[]): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              statuses,
            },
          },
        ],
      },
    ],
  };
}

export const SNS_CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem';
export const SNS_TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:ses-events';

export const TWILIO_TOKEN = '0123456789abcdef0123456789abcdef';
export const META_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const META_VERIFY = 'verify-me-please';
/** Every webhook enabled, with the secrets above; inbound keywords go to `acme`. */
export const RECEIPT_SETTINGS: ReceiptSettings = {
  publicUrl: undefined,
  twilioAuthToken: TWILIO_TOKEN,
  metaAppSecret: META_SECRET,
  metaVerifyToken: META_VERIFY,
  sesTopicArns: [SNS_TOPIC_ARN],
  inboundTenant: 'acme',
};

export interface SnsSigner {
  certificate: string;
  /** Signs an SNS message (SignatureVersion 1 or 2) with the key of `certificate`. */
  sign(message: Record<string, string>, version?: '1' | '2'): Record<string, string>;
}

/** An RSA key and its self-signed certificate, standing for SNS's signing certificate. */
export async function snsSigner(): Promise<SnsSigner> {
  const pems = await generate([{ name: 'commonName', value: 'sns.amazonaws.com' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
  });
  return {
    certificate: pems.cert,
    sign(message, version = '2') {
      const fields =
        message.Type === 'Notification'
          ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
          : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
      const stringToSign = fields
        .filter((name) => message[name] !== undefined)
        .map((name) => `${name}\n${message[name]}\n`)
        .join('');
      const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
      signer.update(stringToSign, 'utf8');
      return {
        ...message,
        SignatureVersion: version,
        Signature: signer.sign(pems.private, 'base64'),
        SigningCertURL: message.SigningCertURL ?? SNS_CERT_URL,
      };
    },
  };
}

/** An SNS Notification carrying an SES event (unsigned). */
export function snsNotification(sesEvent: Record<string, unknown>, overrides: Record<string, string> = {}) {
  return {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: SNS_TOPIC_ARN,
    Message: JSON.stringify(sesEvent),
    Timestamp: '2026-11-27T10:00:05.000Z',
    UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${SNS_TOPIC_ARN}:1`,
    ...overrides,
  };
}

/** An SES event as a configuration set publishes it. */
export function sesEvent(
  eventType: string,
  messageId: string,
  extra: Record<string, unknown> = {},
  /** Our id, in the `messageId` tag the service sends with (event publishing returns every tag). */
  ourId?: string,
) {
  return {
    eventType,
    mail: {
      timestamp: '2026-11-27T10:00:00.000Z',
      source: 'noreply@example.com',
      messageId,
      destination: ['user@example.com'],
      ...(ourId
        ? {
            tags: {
              'ses:configuration-set': ['transactional'],
              'ses:source-ip': ['192.0.2.10'],
              'ses:from-domain': ['example.com'],
              'ses:caller-identity': ['messaging-send'],
              messageId: [ourId],
            },
          }
        : {}),
    },
    ...extra,
  };
}
