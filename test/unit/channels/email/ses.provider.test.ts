import {
  AccountSuspendedException,
  BadRequestException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  NotFoundException,
  SESv2Client,
  SESv2ServiceException,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import {
  mapSesError,
  SesEmailProvider,
  type SesSettings,
  sesClientConfig,
  sesProvider,
  sesSettings,
} from '../../../../lib/channels/email/ses.provider.js';
import { sendWithTimeout } from '../../../../lib/channels/failover.js';
import { transportTimeoutMs } from '../../../../lib/deadline.js';
import type { OutboundMessage, SendResult } from '../../../../lib/ports/provider.js';
import { deliverWithLogs, localHttpServers, rejected } from '../../../support/channels.js';

const RECIPIENT = 'jane.private@example.com';
const CONTENT = 'Your one-time code is 918273';
const SUBJECT = 'Secret subject';
const MESSAGE: OutboundMessage = {
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C01',
  type: 'email',
  recipient: RECIPIENT,
  subject: SUBJECT,
  content: CONTENT,
};
const SETTINGS: SesSettings = { from: 'Acme <no-reply@acme.example>' };
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function setup(settings: SesSettings = SETTINGS) {
  const client = new SESv2Client({ region: 'eu-west-1', credentials: CREDENTIALS });
  const ses = mockClient(client);
  const provider = new SesEmailProvider(client, settings);
  const send = (message: OutboundMessage = MESSAGE, signal = new AbortController().signal) =>
    provider.send(message, { signal });
  const { lines, deliverIt } = deliverWithLogs(provider, MESSAGE);
  return { client, ses, lines, provider, send, deliverIt };
}

const meta = { $metadata: {} };

describe('SesEmailProvider', () => {
  it('is the ses provider of email', () => {
    const { provider } = setup();
    expect(provider.name).toBe('ses');
    expect(provider.channel).toBe('email');
    expect(sesProvider.name).toBe('ses');
    expect(sesProvider.channel).toBe('email');
  });

  it('sends exactly one SendEmail with the From, the recipient, a UTF-8 subject and text body', async () => {
    const { ses, send } = setup();
    ses.on(SendEmailCommand).resolves({ MessageId: '0102018f-ses-message-id', $metadata: {} });
    expect(await send()).toEqual({ accepted: true, providerMessageId: '0102018f-ses-message-id' });
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      FromEmailAddress: 'Acme <no-reply@acme.example>',
      Destination: { ToAddresses: [RECIPIENT] },
      Content: {
        Simple: {
          Subject: { Data: SUBJECT, Charset: 'UTF-8' },
          Body: { Text: { Data: CONTENT, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [{ Name: 'messageId', Value: MESSAGE.id }],
    });
  });

  it('sends an email with an HTML part as both bodies, text and HTML (SES makes it multipart)', async () => {
    const { ses, send } = setup();
    ses.on(SendEmailCommand).resolves({ MessageId: 'id-html', $metadata: {} });
    const html = '<p>Your code is <b>918273</b></p>';
    expect(await send({ ...MESSAGE, html })).toEqual({ accepted: true, providerMessageId: 'id-html' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Body).toEqual({
      Text: { Data: CONTENT, Charset: 'UTF-8' },
      Html: { Data: html, Charset: 'UTF-8' },
    });
  });

  it('names the configuration set when there is one', async () => {
    const { ses, send } = setup({ ...SETTINGS, configurationSet: 'transactional' });
    ses.on(SendEmailCommand).resolves({ MessageId: 'id-1', $metadata: {} });
    await send();
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      FromEmailAddress: 'Acme <no-reply@acme.example>',
      Destination: { ToAddresses: [RECIPIENT] },
      Content: {
        Simple: {
          Subject: { Data: SUBJECT, Charset: 'UTF-8' },
          Body: { Text: { Data: CONTENT, Charset: 'UTF-8' } },
        },
      },
      EmailTags: [{ Name: 'messageId', Value: MESSAGE.id }],
      ConfigurationSetName: 'transactional',
    });
  });

  it('hands the caller abort signal to client.send', async () => {
    const { ses, send } = setup();
    ses.on(SendEmailCommand).resolves({ MessageId: 'id-1', $metadata: {} });
    const controller = new AbortController();
    await send(MESSAGE, controller.signal);
    const options = (ses.call(0).args as unknown[])[1] as { abortSignal?: AbortSignal };
    expect(options.abortSignal).toBe(controller.signal);
  });

  it('answers a retryable failure when SES answers without a MessageId', async () => {
    const { ses, send } = setup();
    ses.on(SendEmailCommand).resolves({ $metadata: {} });
    expect(await send()).toMatchObject({ accepted: false, code: 'MissingMessageId', retryable: true });
  });

  describe('maps each SendEmail exception', () => {
    const cases: [string, Error, SendResult][] = [
      [
        'MessageRejected',
        new MessageRejected({ message: 'Email address is not verified.', ...meta }),
        rejected('MessageRejected', 'Email address is not verified.', false),
      ],
      [
        'MailFromDomainNotVerifiedException',
        new MailFromDomainNotVerifiedException({ message: 'MAIL FROM domain not verified', ...meta }),
        rejected('MailFromDomainNotVerifiedException', 'MAIL FROM domain not verified', false),
      ],
      [
        'AccountSuspendedException',
        new AccountSuspendedException({ message: 'Account suspended', ...meta }),
        rejected('AccountSuspendedException', 'Account suspended', false),
      ],
      [
        'SendingPausedException',
        new SendingPausedException({ message: 'Sending paused for this account', ...meta }),
        rejected('SendingPausedException', 'Sending paused for this account', false),
      ],
      [
        'NotFoundException',
        new NotFoundException({ message: 'Configuration set <x> does not exist.', ...meta }),
        rejected('NotFoundException', 'Configuration set <x> does not exist.', false),
      ],
      [
        'BadRequestException',
        new BadRequestException({ message: 'Missing required header: From', ...meta }),
        rejected('BadRequestException', 'Missing required header: From', false),
      ],
      [
        'TooManyRequestsException',
        new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', ...meta }),
        rejected('TooManyRequestsException', 'Maximum sending rate exceeded.', true),
      ],
      [
        'LimitExceededException',
        new LimitExceededException({ message: 'Daily message quota exceeded.', ...meta }),
        rejected('LimitExceededException', 'Daily message quota exceeded.', true),
      ],
    ];
    it.each(cases)('%s', async (_, error, expected) => {
      const { ses, send } = setup();
      ses.on(SendEmailCommand).rejects(error);
      expect(await send()).toEqual(expected);
    });
  });

  // The shared classification is mapAwsError's (test/unit/channels/aws/aws-errors.test.ts).
  describe('maps the shared AWS failures as mapAwsError does', () => {
    const cases: [string, unknown, SendResult][] = [
      [
        'AccessDeniedException',
        new SESv2ServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          message: 'not authorized to perform ses:SendEmail',
          $metadata: { httpStatusCode: 403 },
        }),
        rejected('AccessDeniedException', 'not authorized to perform ses:SendEmail', false),
      ],
      [
        'a reset connection',
        Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        rejected('ECONNRESET', 'socket hang up', true),
      ],
    ];
    it.each(cases)('%s', async (_, error, expected) => {
      expect(mapSesError(error)).toEqual(expected);
      const { ses, send } = setup();
      ses.on(SendEmailCommand).rejects(error as Error);
      expect(await send()).toEqual(expected);
    });
  });

  it('logs (through deliver) the masked recipient and the code, never the address, subject, content or SES message', async () => {
    const { ses, deliverIt, lines } = setup();
    ses
      .on(SendEmailCommand)
      .resolvesOnce({ MessageId: 'id-ok', $metadata: {} })
      .rejectsOnce(
        new MessageRejected({
          message: `Email address is not verified. The following identities failed the check in region EU-WEST-1: ${RECIPIENT}`,
          ...meta,
        }),
      );
    await deliverIt();
    await deliverIt();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(RECIPIENT);
      expect(line).not.toContain(CONTENT);
      expect(line).not.toContain('918273');
      expect(line).not.toContain(SUBJECT);
      expect(line).not.toContain('not verified');
      expect(JSON.parse(line)).toMatchObject({
        msg: 'provider send',
        recipient: 'j***@example.com',
        provider: 'ses',
      });
    }
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      accepted: true,
      providerMessageId: 'id-ok',
    });
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      level: 'warn',
      accepted: false,
      errorCode: 'MessageRejected',
      retryable: false,
    });
  });
});

