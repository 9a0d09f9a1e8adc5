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

/** Sends SMS through Twilio's Messages API, from a Messaging Service or one number. */
export class TwilioSmsProvider implements Provider {
  readonly name = 'twilio';
  readonly channel = 'sms' as const;

  constructor(
    private readonly sender: TwilioSender,
    private readonly client: Pick<TwilioMessagesClient, 'create'>,
    private readonly logger: Logger,
  ) {}

  async send(message: OutboundMessage, options: { signal: AbortSignal }): Promise<SendResult> {
    const result = await sendTwilioMessage(
      this.client,
      { to: message.recipient, ...this.sender, body: message.content },
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

const Settings = z
  .object({ ...twilioAccountSettings, TWILIO_FROM: senderNumber() })
  .refine((env) => !env.TWILIO_MESSAGING_SERVICE_SID !== !env.TWILIO_FROM, {
    path: ['TWILIO_MESSAGING_SERVICE_SID'],
    error: (issue) =>
      `set exactly one of TWILIO_MESSAGING_SERVICE_SID and TWILIO_FROM (${
        (issue.input as { TWILIO_FROM?: unknown }).TWILIO_FROM ? 'both are set' : 'neither is set'
      })`,
    // Report the sender rule along with any other bad variable.
    when: () => true,
  })
  .transform((env): TwilioAccount & { sender: TwilioSender } => ({
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    baseUrl: env.TWILIO_API_BASE,
    sender: env.TWILIO_MESSAGING_SERVICE_SID
      ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
      : { from: env.TWILIO_FROM ?? '' },
  }));

export const twilioSmsProvider = defineProvider({
  name: 'twilio',
  channel: 'sms',
  settings: Settings,
  create: ({ sender, ...account }, deps) =>
    new TwilioSmsProvider(sender, new TwilioMessagesClient({ ...account, fetch: deps.fetch }), deps.logger),
});
