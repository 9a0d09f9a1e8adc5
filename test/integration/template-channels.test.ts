import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { waitFor } from '../support/async.js';
import { startFakeMetaGraph } from '../support/fake-meta-graph.js';
import { startTestService, type TestService } from '../support/service.js';

// Templated sends through real channel peers on loopback: a real SMTP server (both parts of a
// multipart email arrive) and a stand-in for Meta's Graph API (a template message in its real shape).
const received: string[] = [];
let smtp: SMTPServer;
let smtpPort: number;
let graph: Awaited<ReturnType<typeof startFakeMetaGraph>>;
const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'EAAJB3xZBsecretTOKENvalue0123456789';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  graph = await startFakeMetaGraph({ phoneNumberId: PHONE_NUMBER_ID, token: TOKEN });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await graph.close();
});

let service: TestService;
afterEach(async () => service?.close());

const start = async () => {
  service = await startTestService({
    env: {
      EMAIL_PROVIDERS: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_SECURITY: 'none',
      SMTP_FROM: 'Messaging <noreply@example.com>',
      WHATSAPP_PROVIDERS: 'meta',
      META_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      META_ACCESS_TOKEN: TOKEN,
      META_GRAPH_BASE: graph.base,
    },
  });
  const put = await fetch(`${service.url}/templates/password-reset`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: {
        subject: 'Reset your password',
        text: 'Hello {{name}}, open {{link}}',
        html: '<p>Hello <b>{{name}}</b>, <a href="{{link}}">reset</a></p>',
      },
      whatsapp: {
        metaTemplate: { name: 'password_reset', language: 'en_US', parameters: ['{{name}}', '{{code}}'] },
      },
    }),
  });
  expect(put.status).toBe(201);
};

// The decoded body of each MIME part of a raw message, by content type.
function parts(raw: string): Record<string, string> {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) return {};
  const out: Record<string, string> = {};
  for (const section of raw.split(`--${boundary}`).slice(1, -1)) {
    const [head = '', ...rest] = section.split(/\r?\n\r?\n/);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim() ?? '';
    let body = rest.join('\n\n').trim();
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
      body = Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    if (/content-transfer-encoding:\s*base64/i.test(head))
      body = Buffer.from(body, 'base64').toString('utf8');
    out[type] = body;
  }
  return out;
}

describe('templated email over SMTP', () => {
  it.each([
    ['synchronously', {}],
    ['queued', { prefer: 'respond-async' }],
  ])('arrives multipart, %s: the text as rendered and the HTML escaped', async (_, headers) => {
    await start();
    const before = received.length;
    const response = await service.post(
      '/sendMessage',
      {
        type: 'email',
        recipient: 'user@example.com',
        template: 'password-reset',
        data: { name: 'Ann <script>', link: 'https://example.com/r?t=1' },
      },
      headers,
    );
    expect([200, 202]).toContain(response.status);
    const record = (await response.json()) as MessageRecord;
    await waitFor(async () =>
      (await service.container.messageLog.get(record.id))?.status === 'sent' ? true : undefined,
    );

    expect(received).toHaveLength(before + 1);
    const raw = received.at(-1) ?? '';
    expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    const byType = parts(raw);
    expect(byType['text/plain']).toBe('Hello Ann <script>, open https://example.com/r?t=1');
    expect(byType['text/html']).toBe(
      '<p>Hello <b>Ann &lt;script&gt;</b>, <a href="https:&#x2F;&#x2F;example.com&#x2F;r?t&#x3D;1">reset</a></p>',
    );
  });

  it('stays plain text for a send with content', async () => {
    await start();
    const response = await service.post('/sendMessage', {
      type: 'email',
      recipient: 'user@example.com',
      content: 'Just text',
    });
    expect(response.status).toBe(200);
    const raw = received.at(-1) ?? '';
    expect(raw).not.toMatch(/multipart/);
    expect(raw).toMatch(/^Content-Type: text\/plain/m);
  });
});

describe('a Meta template over the Graph API', () => {
  it('is sent as type template, its body parameters rendered from the data, in order', async () => {
    await start();
    const response = await service.post('/sendMessage', {
      type: 'whatsapp',
      recipient: '+14155550123',
      template: 'password-reset',
      data: { name: 'Ann', code: 918273 },
    });
    expect(response.status).toBe(200);
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({
      status: 'sent',
      provider: 'meta',
      content: '[password_reset en_US] Ann | 918273',
      metaTemplate: { name: 'password_reset', language: 'en_US', parameters: ['Ann', '918273'] },
    });
    expect(graph.seen.at(-1)?.body).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '14155550123',
      type: 'template',
      template: {
        name: 'password_reset',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ann' },
              { type: 'text', text: '918273' },
            ],
          },
        ],
      },
      // Our id, which Meta returns in the status webhooks, as on a text message.
      biz_opaque_callback_data: record.id,
    });
    expect(record.providerMessageId).toMatch(/^wamid\.fake/);
  });
});
