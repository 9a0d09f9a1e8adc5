import { DEFAULT_TENANT, TENANT_FORMAT } from '../domain/api-key.js';
import { envReader } from '../env-reader.js';

/** Every variable the webhooks read. */
export const RECEIPT_VARIABLES = [
  'PUBLIC_URL',
  'TWILIO_AUTH_TOKEN',
  'META_APP_SECRET',
  'META_WEBHOOK_VERIFY_TOKEN',
  'SES_SNS_TOPIC_ARN',
  'TWILIO_INBOUND_TENANT',
] as const;
type ReceiptVariable = (typeof RECEIPT_VARIABLES)[number];

const SECRET = /^[\x21-\x7e]+$/;
const SECRET_HINT = 'must be printable ASCII without spaces';
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/**
 * The webhooks' settings. Each provider's webhook is enabled only when what it needs to authenticate
 * callbacks is set.
 */
export interface ReceiptSettings {
  /** The API's public base URL (`https://api.example.com/v1`): Twilio signs the URL it called. */
  publicUrl: string | undefined;
  twilioAuthToken: string | undefined;
  metaAppSecret: string | undefined;
  metaVerifyToken: string | undefined;
  /** Anyone can point an SNS topic of theirs at the endpoint; only these topics are listened to. */
  sesTopicArns: string[] | undefined;
  /**
   * The tenant whose suppression list an inbound STOP or START to the Twilio number changes
   * (docs/api.md, Suppressions): a reply names a number, not a tenant.
   */
  inboundTenant: string;
}

/** The variables' problems, each `NAME: message`, to report beside the rest of the configuration's. */
export class ReceiptSettingsError extends Error {
  override name = 'ReceiptSettingsError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/**
 * The webhooks' settings, from the environment (an empty variable counts as unset); throws a
 * ReceiptSettingsError naming each bad variable, never its value.
 */
export function readReceiptSettings(env: Record<string, string | undefined>): ReceiptSettings {
  const r = envReader(env);
  const secret = (name: ReceiptVariable) => r.text(name, { pattern: SECRET, message: SECRET_HINT });
  const settings: ReceiptSettings = {
    publicUrl: r.httpUrl('PUBLIC_URL', 'must be an http(s) URL')?.replace(/\/+$/, ''),
    twilioAuthToken: secret('TWILIO_AUTH_TOKEN'),
    metaAppSecret: secret('META_APP_SECRET'),
    metaVerifyToken: secret('META_WEBHOOK_VERIFY_TOKEN'),
    sesTopicArns: undefined,
    inboundTenant:
      r.text('TWILIO_INBOUND_TENANT', {
        pattern: TENANT_FORMAT,
        message: 'must be a tenant id: 1 to 63 lower-case letters, digits or dashes',
      }) ?? DEFAULT_TENANT,
  };
  const arns = r
    .text('SES_SNS_TOPIC_ARN')
    ?.split(',')
    .map((arn) => arn.trim());
  if (arns?.every((arn) => SNS_TOPIC_ARN.test(arn))) settings.sesTopicArns = arns;
  else if (arns) r.problem('SES_SNS_TOPIC_ARN', 'must be SNS topic ARNs, comma-separated');
  if (r.problems.length > 0) throw new ReceiptSettingsError([...r.problems]);
  return settings;
}
