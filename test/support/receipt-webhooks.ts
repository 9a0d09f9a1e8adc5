import { createHmac, createSign } from 'node:crypto';
import { generate } from 'selfsigned';
import type { MessageEvent, MessageRecord } from '../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../lib/domain/message-status.js';
import { createLogger } from '../../lib/logger.js';
import {
  checkTransition,
  eventOf,
  type MessageLog,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../../lib/ports/message-log.js';
import { messageRecord as pendingRecord } from '../contract/message-log.contract.js';

/** A message as the log holds it after a send; `overrides` adjust it. */
export const messageRecord = (overrides: Partial<MessageRecord> = {}): MessageRecord =>
  pendingRecord({
    id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
    status: 'sent',
    provider: 'twilio',
    providerMessageId: 'SM0123456789abcdef0123456789abcdef',
    attempts: 1,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.100Z',
    ...overrides,
  });

/**
 * An in-memory message log that keeps the port's promises that receipts rely on: conditional status
 * writes (StaleStatusError), the transition rules, events. `beforeUpdate` runs before each
 * conditional check, so a test can move the record as a concurrent writer would.
 */
export class FakeMessageLog implements MessageLog {
  readonly records = new Map<string, MessageRecord>();
  readonly events = new Map<string, MessageEvent[]>();
  beforeUpdate: ((id: string) => void) | undefined;
  updateCalls = 0;

  async create(record: MessageRecord): Promise<void> {
    if (this.records.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.records.set(record.id, { ...record });
    this.events.set(record.id, [eventOf({ ...record, updatedAt: record.createdAt })]);
  }

  /** Moves a record as another writer would, bypassing the conditional check. */
  force(id: string, change: StatusChange): void {
    const record = this.records.get(id);
    if (!record) throw new Error(`no record ${id}`);
    const { detail: _detail, ...fields } = change;
    this.records.set(id, { ...record, ...definedOnly(fields) });
    this.events.get(id)?.push(eventOf(change));
  }

  async updateStatus(
    id: string,
    expected: MessageStatus | StatusExpectation,
    change: StatusChange,
  ): Promise<MessageRecord> {
    this.updateCalls++;
    const expectation = checkTransition(expected, change.status);
    this.beforeUpdate?.(id);
    const record = this.records.get(id);
    if (
      !record ||
      record.status !== expectation.status ||
      (expectation.attempts !== undefined && record.attempts !== expectation.attempts)
    ) {
      throw new StaleStatusError(id, expectation.status);
    }
    const { detail: _detail, ...fields } = change;
    const updated = {
      ...record,
      ...definedOnly(fields),
      // ISO instants sort as strings: the later one stays.
      updatedAt: [change.updatedAt, record.updatedAt].sort()[1] ?? change.updatedAt,
    };
    this.records.set(id, updated);
    this.events.get(id)?.push(eventOf(change));
    return { ...updated };
  }

  async get(id: string): Promise<MessageRecord | undefined> {
    const record = this.records.get(id);
    return record && { ...record };
  }

  async findByProviderMessageId(providerMessageId: string): Promise<MessageRecord | undefined> {
    const found = [...this.records.values()].find((r) => r.providerMessageId === providerMessageId);
    return found && { ...found };
  }

  async listEvents(id: string): Promise<MessageEvent[]> {
    return [...(this.events.get(id) ?? [])];
  }

  async list(): Promise<never> {
    throw new Error('FakeMessageLog.list is not needed by receipts');
  }

  async close(): Promise<void> {}
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A logger that keeps its lines, parsed, and their raw text (to check that no secret leaks). */
export function capturingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return {
    logger,
    raw: () => lines.join('\n'),
    lines: () =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; level: string }),
  };
}

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
export function sesEvent(eventType: string, messageId: string, extra: Record<string, unknown> = {}) {
  return {
    eventType,
    mail: {
      timestamp: '2026-11-27T10:00:00.000Z',
      source: 'noreply@example.com',
      messageId,
      destination: ['user@example.com'],
    },
    ...extra,
  };
}