describe('sesSettings', () => {
  const parse = (env: Record<string, string>) => sesSettings.safeParse(env);
  const issues = (env: Record<string, string>) =>
    parse(env).error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

  it('reads SES_FROM, SES_CONFIGURATION_SET and SES_REGION, ignoring other variables', () => {
    expect(
      parse({
        SES_FROM: 'no-reply@acme.example',
        SES_CONFIGURATION_SET: 'transactional-1',
        SES_REGION: 'eu-west-1',
        HOME: '/root',
      }).data,
    ).toEqual({ from: 'no-reply@acme.example', configurationSet: 'transactional-1', region: 'eu-west-1' });
  });

  it('leaves the configuration set and the region to SES and the SDK when unset', () => {
    expect(parse({ SES_FROM: 'no-reply@acme.example' }).data).toEqual({
      from: 'no-reply@acme.example',
      configurationSet: undefined,
      region: undefined,
    });
  });

  it.each([
    ['Acme <no-reply@acme.example>', 'Acme <no-reply@acme.example>'],
    ['  Acme Support   <no-reply@acme.example> ', 'Acme Support <no-reply@acme.example>'],
    ['<no-reply@acme.example>', 'no-reply@acme.example'],
    ['"Acme, Inc." <no-reply@acme.example>', '"Acme, Inc." <no-reply@acme.example>'],
    ['Acme, Inc. <no-reply@acme.example>', '"Acme, Inc." <no-reply@acme.example>'],
    ['Café Zoë <no-reply@acme.example>', '=?UTF-8?B?Q2Fmw6kgWm/Dqw==?= <no-reply@acme.example>'],
  ])('takes SES_FROM %j as %j', (value, from) => {
    expect(parse({ SES_FROM: value }).data?.from).toBe(from);
  });

  it('requires SES_FROM, naming it', () => {
    expect(issues({})).toEqual([{ path: 'SES_FROM', message: 'is required' }]);
  });

  it.each([
    'no-reply',
    'Acme <no-reply>',
    'Acme no-reply@acme.example',
    'Acme <no-reply@acme.example',
    'no-reply@acme.example\r\nBcc: all@example.com',
    'josé@acme.example',
    'a@b.example, c@d.example',
  ])('refuses SES_FROM %j, naming it', (value) => {
    expect(issues({ SES_FROM: value })).toEqual([
      { path: 'SES_FROM', message: expect.stringContaining('must be') },
    ]);
  });

  it.each([
    ['SES_CONFIGURATION_SET', 'has spaces'],
    ['SES_CONFIGURATION_SET', 'x'.repeat(65)],
    ['SES_REGION', 'Europe'],
    ['SES_REGION', 'eu-west'],
  ])('refuses a malformed %s, naming it', (variable, value) => {
    expect(issues({ SES_FROM: 'no-reply@acme.example', [variable]: value })).toEqual([
      { path: variable, message: expect.stringContaining('must be') },
    ]);
  });
});

