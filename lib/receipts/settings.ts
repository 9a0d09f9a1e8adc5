import * as z from 'zod';
import { lazy } from '../lazy.js';

// An empty variable counts as unset, as in config.ts.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const secret = () => z.string().regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

/**
 * The webhooks' settings, from the environment. Each provider's webhook is enabled only when what it
 * needs to authenticate callbacks is set; errors name the variable, never its value.
 */
export const ReceiptSettingsSchema = /* @__PURE__ */ lazy(() =>
  z
    .object({
      /** The API's public base URL (`https://api.example.com/v1`): Twilio signs the URL it called. */
      PUBLIC_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
      TWILIO_AUTH_TOKEN: optional(secret()),
      META_APP_SECRET: optional(secret()),
      META_WEBHOOK_VERIFY_TOKEN: optional(secret()),
      // Anyone can point an SNS topic of theirs at the endpoint; only these topics are listened to.
      SES_SNS_TOPIC_ARN: optional(
        z
          .string()
          .transform((value) => value.split(',').map((arn) => arn.trim()))
          .pipe(z.array(z.string().regex(SNS_TOPIC_ARN, 'must be SNS topic ARNs, comma-separated'))),
      ),
    })
    .transform((env) => ({
      publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      metaAppSecret: env.META_APP_SECRET,
      metaVerifyToken: env.META_WEBHOOK_VERIFY_TOKEN,
      sesTopicArns: env.SES_SNS_TOPIC_ARN,
    })),
);
export type ReceiptSettings = z.output<typeof ReceiptSettingsSchema>;

/** The variables' problems, each `NAME: message`, to report beside the rest of the configuration's. */
export class ReceiptSettingsError extends Error {
  override name = 'ReceiptSettingsError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** The webhooks' settings; throws a ReceiptSettingsError naming each bad variable. */
export function readReceiptSettings(env: Record<string, string | undefined>): ReceiptSettings {
  // Parsed once per process: compiling zod's fast path for it would cost more than it saves (~5 ms).
  const parsed = ReceiptSettingsSchema.safeParse(env, { jitless: true });
  if (!parsed.success) {
    throw new ReceiptSettingsError(
      parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`),
    );
  }
  return parsed.data;
}
