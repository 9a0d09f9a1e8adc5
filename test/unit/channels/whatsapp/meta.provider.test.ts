import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { sendWithTimeout } from '../../../../lib/channels/failover.js';
import {
  MetaWhatsappClient,
  MetaWhatsappProvider,
  mapMetaError,
  metaSettings,
  metaWhatsappProvider,
} from '../../../../lib/channels/whatsapp/meta.provider.js';
import type { OutboundMessage, SendResult } from '../../../../lib/ports/provider.js';
import { deliverWithLogs, localHttpServers, rejected } from '../../../support/channels.js';

const PHONE_NUMBER_ID = '106540352242922';
const TOKEN = 'EAAJB3xZBsecretTOKENvalue0123456789';
const VERSION = 'v21.0';
const RECIPIENT = '+14155550123';
const CONTENT = 'Your one-time code is 918273';
const MESSAGE: OutboundMessage = {
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C03',
  type: 'whatsapp',
  recipient: RECIPIENT,
  subject: null,
  content: CONTENT,
};
const WAMID = 'wamid.HBgLMTQxNTU1NTAxMjMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';

// Meta's error bodies, as the Graph API answers them.
const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: 'AZx9mV3qL1oQ0vY8' },
});
const whatsappError = (code: number, message: string, details: string) =>
  graphError(code, message, { error_data: { messaging_product: 'whatsapp', details } });
const INVALID_TOKEN = graphError(190, 'Invalid OAuth access token - Cannot parse access token');
const INVALID_PARAMETER = whatsappError(100, '(#100) Invalid parameter', 'Invalid parameter');

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}
type Answer = { status: number; body: unknown } | 'never';

const listen = localHttpServers();

/**
 * A stand-in for graph.facebook.com that refuses what the real one refuses (another path or method,
 * a missing or wrong token, a body that is not the text message JSON) and otherwise answers
 * `answer(to)` (Meta's success body by default).
 */
async function graphServer(answer: (to: string) => Answer = () => success()) {
  const seen: Seen[] = [];
  let aborted: () => void = () => {};
  const requestAborted = new Promise<void>((resolve) => {
    aborted = resolve;
  });
  const base = await listen((req, res, raw) => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw;
    }
    seen.push({ method: req.method, url: req.url, headers: req.headers, body });
    const reply = (status: number, json: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (req.method !== 'POST' || req.url !== `/${VERSION}/${PHONE_NUMBER_ID}/messages`) {
      return reply(
        400,
        graphError(100, `Unsupported post request. Object with ID '${req.url}' does not exist`, {
          type: 'GraphMethodException',
          error_subcode: 33,
        }),
      );
    }
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, INVALID_TOKEN);
    const to = (body as { to?: unknown }).to;
    const expected = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { preview_url: false, body: CONTENT },
      biz_opaque_callback_data: MESSAGE.id,
    };
    if (
      req.headers['content-type'] !== 'application/json' ||
      typeof to !== 'string' ||
      !/^\d+$/.test(to) ||
      !isDeepStrictEqual(body, expected)
    ) {
      return reply(400, INVALID_PARAMETER);
    }
    const answered = answer(to);
    if (answered === 'never') {
      res.on('close', () => {
        if (!res.writableEnded) aborted();
      });
      return;
    }
    if (typeof answered.body === 'string') {
      return res.writeHead(answered.status, { 'content-type': 'text/html' }).end(answered.body);
    }
    return reply(answered.status, answered.body);
  });
  return { base, seen, requestAborted };
}

const success = (to = RECIPIENT.slice(1)) => ({
  status: 200,
  body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: WAMID }] },
});

function provider(base: string, options: { token?: string; version?: string } = {}) {
  const client = new MetaWhatsappClient(
    {
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: options.token ?? TOKEN,
      apiVersion: options.version ?? VERSION,
      graphBase: base,
    },
    globalThis.fetch,
  );
  const meta = new MetaWhatsappProvider(client);
  const send = (message: OutboundMessage = MESSAGE) =>
    meta.send(message, { signal: new AbortController().signal });
  const { lines, deliverIt } = deliverWithLogs(meta, MESSAGE);
  return { meta, lines, send, deliverIt };
}

