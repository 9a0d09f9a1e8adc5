import net from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  mapSmtpError,
  type SmtpEmailProvider,
  SmtpSettings,
  smtpProvider,
  smtpTransportOptions,
} from '../../../../lib/channels/email/smtp.provider.js';
import { deliver, sendWithTimeout } from '../../../../lib/channels/failover.js';
import { transportTimeoutMs } from '../../../../lib/deadline.js';
import { createLogger, maskRecipient } from '../../../../lib/logger.js';
import type { OutboundMessage, SendResult } from '../../../../lib/ports/provider.js';

// Every server of this file listens on the loopback interface only.
const LOOPBACK = '127.0.0.1';
const FROM_ADDRESS = 'noreply@example.com';
const FROM = `Messaging Service <${FROM_ADDRESS}>`;
const RECIPIENT = 'jane.doe.private@example.org';
const SUBJECT = 'Grüße — 你好 ✓';
// Non-ASCII, a line that SMTP must dot-stuff, and a line longer than 78 characters.
const CONTENT = `Hallo Jürgen,\n.this line starts with a dot\nGrüße — 你好 ✓ ${'x'.repeat(120)}\nBye`;
const USER = 'mailer';
const PASSWORD = 's3cr3t-P4ssw0rd';

let certificate: { key: string; cert: string };
let otherCertificate: { key: string; cert: string };

beforeAll(async () => {
  const pems = (cn: string) =>
    generate([{ name: 'commonName', value: cn }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: LOOPBACK },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
  const [own, other] = await Promise.all([pems('smtp.test'), pems('other.test')]);
  certificate = { key: own.private, cert: own.cert };
  otherCertificate = { key: other.private, cert: other.cert };
});

// ---------------------------------------------------------------------------------------------
// Test SMTP servers

interface Received {
  session: SMTPServerSession;
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: string;
}

interface TestServer {
  port: number;
  received: Received[];
  auths: { method: string; username: string | undefined }[];
  /** The raw sockets the server accepted, and how many of them are closed. */
  sockets: net.Socket[];
  closedSockets: () => number;
  peakConnections: () => number;
}

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  // Providers first (they close their pooled connections), then the servers.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(socket: net.Socket, sockets: net.Socket[], closed: { count: number }) {
  sockets.push(socket);
  socket.once('close', () => {
    closed.count++;
  });
}

async function startSmtpServer(options: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  const received: Received[] = [];
  const auths: TestServer['auths'] = [];
  const sockets: net.Socket[] = [];
  const closed = { count: 0 };
  let open = 0;
  let peak = 0;
  const server = new SMTPServer({
    key: certificate.key,
    cert: certificate.cert,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 500,
    logger: false,
    onConnect(_session, callback) {
      open++;
      peak = Math.max(peak, open);
      callback();
    },
    onClose() {
      open--;
    },
    onAuth(auth, _session, callback) {
      auths.push({ method: auth.method, username: auth.username });
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          session: { ...session },
          mailFrom: mailFrom ? mailFrom.address : undefined,
          rcptTo: rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  server.server.on('connection', (socket: net.Socket) => track(socket, sockets, closed));
  server.on('error', () => {
    // A client that disconnects abruptly is part of several tests.
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    port: (server.server.address() as net.AddressInfo).port,
    received,
    auths,
    sockets,
    closedSockets: () => closed.count,
    peakConnections: () => peak,
  };
}

/** A TCP server that accepts connections and never says a word (no SMTP greeting). */
async function startSilentServer() {
  const sockets: net.Socket[] = [];
  const closed = { count: 0 };
  const server = net.createServer((socket) => track(socket, sockets, closed));
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    closedSockets: () => closed.count,
  };
}

const waitFor = async (condition: () => boolean, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
};

// ---------------------------------------------------------------------------------------------
// The provider, built as the composition root builds it

function makeProvider(env: Record<string, string>, timeoutMs = 5_000) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const settings = SmtpSettings.parse({ SMTP_HOST: LOOPBACK, SMTP_FROM: FROM, ...env });
  const provider = smtpProvider.create(settings, { fetch, timeoutMs }) as SmtpEmailProvider;
  cleanups.push(() => provider.close());
  // As the service sends: through failover, which writes the one line of the attempt.
  const deliverIt = async (overrides: Partial<OutboundMessage> = {}) =>
    (await deliver([provider], message(overrides), { timeoutMs, logger })).result;
  return { provider, lines, deliverIt };
}

let counter = 0;
const message = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: `01JD0Y4ZQ9R6T3K1M8XW2B7C${String(++counter).padStart(2, '0')}`,
  type: 'email',
  recipient: RECIPIENT,
  subject: SUBJECT,
  content: CONTENT,
  ...overrides,
});