describe('the SES client', () => {
  it('makes one attempt (sends are not idempotent), cut just after the provider timeout, and throws on a request timeout', () => {
    // As the factory builds it: the transport's timeout outlasts the call's, which the caller aborts.
    const config = sesClientConfig({ region: 'eu-central-1' }, transportTimeoutMs(10_000));
    expect(config).toMatchObject({
      region: 'eu-central-1',
      maxAttempts: 1,
      requestHandler: { throwOnRequestTimeout: true, httpsAgent: { keepAlive: true } },
    });
    const handler = config.requestHandler as { requestTimeout: number; connectionTimeout: number };
    expect(handler.requestTimeout).toBeGreaterThan(10_000);
    expect(handler.connectionTimeout).toBeLessThanOrEqual(handler.requestTimeout);
    expect(sesClientConfig({}, 10_000)).not.toHaveProperty('region');
  });

  it('is built by the factory with the settings region', async () => {
    const provider = sesProvider.create(
      { from: 'no-reply@acme.example', region: 'ap-southeast-2' },
      { fetch: globalThis.fetch, timeoutMs: 5_000 },
    );
    expect(provider).toBeInstanceOf(SesEmailProvider);
    const client = (provider as unknown as { client: SESv2Client }).client;
    expect(await client.config.region()).toBe('ap-southeast-2');
    expect(await client.config.maxAttempts()).toBe(1);
    client.destroy();
  });
});