describe('MetaWhatsappProvider', () => {
  it('is the meta provider of whatsapp', async () => {
    const { meta } = provider('http://127.0.0.1:9');
    expect(meta.name).toBe('meta');
    expect(meta.channel).toBe('whatsapp');
    expect(metaWhatsappProvider.name).toBe('meta');
    expect(metaWhatsappProvider.channel).toBe('whatsapp');
  });

  it("posts the text message as the Graph API requires and answers Meta's wamid", async () => {
    const graph = await graphServer();
    const { send } = provider(graph.base);
    expect(await send()).toEqual({ accepted: true, providerMessageId: WAMID });
    expect(graph.seen).toHaveLength(1);
    const [request] = graph.seen;
    expect(request).toMatchObject({ method: 'POST', url: `/v21.0/${PHONE_NUMBER_ID}/messages` });
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '14155550123',
      type: 'text',
      text: { preview_url: false, body: CONTENT },
      // Our id, which Meta returns in the message's status webhooks.
      biz_opaque_callback_data: MESSAGE.id,
    });
  });

  it("maps a wrong token to Meta's OAuthException 190, permanently", async () => {
    const graph = await graphServer();
    const { send } = provider(graph.base, { token: 'EAAJB3wrongtoken' });
    expect(await send()).toEqual(
      rejected('190', 'Invalid OAuth access token - Cannot parse access token', false),
    );
  });

  it('puts the configured API version in the path', async () => {
    const graph = await graphServer();
    const { send } = provider(graph.base, { version: 'v20.0' });
    const result = await send();
    expect(graph.seen[0]?.url).toBe(`/v20.0/${PHONE_NUMBER_ID}/messages`);
    expect(result).toMatchObject({ accepted: false, code: '100:33', retryable: false });
  });

  describe("maps Meta's error answers", () => {
    const cases: [string, { status: number; body: unknown }, SendResult][] = [
      [
        '131047 re-engagement (outside the 24-hour window)',
        {
          status: 400,
          body: whatsappError(
            131047,
            '(#131047) Re-engagement message',
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          ),
        },
        rejected('131047', '(#131047) Re-engagement message', false),
      ],
      [
        '131026 undeliverable',
        {
          status: 400,
          body: whatsappError(131026, '(#131026) Message Undeliverable', 'Message Undeliverable.'),
        },
        rejected('131026', '(#131026) Message Undeliverable', false),
      ],
      [
        '131030 recipient not in the allowed list',
        {
          status: 400,
          body: whatsappError(
            131030,
            '(#131030) Recipient phone number not in allowed list',
            'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
          ),
        },
        rejected('131030', '(#131030) Recipient phone number not in allowed list', false),
      ],
      [
        '131051 unsupported message type',
        { status: 400, body: whatsappError(131051, '(#131051) Unsupported message type', 'Unsupported') },
        rejected('131051', '(#131051) Unsupported message type', false),
      ],
      [
        '100 invalid parameter',
        { status: 400, body: INVALID_PARAMETER },
        rejected('100', '(#100) Invalid parameter', false),
      ],
      [
        '190:463 expired token (with its subcode)',
        {
          status: 401,
          body: graphError(190, 'Error validating access token: Session has expired on Tuesday, 01-Jul-25.', {
            error_subcode: 463,
          }),
        },
        rejected(
          '190:463',
          'Error validating access token: Session has expired on Tuesday, 01-Jul-25.',
          false,
        ),
      ],
      [
        '10 permission denied',
        { status: 403, body: graphError(10, '(#10) Application does not have permission for this action') },
        rejected('10', '(#10) Application does not have permission for this action', false),
      ],
      [
        '200 permission',
        { status: 403, body: graphError(200, '(#200) Permissions error') },
        rejected('200', '(#200) Permissions error', false),
      ],
      [
        '133010 phone number not registered',
        {
          status: 400,
          body: whatsappError(133010, '(#133010) Account not registered', 'Account not registered'),
        },
        rejected('133010', '(#133010) Account not registered', false),
      ],
      [
        '131031 account locked',
        { status: 400, body: whatsappError(131031, '(#131031) Business Account locked', 'Account locked') },
        rejected('131031', '(#131031) Business Account locked', false),
      ],
      [
        'an unlisted 4xx code (131009 parameter value invalid)',
        {
          status: 400,
          body: whatsappError(131009, '(#131009) Parameter value is not valid', 'to is invalid'),
        },
        rejected('131009', '(#131009) Parameter value is not valid', false),
      ],
      [
        '4 application request limit',
        { status: 400, body: graphError(4, '(#4) Application request limit reached') },
        rejected('4', '(#4) Application request limit reached', true),
      ],
      [
        '80007 WABA rate limit',
        { status: 400, body: whatsappError(80007, '(#80007) Rate limit issues', 'Rate limit hit') },
        rejected('80007', '(#80007) Rate limit issues', true),
      ],
      [
        '130429 throughput limit',
        {
          status: 400,
          body: whatsappError(130429, '(#130429) Rate limit hit', 'Cloud API message throughput'),
        },
        rejected('130429', '(#130429) Rate limit hit', true),
      ],
      [
        '131048 spam rate limit',
        { status: 400, body: whatsappError(131048, '(#131048) Spam rate limit hit', 'Spam rate limit') },
        rejected('131048', '(#131048) Spam rate limit hit', true),
      ],
      [
        '131056 pair rate limit',
        {
          status: 400,
          body: whatsappError(
            131056,
            '(#131056) (Business Account, Consumer Account) pair rate limit hit',
            'Pair',
          ),
        },
        rejected('131056', '(#131056) (Business Account, Consumer Account) pair rate limit hit', true),
      ],
      [
        '131000 something went wrong',
        {
          status: 500,
          body: whatsappError(131000, '(#131000) Something went wrong', 'Something went wrong'),
        },
        rejected('131000', '(#131000) Something went wrong', true),
      ],
      [
        '131001 (service)',
        { status: 400, body: whatsappError(131001, '(#131001) Message too long', 'Service') },
        rejected('131001', '(#131001) Message too long', true),
      ],
      [
        '131002 (service)',
        { status: 400, body: whatsappError(131002, '(#131002) Service error', 'Service') },
        rejected('131002', '(#131002) Service error', true),
      ],
      [
        '131016 service unavailable',
        { status: 503, body: whatsappError(131016, '(#131016) Service unavailable', 'Service unavailable') },
        rejected('131016', '(#131016) Service unavailable', true),
      ],
      [
        'an unlisted code on a 5xx',
        {
          status: 500,
          body: graphError(999999, 'An unexpected error has occurred. Please retry your request later.'),
        },
        rejected('999999', 'An unexpected error has occurred. Please retry your request later.', true),
      ],
      [
        'a 502 with a proxy page',
        { status: 502, body: '<html><body>Bad Gateway</body></html>' },
        rejected('HTTP_502', 'Meta answered HTTP 502 without a Graph API error', true),
      ],
      [
        'a 200 without messages',
        { status: 200, body: { messaging_product: 'whatsapp', contacts: [], messages: [] } },
        rejected('MALFORMED_RESPONSE', 'Meta answered HTTP 200 without a message id', true),
      ],
      [
        'a 200 that is not JSON',
        { status: 200, body: 'OK' },
        rejected('MALFORMED_RESPONSE', 'Meta answered HTTP 200 without a message id', true),
      ],
      [
        'a 403 without a Graph API error',
        { status: 403, body: '<html>Forbidden</html>' },
        rejected('HTTP_403', 'Meta refused the request (HTTP 403)', false),
      ],
    ];

    it.each(cases)('%s', async (_, answer, expected) => {
      const graph = await graphServer(() => answer);
      const { send } = provider(graph.base);
      expect(await send()).toEqual(expected);
      expect(graph.seen).toHaveLength(1);
      const parsed = typeof answer.body === 'string' ? undefined : answer.body;
      expect(mapMetaError(answer.status, parsed)).toEqual(expected);
    });
  });

  it('answers a refused connection as retryable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { send } = provider(`http://127.0.0.1:${port}`);
    expect(await send()).toMatchObject({
      accepted: false,
      code: 'ECONNREFUSED',
      message: expect.stringContaining('ECONNREFUSED'),
      retryable: true,
    });
  });

  it('times out through sendWithTimeout on a Graph API that never answers, aborting the request', async () => {
    const graph = await graphServer(() => 'never');
    const { meta } = provider(graph.base);
    const own = vi.spyOn(meta, 'send');
    const started = Date.now();
    const result = await sendWithTimeout(meta, MESSAGE, 200);
    expect(result).toEqual({
      accepted: false,
      code: 'TIMEOUT',
      message: 'meta did not answer within 200 ms',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await graph.requestAborted;
    expect(graph.seen).toHaveLength(1);
    // The provider's own answer, once the abort reaches fetch.
    await expect.poll(() => own.mock.settledResults[0]?.type).toBe('fulfilled');
    expect(own.mock.settledResults[0]?.value).toMatchObject({ code: 'ABORTED', retryable: true });
  });

  it('logs (through deliver) the masked number and the code; never the token, the number or the content', async () => {
    const graph = await graphServer((to) =>
      to === '14155550123'
        ? success(to)
        : {
            status: 400,
            body: whatsappError(
              131030,
              '(#131030) Recipient phone number not in allowed list',
              `Recipient phone number ${to} not in allowed list`,
            ),
          },
    );
    const { deliverIt, lines } = provider(graph.base);
    await deliverIt();
    await deliverIt({ ...MESSAGE, recipient: '+447911123456' });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      for (const secret of [
        TOKEN,
        RECIPIENT,
        '14155550123',
        '447911123456',
        CONTENT,
        '918273',
        'allowed list',
      ]) {
        expect(line).not.toContain(secret);
      }
    }
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      msg: 'provider send',
      provider: 'meta',
      channel: 'whatsapp',
      recipient: '+1******0123',
      accepted: true,
      providerMessageId: WAMID,
    });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      level: 'warn',
      recipient: '+4*******3456',
      accepted: false,
      errorCode: '131030',
      retryable: false,
    });
  });

  it('is built by the factory over the injected fetch', async () => {
    const graph = await graphServer();
    const urls: string[] = [];
    const spyFetch: typeof fetch = (input, init) => {
      urls.push(String(input));
      return globalThis.fetch(input, init);
    };
    const settings = metaSettings.parse({
      META_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      META_ACCESS_TOKEN: TOKEN,
      META_GRAPH_BASE: `${graph.base}/`,
    });
    const meta = metaWhatsappProvider.create(settings, { fetch: spyFetch, timeoutMs: 5_000 });
    expect(meta).toBeInstanceOf(MetaWhatsappProvider);
    expect(await meta.send(MESSAGE, { signal: new AbortController().signal })).toEqual({
      accepted: true,
      providerMessageId: WAMID,
    });
    expect(urls).toEqual([`${graph.base}/v21.0/${PHONE_NUMBER_ID}/messages`]);
  });
});

