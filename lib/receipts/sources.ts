import { metaSource } from './meta.js';
import { sesSource } from './ses.js';
import type { ReceiptSource } from './source.js';
import { twilioSource } from './twilio.js';
import { twilioInboundSource } from './twilio-inbound.js';

const pathOf = (source: ReceiptSource) => source.path ?? source.provider;

/** Every webhook, by its path under `/webhooks/`. */
const SOURCES: ReadonlyMap<string, ReceiptSource> = new Map(
  [twilioSource, twilioInboundSource, metaSource, sesSource].map((source) => [pathOf(source), source]),
);

/** The source behind `/webhooks/{path}`; undefined for any other path (`__proto__` included). */
export const receiptSource = (path: string | undefined): ReceiptSource | undefined =>
  path === undefined ? undefined : SOURCES.get(path);

/** Each webhook's methods, by path, for the route tables (API Gateway's, the local server's) to match. */
export const RECEIPT_METHODS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  [...SOURCES.values()].map((source) => [pathOf(source), source.methods]),
);
