import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  PinpointSMSVoiceV2Client,
  PinpointSMSVoiceV2ServiceException,
  ResourceNotFoundException,
  SendTextMessageCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { sendWithTimeout } from '../../../../lib/channels/failover.js';
import {
  AwsSmsProvider,
  type AwsSmsSettings,
  awsSmsClientConfig,
  awsSmsProvider,
  awsSmsSettings,
  mapAwsSmsError,
} from '../../../../lib/channels/sms/aws.provider.js';
import { transportTimeoutMs } from '../../../../lib/deadline.js';
import type { OutboundMessage, SendResult } from '../../../../lib/ports/provider.js';
import { deliverWithLogs, localHttpServers, rejected } from '../../../support/channels.js';

const RECIPIENT = '+14155550123';
const CONTENT = 'Your one-time code is 918273';
const MESSAGE: OutboundMessage = {
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C02',
  type: 'sms',
  recipient: RECIPIENT,
  subject: null,
  content: CONTENT,
};
const SETTINGS: AwsSmsSettings = { messageType: 'TRANSACTIONAL' };
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function setup(settings: AwsSmsSettings = SETTINGS) {
  const client = new PinpointSMSVoiceV2Client({ region: 'eu-west-1', credentials: CREDENTIALS });
  const sms = mockClient(client);
  const provider = new AwsSmsProvider(client, settings);
  const send = (message: OutboundMessage = MESSAGE, signal = new AbortController().signal) =>
    provider.send(message, { signal });
  const { lines, deliverIt } = deliverWithLogs(provider, MESSAGE);
  return { client, sms, lines, provider, send, deliverIt };
}

const meta = { $metadata: {} };

