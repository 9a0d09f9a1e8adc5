import * as z from '../../zod.js';
import { defineTwilioProvider } from '../twilio/twilio.provider.js';
import {
  senderNumber,
  type TwilioSettings,
  twilioAccount,
  twilioAccountSettings,
} from '../twilio/twilio.settings.js';

const Settings = z.pipe(
  z.object({ ...twilioAccountSettings, TWILIO_FROM: senderNumber() }).check(
    z.refine((env) => !env.TWILIO_MESSAGING_SERVICE_SID !== !env.TWILIO_FROM, {
      path: ['TWILIO_MESSAGING_SERVICE_SID'],
      error: (issue) =>
        `set exactly one of TWILIO_MESSAGING_SERVICE_SID and TWILIO_FROM (${
          (issue.input as { TWILIO_FROM?: unknown }).TWILIO_FROM ? 'both are set' : 'neither is set'
        })`,
      // Report the sender rule along with any other bad variable.
      when: () => true,
    }),
  ),
  z.transform(
    (env): TwilioSettings => ({
      ...twilioAccount(env),
      sender: env.TWILIO_MESSAGING_SERVICE_SID
        ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
        : { from: env.TWILIO_FROM ?? '' },
    }),
  ),
);

/** SMS through Twilio's Messages API, from a Messaging Service or one number. */
export const twilioSmsProvider = defineTwilioProvider('sms', Settings);
