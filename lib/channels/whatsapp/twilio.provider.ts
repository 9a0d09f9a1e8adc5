import * as z from '../../zod.js';
import { defineTwilioProvider } from '../twilio/twilio.provider.js';
import {
  senderNumber,
  type TwilioSettings,
  twilioAccount,
  twilioAccountSettings,
} from '../twilio/twilio.settings.js';

const whatsapp = (e164: string) => `whatsapp:${e164}`;

// The sender's own number wins over TWILIO_MESSAGING_SERVICE_SID, which the SMS provider may use too.
const Settings = z.pipe(
  z
    .object({
      ...twilioAccountSettings,
      // The number as Twilio's console shows it (`whatsapp:+14155238886`) is accepted too.
      TWILIO_WHATSAPP_FROM: z.pipe(
        z.transform((value: unknown) =>
          typeof value === 'string' ? value.replace(/^whatsapp:/, '') : value,
        ),
        senderNumber(),
      ),
    })
    .check(
      z.refine((env) => env.TWILIO_WHATSAPP_FROM || env.TWILIO_MESSAGING_SERVICE_SID, {
        path: ['TWILIO_WHATSAPP_FROM'],
        message: 'is required (the WhatsApp sender number), unless TWILIO_MESSAGING_SERVICE_SID is set',
        when: () => true,
      }),
    ),
  z.transform(
    (env): TwilioSettings => ({
      ...twilioAccount(env),
      sender: env.TWILIO_WHATSAPP_FROM
        ? { from: env.TWILIO_WHATSAPP_FROM }
        : { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID ?? '' },
    }),
  ),
);

/**
 * WhatsApp messages through Twilio's Messages API (`whatsapp:+E164` addresses). Free-form text only
 * reaches users inside WhatsApp's 24-hour window; outside it Twilio answers 63016 (docs/whatsapp.md).
 */
export const twilioWhatsappProvider = defineTwilioProvider('whatsapp', Settings, whatsapp);
