import { metaSource } from './meta.js';
import { sesSource } from './ses.js';
import type { ReceiptSource } from './source.js';
import { twilioSource } from './twilio.js';

/** Every provider's webhook, by the `{provider}` of its path. */
const SOURCES: ReadonlyMap<string, ReceiptSource> = new Map(
  [twilioSource, metaSource, sesSource].map((source) => [source.provider, source]),
);

/** The source behind `/webhooks/{provider}`; undefined for any other name (`__proto__` included). */
export const receiptSource = (provider: string | undefined): ReceiptSource | undefined =>
  provider === undefined ? undefined : SOURCES.get(provider);

/** Each webhook's methods, for the route tables (API Gateway's, the local server's) to match. */
export const RECEIPT_METHODS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...SOURCES.values()].map((source) => [source.provider, source.methods]),
);
