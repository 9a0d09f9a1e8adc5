import * as z from '../../zod.js';

// Settings shared by the SMS and WhatsApp providers. An empty variable counts as unset (as in
// config.ts); messages never echo a value, which may be a secret.
const variable = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    schema,
  );
const required = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

/** E.164: `+`, country code and number, at most 15 digits. */
export const E164 = /^\+[1-9][0-9]{1,14}$/;

export const twilioAccountSettings = {
  TWILIO_ACCOUNT_SID: variable(
    required().check(
      z.regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC followed by 32 hexadecimal digits'),
    ),
  ),
  TWILIO_AUTH_TOKEN: variable(required()),
  TWILIO_API_BASE: variable(
    z._default(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), 'https://api.twilio.com'),
  ),
  // The API's public base URL, as the webhooks read it: each message's status callback is
  // `<PUBLIC_URL>/webhooks/twilio?m=<our id>`. Unset: Twilio calls what the Messaging Service or
  // number is configured with, without our id.
  PUBLIC_URL: variable(z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))),
  TWILIO_MESSAGING_SERVICE_SID: variable(
    z.optional(
      z
        .string()
        .check(
          z.regex(
            /^MG[0-9a-fA-F]{32}$/,
            'must be a Messaging Service SID: MG followed by 32 hexadecimal digits',
          ),
        ),
    ),
  ),
};

/** An optional sender number variable, in E.164. */
export const senderNumber = () =>
  variable(
    z.optional(z.string().check(z.regex(E164, 'must be a phone number in E.164 format, e.g. +14155550123'))),
  );

/** Who sends: a Messaging Service (Twilio picks the number) or one number. */
export type TwilioSender = { messagingServiceSid: string } | { from: string };

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  baseUrl: string;
  /** The API's public base URL, for each message's status callback; none without it. */
  publicUrl?: string | undefined;
}

/** The account of variables parsed with `twilioAccountSettings`. */
export const twilioAccount = (env: {
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_API_BASE: string;
  PUBLIC_URL?: string | undefined;
}): TwilioAccount => ({
  accountSid: env.TWILIO_ACCOUNT_SID,
  authToken: env.TWILIO_AUTH_TOKEN,
  baseUrl: env.TWILIO_API_BASE,
  publicUrl: env.PUBLIC_URL,
});

/** What a Twilio channel's settings parse to: the account, and who sends. */
export type TwilioSettings = TwilioAccount & { sender: TwilioSender };
