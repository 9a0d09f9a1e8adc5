import { suppressionRecipient } from '../domain/suppression.js';
import type { ReceiptSource } from './source.js';
import { TWILIO_PROVIDER, verifyTwilioRequest } from './twilio.js';

/** The replies that opt a number out of SMS, as Twilio's own opt-out handling reads them. */
export const STOP_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
/** The replies that opt it back in. */
export const START_KEYWORDS = ['START', 'UNSTOP'] as const;

/** What a message's body asks, read without case or spaces (` Stop `, `stop all`); undefined for any other text. */
export function keywordAction(body: string): 'suppress' | 'lift' | undefined {
  const word = body.replace(/\s+/g, '').toUpperCase();
  if ((STOP_KEYWORDS as readonly string[]).includes(word)) return 'suppress';
  if ((START_KEYWORDS as readonly string[]).includes(word)) return 'lift';
  return undefined;
}

/** Twilio takes empty TwiML as "no reply" (it sends its own STOP/START confirmations). */
const NO_REPLY = { contentType: 'text/xml', body: '<Response/>' };

/**
 * `POST /webhooks/twilio/inbound`: messages to the Twilio number (its "A message comes in" webhook),
 * signed as the status callbacks are. An opt-out keyword suppresses the sender's number for SMS,
 * an opt-in keyword lifts that; any other message is acknowledged and changes nothing.
 */
export const twilioInboundSource: ReceiptSource<URLSearchParams> = {
  provider: TWILIO_PROVIDER,
  path: 'twilio/inbound',
  methods: ['POST'],
  enabled: (settings) => settings.twilioAuthToken !== undefined,
  verify: verifyTwilioRequest,
  parse(params, { logger }) {
    const action = keywordAction(params.get('Body') ?? '');
    const recipient = suppressionRecipient(params.get('From') ?? '');
    if (!action || !recipient) {
      // Neither the text nor the number is logged: they are the sender's.
      logger.debug('inbound message changes nothing', {
        provider: TWILIO_PROVIDER,
        keyword: action !== undefined,
      });
      return { kind: 'keyword', change: undefined, reply: NO_REPLY };
    }
    return { kind: 'keyword', change: { action, recipient, channels: ['sms'] }, reply: NO_REPLY };
  },
};
