import { z } from 'zod';
import { type Logger, maskRecipient } from '../../logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import { defineProvider } from '../provider-factory.js';
import {
  senderNumber,
  sendTwilioMessage,
  type TwilioAccount,
  TwilioMessagesClient,
  type TwilioSender,
  twilioAccountSettings,
} from '../twilio/twilio.client.js';

const whatsapp = (e164: string) => `whatsapp:${e164}`;

/**
 * Sends WhatsApp messages through Twilio's Messages API (`whatsapp:+E164` addresses). Free-form
 * text only reaches users inside WhatsApp's 24-hour window; outside it Twilio answers 63016
 * (docs/whatsapp.md).
 */
export class TwilioWhatsappProvider implements Provider {
  readonly name = 'twilio';
  readonly channel = 'whatsapp' as const;

  constructor(
    private readonly sender: TwilioSender,
    private readonly client: Pick<TwilioMessagesClient, 'create'>,
    private readonly logger: Logger,
  ) {}

  async send(message: OutboundMessage, options: { signal: AbortSignal }): Promise<SendResult> {
    const sender = 'from' in this.sender ? { from: whatsapp(this.sender.from) } : this.sender;
    const result = await sendTwilioMessage(
      this.client,
      { to: whatsapp(message.recipient), ...sender, body: message.content },
      options.signal,
    );
    this.logger.info('twilio send', {
      channel: this.channel,
      messageId: message.id,
      recipient: maskRecipient(message.recipient),
      accepted: result.accepted,
      ...(result.accepted
        ? { providerMessageId: result.providerMessageId }
        : { errorCode: result.code, retryable: result.retryable }),
    });
    return result;
  }
}

// The sender's own number wins over TWILIO_MESSAGING_SERVICE_SID, which the SMS provider may use too.
const Settings = z
  .object({
    ...twilioAccountSettings,
    // The number as Twilio's console shows it (`whatsapp:+14155238886`) is accepted too.
    TWILIO_WHATSAPP_FROM: z.preprocess(
      (value) => (typeof value === 'string' ? value.replace(/^whatsapp:/, '') : value),
      senderNumber(),
    ),
  })
  .refine((env) => env.TWILIO_WHATSAPP_FROM || env.TWILIO_MESSAGING_SERVICE_SID, {
    path: ['TWILIO_WHATSAPP_FROM'],
    message: 'is required (the WhatsApp sender number), unless TWILIO_MESSAGING_SERVICE_SID is set',
    when: () => true,
  })
  .transform((env): TwilioAccount & { sender: TwilioSender } => ({
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    baseUrl: env.TWILIO_API_BASE,
    sender: env.TWILIO_WHATSAPP_FROM
      ? { from: env.TWILIO_WHATSAPP_FROM }
      : { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID ?? '' },
  }));

export const twilioWhatsappProvider = defineProvider({
  name: 'twilio',
  channel: 'whatsapp',
  settings: Settings,
  create: ({ sender, ...account }, deps) =>
    new TwilioWhatsappProvider(
      sender,
      new TwilioMessagesClient({ ...account, fetch: deps.fetch }),
      deps.logger,
    ),
});