describe('AwsSmsProvider', () => {
  it('is the aws provider of sms', () => {
    const { provider } = setup();
    expect(provider.name).toBe('aws');
    expect(provider.channel).toBe('sms');
    expect(awsSmsProvider.name).toBe('aws');
    expect(awsSmsProvider.channel).toBe('sms');
  });

  it('sends exactly one SendTextMessage with the number, the body and the message type', async () => {
    const { sms, send } = setup();
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'b7a1c2d3-sms-id', $metadata: {} });
    expect(await send()).toEqual({ accepted: true, providerMessageId: 'b7a1c2d3-sms-id' });
    const calls = sms.commandCalls(SendTextMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: RECIPIENT,
      MessageBody: CONTENT,
      MessageType: 'TRANSACTIONAL',
    });
  });

  it('names the origination identity and configuration set when set, with the configured type', async () => {
    const { sms, send } = setup({
      messageType: 'PROMOTIONAL',
      originationIdentity: 'pool-0123456789abcdef0123456789abcdef',
      configurationSet: 'sms-events',
    });
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'id-1', $metadata: {} });
    await send();
    expect(sms.commandCalls(SendTextMessageCommand)[0]?.args[0].input).toEqual({
      DestinationPhoneNumber: RECIPIENT,
      MessageBody: CONTENT,
      MessageType: 'PROMOTIONAL',
      OriginationIdentity: 'pool-0123456789abcdef0123456789abcdef',
      ConfigurationSetName: 'sms-events',
    });
  });

  it('hands the caller abort signal to client.send', async () => {
    const { sms, send } = setup();
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'id-1', $metadata: {} });
    const controller = new AbortController();
    await send(MESSAGE, controller.signal);
    const options = (sms.call(0).args as unknown[])[1] as { abortSignal?: AbortSignal };
    expect(options.abortSignal).toBe(controller.signal);
  });

  it('answers a retryable failure when the service answers without a MessageId', async () => {
    const { sms, send } = setup();
    sms.on(SendTextMessageCommand).resolves({ $metadata: {} });
    expect(await send()).toMatchObject({ accepted: false, code: 'MissingMessageId', retryable: true });
  });

  describe('maps each SendTextMessage exception, with its Reason', () => {
    const cases: [string, Error, SendResult][] = [
      [
        'ValidationException',
        new ValidationException({ message: 'Invalid destination', Reason: 'INVALID_PARAMETER', ...meta }),
        rejected('ValidationException:INVALID_PARAMETER', 'Invalid destination', false),
      ],
      [
        'ValidationException (blocked country)',
        new ValidationException({
          message: 'Destination country blocked',
          Reason: 'DESTINATION_COUNTRY_BLOCKED',
          ...meta,
        }),
        rejected('ValidationException:DESTINATION_COUNTRY_BLOCKED', 'Destination country blocked', false),
      ],
      [
        'ConflictException (opted out)',
        new ConflictException({
          message: 'The destination phone number is opted out',
          Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          ResourceType: 'opted-out-number',
          ...meta,
        }),
        rejected(
          'ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT',
          'The destination phone number is opted out',
          false,
        ),
      ],
      [
        'AccessDeniedException',
        new AccessDeniedException({ message: 'Account disabled', Reason: 'ACCOUNT_DISABLED', ...meta }),
        rejected('AccessDeniedException:ACCOUNT_DISABLED', 'Account disabled', false),
      ],
      [
        'ResourceNotFoundException',
        new ResourceNotFoundException({ message: 'Pool not found', ResourceType: 'pool', ...meta }),
        rejected('ResourceNotFoundException', 'Pool not found', false),
      ],
      [
        'ServiceQuotaExceededException (monthly spend limit)',
        new ServiceQuotaExceededException({
          message: 'Monthly spend limit reached',
          Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
          ...meta,
        }),
        rejected(
          'ServiceQuotaExceededException:MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
          'Monthly spend limit reached',
          false,
        ),
      ],
      [
        'ThrottlingException',
        new ThrottlingException({ message: 'Rate exceeded', ...meta }),
        rejected('ThrottlingException', 'Rate exceeded', true),
      ],
      [
        'InternalServerException',
        new InternalServerException({ message: 'Internal error', ...meta }),
        rejected('InternalServerException', 'Internal error', true),
      ],
    ];
    it.each(cases)('%s', async (_, error, expected) => {
      const { sms, send } = setup();
      sms.on(SendTextMessageCommand).rejects(error);
      expect(await send()).toEqual(expected);
    });
  });

  // The shared classification is mapAwsError's (test/unit/channels/aws/aws-errors.test.ts): no Reason,
  // so the code is the bare name, or the errno code of a socket error.
  describe('maps the shared AWS failures as mapAwsError does', () => {
    const cases: [string, unknown, SendResult][] = [
      [
        'UnrecognizedClientException',
        new PinpointSMSVoiceV2ServiceException({
          name: 'UnrecognizedClientException',
          $fault: 'client',
          message: 'The security token is invalid.',
          $metadata: { httpStatusCode: 403 },
        }),
        rejected('UnrecognizedClientException', 'The security token is invalid.', false),
      ],
      [
        'a failed DNS lookup',
        Object.assign(new Error('getaddrinfo EAI_AGAIN sms-voice.eu-west-1.amazonaws.com'), {
          code: 'EAI_AGAIN',
        }),
        rejected('EAI_AGAIN', 'getaddrinfo EAI_AGAIN sms-voice.eu-west-1.amazonaws.com', true),
      ],
    ];
    it.each(cases)('%s', async (_, error, expected) => {
      expect(mapAwsSmsError(error)).toEqual(expected);
      const { sms, send } = setup();
      sms.on(SendTextMessageCommand).rejects(error as Error);
      expect(await send()).toEqual(expected);
    });
  });

  it('logs (through deliver) the masked number and the code, never the number, the content or the AWS message', async () => {
    const { sms, deliverIt, lines } = setup();
    sms
      .on(SendTextMessageCommand)
      .resolvesOnce({ MessageId: 'id-ok', $metadata: {} })
      .rejectsOnce(
        new ConflictException({
          message: `The destination phone number ${RECIPIENT} is opted out`,
          Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          ...meta,
        }),
      );
    await deliverIt();
    await deliverIt();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(RECIPIENT);
      expect(line).not.toContain(RECIPIENT.slice(1));
      expect(line).not.toContain(CONTENT);
      expect(line).not.toContain('918273');
      expect(line).not.toContain('opted out');
      expect(JSON.parse(line)).toMatchObject({
        msg: 'provider send',
        recipient: '+1******0123',
        provider: 'aws',
        channel: 'sms',
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
      errorCode: 'ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT',
      retryable: false,
    });
  });
});

