import { lazy } from '../lazy.js';
import * as z from '../zod.js';

// The forms Twilio POSTs to the webhooks, as the API document describes them (lib/openapi/document.ts).
// The service reads the fields named in lib/receipts/twilio.ts and twilio-inbound.ts, after checking
// the signature over all of them; Twilio sends more than listed here, which are passed over.

const text = (description: string) => z.string().register(z.globalRegistry, { description });
const optionalText = (description: string) => z.optional(text(description));

/** A message status callback (the `StatusCallback` URL given with each message). */
export const TwilioStatusCallbackForm = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    MessageSid: text("Twilio's id of the message (`SM...` or `MM...`); the older `SmsSid` is read too"),
    MessageStatus: text(
      '`delivered` and `read` record a delivery, `undelivered` and `failed` a failure; the others (`queued`, `sent`...) change nothing',
    ),
    AccountSid: optionalText('The Twilio account'),
    From: optionalText('The sending number or sender'),
    To: optionalText('The recipient'),
    ErrorCode: optionalText('Why it failed, for `undelivered` and `failed` (21610: the recipient opted out)'),
    ErrorMessage: optionalText('The error, in words'),
    SmsSid: optionalText('The older name of MessageSid'),
    SmsStatus: optionalText('The older name of MessageStatus'),
    ApiVersion: optionalText("Twilio's API version"),
  }),
);

/** A message to the Twilio number (its "A message comes in" webhook). */
export const TwilioInboundForm = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    MessageSid: text("Twilio's id of the incoming message"),
    AccountSid: optionalText('The Twilio account'),
    From: text('The sender: the number whose opt-out or opt-in the keyword records'),
    To: optionalText("The service's number"),
    Body: text(
      'The text: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT opt out; START, UNSTOP opt in (any case, spaces ignored)',
    ),
    NumMedia: optionalText('How many media files came with it'),
  }),
);
