import type { ResolvedAddress } from '../webhooks/url-policy.js';

/** One webhook POST, to a URL already checked, over a connection pinned to the checked address. */
export interface WebhookRequest {
  url: URL;
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * Sends a webhook: answers the HTTP status (a redirect is a status like any other: never followed);
 * throws on a network error or when `timeoutMs` passes.
 */
export interface WebhookTransport {
  post(request: WebhookRequest): Promise<{ status: number }>;
}
