import {
  SESv2Client,
  type SESv2ClientConfig,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { type Logger, maskRecipient } from '../../logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import { defineProvider } from '../provider-factory.js';

/** What the SES provider needs: the From address (already RFC 5322-ready) and an optional configuration set. */
export interface SesSettings {
  from: string;
  configurationSet?: string | undefined;
  region?: string | undefined;
}

/**
 * Email through Amazon SES (API v2, `SendEmail` with simple content). The client is built once per
 * container by the factory below; tests inject a mocked one.
 */
export class SesEmailProvider implements Provider {
  readonly name = 'ses';
  readonly channel = 'email' as const;

  constructor(
    private readonly client: SESv2Client,
    private readonly settings: SesSettings,
    private readonly logger: Logger,
  ) {}

  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    const input: SendEmailCommandInput = {
      FromEmailAddress: this.settings.from,
      Destination: { ToAddresses: [message.recipient] },
      Content: {
        Simple: {
          // The service always sets an email's subject; '' only guards the type.
          Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
          Body: { Text: { Data: message.content, Charset: 'UTF-8' } },
        },
      },
      ...(this.settings.configurationSet ? { ConfigurationSetName: this.settings.configurationSet } : {}),
    };
    let result: SendResult;
    try {
      const output = await this.client.send(new SendEmailCommand(input), { abortSignal: signal });
      result = output.MessageId
        ? { accepted: true, providerMessageId: output.MessageId }
        : {
            accepted: false,
            code: 'MissingMessageId',
            message: 'SES answered without a MessageId',
            retryable: true,
          };
    } catch (error) {
      result = mapSesError(error);
    }
    // SES error messages may quote the address: log the code only, never the message or the body.
    this.logger[result.accepted ? 'info' : 'warn']('ses send', {
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

// The account or the request is wrong: another attempt (or another email vendor) gets the same answer,
// or must not be made before someone fixes the account.
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
  'BadRequestException',
  // Credentials and authorization: a configuration fault, not a passing one.
  'AccessDeniedException',
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
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'InternalFailure',
  'InternalServiceErrorException',
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
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * Maps what `SESv2Client.send` threw to a result: the exception name as the code, its message, and
 * whether another attempt may succeed (throttling, 5xx, timeouts, network) or not (rejections,
 * account state, credentials, any other 4xx).
 */
export function mapSesError(error: unknown): SendResult {
  const e: AwsErrorLike = typeof error === 'object' && error !== null ? (error as AwsErrorLike) : {};
  const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const networkCode = typeof e.code === 'string' && NETWORK_CODES.has(e.code) ? e.code : undefined;
  // A bare socket error is known by its errno code; anything named (TimeoutError...) by its name.
  const generic = name === 'Error' || name === 'AggregateError';
  const code = generic && networkCode ? networkCode : name;
  const message =
    typeof e.message === 'string' && e.message !== ''
      ? e.message
      : error instanceof Error
        ? name
        : String(error);
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

const REQUIRED = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

// RFC 5322 specials: a display name holding one must be quoted.
const SPECIALS = /[()<>[\]:;@\\,."]/;
const ASCII = /^[\x20-\x7e]*$/;
const emailAddress = z.email();

/**
 * `address` or `Name <address>` as SES takes it: the address 7-bit ASCII (SES does not support
 * SMTPUTF8), a display name with specials quoted and a non-ASCII one MIME-encoded (RFC 2047), as the
 * SES documentation requires. Undefined when the value is not such an address.
 */
export function formatFromAddress(value: string): string | undefined {
  const trimmed = value.trim();
  if (/[\r\n]/.test(trimmed)) return undefined;
  const named = /^(.*?)\s*<([^<>]*)>$/.exec(trimmed);
  const address = named ? (named[2] ?? '') : trimmed;
  if (!ASCII.test(address) || !emailAddress.safeParse(address).success) return undefined;
  if (!named) return address;
  const name = (named[1] ?? '').trim();
  if (name === '') return address;
  if (/^".*"$/.test(name)) return `${name} <${address}>`;
  if (!ASCII.test(name)) return `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?= <${address}>`;
  if (SPECIALS.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `${name} <${address}>`;
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** SES_FROM (required), SES_CONFIGURATION_SET and SES_REGION (optional); errors name the variable. */
export const sesSettings = z
  .object({
    SES_FROM: z.string(REQUIRED('an email address or `Name <address>`')).transform((value, ctx) => {
      const from = formatFromAddress(value);
      if (from === undefined) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be an email address (7-bit ASCII) or `Name <address>`, e.g. Acme <no-reply@acme.com>',
        });
        return z.NEVER;
      }
      return from;
    }),
    SES_CONFIGURATION_SET: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, _ and -)')
      .optional(),
    SES_REGION: z.string().regex(AWS_REGION, 'must be an AWS region such as eu-west-1').optional(),
  })
  .transform(
    (env): SesSettings => ({
      from: env.SES_FROM,
      configurationSet: env.SES_CONFIGURATION_SET,
      region: env.SES_REGION,
    }),
  );

export const SES_MAX_ATTEMPTS = 2;

/**
 * The SES client's options: two attempts, each cut short before the provider's timeout (so the
 * retry still fits in it), connections kept alive across invocations.
 */
export function sesClientConfig(settings: Pick<SesSettings, 'region'>, timeoutMs: number): SESv2ClientConfig {
  const requestTimeout = Math.max(1, Math.floor((timeoutMs * 0.9) / SES_MAX_ATTEMPTS));
  return {
    ...(settings.region ? { region: settings.region } : {}),
    maxAttempts: SES_MAX_ATTEMPTS,
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

/** The SES email provider as the catalog builds it: settings from the environment, one client per container. */
export const sesProvider = defineProvider({
  name: 'ses',
  channel: 'email',
  settings: sesSettings,
  create: (settings, deps) =>
    new SesEmailProvider(new SESv2Client(sesClientConfig(settings, deps.timeoutMs)), settings, deps.logger),
});
