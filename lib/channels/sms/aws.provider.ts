import {
  PinpointSMSVoiceV2Client,
  type PinpointSMSVoiceV2ClientConfig,
  SendTextMessageCommand,
  type SendTextMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { transportTimeoutMs } from '../../deadline.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import { traced } from '../../tracing.js';
import * as z from '../../zod.js';
import {
  AWS_CREDENTIAL_EXCEPTIONS,
  AWS_RETRYABLE_EXCEPTIONS,
  awsSendResult,
  mapAwsError,
} from '../aws/aws-errors.js';
import { awsClientConfig, optionalAwsRegion } from '../aws/client-config.js';
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
    return awsSendResult(
      'AWS End User Messaging',
      () => this.client.send(new SendTextMessageCommand(input), { abortSignal: signal }),
      mapAwsSmsError,
    );
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
  ...AWS_CREDENTIAL_EXCEPTIONS,
]);
const RETRYABLE = new Set([...AWS_RETRYABLE_EXCEPTIONS, 'InternalServerException']);

/**
 * Maps what `PinpointSMSVoiceV2Client.send` threw to a result: the exception name and its `Reason`
 * as the code (`ConflictException:DESTINATION_PHONE_NUMBER_OPTED_OUT`), its message, and whether
 * another attempt may succeed (throttling, 5xx, timeouts, network) or not (validation, conflicts,
 * access, missing resources, quotas, credentials, any other 4xx).
 */
export function mapAwsSmsError(error: unknown): SendResult {
  return mapAwsError(error, {
    permanent: PERMANENT,
    retryable: RETRYABLE,
    code: (name, e) => {
      const { Reason: reason } = e as { Reason?: unknown };
      return typeof reason === 'string' && reason !== '' ? `${name}:${reason}` : name;
    },
    // The service's JSON errors carry their text in `Message`.
    messageFields: ['message', 'Message'],
  });
}

// A phone number, sender id, pool id or ARN; the service checks which.
const IDENTITY = /^[A-Za-z0-9_:/+.-]{1,256}$/;

const awsSmsEnv = z.object({
  AWS_SMS_ORIGINATION_IDENTITY: z.optional(
    z.string().check(z.regex(IDENTITY, 'must be a phone number, sender ID, pool ID or ARN (no spaces)')),
  ),
  AWS_SMS_CONFIGURATION_SET: z.optional(
    z.string().check(z.regex(IDENTITY, 'must be a configuration set name or ARN (no spaces)')),
  ),
  AWS_SMS_MESSAGE_TYPE: z._default(
    z.enum(AWS_SMS_MESSAGE_TYPES, { error: 'must be TRANSACTIONAL or PROMOTIONAL' }),
    'TRANSACTIONAL',
  ),
  AWS_SMS_REGION: optionalAwsRegion(),
});

/**
 * AWS_SMS_ORIGINATION_IDENTITY, AWS_SMS_CONFIGURATION_SET, AWS_SMS_REGION (optional) and
 * AWS_SMS_MESSAGE_TYPE (TRANSACTIONAL by default); errors name the variable.
 */
export const awsSmsSettings = z.pipe(
  awsSmsEnv,
  z.transform(
    (env: z.output<typeof awsSmsEnv>): AwsSmsSettings => ({
      messageType: env.AWS_SMS_MESSAGE_TYPE,
      originationIdentity: env.AWS_SMS_ORIGINATION_IDENTITY,
      configurationSet: env.AWS_SMS_CONFIGURATION_SET,
      region: env.AWS_SMS_REGION,
    }),
  ),
);

/** The client's options (see awsClientConfig): one attempt, cut after the transport's `timeoutMs`. */
export function awsSmsClientConfig(
  settings: Pick<AwsSmsSettings, 'region'>,
  timeoutMs: number,
): PinpointSMSVoiceV2ClientConfig {
  return awsClientConfig(settings.region, timeoutMs);
}

/** The AWS SMS provider as the catalog builds it: settings from the environment, one client per container. */
export const awsSmsProvider = defineProvider({
  name: 'aws',
  channel: 'sms',
  settings: awsSmsSettings,
  create: (settings, deps) =>
    new AwsSmsProvider(
      traced(new PinpointSMSVoiceV2Client(awsSmsClientConfig(settings, transportTimeoutMs(deps.timeoutMs)))),
      settings,
    ),
});