describe('metaSettings', () => {
  const parse = (env: Record<string, string>) => metaSettings.safeParse(env);
  const issues = (env: Record<string, string>) =>
    parse(env).error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const REQUIRED = { META_PHONE_NUMBER_ID: PHONE_NUMBER_ID, META_ACCESS_TOKEN: TOKEN };

  it('defaults to Graph API v21.0 at graph.facebook.com', () => {
    expect(parse({ ...REQUIRED, HOME: '/root' }).data).toEqual({
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: TOKEN,
      apiVersion: 'v21.0',
      graphBase: 'https://graph.facebook.com',
    });
  });

  it('reads the version and the base URL, without a trailing slash', () => {
    expect(
      parse({ ...REQUIRED, META_API_VERSION: 'v23.0', META_GRAPH_BASE: 'http://127.0.0.1:4010/' }).data,
    ).toEqual({
      phoneNumberId: PHONE_NUMBER_ID,
      accessToken: TOKEN,
      apiVersion: 'v23.0',
      graphBase: 'http://127.0.0.1:4010',
    });
  });

  it('requires the phone number ID and the token, naming them', () => {
    expect(issues({})).toEqual([
      { path: 'META_PHONE_NUMBER_ID', message: 'is required' },
      { path: 'META_ACCESS_TOKEN', message: 'is required' },
    ]);
  });

  it.each([
    ['META_PHONE_NUMBER_ID', '+14155550123'],
    ['META_PHONE_NUMBER_ID', 'abc'],
    ['META_API_VERSION', '21.0'],
    ['META_API_VERSION', 'v21'],
    ['META_API_VERSION', 'latest'],
    ['META_GRAPH_BASE', 'graph.facebook.com'],
    ['META_GRAPH_BASE', 'ftp://graph.facebook.com'],
  ])('refuses a malformed %s (%j), naming it', (variable, value) => {
    expect(issues({ ...REQUIRED, [variable]: value })).toEqual([
      { path: variable, message: expect.stringContaining('must be') },
    ]);
  });

  it('refuses a malformed token without echoing it', () => {
    const token = 'EAAJB3 secret with spaces';
    const result = parse({ ...REQUIRED, META_ACCESS_TOKEN: token });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['META_ACCESS_TOKEN']);
    expect(JSON.stringify(result.error?.issues)).not.toContain('secret');
  });
});