describe('awsSmsSettings', () => {
  const parse = (env: Record<string, string>) => awsSmsSettings.safeParse(env);
  const issues = (env: Record<string, string>) =>
    parse(env).error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

  it('needs nothing: transactional, identity and configuration set left to the account', () => {
    expect(parse({ HOME: '/root' }).data).toEqual({
      messageType: 'TRANSACTIONAL',
      originationIdentity: undefined,
      configurationSet: undefined,
      region: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      parse({
        AWS_SMS_ORIGINATION_IDENTITY: '+12065550100',
        AWS_SMS_CONFIGURATION_SET: 'arn:aws:sms-voice:eu-west-1:123456789012:configuration-set/sms-events',
        AWS_SMS_MESSAGE_TYPE: 'PROMOTIONAL',
        AWS_SMS_REGION: 'eu-west-1',
      }).data,
    ).toEqual({
      messageType: 'PROMOTIONAL',
      originationIdentity: '+12065550100',
      configurationSet: 'arn:aws:sms-voice:eu-west-1:123456789012:configuration-set/sms-events',
      region: 'eu-west-1',
    });
  });

  it.each([
    ['AWS_SMS_MESSAGE_TYPE', 'transactional'],
    ['AWS_SMS_MESSAGE_TYPE', 'OTP'],
    ['AWS_SMS_ORIGINATION_IDENTITY', 'My Sender'],
    ['AWS_SMS_CONFIGURATION_SET', 'sms events'],
    ['AWS_SMS_REGION', 'Ireland'],
  ])('refuses a malformed %s (%j), naming it', (variable, value) => {
    expect(issues({ [variable]: value })).toEqual([
      { path: variable, message: expect.stringContaining('must be') },
    ]);
  });
});

describe('the AWS SMS client', () => {
  it('makes one attempt (sends are not idempotent), cut just after the provider timeout, and throws on a request timeout', () => {
    // As the factory builds it: the transport's timeout outlasts the call's, which the caller aborts.
    const config = awsSmsClientConfig({ region: 'us-east-1' }, transportTimeoutMs(10_000));
    expect(config).toMatchObject({
      region: 'us-east-1',
      maxAttempts: 1,
      requestHandler: { throwOnRequestTimeout: true, httpsAgent: { keepAlive: true } },
    });
    const handler = config.requestHandler as { requestTimeout: number };
    expect(handler.requestTimeout).toBeGreaterThan(10_000);
    expect(awsSmsClientConfig({}, 10_000)).not.toHaveProperty('region');
  });

  it('is built by the factory with the settings region', async () => {
    const provider = awsSmsProvider.create(
      { messageType: 'TRANSACTIONAL', region: 'ca-central-1' },
      { fetch: globalThis.fetch, timeoutMs: 5_000 },
    );
    expect(provider).toBeInstanceOf(AwsSmsProvider);
    const client = (provider as unknown as { client: PinpointSMSVoiceV2Client }).client;
    expect(await client.config.region()).toBe('ca-central-1');
    expect(await client.config.maxAttempts()).toBe(1);
    client.destroy();
  });
});

// The real SDK client against a local HTTP server: the awsJson1_0 wire format, and what an abort does.
describe('AwsSmsProvider over HTTP', () => {
  const listen = localHttpServers();

  const realProvider = (endpoint: string) => {
    const client = new PinpointSMSVoiceV2Client({
      ...awsSmsClientConfig({ region: 'eu-west-1' }, 10_000),
      endpoint,
      credentials: CREDENTIALS,
    });
    return { client, provider: new AwsSmsProvider(client, SETTINGS) };
  };

  it('calls PinpointSMSVoiceV2.SendTextMessage and reads the MessageId', async () => {
    const seen: { target?: string | string[]; body?: unknown }[] = [];
    const endpoint = await listen((req, res, body) => {
      seen.push({ target: req.headers['x-amz-target'], body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"MessageId":"wire-sms-id"}');
    });
    const { client, provider } = realProvider(endpoint);
    const result = await provider.send(MESSAGE, { signal: new AbortController().signal });
    client.destroy();
    expect(result).toEqual({ accepted: true, providerMessageId: 'wire-sms-id' });
    expect(seen).toEqual([
      {
        target: 'PinpointSMSVoiceV2.SendTextMessage',
        body: { DestinationPhoneNumber: RECIPIENT, MessageBody: CONTENT, MessageType: 'TRANSACTIONAL' },
      },
    ]);
  });

  it("maps the service's opted-out ConflictException with its Reason, without a retry", async () => {
    let requests = 0;
    const endpoint = await listen((_req, res) => {
      requests++;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(
        JSON.stringify({
          __type: 'com.amazonaws.pinpointsmsvoicev2#ConflictException',
          Message: 'The destination phone number is opted out.',
          Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
          ResourceType: 'opted-out-number',
          ResourceId: 'default',
        }),
      );
    });
    const { client, provider } = realProvider(endpoint);
    const result = await provider.send(MESSAGE, { signal: new AbortController().signal });
    client.destroy();
    expect(result).toEqual(
      rejected(
        'ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT',
        'The destination phone number is opted out.',
        false,
      ),
    );
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
});
