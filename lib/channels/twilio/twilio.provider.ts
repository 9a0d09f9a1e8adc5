import type { Channel } from '../../domain/message.schema.js';
import { twilioStatusCallbackUrl } from '../../domain/provider-callbacks.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import type * as z from '../../zod.js';
import { defineProvider } from '../provider-factory.js';
import { TwilioMessagesClient } from './twilio.client.js';
import { mapTwilioError } from './twilio.errors.js';
import type { TwilioSender, TwilioSettings } from './twilio.settings.js';

/**
 * A channel sent through Twilio's Messages API (SMS, WhatsApp), from a Messaging Service or one
 * number. The request is the same for every channel; only the form of a number differs.
 */
export class TwilioProvider implements Provider {
  readonly name = 'twilio';

  constructor(
    readonly channel: Channel,
    private readonly sender: TwilioSender,
    private readonly client: Pick<TwilioMessagesClient, 'create'>,
    /** How the channel writes an E.164 number in `To` and `From` (as is by default). */
    private readonly address: (e164: string) => string = (e164) => e164,
    /** The API's public base URL: each message's status callback then carries our id. */
    private readonly publicUrl?: string,
  ) {}

  /** The created message's sid, or Twilio's answer (or the network's failure) mapped. */
  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    // Twilio sends WhatsApp templates by its own Content SID, not by Meta's name: the text would go
    // out as free-form, which Meta refuses outside the 24-hour window. Retryable, so that failover
    // hands it to the next provider (Meta's).
    if (message.metaTemplate) {
      return {
        accepted: false,
        code: 'TEMPLATE_UNSUPPORTED',
        message: 'Twilio cannot send a Meta template by name; list meta in WHATSAPP_PROVIDERS',
        retryable: true,
      };
    }
    const sender = 'from' in this.sender ? { from: this.address(this.sender.from) } : this.sender;
    try {
      const created = await this.client.create(
        {
          to: this.address(message.recipient),
          ...sender,
          body: message.content,
          ...(this.publicUrl ? { statusCallback: twilioStatusCallbackUrl(this.publicUrl, message.id) } : {}),
        },
        signal,
      );
      return { accepted: true, providerMessageId: created.sid };
    } catch (error) {
      return mapTwilioError(error, signal);
    }
  }
}

/**
 * The factory of a Twilio channel as the catalog builds it: the channel's settings, and one
 * Messages API client per container over the container's `fetch`.
 */
export const defineTwilioProvider = (
  channel: Channel,
  settings: z.ZodMiniType<TwilioSettings>,
  address?: (e164: string) => string,
) =>
  defineProvider({
    name: 'twilio',
    channel,
    settings,
    create: ({ sender, publicUrl, ...account }, deps) =>
      new TwilioProvider(
        channel,
        sender,
        new TwilioMessagesClient({ ...account, fetch: deps.fetch }),
        address,
        publicUrl,
      ),
  });
