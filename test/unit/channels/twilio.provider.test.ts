import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliver, sendWithTimeout } from '../../../lib/channels/failover.js';
import { twilioSmsProvider } from '../../../lib/channels/sms/twilio.provider.js';
import { mapTwilioError, TwilioApiError } from '../../../lib/channels/twilio/twilio.errors.js';
import { twilioWhatsappProvider } from '../../../lib/channels/whatsapp/twilio.provider.js';
import type { Channel } from '../../../lib/domain/message.schema.js';
import { createLogger, maskRecipient } from '../../../lib/logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../../lib/ports/provider.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f1e2d3c4b5a697887766554433221100';
const SERVICE_SID = 'MG00112233445566778899aabbccddeeff';
const FROM = '+15005550006';
const WHATSAPP_FROM = '+14155238886';
const RECIPIENT = '+14155550123';
const CONTENT = 'Your one-time code is 918273 & it expires soon';

/** One request as the fake Twilio saw it. */
interface Seen {
  method: string | undefined;
  url: string | undefined;
  contentType: string | undefined;
  authorization: string | undefined;
  form: Record<string, string>;
}

type Answer = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

const twilioError = (res: ServerResponse, status: number, code: number, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
};

// What Twilio answers a valid create: 201 and the Message resource.
const created: Answer = (_req, res, seen) => {
  const sid = `SM${'0123456789abcdef'.repeat(2)}`;
  const now = new Date().toUTCString();
  res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
  res.end(
    JSON.stringify({
      account_sid: ACCOUNT_SID,
      api_version: '2010-04-01',
      body: seen.form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: seen.form.From ?? null,
      messaging_service_sid: seen.form.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid,
      status: seen.form.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media.json` },
      to: seen.form.To,
      uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
    }),
  );
};

/** A local stand-in for api.twilio.com that checks what Twilio requires before answering. */
function fakeTwilio() {
  const seen: Seen[] = [];
  const state = { answer: created, aborted: 0, answered: 0 };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const request: Seen = {
        method: req.method,
        url: req.url,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(raw)),
      };
      seen.push(request);
      // The connection closing before the response was written: the client gave up.
      res.on('close', () => {
        if (res.writableFinished) state.answered++;
        else state.aborted++;
      });
      const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`) {
        return twilioError(res, 404, 20404, `The requested resource ${req.url} was not found`);
      }
      if (req.headers.authorization !== expected) {
        return twilioError(res, 401, 20003, 'Authenticate');
      }
      if (request.contentType?.split(';')[0] !== 'application/x-www-form-urlencoded') {
        return twilioError(res, 400, 20001, 'Bad request');
      }
      if (!request.form.To) {
        return twilioError(res, 400, 21604, "A 'To' phone number is required.");
      }
      if (!request.form.From && !request.form.MessagingServiceSid) {
        return twilioError(res, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
      }
      state.answer(req, res, request);
    });
  });
  return {
    seen,
    state,
    server,
    baseUrl: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const twilio = fakeTwilio();
beforeAll(() => twilio.start());
afterAll(() => twilio.stop());
beforeEach(() => {
  twilio.seen.length = 0;
  twilio.state.answer = created;
  twilio.state.aborted = 0;
  twilio.state.answered = 0;
});

let lines: string[] = [];
afterEach(() => {
  // Whatever happened, no line may carry the token, the number or the content.
  for (const line of lines) {
    expect(line).not.toContain(AUTH_TOKEN);
    expect(line).not.toContain(RECIPIENT);
    expect(line).not.toContain('918273');
    expect(line).not.toContain(Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'));
  }
  lines = [];
});

const baseEnv = (): Record<string, string> => ({
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_API_BASE: twilio.baseUrl(),
});

const factories = { sms: twilioSmsProvider, whatsapp: twilioWhatsappProvider } as const;

function build(channel: 'sms' | 'whatsapp', env: Record<string, string>): Provider {
  const factory = factories[channel];
  const settings = factory.settings.parse(env);
  return factory.create(settings as never, { fetch: globalThis.fetch, timeoutMs: 5_000 });
}

const smsProvider = (env: Record<string, string> = { TWILIO_FROM: FROM }) =>
  build('sms', { ...baseEnv(), ...env });
const whatsappProvider = (env: Record<string, string> = { TWILIO_WHATSAPP_FROM: WHATSAPP_FROM }) =>
  build('whatsapp', { ...baseEnv(), ...env });

const message = (type: Channel, recipient = RECIPIENT): OutboundMessage => ({
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C01',
  type,
  recipient,
  subject: null,
  content: CONTENT,
});

const send = (provider: Provider, msg = message(provider.channel)) =>
  provider.send(msg, { signal: new AbortController().signal });

// As the service sends: through failover, which writes the one line of the attempt to `lines`.
const deliverIt = async (provider: Provider, msg = message(provider.channel)) => {
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return (await deliver([provider], msg, { timeoutMs: 5_000, logger })).result;
};

const expectRejected = (result: SendResult, code: string, retryable: boolean) => {
  expect(result).toMatchObject({ accepted: false, code, retryable });
  if (!result.accepted) expect(result.message).not.toBe('');
};

describe('Twilio providers: the outgoing request', () => {
  it('hands a Meta template on (retryable TEMPLATE_UNSUPPORTED) without calling Twilio', async () => {
    const provider = whatsappProvider();
    const metaTemplate = { name: 'order_update', language: 'en_US', parameters: ['42'] };
    const result = await send(provider, { ...message('whatsapp'), metaTemplate });
    expectRejected(result, 'TEMPLATE_UNSUPPORTED', true);
    expect(twilio.seen).toHaveLength(0);
  });

  it('names itself twilio for sms and whatsapp', () => {
    expect([smsProvider().name, smsProvider().channel]).toEqual(['twilio', 'sms']);
    expect([whatsappProvider().name, whatsappProvider().channel]).toEqual(['twilio', 'whatsapp']);
  });

  it('sends an SMS from TWILIO_FROM: To, From and Body only, Basic auth, form-encoded', async () => {
    const result = await send(smsProvider());
    expect(result).toEqual({ accepted: true, providerMessageId: `SM${'0123456789abcdef'.repeat(2)}` });
    expect(twilio.seen).toHaveLength(1);
    const [request] = twilio.seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(request?.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request?.form).toEqual({ To: RECIPIENT, From: FROM, Body: CONTENT });
  });

  it("gives each message its status callback with our id when PUBLIC_URL is set (the webhook's URL)", async () => {
    const result = await send(smsProvider({ TWILIO_FROM: FROM, PUBLIC_URL: 'https://api.example.com/v1/' }));
    expect(result.accepted).toBe(true);
    expect(twilio.seen[0]?.form).toEqual({
      To: RECIPIENT,
      From: FROM,
      Body: CONTENT,
      StatusCallback: 'https://api.example.com/v1/webhooks/twilio?m=01JD0Y4ZQ9R6T3K1M8XW2B7C01',
    });
  });

  it('sends an SMS through TWILIO_MESSAGING_SERVICE_SID, without From', async () => {
    const result = await send(smsProvider({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID }));
    expect(result.accepted).toBe(true);
    expect(twilio.seen[0]?.form).toEqual({ To: RECIPIENT, MessagingServiceSid: SERVICE_SID, Body: CONTENT });
  });

  it('sends WhatsApp with whatsapp: addresses for To and From', async () => {
    const result = await send(whatsappProvider());
    expect(result.accepted).toBe(true);
    expect(twilio.seen[0]?.form).toEqual({
      To: `whatsapp:${RECIPIENT}`,
      From: `whatsapp:${WHATSAPP_FROM}`,
      Body: CONTENT,
    });
  });

  it('sends WhatsApp through a Messaging Service: whatsapp: To, no From', async () => {
    const result = await send(whatsappProvider({ TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID }));
    expect(result.accepted).toBe(true);
    expect(twilio.seen[0]?.form).toEqual({
      To: `whatsapp:${RECIPIENT}`,
      MessagingServiceSid: SERVICE_SID,
      Body: CONTENT,
    });
  });

  it('accepts the WhatsApp sender as the console shows it (whatsapp:+E164)', async () => {
    await send(whatsappProvider({ TWILIO_WHATSAPP_FROM: `whatsapp:${WHATSAPP_FROM}` }));
    expect(twilio.seen[0]?.form.From).toBe(`whatsapp:${WHATSAPP_FROM}`);
  });

  it('keeps the content byte for byte (unicode, newlines, &, =, +)', async () => {
    const content = 'Olá 👋\nline 2: a+b=c & 100%';
    await send(smsProvider(), { ...message('sms'), content });
    expect(twilio.seen[0]?.form.Body).toBe(content);
  });

  it('tolerates a trailing slash on TWILIO_API_BASE', async () => {
    const result = await send(
      build('sms', { ...baseEnv(), TWILIO_API_BASE: `${twilio.baseUrl()}/`, TWILIO_FROM: FROM }),
    );
    expect(result.accepted).toBe(true);
    expect(twilio.seen[0]?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  });

  it('logs one line per send (through deliver): message id, masked recipient, Twilio sid', async () => {
    await deliverIt(smsProvider());
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      msg: 'provider send',
      provider: 'twilio',
      channel: 'sms',
      messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C01',
      recipient: maskRecipient(RECIPIENT),
      accepted: true,
      providerMessageId: `SM${'0123456789abcdef'.repeat(2)}`,
    });
  });
});

describe('Twilio providers: errors, mapped once', () => {
  const answering =
    (status: number, code: number, text: string): Answer =>
    (_req, res) =>
      twilioError(res, status, code, text);

  it.each([
    ['sms', 400, 21211, `The 'To' number ${RECIPIENT} is not a valid phone number.`],
    ['sms', 400, 21610, 'Attempt to send to unsubscribed recipient'],
    ['sms', 400, 21614, `'To' number ${RECIPIENT} is not a valid mobile number`],
    [
      'sms',
      400,
      21408,
      `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${RECIPIENT}.`,
    ],
    ['sms', 400, 21617, 'The concatenated message body exceeds the 1600 character limit.'],
    [
      'whatsapp',
      400,
      63016,
      'Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.',
    ],
    ['whatsapp', 400, 63024, 'Invalid message recipient'],
  ] as const)(
    '%s: HTTP %i with Twilio code %i is permanent, code and message kept, only the code logged',
    async (channel, status, code, text) => {
      twilio.state.answer = answering(status, code, text);
      const provider = channel === 'sms' ? smsProvider() : whatsappProvider();
      // Through deliver; the afterEach check proves that a message quoting the number is not logged.
      const result = await deliverIt(provider);
      expectRejected(result, String(code), false);
      expect(result).toMatchObject({ message: text });
      expect(JSON.parse(lines[0] ?? '')).toMatchObject({
        accepted: false,
        errorCode: String(code),
        retryable: false,
      });
    },
  );

  it('401 with 20003 (wrong Auth Token) is permanent; the fake really checks the credentials', async () => {
    const provider = build('sms', { ...baseEnv(), TWILIO_AUTH_TOKEN: 'not-the-token', TWILIO_FROM: FROM });
    const result = await send(provider);
    expectRejected(result, '20003', false);
    expect(result).toMatchObject({ message: 'Authenticate' });
  });

  it('429 with 20429 is retryable', async () => {
    twilio.state.answer = answering(429, 20429, 'Too Many Requests');
    expectRejected(await send(smsProvider()), '20429', true);
  });

  it('400 with 21611 (the sender queue is full) is retryable', async () => {
    twilio.state.answer = answering(
      400,
      21611,
      "This 'From' number has exceeded the maximum number of queued messages",
    );
    expectRejected(await send(smsProvider()), '21611', true);
  });

  it('500 with Twilio code 20500 is retryable', async () => {
    twilio.state.answer = answering(500, 20500, 'An internal server error has occurred');
    expectRejected(await send(whatsappProvider()), '20500', true);
  });

  it('503 without Twilio JSON (a proxy page) is retryable, code HTTP_503', async () => {
    twilio.state.answer = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body>Service Unavailable</body></html>');
    };
    expectRejected(await send(smsProvider()), 'HTTP_503', true);
  });

  it('a 201 that is not a message resource is retryable, code MALFORMED_RESPONSE', async () => {
    twilio.state.answer = (_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"status":"queued"');
    };
    expectRejected(await send(smsProvider()), 'MALFORMED_RESPONSE', true);
  });

  it('a closed port (connection refused) is retryable, code NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const provider = build('sms', {
      ...baseEnv(),
      TWILIO_API_BASE: `http://127.0.0.1:${port}`,
      TWILIO_FROM: FROM,
    });
    const result = await send(provider);
    expectRejected(result, 'NETWORK_ERROR', true);
    expect(result).toMatchObject({ message: expect.stringContaining('ECONNREFUSED') });
  });

  it('a Twilio that never answers: sendWithTimeout answers TIMEOUT and the request is aborted', async () => {
    twilio.state.answer = () => {}; // holds the request open
    const result = await sendWithTimeout(whatsappProvider(), message('whatsapp'), 200);
    expectRejected(result, 'TIMEOUT', true);
    expect(twilio.seen).toHaveLength(1);
    await expect.poll(() => twilio.state.aborted, { timeout: 2_000 }).toBe(1);
    expect(twilio.state.answered).toBe(0);
  });

  it('an abort is reported as ABORTED, retryable, whatever fetch rejects with', async () => {
    twilio.state.answer = () => {};
    const controller = new AbortController();
    const pending = smsProvider().send(message('sms'), { signal: controller.signal });
    await expect.poll(() => twilio.seen.length).toBe(1);
    controller.abort(new Error('gave up'));
    expectRejected(await pending, 'ABORTED', true);
  });

  it('maps by HTTP status when the code is unknown: other 4xx permanent, 5xx retryable', () => {
    expect(mapTwilioError(new TwilioApiError(400, 21999, 'new'))).toMatchObject({
      code: '21999',
      retryable: false,
    });
    expect(mapTwilioError(new TwilioApiError(403, null, 'Forbidden'))).toMatchObject({
      code: 'HTTP_403',
      retryable: false,
    });
    expect(mapTwilioError(new TwilioApiError(502, null, 'Bad Gateway'))).toMatchObject({
      code: 'HTTP_502',
      retryable: true,
    });
    expect(mapTwilioError(new TypeError('fetch failed'))).toMatchObject({
      code: 'NETWORK_ERROR',
      retryable: true,
    });
  });
});

