import {
  SESv2Client,
  type SESv2ClientConfig,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import { transportTimeoutMs } from '../../deadline.js';
import { normalizeTo } from '../../domain/fields.js';
import { SES_MESSAGE_ID_TAG } from '../../domain/provider-callbacks.js';
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
  ) {}

  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    const input: SendEmailCommandInput = {
      FromEmailAddress: this.settings.from,
      Destination: { ToAddresses: [message.recipient] },
      Content: {
        Simple: {
          // The service always sets an email's subject; '' only guards the type.
          Subject: { Data: message.subject ?? '', Charset: 'UTF-8' },
          // With an HTML part, SES sends multipart/alternative: the text, then the HTML.
          Body: {
            Text: { Data: message.content, Charset: 'UTF-8' },
            ...(message.html === undefined ? {} : { Html: { Data: message.html, Charset: 'UTF-8' } }),
          },
        },
      },
      ...(this.settings.configurationSet ? { ConfigurationSetName: this.settings.configurationSet } : {}),
      // Comes back in the configuration set's events (`mail.tags`): the receipt reads its message by id.
      EmailTags: [{ Name: SES_MESSAGE_ID_TAG, Value: message.id }],
    };
    return awsSendResult(
      'SES',
      () => this.client.send(new SendEmailCommand(input), { abortSignal: signal }),
      mapSesError,
    );
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
  ...AWS_CREDENTIAL_EXCEPTIONS,
]);
const RETRYABLE = new Set([
  ...AWS_RETRYABLE_EXCEPTIONS,
  'LimitExceededException',
  'InternalServiceErrorException',
]);

/**
 * Maps what `SESv2Client.send` threw to a result: the exception name as the code, its message, and
 * whether another attempt may succeed (throttling, 5xx, timeouts, network) or not (rejections,
 * account state, credentials, any other 4xx).
 */
export function mapSesError(error: unknown): SendResult {
  return mapAwsError(error, { permanent: PERMANENT, retryable: RETRYABLE });
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

const sesEnv = z.object({
  SES_FROM: z.pipe(
    z.string(REQUIRED('an email address or `Name <address>`')),
    normalizeTo(
      formatFromAddress,
      'must be an email address (7-bit ASCII) or `Name <address>`, e.g. Acme <no-reply@acme.com>',
    ),
  ),
  SES_CONFIGURATION_SET: z.optional(
    z
      .string()
      .check(
        z.regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be an SES configuration set name (letters, digits, _ and -)'),
      ),
  ),
  SES_REGION: optionalAwsRegion(),
});

/** SES_FROM (required), SES_CONFIGURATION_SET and SES_REGION (optional); errors name the variable. */
export const sesSettings = z.pipe(
  sesEnv,
  z.transform(
    (env: z.output<typeof sesEnv>): SesSettings => ({
      from: env.SES_FROM,
      configurationSet: env.SES_CONFIGURATION_SET,
      region: env.SES_REGION,
    }),
  ),
);

/** The SES client's options (see awsClientConfig): one attempt, cut after the transport's `timeoutMs`. */
export function sesClientConfig(settings: Pick<SesSettings, 'region'>, timeoutMs: number): SESv2ClientConfig {
  return awsClientConfig(settings.region, timeoutMs);
}

/** The SES email provider as the catalog builds it: settings from the environment, one client per container. */
export const sesProvider = defineProvider({
  name: 'ses',
  channel: 'email',
  settings: sesSettings,
  create: (settings, deps) =>
    new SesEmailProvider(
      traced(new SESv2Client(sesClientConfig(settings, transportTimeoutMs(deps.timeoutMs)))),
      settings,
    ),
});
