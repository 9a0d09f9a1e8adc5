/**
 * How our message id travels to a provider and back in its delivery callbacks, so that a receipt
 * reads its message by id (no index on the provider's id): the senders (lib/channels) write it, the
 * webhooks (lib/receipts) read it. docs/receipts.md.
 */

/** SES: the message tag (`EmailTags`) that carries our id; SNS events return it in `mail.tags`. */
export const SES_MESSAGE_ID_TAG = 'messageId';

/** Twilio: the query parameter of the status callback URL that carries our id (signed with the URL). */
export const TWILIO_MESSAGE_ID_PARAM = 'm';

/** Twilio's `StatusCallback` for one message: the API's webhook, our id in its query. */
export const twilioStatusCallbackUrl = (publicUrl: string, messageId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/webhooks/twilio?${TWILIO_MESSAGE_ID_PARAM}=${encodeURIComponent(messageId)}`;