// The real SDK client against a local HTTP server: SES v2's wire format, and what an abort does.
describe('SesEmailProvider over HTTP', () => {
  const listen = localHttpServers();

  const realProvider = (endpoint: string, timeoutMs = 10_000) => {
    const client = new SESv2Client({
      ...sesClientConfig({ region: 'eu-west-1' }, timeoutMs),
      endpoint,
      credentials: CREDENTIALS,
    });
    return {
      client,
      provider: new SesEmailProvider(client, SETTINGS),
    };
  };

  it('posts to /v2/email/outbound-emails and reads the MessageId', async () => {
    const seen: { method?: string; url?: string; body?: unknown }[] = [];
    const endpoint = await listen((req, res, body) => {
      seen.push({ method: req.method, url: req.url, body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"MessageId":"0102018f-wire-id"}');
    });
    const { client, provider } = realProvider(endpoint);
    const result = await provider.send(MESSAGE, { signal: new AbortController().signal });
    client.destroy();
    expect(result).toEqual({ accepted: true, providerMessageId: '0102018f-wire-id' });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/v2/email/outbound-emails',
        body: {
          FromEmailAddress: 'Acme <no-reply@acme.example>',
          Destination: { ToAddresses: [RECIPIENT] },
          Content: {
            Simple: {
              Subject: { Data: SUBJECT, Charset: 'UTF-8' },
              Body: { Text: { Data: CONTENT, Charset: 'UTF-8' } },
            },
          },
          EmailTags: [{ Name: 'messageId', Value: MESSAGE.id }],
        },
      },
    ]);
  });

  it("maps SES's MessageRejected answer as a permanent failure, without a retry", async () => {
    let requests = 0;
    const endpoint = await listen((_req, res) => {
      requests++;
      res
        .writeHead(400, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/',
        })
        .end('{"message":"Email address is not verified."}');
    });
    const { client, provider } = realProvider(endpoint);
    const result = await provider.send(MESSAGE, { signal: new AbortController().signal });
    client.destroy();
    expect(result).toEqual(rejected('MessageRejected', 'Email address is not verified.', false));
    expect(requests).toBe(1);
  });

  it('stops the request when the caller times out (sendWithTimeout)', async () => {
    let closed: () => void = () => {};
    const requestClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const endpoint = await listen((req) => {
      req.socket.on('close', closed); // never answers
    });
    const { client, provider } = realProvider(endpoint);
    const result = await sendWithTimeout(provider, MESSAGE, 200);
    expect(result).toMatchObject({ accepted: false, code: 'TIMEOUT', retryable: true });
    await requestClosed;
    client.destroy();
  });

  it('gives up by itself on a silent endpoint after one attempt, cut by the request timeout', async () => {
    let requests = 0;
    const endpoint = await listen(() => {
      requests++;
    });
    const { client, provider } = realProvider(endpoint, 600);
    const started = Date.now();
    const result = await provider.send(MESSAGE, { signal: new AbortController().signal });
    client.destroy();
    expect(result).toMatchObject({ accepted: false, code: 'TimeoutError', retryable: true });
    expect(requests).toBe(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