const send = (provider: SmtpEmailProvider, overrides: Partial<OutboundMessage> = {}) =>
  provider.send(message(overrides), { signal: new AbortController().signal });

function expectFailure(result: SendResult, expected: { code: string | RegExp; retryable: boolean }) {
  expect(result.accepted).toBe(false);
  if (result.accepted) return result;
  expect(result.code).toMatch(expected.code);
  expect(result.retryable).toBe(expected.retryable);
  expect(result.message).not.toBe('');
  return result;
}

// ---------------------------------------------------------------------------------------------
// A minimal MIME reader: headers (unfolded, RFC 2047 words decoded) and a single-part body.

function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
    const bytes = [...run.matchAll(word)].map(([, charset, encoding, text = '']) => {
      expect(charset?.toLowerCase()).toBe('utf-8');
      return encoding?.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replaceAll('_', ' '));
    });
    return Buffer.concat(bytes).toString('utf8');
  });
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i++) {
    const char = source[i] ?? '';
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  // The CRLF that ends the last line before the SMTP terminator is framing, not content.
  const rawBody = raw.slice(split + 4).replace(/\r\n$/, '');
  const bytes =
    encoding === 'base64'
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(rawBody)
        : Buffer.from(rawBody, 'utf8');
  return { headers, body: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

// ---------------------------------------------------------------------------------------------

describe('SmtpEmailProvider against a real SMTP server', () => {
  it('is named smtp and serves email', () => {
    const { provider } = makeProvider({});
    expect(provider.name).toBe('smtp');
    expect(provider.channel).toBe('email');
    expect(smtpProvider).toMatchObject({ name: 'smtp', channel: 'email' });
  });

  it('delivers the message: envelope, From/To/Subject and a UTF-8 body intact', async () => {
    const server = await startSmtpServer();
    const { deliverIt, lines } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

    const result = await deliverIt();

    expect(result.accepted).toBe(true);
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail?.mailFrom).toBe(FROM_ADDRESS);
    expect(mail?.rcptTo).toEqual([RECIPIENT]);
    const { headers, body } = parseMessage(mail?.raw ?? '');
    expect(headers.get('from')).toBe(FROM);
    expect(headers.get('to')).toBe(RECIPIENT);
    expect(headers.get('subject')).toBe(SUBJECT);
    expect(headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(body).toBe(CONTENT);
    // The provider's id is the Message-ID the message went out with.
    if (result.accepted) {
      expect(result.providerMessageId).not.toBe('');
      expect(headers.get('message-id')).toBe(result.providerMessageId);
    }
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 'info',
      msg: 'provider send',
      provider: 'smtp',
      channel: 'email',
      recipient: maskRecipient(RECIPIENT),
      accepted: true,
    });
  });

  it('encodes a non-ASCII display name in SMTP_FROM', async () => {
    const server = await startSmtpServer();
    const from = `Grüße Team <${FROM_ADDRESS}>`;
    const { provider } = makeProvider({
      SMTP_PORT: String(server.port),
      SMTP_SECURITY: 'none',
      SMTP_FROM: from,
    });

    expect((await send(provider)).accepted).toBe(true);
    const { headers } = parseMessage(server.received[0]?.raw ?? '');
    expect(headers.get('from')).toBe(from);
    expect(server.received[0]?.raw).not.toContain('Grüße Team');
  });

  it('sends concurrent messages over at most SMTP_POOL_SIZE connections', async () => {
    const server = await startSmtpServer();
    const { provider } = makeProvider({
      SMTP_PORT: String(server.port),
      SMTP_SECURITY: 'none',
      SMTP_POOL_SIZE: '2',
    });

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => send(provider, { recipient: `user${i}@example.org` })),
    );

    expect(results.every((result) => result.accepted)).toBe(true);
    expect(server.received.map((mail) => mail.rcptTo[0]).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `user${i}@example.org`),
    );
    expect(server.peakConnections()).toBeLessThanOrEqual(2);
    expect(server.sockets.length).toBeLessThanOrEqual(2);
  });

  describe('authentication', () => {
    it.each(['PLAIN', 'LOGIN'])('logs in with AUTH %s and the right credentials', async (method) => {
      const server = await startSmtpServer({
        authOptional: false,
        authMethods: [method],
        allowInsecureAuth: true,
      });
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'none',
        SMTP_USER: USER,
        SMTP_PASSWORD: PASSWORD,
      });

      expect((await send(provider)).accepted).toBe(true);
      expect(server.auths).toEqual([{ method, username: USER }]);
      expect(server.received[0]?.session.user).toBe(USER);
    });

    it('fails for good with wrong credentials, naming the 535 and never the password', async () => {
      const server = await startSmtpServer({ authOptional: false, allowInsecureAuth: true });
      const wrong = 'wrong-Passw0rd-xyz';
      const { deliverIt, lines } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'none',
        SMTP_USER: USER,
        SMTP_PASSWORD: wrong,
      });

      const result = expectFailure(await deliverIt(), { code: 'SMTP_535', retryable: false });

      expect(result.accepted || result.message).toContain('535');
      expect(JSON.stringify(result)).not.toContain(wrong);
      expect(server.received).toHaveLength(0);
      expect(lines.join('\n')).not.toContain(wrong);
    });

    it('fails for good when the server requires a login and none is configured', async () => {
      const server = await startSmtpServer({ authOptional: false, allowInsecureAuth: true });
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

      expectFailure(await send(provider), { code: 'SMTP_530', retryable: false });
      expect(server.received).toHaveLength(0);
    });
  });

  describe('TLS', () => {
    it('upgrades with STARTTLS to a self-signed certificate trusted through SMTP_CA_CERT, then logs in', async () => {
      const server = await startSmtpServer({ disabledCommands: [], authOptional: false });
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'starttls',
        SMTP_CA_CERT: certificate.cert,
        SMTP_USER: USER,
        SMTP_PASSWORD: PASSWORD,
      });

      expect((await send(provider)).accepted).toBe(true);
      expect(server.received[0]?.session.secure).toBe(true);
      expect(server.received[0]?.session.tlsOptions).not.toBe(false);
      expect(parseMessage(server.received[0]?.raw ?? '').body).toBe(CONTENT);
    });

    it('refuses a certificate that SMTP_CA_CERT does not trust (retryable: the server may be fixed)', async () => {
      const server = await startSmtpServer({ disabledCommands: [] });
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'starttls',
        SMTP_CA_CERT: otherCertificate.cert,
      });

      // nodemailer reports the failed handshake as a socket error, with OpenSSL's reason.
      const result = expectFailure(await send(provider), { code: /^E(TLS|SOCKET)$/, retryable: true });
      expect(result.accepted || result.message).toMatch(/self-signed certificate/);
      expect(server.received).toHaveLength(0);
    });

    it('with starttls, refuses a server that does not offer STARTTLS, before any login or content', async () => {
      const server = await startSmtpServer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'starttls',
        SMTP_CA_CERT: certificate.cert,
        SMTP_USER: USER,
        SMTP_PASSWORD: PASSWORD,
      });

      // Permanent: the server answers STARTTLS with a 5xx. This is a configuration mismatch (the
      // server or SMTP_SECURITY must change), so retrying the same server cannot help; the
      // credentials and the message never went out in clear text.
      const result = expectFailure(await send(provider), { code: /^SMTP_5\d\d$/, retryable: false });
      expect(result.accepted || result.message).toMatch(/STARTTLS/);
      expect(server.auths).toHaveLength(0);
      expect(server.received).toHaveLength(0);
    });

    it('speaks implicit TLS with SMTP_SECURITY=tls', async () => {
      const server = await startSmtpServer({ secure: true });
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'tls',
        SMTP_CA_CERT: certificate.cert,
      });

      expect((await send(provider)).accepted).toBe(true);
      expect(server.received[0]?.session.secure).toBe(true);
      expect(parseMessage(server.received[0]?.raw ?? '').headers.get('subject')).toBe(SUBJECT);
    });

    it('fails, retryable, when tls meets a plain-text server', async () => {
      const server = await startSmtpServer();
      const { provider } = makeProvider({
        SMTP_PORT: String(server.port),
        SMTP_SECURITY: 'tls',
        SMTP_CA_CERT: certificate.cert,
      });

      expectFailure(await send(provider), { code: /^E[A-Z]+$/, retryable: true });
      expect(server.received).toHaveLength(0);
    });
  });

  describe('server rejections', () => {
    const reject = (responseCode: number, text: string) => Object.assign(new Error(text), { responseCode });

    it.each([
      ['RCPT TO', 550, 'Mailbox unavailable', false],
      ['RCPT TO', 553, 'Mailbox name not allowed', false],
      ['DATA', 554, 'Message rejected as spam', false],
      ['MAIL FROM', 550, 'Sender rejected', false],
      ['RCPT TO', 451, 'Try again later', true],
      ['RCPT TO', 452, 'Mailbox full', true],
      ['DATA', 451, 'Local error in processing', true],
      ['MAIL FROM', 421, 'Service not available', true],
    ] as const)('%s answered %i (%s) -> retryable %s', async (stage, responseCode, text, retryable) => {
      const server = await startSmtpServer({
        onMailFrom: (_address, _session, callback) =>
          callback(stage === 'MAIL FROM' ? reject(responseCode, text) : undefined),
        onRcptTo: (_address, _session, callback) =>
          callback(stage === 'RCPT TO' ? reject(responseCode, text) : undefined),
        ...(stage === 'DATA' && {
          onData(stream, _session, callback) {
            stream.resume();
            stream.on('end', () => callback(reject(responseCode, text)));
          },
        }),
      });
      const { deliverIt, lines } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

      const result = expectFailure(await deliverIt(), { code: `SMTP_${responseCode}`, retryable });

      expect(result.accepted || result.message).toContain(String(responseCode));
      expect(result.accepted || result.message).toContain(text);
      expect(server.received).toHaveLength(0);
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
        accepted: false,
        errorCode: `SMTP_${responseCode}`,
        retryable,
      });
    });

    it('keeps using the pool after a rejection', async () => {
      const server = await startSmtpServer({
        onRcptTo: (address, _session, callback) =>
          callback(address.address.startsWith('bad') ? reject(550, 'No such user') : undefined),
      });
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

      expectFailure(await send(provider, { recipient: 'bad@example.org' }), {
        code: 'SMTP_550',
        retryable: false,
      });
      expect((await send(provider)).accepted).toBe(true);
      expect(server.received.map((mail) => mail.rcptTo)).toEqual([[RECIPIENT]]);
    });

    it('is retryable when the server drops the connection during DATA', async () => {
      const server = await startSmtpServer({
        onData(stream) {
          stream.resume();
          for (const socket of server.sockets) socket.destroy();
        },
      });
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

      expectFailure(await send(provider), { code: 'ECONNECTION', retryable: true });
    });

    it('is retryable when the server drops every connection before its greeting', async () => {
      const server = await startSmtpServer({
        onConnect(_session, _callback) {
          for (const socket of server.sockets) socket.destroy();
        },
      });
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });

      // nodemailer's pool tries a few new connections first (nothing was sent over them).
      expectFailure(await send(provider), { code: 'ECONNECTION', retryable: true });
      expect(server.sockets.length).toBeGreaterThan(1);
    });

    it('is retryable when nothing listens on the port', async () => {
      // A port that was just free on the loopback interface.
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, LOOPBACK, resolve));
      const { port } = probe.address() as net.AddressInfo;
      await new Promise((resolve) => probe.close(resolve));
      const { provider } = makeProvider({ SMTP_PORT: String(port), SMTP_SECURITY: 'none' });

      const result = expectFailure(await send(provider), { code: /^E[A-Z]+$/, retryable: true });
      expect(result.accepted || result.message).toContain('ECONNREFUSED');
    });
  });

  describe('timeouts and aborts', () => {
    it('times out against a server that never greets, and closes the socket', async () => {
      const server = await startSilentServer();
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' }, 300);
      const own = vi.spyOn(provider, 'send');

      const started = Date.now();
      const result = await sendWithTimeout(provider, message(), 300);

      expect(result).toMatchObject({ accepted: false, code: 'TIMEOUT', retryable: true });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(server.sockets.length).toBe(1);
      // The client, not the test's cleanup, closes the connection.
      await waitFor(() => server.closedSockets() === 1, 2_000);
      // The provider's own answer, which sendWithTimeout did not wait for.
      await waitFor(() => own.mock.settledResults[0]?.type === 'fulfilled', 1_000);
      expect(own.mock.settledResults[0]?.value).toMatchObject({ accepted: false, retryable: true });
    });

    it("gives the transport timers that outlast the call's timeout, so that the caller's deadline decides", () => {
      const { provider } = makeProvider({}, 300);
      const { options } = (provider as unknown as { transport: { options: Record<string, unknown> } })
        .transport;
      expect(transportTimeoutMs(300)).toBeGreaterThan(300);
      for (const timer of ['connectionTimeout', 'greetingTimeout', 'socketTimeout', 'dnsTimeout']) {
        expect(options[timer]).toBe(transportTimeoutMs(300));
      }
    });

    it("stops on the caller's abort even when the transport's own timeouts are long", async () => {
      const server = await startSilentServer();
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' }, 60_000);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('smtp did not answer within 150 ms')), 150);

      const started = Date.now();
      const result = await provider.send(message(), { signal: controller.signal });

      expect(result).toMatchObject({ accepted: false, code: 'ABORTED', retryable: true });
      expect(Date.now() - started).toBeLessThan(1_000);
      await waitFor(() => server.closedSockets() === 1, 2_000);
    });

    it("ends on nodemailer's greeting timeout when no one aborts", async () => {
      const server = await startSilentServer();
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' }, 200);

      expectFailure(await send(provider), { code: 'ETIMEDOUT', retryable: true });
      await waitFor(() => server.closedSockets() === 1, 2_000);
    });

    it('does not connect when the signal is already aborted', async () => {
      const server = await startSilentServer();
      const { provider } = makeProvider({ SMTP_PORT: String(server.port), SMTP_SECURITY: 'none' });
      const controller = new AbortController();
      controller.abort(new Error('gave up'));

      const result = await provider.send(message(), { signal: controller.signal });

      expect(result).toMatchObject({ accepted: false, code: 'ABORTED', message: 'gave up', retryable: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.sockets).toHaveLength(0);
    });
  });

  it('never logs (through deliver) the content, subject, full recipient or password', async () => {
    const server = await startSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onRcptTo: (address, _session, callback) =>
        callback(
          address.address.startsWith('bounce')
            ? Object.assign(new Error(`<${address.address}>: unknown`), { responseCode: 550 })
            : undefined,
        ),
    });
    const { deliverIt, lines } = makeProvider({
      SMTP_PORT: String(server.port),
      SMTP_SECURITY: 'none',
      SMTP_USER: USER,
      SMTP_PASSWORD: PASSWORD,
    });
    const bounce = 'bounce.private.person@example.org';

    expect((await deliverIt()).accepted).toBe(true);
    const rejected = expectFailure(await deliverIt({ recipient: bounce }), {
      code: 'SMTP_550',
      retryable: false,
    });
    // The server's reply quotes the address; the log must not.
    expect(rejected.accepted || rejected.message).toContain(bounce);

    expect(lines).toHaveLength(2);
    const log = lines.join('\n');
    for (const secret of [CONTENT, 'Hallo Jürgen', SUBJECT, RECIPIENT, bounce, PASSWORD, USER]) {
      expect(log).not.toContain(secret);
    }
    expect(lines.map((line) => JSON.parse(line).recipient)).toEqual([
      maskRecipient(RECIPIENT),
      maskRecipient(bounce),
    ]);
  });
});