describe('Twilio providers: settings', () => {
  const valid = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };
  const problems = (channel: 'sms' | 'whatsapp', env: Record<string, string>) => {
    const parsed = factories[channel].settings.safeParse(env);
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each(['sms', 'whatsapp'] as const)('%s: names every missing required variable', (channel) => {
    const found = problems(channel, {});
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TWILIO_ACCOUNT_SID: is required/),
        expect.stringMatching(/^TWILIO_AUTH_TOKEN: is required/),
      ]),
    );
    expect(found.some((p) => p.includes(channel === 'sms' ? 'TWILIO_FROM' : 'TWILIO_WHATSAPP_FROM'))).toBe(
      true,
    );
  });

  it.each([
    ['TWILIO_ACCOUNT_SID', 'SK0123456789abcdef0123456789abcdef'],
    ['TWILIO_ACCOUNT_SID', 'AC123'],
    ['TWILIO_MESSAGING_SERVICE_SID', 'MG123'],
    ['TWILIO_FROM', '0155 555 0123'],
    ['TWILIO_API_BASE', 'ftp://api.twilio.com'],
    ['TWILIO_API_BASE', 'api.twilio.com'],
  ])('sms: names malformed %s (%s)', (name, value) => {
    const env = { ...valid, TWILIO_FROM: FROM, [name]: value };
    if (name === 'TWILIO_MESSAGING_SERVICE_SID') delete (env as Record<string, string>).TWILIO_FROM;
    expect(problems('sms', env)).toEqual([expect.stringMatching(new RegExp(`^${name}: must be`))]);
  });

  it('whatsapp: names a malformed TWILIO_WHATSAPP_FROM', () => {
    expect(problems('whatsapp', { ...valid, TWILIO_WHATSAPP_FROM: '14155238886' })).toEqual([
      expect.stringMatching(/^TWILIO_WHATSAPP_FROM: must be a phone number in E\.164/),
    ]);
  });

  it('sms: exactly one of TWILIO_MESSAGING_SERVICE_SID and TWILIO_FROM', () => {
    expect(problems('sms', valid)).toEqual([
      'TWILIO_MESSAGING_SERVICE_SID: set exactly one of TWILIO_MESSAGING_SERVICE_SID and TWILIO_FROM (neither is set)',
    ]);
    expect(
      problems('sms', { ...valid, TWILIO_FROM: FROM, TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID }),
    ).toEqual([
      'TWILIO_MESSAGING_SERVICE_SID: set exactly one of TWILIO_MESSAGING_SERVICE_SID and TWILIO_FROM (both are set)',
    ]);
    expect(problems('sms', { ...valid, TWILIO_FROM: FROM })).toEqual([]);
    expect(problems('sms', { ...valid, TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID })).toEqual([]);
  });

  it('whatsapp: TWILIO_WHATSAPP_FROM or TWILIO_MESSAGING_SERVICE_SID; its own number wins', () => {
    expect(problems('whatsapp', valid)).toEqual([
      'TWILIO_WHATSAPP_FROM: is required (the WhatsApp sender number), unless TWILIO_MESSAGING_SERVICE_SID is set',
    ]);
    const both = twilioWhatsappProvider.settings.parse({
      ...valid,
      TWILIO_WHATSAPP_FROM: WHATSAPP_FROM,
      TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID,
    });
    expect(both.sender).toEqual({ from: WHATSAPP_FROM });
  });

  it('treats an empty variable as unset and defaults TWILIO_API_BASE to api.twilio.com', () => {
    const settings = twilioSmsProvider.settings.parse({
      ...valid,
      TWILIO_FROM: FROM,
      TWILIO_MESSAGING_SERVICE_SID: '',
      TWILIO_API_BASE: '',
    });
    expect(settings).toEqual({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: 'https://api.twilio.com',
      sender: { from: FROM },
    });
    expect(problems('sms', { ...valid, TWILIO_AUTH_TOKEN: '', TWILIO_FROM: FROM })).toEqual([
      'TWILIO_AUTH_TOKEN: is required',
    ]);
  });

  it('never quotes a value in its problems (the token is a secret)', () => {
    const found = problems('sms', {
      TWILIO_ACCOUNT_SID: AUTH_TOKEN,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: AUTH_TOKEN,
    });
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).not.toContain(AUTH_TOKEN);
  });
});
