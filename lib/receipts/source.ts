import type { Channel } from '../domain/message.schema.js';
import type { Logger } from '../logger.js';
import type { Receipt } from '../services/record-receipt.js';
import type { ReceiptSettings } from './settings.js';

/** A provider's callback as it came in, free of the HTTP framework that carried it. */
export interface WebhookRequest {
  method: string;
  /** The URL the provider called, as it would have signed it (see `requestUrl`). */
  url: string;
  /** A header's value by case-insensitive name. */
  header(name: string): string | undefined;
  /** The query string's parameters, one value each. */
  query: Readonly<Record<string, string | undefined>>;
  /** The body's bytes as sent: signatures are over them, not over a re-encoding. */
  body: Buffer;
}

/** Fetches the PEM certificate at a (trusted) URL. */
export type FetchCertificate = (url: string) => Promise<string>;
/** Confirms an SNS subscription by visiting its (trusted) SubscribeURL. */
export type ConfirmSubscription = (subscribeUrl: string) => Promise<void>;

/** What a source is given besides the request. */
export interface SourceContext {
  settings: ReceiptSettings;
  /** The request's logger. */
  logger: Logger;
  /** SNS's signing certificates. */
  fetchCertificate: FetchCertificate;
}

/** What a verified callback asks of the service. */
export type WebhookAnswer =
  /** Record these, in order (none: the callback is acknowledged and changes nothing). */
  | { kind: 'receipts'; receipts: Receipt[] }
  /** Answer this text: a subscription check (Meta's `hub.challenge`). */
  | { kind: 'challenge'; challenge: string }
  /** Visit the (trusted) URL that confirms an SNS subscription to the topic. */
  | { kind: 'subscription'; subscribeUrl: string; topicArn: string }
  /**
   * A recipient's own message to us: an opt-out (`suppress`) or opt-in (`lift`) keyword for these
   * channels, or none; answered with `reply` (its content type and body).
   */
  | {
      kind: 'keyword';
      change: { action: 'suppress' | 'lift'; recipient: string; channels: Channel[] } | undefined;
      reply: { contentType: string; body: string };
    };

/**
 * One provider's webhook, `/webhooks/{provider}` (or `/webhooks/{path}`). Nothing in a request is read before `verify` has
 * authenticated it; `parse` reads only what `verify` vouched for.
 */
export interface ReceiptSource<Verified = unknown> {
  readonly provider: string;
  /** The webhook's path under `/webhooks/`: the provider's name unless said. */
  readonly path?: string;
  /** The HTTP methods the provider calls with; any other is answered 405. */
  readonly methods: readonly string[];
  /** Whether what authenticates the provider's callbacks is configured; if not, the route is a 404. */
  enabled(settings: ReceiptSettings): boolean;
  /**
   * Authenticates the request and returns what it vouches for; throws an AppError when it cannot
   * (403 for a signature, 404 for a method whose secret is not configured, 415, 400...).
   */
  verify(request: WebhookRequest, context: SourceContext): Promise<Verified>;
  /** What the verified callback says; logs what it acknowledges without a receipt. */
  parse(verified: Verified, context: SourceContext): WebhookAnswer;
}
