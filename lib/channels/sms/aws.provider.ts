import {
  PinpointSMSVoiceV2Client,
  type PinpointSMSVoiceV2ClientConfig,
  SendTextMessageCommand,
  type SendTextMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { z } from 'zod';
import { type Logger, maskRecipient } from '../../logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import { defineProvider } from '../provider-factory.js';

export const AWS_SMS_MESSAGE_TYPES = ['TRANSACTIONAL', 'PROMOTIONAL'] as const;

/** What the AWS SMS provider needs; the origination identity and configuration set are optional. */
export interface AwsSmsSettings {
  messageType: (typeof AWS_SMS_MESSAGE_TYPES)[number];
  originationIdentity?: string | undefined;
  configurationSet?: string | undefined;
  region?: string | undefined;
}

/**
 * SMS through AWS End User Messaging SMS (`pinpoint-sms-voice-v2` `SendTextMessage`). The client is
 * built once per container by the factory below; tests inject a mocked one.
 */
export class AwsSmsProvider implements Provider {
  readonly name = 'aws';
  readonly channel = 'sms' as const;

  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly settings: AwsSmsSettings,
    private readonly logger: Logger,
  ) {}

  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    const input: SendTextMessageCommandInput = {
      DestinationPhoneNumber: message.recipient,
      MessageBody: message.content,
      MessageType: this.settings.messageType,
      ...(this.settings.originationIdentity
        ? { OriginationIdentity: this.settings.originationIdentity }
        : {}),
      ...(this.settings.configurationSet ? { ConfigurationSetName: this.settings.configurationSet } : {}),
    };
    let result: SendResult;
    try {
      const output = await this.client.send(new SendTextMessageCommand(input), { abortSignal: signal });
      result = output.MessageId
        ? { accepted: true, providerMessageId: output.MessageId }
        : {
            accepted: false,
            code: 'MissingMessageId',
            message: 'AWS End User Messaging answered without a MessageId',
            retryable: true,
          };
    } catch (error) {
      result = mapAwsSmsError(error);
    }
    // Error messages may quote the number: log the code only, never the message or the body.
    this.logger[result.accepted ? 'info' : 'warn']('aws sms send', {
      provider: this.name,
      channel: this.channel,
      messageId: message.id,
      recipient: maskRecipient(message.recipient),
      accepted: result.accepted,
      ...(result.accepted
        ? { providerMessageId: result.providerMessageId }
        : { errorCode: result.code, retryable: result.retryable }),
    });
    return result;
  }
}

// The request, the number or the account is wrong (opted out, blocked country, spend limit reached,
// account disabled...): another attempt gets the same answer until someone acts.
const PERMANENT = new Set([
  'ValidationException',
  'ConflictException',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
  // Credentials: a configuration fault, not a passing one.
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const RETRYABLE = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'InternalServerException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

interface AwsErrorLike {
  name?: unknown;
  message?: unknown;
  Message?: unknown;
  Reason?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * Maps what `PinpointSMSVoiceV2Client.send` threw to a result: the exception name and its `Reason`
 * as the code (`ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT`), its message, and whether
 * another attempt may succeed (throttling, 5xx, timeouts, network) or not (validation, conflicts,
 * access, missing resources, quotas, credentials, any other 4xx).
 */
export function mapAwsSmsError(error: unknown): SendResult {
  const e: AwsErrorLike = typeof error === 'object' && error !== null ? (error as AwsErrorLike) : {};
  const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const networkCode = typeof e.code === 'string' && NETWORK_CODES.has(e.code) ? e.code : undefined;
  // A bare socket error is known by its errno code; anything named (TimeoutError...) by its name.
  const generic = name === 'Error' || name === 'AggregateError';
  const reason = typeof e.Reason === 'string' && e.Reason !== '' ? e.Reason : undefined;
  const code = generic && networkCode ? networkCode : reason ? `${name}:${reason}` : name;
  const text = [e.message, e.Message].find((m): m is string => typeof m === 'string' && m !== '');
  const message = text ?? (error instanceof Error ? name : String(error));
  const retryable = PERMANENT.has(name)
    ? false
    : RETRYABLE.has(name) ||
      networkCode !== undefined ||
      e.$retryable !== undefined ||
      e.$fault === 'server' ||
      (status !== undefined && (status >= 500 || status === 429)) ||
      // An SDK exception of the client's fault that is not listed: the request itself is wrong.
      !(e.$fault === 'client' || (status !== undefined && status >= 400));
  return { accepted: false, code, message, retryable };
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
// A phone number, sender id, pool id or ARN; the service checks which.
const IDENTITY = /^[A-Za-z0-9_:/+.-]{1,256}$/;

/**
 * AWS_SMS_ORIGINATION_IDENTITY, AWS_SMS_CONFIGURATION_SET, AWS_SMS_REGION (optional) and
 * AWS_SMS_MESSAGE_TYPE (TRANSACTIONAL by default); errors name the variable.
 */
export const awsSmsSettings = z
  .object({
    AWS_SMS_ORIGINATION_IDENTITY: z
      .string()
      .regex(IDENTITY, 'must be a phone number, sender ID, pool ID or ARN (no spaces)')
      .optional(),
    AWS_SMS_CONFIGURATION_SET: z
      .string()
      .regex(IDENTITY, 'must be a configuration set name or ARN (no spaces)')
      .optional(),
    AWS_SMS_MESSAGE_TYPE: z
      .enum(AWS_SMS_MESSAGE_TYPES, { error: 'must be TRANSACTIONAL or PROMOTIONAL' })
      .default('TRANSACTIONAL'),
    AWS_SMS_REGION: z.string().regex(AWS_REGION, 'must be an AWS region such as eu-west-1').optional(),
  })
  .transform(
    (env): AwsSmsSettings => ({
      messageType: env.AWS_SMS_MESSAGE_TYPE,
      originationIdentity: env.AWS_SMS_ORIGINATION_IDENTITY,
      configurationSet: env.AWS_SMS_CONFIGURATION_SET,
      region: env.AWS_SMS_REGION,
    }),
  );

export const AWS_SMS_MAX_ATTEMPTS = 2;

/**
 * The client's options: two attempts, each cut short before the provider's timeout (so the retry
 * still fits in it), connections kept alive across invocations.
 */
export function awsSmsClientConfig(
  settings: Pick<AwsSmsSettings, 'region'>,
  timeoutMs: number,
): PinpointSMSVoiceV2ClientConfig {
  const requestTimeout = Math.max(1, Math.floor((timeoutMs * 0.9) / AWS_SMS_MAX_ATTEMPTS));
  return {
    ...(settings.region ? { region: settings.region } : {}),
    maxAttempts: AWS_SMS_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: Math.min(1_000, requestTimeout),
      requestTimeout,
      // Without this the SDK only warns when the request timeout passes, and waits on.
      throwOnRequestTimeout: true,
      httpAgent: { keepAlive: true, maxSockets: 50 },
      httpsAgent: { keepAlive: true, maxSockets: 50 },
    },
  };
}

/** The AWS SMS provider as the catalog builds it: settings from the environment, one client per container. */
export const awsSmsProvider = defineProvider({
  name: 'aws',
  channel: 'sms',
  settings: awsSmsSettings,
  create: (settings, deps) =>
    new AwsSmsProvider(
      new PinpointSMSVoiceV2Client(awsSmsClientConfig(settings, deps.timeoutMs)),
      settings,
      deps.logger,
    ),
});
