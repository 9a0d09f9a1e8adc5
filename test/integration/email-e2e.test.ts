import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { startTestService, type TestService } from '../support/service.js';

// The whole path: HTTP -> handler -> log -> SMTP provider -> a real SMTP server on loopback.
interface Received {
  from: string;
  to: string[];
  raw: string;
}
const received: Received[] = [];
let rejectWith: { code: number; text: string } | undefined;
let smtp: SMTPServer;
let port: number;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (rejectWith)
        return callback(Object.assign(new Error(rejectWith.text), { responseCode: rejectWith.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => new Promise<void>((resolve) => smtp.close(() => resolve())));

const smtpEnv = (providers: string) => ({
  EMAIL_PROVIDERS: providers,
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(port),
  SMTP_SECURITY: 'none',
  SMTP_FROM: 'Messaging <noreply@example.com>',
});

describe('email through the service to a real SMTP server', () => {
  let service: TestService | undefined;
  afterAll(async () => service?.close());

  it('delivers the message and logs the SMTP message id', async () => {
    service = await startTestService({ env: smtpEnv('smtp') });
    const response = await service.post('/sendMessage', {
      type: 'email',
      recipient: 'user@example.com',
      subject: 'Order 42',
      content: 'Hello, this is a test message.',
    });
    expect(response.status).toBe(200);
    const record = (await response.json()) as MessageRecord;
    expect(record).toMatchObject({ status: 'sent', provider: 'smtp', attempts: 1 });
    const mail = received.at(-1);
    expect(mail?.from).toBe('noreply@example.com');
    expect(mail?.to).toEqual(['user@example.com']);
    expect(mail?.raw).toMatch(/^Subject: Order 42$/m);
    expect(mail?.raw).toContain('Hello, this is a test message.');
    expect(mail?.raw).toContain(`Message-ID: ${record.providerMessageId}`);
    expect(service.logs().find((line) => line.msg === 'provider send')).toMatchObject({
      provider: 'smtp',
      messageId: record.id,
      recipient: 'u***@example.com',
      accepted: true,
      providerMessageId: record.providerMessageId,
    });
    expect(service.rawLogs()).not.toContain('user@example.com');
    expect(service.rawLogs()).not.toContain('Hello, this is a test message.');
    await service.close();
    service = undefined;
  });

  it('fails over to the next provider when the server answers 4xx, and not when it answers 5xx', async () => {
    service = await startTestService({ env: smtpEnv('smtp,mock') });
    rejectWith = { code: 451, text: 'Try again later' };
    const busy = (await (
      await service.post('/sendMessage', { type: 'email', recipient: 'user@example.com', content: 'x' })
    ).json()) as MessageRecord;
    expect(busy).toMatchObject({ status: 'sent', provider: 'mock', attempts: 2 });

    rejectWith = { code: 550, text: 'No such user' };
    const response = await service.post('/sendMessage', {
      type: 'email',
      recipient: 'gone@example.com',
      content: 'x',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { message: MessageRecord };
    expect(body.message).toMatchObject({ status: 'failed', provider: 'smtp', attempts: 1 });
    expect(body.message.error).toMatchObject({ code: 'SMTP_550', retryable: false });
    rejectWith = undefined;
  });
});
