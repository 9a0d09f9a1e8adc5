import type { Channel, DeliveryError, MetaTemplateMessage } from '../domain/message.schema.js';

/** What a provider is given: the validated, normalized message. */
export interface OutboundMessage {
  id: string;
  type: Channel;
  recipient: string;
  subject: string | null;
  content: string;
  /** An email's HTML part, rendered from its template: sent multipart with `content` as the text. */
  html?: string | undefined;
  /** A WhatsApp message to send as this Meta-approved template (`content` only summarizes it). */
  metaTemplate?: MetaTemplateMessage | undefined;
}

/** A provider's normalized answer: accepted with its own id, or rejected (permanently or not). */
export type SendResult =
  | { accepted: true; providerMessageId: string }
  | ({ accepted: false } & DeliveryError);

/** Sends one message of one channel through one vendor (or the mock). */
export interface Provider {
  readonly name: string;
  readonly channel: Channel;
  /**
   * Resolves with a result for every outcome the vendor reports; a throw counts as a retryable
   * failure. Must stop its I/O when `signal` aborts (the caller's timeout).
   */
  send(message: OutboundMessage, options: { signal: AbortSignal }): Promise<SendResult>;
  /** Releases pooled connections, if the provider keeps any. */
  close?(): Promise<void>;
}

/** Each channel's providers, in the order to try them. */
export type ProviderRegistry = Readonly<Record<Channel, readonly Provider[]>>;
