import type { KeyView } from '../domain/api-key.js';
import type { ErasureJob } from '../domain/erasure.js';
import type { MessageEvents, MessageRecord } from '../domain/message.schema.js';
import type { StatsAnswer } from '../domain/stats.js';
import type { SuppressionView } from '../domain/suppression.js';
import type { TemplateContent, TemplateRecord } from '../domain/template.js';
import type { EndpointView, WebhookDelivery } from '../domain/webhook.js';

// The document's examples. test/integration/openapi.test.ts feeds every request example (bodies and
// parameters) to the service and expects the answer example of the same name (ids and times aside).

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

const suppression: SuppressionView = {
  recipient: '+14155550123',
  channels: ['sms', 'whatsapp'],
  reason: 'manual',
  source: { provider: null, keyId: key.id, messageId: null },
  createdAt: at,
  updatedAt: at,
};

const events: MessageEvents = {
  messageId: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  items: [
    { at, status: 'pending', provider: null, detail: null },
    { at, status: 'sent', provider: 'mock', detail: null },
  ],
};

const endpoint: EndpointView = {
  id: 'we_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  tenant: 'acme',
  url: 'https://hooks.acme.example/messaging',
  events: ['message.delivered', 'message.failed', 'message.undelivered'],
  description: 'Order updates',
  enabled: true,
  disabledReason: null,
  failingSince: null,
  createdAt: at,
  updatedAt: at,
};

const delivery: WebhookDelivery = {
  id: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0Q',
  endpointId: endpoint.id,
  tenant: 'acme',
  eventId: 'evt_01JDQ7Y3ZK8W6V5T4S3R2Q1P0N_2',
  eventType: 'message.delivered',
  messageId: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N',
  state: 'succeeded',
  attempts: 1,
  lastStatusCode: 200,
  lastError: null,
  lastLatencyMs: 84,
  nextAttemptAt: null,
  createdAt: at,
  updatedAt: at,
};

const resetTemplate: TemplateContent = {
  description: 'Password reset',
  email: {
    subject: 'Reset your password, {{name}}',
    text: 'Hello {{name}}, reset your password at {{link}}',
    html: '<p>Hello {{name}},</p><p><a href="{{link}}">Reset your password</a></p>',
  },
  sms: { text: 'Hello {{name}}, reset your password at {{link}}' },
  whatsapp: { metaTemplate: { name: 'password_reset', language: 'en_US', parameters: ['{{name}}'] } },
};
const resetData = { name: 'Ann <Admin>', link: 'https://example.com/reset?t=8f3a' };

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
      summary: "A WhatsApp message, with the caller's own order id as metadata",
      body: {
        type: 'whatsapp',
        recipient: '+14155550123',
        content: 'Your order has shipped',
        metadata: { orderId: '123' },
      },
      status: 200,
    },
    passwordReset: {
      summary: 'An email rendered from the template password-reset (PUT first), text and HTML',
      body: { type: 'email', recipient: 'user@example.com', template: 'password-reset', data: resetData },
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
      metadata: { orderId: '123' },
    }),
    queued: record({ status: 'queued', provider: null, providerMessageId: null, attempts: 0 }),
    passwordReset: record({
      subject: 'Reset your password, Ann <Admin>',
      content: 'Hello Ann <Admin>, reset your password at https://example.com/reset?t=8f3a',
      template: 'password-reset',
      templateVersion: 1,
      html: '<p>Hello Ann &lt;Admin&gt;,</p><p><a href="https:&#x2F;&#x2F;example.com&#x2F;reset?t&#x3D;8f3a">Reset your password</a></p>',
    }),
  },
  /** `PUT /templates/password-reset`, and the version it makes. */
  template: {
    name: 'password-reset',
    body: resetTemplate,
    record: {
      tenant: 'default',
      name: 'password-reset',
      version: 1,
      content: resetTemplate,
      createdAt: at,
      deletedAt: null,
    } satisfies TemplateRecord,
  },
  events,
  /** `GET /stats?from=2026-11-27T09:00Z&to=2026-11-27T11:00Z&granularity=hour` */
  stats: {
    granularity: 'hour',
    from: '2026-11-27T09:00:00.000Z',
    to: '2026-11-27T11:00:00.000Z',
    items: [
      { bucket: '2026-11-27T09:00:00.000Z', channel: 'email', status: 'delivered', count: 118 },
      { bucket: '2026-11-27T09:00:00.000Z', channel: 'email', status: 'failed', count: 2 },
      { bucket: '2026-11-27T09:00:00.000Z', channel: 'sms', status: 'sent', count: 41 },
      { bucket: '2026-11-27T10:00:00.000Z', channel: 'email', status: 'delivered', count: 97 },
      { bucket: '2026-11-27T10:00:00.000Z', channel: 'whatsapp', status: 'undelivered', count: 1 },
    ],
  } satisfies StatsAnswer,
  webhooks: {
    newEndpoint: { url: endpoint.url, events: endpoint.events, description: 'Order updates' },
    endpoint,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    delivery,
  },
  /** Query parameters of `GET /messages`: each narrows the list to the email record's kind. */
  listQuery: { type: 'email', status: 'sent', recipient: 'user@example.com', limit: 20 },
  /** Meta's verification challenge, as Meta sends it to a webhook whose verify token is `my-verify-token`. */
  metaChallenge: {
    'hub.mode': 'subscribe',
    'hub.verify_token': 'my-verify-token',
    'hub.challenge': '1158201444',
  },
  suppression,
  bounced: {
    recipient: 'user@example.com',
    channels: ['email'],
    reason: 'bounce',
    source: { provider: 'ses', keyId: null, messageId: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N' },
    createdAt: at,
    updatedAt: at,
  } satisfies SuppressionView,
  erasureRequest: { recipient: '+14155550123' },
  erasure: {
    id: '01JDQ7Y3ZK8W6V5T4S3R2Q1P0P',
    tenant: 'acme',
    status: 'completed',
    erased: 3,
    recipientHash: '5f1c0c6e8a3b2d4f9e7a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e',
    createdAt: at,
    completedAt: at,
  } satisfies ErasureJob,
  redacted: record({
    type: 'sms',
    recipient: '+14155550123',
    subject: null,
    content: '[redacted]',
    contentDigest: { length: 19, sha256: '8c7f5e8e2a8f1b0c6d0b8f2c9d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f' },
  }),
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
