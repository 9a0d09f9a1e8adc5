import type { KeyView } from '../domain/api-key.js';
import type { MessageEvents, MessageRecord } from '../domain/message.schema.js';

// The document's examples. The sends are fed to the service by test/integration/openapi-examples.test.ts,
// which expects each answer to match the response example of the same name (ids and times aside).

const at = '2026-11-27T10:00:00.000Z';
const record = (overrides: Partial<MessageRecord>): MessageRecord => ({
  id: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  tenant: 'default',
  type: 'email',
  recipient: 'user@example.com',
  subject: 'Message from the messaging service',
  content: 'Hello, this is a test message.',
  status: 'sent',
  provider: 'mock',
  providerMessageId: 'mock-01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  error: null,
  attempts: 1,
  createdAt: at,
  updatedAt: at,
  ...overrides,
});

const key: KeyView = {
  id: 'k01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  name: 'billing',
  tenant: 'acme',
  scopes: ['messages:send', 'messages:read'],
  limits: { perSecond: 50, perDay: 100_000 },
  createdAt: at,
  lastUsedAt: null,
  revokedAt: null,
};

const events: MessageEvents = {
  messageId: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  items: [
    { at, status: 'pending', provider: null, detail: null },
    { at, status: 'sent', provider: 'mock', detail: null },
  ],
};

export const EXAMPLES = {
  at,
  /** Requests of `POST /sendMessage`, by name; `status` is the documented answer's. */
  sends: {
    email: {
      summary: "The prototype's dummy payload",
      body: { type: 'email', recipient: 'user@example.com', content: 'Hello, this is a test message.' },
      status: 200,
    },
    sms: {
      summary: 'An SMS to an E.164 number',
      body: { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' },
      status: 200,
    },
    whatsapp: {
      summary: 'A WhatsApp message',
      body: { type: 'whatsapp', recipient: '+14155550123', content: 'Your order has shipped' },
      status: 200,
    },
  },
  records: {
    email: record({}),
    sms: record({
      type: 'sms',
      recipient: '+14155550123',
      subject: null,
      content: 'Your code is 123456',
    }),
    whatsapp: record({
      type: 'whatsapp',
      recipient: '+14155550123',
      subject: null,
      content: 'Your order has shipped',
    }),
    queued: record({ status: 'queued', provider: null, providerMessageId: null, attempts: 0 }),
    scheduled: record({
      id: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0P',
      status: 'scheduled',
      provider: null,
      providerMessageId: null,
      attempts: 0,
      sendAt: '2026-11-28T09:00:00.000Z',
    }),
    canceled: record({
      id: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0P',
      status: 'canceled',
      provider: null,
      providerMessageId: null,
      attempts: 0,
      sendAt: '2026-11-28T09:00:00.000Z',
      updatedAt: '2026-11-27T10:05:00.000Z',
    }),
  },
  /** `POST /messages/batch`: one message queued, one scheduled, one refused. */
  batch: {
    messages: [
      { type: 'sms', recipient: '+14155550123', content: 'Your order has shipped' },
      {
        type: 'email',
        recipient: 'user@example.com',
        content: 'Your appointment is tomorrow at 10:00.',
        sendAt: '2026-11-28T09:00:00Z',
      },
      { type: 'sms', recipient: '12345', content: 'Your order has shipped' },
    ],
  },
  events,
  newKey: { name: 'billing', scopes: ['messages:send', 'messages:read'] },
  key,
  apiKey: 'msk_k01JDQ7Y3ZK8W6V5T4S3R2Q1P0N_3q2-7wEAAAAbbbbCCCCddddEEEEffffGGGGhhhhIIII',
  error: (status: number, code: string) => ({
    error: {
      code,
      message: `An error answered ${status}`,
      ...(status === 400 ? { details: [{ field: 'recipient', message: 'is required' }] } : {}),
      requestId: '9b2f3c4e-1d2a-4b5c-8d7e-6f5a4b3c2d1e',
    },
  }),
} as const;