describe('mapSmtpError', () => {
  const smtpError = (fields: { message: string; code?: string; responseCode?: number }) =>
    Object.assign(new Error(fields.message), fields);

  it.each([
    [
      { message: 'Invalid login: 535 5.7.8 Authentication failed', code: 'EAUTH', responseCode: 535 },
      'SMTP_535',
      false,
    ],
    [{ message: 'Missing credentials for "PLAIN"', code: 'EAUTH' }, 'EAUTH', false],
    [
      { message: "Can't send mail: 550 5.1.1 No such user", code: 'EENVELOPE', responseCode: 550 },
      'SMTP_550',
      false,
    ],
    [{ message: 'Message failed: 554 5.7.1 Spam', code: 'EMESSAGE', responseCode: 554 }, 'SMTP_554', false],
    [{ message: 'Message failed: 552 Too big', code: 'EMESSAGE', responseCode: 552 }, 'SMTP_552', false],
    [
      { message: 'Data command failed: 503 Bad sequence', code: 'EENVELOPE', responseCode: 503 },
      'SMTP_503',
      true,
    ],
    [
      { message: 'Server terminates connection: 421 Too busy', code: 'ECONNECTION', responseCode: 421 },
      'SMTP_421',
      true,
    ],
    [
      { message: "Can't send mail: 450 Mailbox busy", code: 'EENVELOPE', responseCode: 450 },
      'SMTP_450',
      true,
    ],
    [
      { message: 'Temporary authentication failure: 454', code: 'EAUTH', responseCode: 454 },
      'SMTP_454',
      true,
    ],
    [{ message: 'Connection closed unexpectedly', code: 'ECONNECTION' }, 'ECONNECTION', true],
    [{ message: 'connect ECONNREFUSED 127.0.0.1:25', code: 'ESOCKET' }, 'ESOCKET', true],
    [{ message: 'read ECONNRESET', code: 'ECONNRESET' }, 'ECONNRESET', true],
    [{ message: 'Greeting never received', code: 'ETIMEDOUT' }, 'ETIMEDOUT', true],
    [{ message: 'getaddrinfo ENOTFOUND smtp.example', code: 'EDNS' }, 'EDNS', true],
    [{ message: 'Error initiating TLS - self-signed certificate', code: 'ETLS' }, 'ETLS', true],
    [{ message: 'Something odd' }, 'SMTP_ERROR', true],
  ])('maps %j to %s (retryable %s)', (fields, code, retryable) => {
    expect(mapSmtpError(smtpError(fields))).toEqual({
      accepted: false,
      code,
      message: fields.message,
      retryable,
    });
  });

  it('adds the underlying system or TLS code to the message', () => {
    const error = Object.assign(new Error('self-signed certificate'), {
      code: 'ESOCKET',
      originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(mapSmtpError(error)).toEqual({
      accepted: false,
      code: 'ESOCKET',
      message: 'self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
      retryable: true,
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
      code: 'ESOCKET',
      originalCode: 'ECONNREFUSED',
    });
    expect(mapSmtpError(refused)).toMatchObject({ message: 'connect ECONNREFUSED 127.0.0.1:25' });
  });

  it('maps a value that is not an Error as retryable', () => {
    expect(mapSmtpError('boom')).toEqual({
      accepted: false,
      code: 'SMTP_ERROR',
      message: 'boom',
      retryable: true,
    });
  });
});

describe('SmtpSettings', () => {
  const base = { SMTP_HOST: 'smtp.example.com', SMTP_FROM: FROM };
  const problems = (env: Record<string, string>) => {
    const parsed = SmtpSettings.safeParse(env);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('applies the defaults', () => {
    expect(SmtpSettings.parse({ ...base, UNRELATED: 'x' })).toEqual({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: 587,
      SMTP_SECURITY: 'starttls',
      SMTP_FROM: FROM,
      SMTP_POOL_SIZE: 5,
    });
  });

  it('defaults the port to 465 with implicit TLS, and reads the given values', () => {
    expect(SmtpSettings.parse({ ...base, SMTP_SECURITY: 'tls' }).SMTP_PORT).toBe(465);
    expect(
      SmtpSettings.parse({
        ...base,
        SMTP_PORT: '2525',
        SMTP_SECURITY: 'none',
        SMTP_POOL_SIZE: '12',
        SMTP_USER: USER,
        SMTP_PASSWORD: PASSWORD,
        SMTP_FROM: ' noreply@example.com ',
      }),
    ).toMatchObject({
      SMTP_PORT: 2525,
      SMTP_SECURITY: 'none',
      SMTP_POOL_SIZE: 12,
      SMTP_USER: USER,
      SMTP_PASSWORD: PASSWORD,
      SMTP_FROM: FROM_ADDRESS,
    });
  });

  it('names every missing required variable', () => {
    expect(problems({})).toEqual(['SMTP_HOST', 'SMTP_FROM']);
  });

  it.each([
    ['SMTP_HOST', ' '],
    ['SMTP_HOST', 'smtp://smtp.example.com'],
    ['SMTP_PORT', '25a'],
    ['SMTP_PORT', '-1'],
    ['SMTP_PORT', '0'],
    ['SMTP_PORT', '70000'],
    ['SMTP_SECURITY', 'ssl'],
    ['SMTP_SECURITY', 'STARTTLS '],
    ['SMTP_FROM', 'not-an-address'],
    ['SMTP_FROM', 'Name <not-an-address>'],
    ['SMTP_FROM', 'Name noreply@example.com'],
    ['SMTP_FROM', 'a@example.com, b@example.com'],
    ['SMTP_FROM', 'Name\r\nBcc: x@example.com <a@example.com>'],
    ['SMTP_POOL_SIZE', '0'],
    ['SMTP_POOL_SIZE', 'five'],
    ['SMTP_CA_CERT', 'not a certificate'],
    ['SMTP_CA_CERT', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
  ])('names %s when it is %j', (variable, value) => {
    expect(problems({ ...base, [variable]: value })).toEqual([variable]);
  });

  it('accepts a display name, quoted or not', () => {
    for (const from of [FROM, '"Acme, Inc." <noreply@example.com>', FROM_ADDRESS]) {
      expect(problems({ ...base, SMTP_FROM: from })).toEqual([]);
    }
  });

  it('refuses a user without a password and a password without a user, naming the missing one', () => {
    expect(problems({ ...base, SMTP_USER: USER })).toEqual(['SMTP_PASSWORD']);
    expect(problems({ ...base, SMTP_PASSWORD: PASSWORD })).toEqual(['SMTP_USER']);
    // Named alongside the other problems.
    expect(problems({ SMTP_USER: USER })).toEqual(['SMTP_HOST', 'SMTP_FROM', 'SMTP_PASSWORD']);
  });

  it('accepts a PEM certificate, also written on one line with literal \\n', () => {
    expect(SmtpSettings.parse({ ...base, SMTP_CA_CERT: certificate.cert }).SMTP_CA_CERT).toBe(
      certificate.cert,
    );
    const oneLine = certificate.cert.replaceAll('\n', '\\n');
    expect(SmtpSettings.parse({ ...base, SMTP_CA_CERT: oneLine }).SMTP_CA_CERT).toBe(certificate.cert);
    const bundle = `${certificate.cert}\n${otherCertificate.cert}`;
    expect(SmtpSettings.parse({ ...base, SMTP_CA_CERT: bundle }).SMTP_CA_CERT).toBe(bundle);
  });
});

describe('smtpTransportOptions', () => {
  const settings = (env: Record<string, string>) =>
    SmtpSettings.parse({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: FROM, ...env });

  it('builds a pool bounded by the provider timeout', () => {
    expect(smtpTransportOptions(settings({ SMTP_POOL_SIZE: '3' }), 1_234)).toEqual({
      pool: true,
      maxConnections: 3,
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTLS: true,
      connectionTimeout: 1_234,
      greetingTimeout: 1_234,
      socketTimeout: 1_234,
      dnsTimeout: 1_234,
    });
  });

  it.each([
    ['starttls', { secure: false, requireTLS: true }],
    ['tls', { secure: true }],
    ['none', { secure: false, ignoreTLS: true }],
  ])('maps SMTP_SECURITY=%s', (security, expected) => {
    const options = smtpTransportOptions(settings({ SMTP_SECURITY: security }), 1_000);
    expect(options).toMatchObject(expected);
    for (const key of ['secure', 'requireTLS', 'ignoreTLS'] as const) {
      expect(options[key as keyof typeof options]).toBe(expected[key as keyof typeof expected]);
    }
  });

  it('adds the login and the trusted CA when set', () => {
    const options = smtpTransportOptions(
      settings({ SMTP_USER: USER, SMTP_PASSWORD: PASSWORD, SMTP_CA_CERT: certificate.cert }),
      1_000,
    );
    expect(options).toMatchObject({ auth: { user: USER, pass: PASSWORD }, tls: { ca: certificate.cert } });
  });
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
