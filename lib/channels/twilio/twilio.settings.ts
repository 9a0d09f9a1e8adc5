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
}

/** The account of variables parsed with `twilioAccountSettings`. */
export const twilioAccount = (env: {
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_API_BASE: string;
}): TwilioAccount => ({
  accountSid: env.TWILIO_ACCOUNT_SID,
  authToken: env.TWILIO_AUTH_TOKEN,
  baseUrl: env.TWILIO_API_BASE,
});

/** What a Twilio channel's settings parse to: the account, and who sends. */
export type TwilioSettings = TwilioAccount & { sender: TwilioSender };
