import { createHmac } from 'node:crypto';
import { isOptOutCode } from '../channels/opt-out-codes.js';
import { built, lazy } from '../lazy.js';
import type { Receipt } from '../services/record-receipt.js';
import * as z from '../zod.js';
import { InvalidSignatureError, WebhookNotEnabledError, WebhookVerificationError } from './errors.js';
import { parseJson } from './request.js';
import { signaturesMatch } from './signature.js';
import type { ReceiptSource } from './source.js';

export const META_PROVIDER = 'meta';

/**
 * The answer to the WhatsApp Cloud API's webhook verification (`GET ?hub.mode=subscribe&
 * hub.verify_token=...&hub.challenge=...`): the challenge to echo when the token is the configured
 * one, undefined otherwise.
 */
export function metaVerificationChallenge(
  query: Record<string, string | undefined> | null,
  verifyToken: string,
): string | undefined {
  const mode = query?.['hub.mode'];
  const token = query?.['hub.verify_token'];
  const challenge = query?.['hub.challenge'];
  if (mode !== 'subscribe' || token === undefined || challenge === undefined) return undefined;
  return signaturesMatch(Buffer.from(verifyToken, 'utf8'), Buffer.from(token, 'utf8'))
    ? challenge
    : undefined;
}

/** `sha256=<hex>`: the HMAC-SHA256 of the raw body bytes, keyed by the app secret. */
export function metaSignature(appSecret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Whether `header` (X-Hub-Signature-256) signs these exact bytes. The bytes must be the body as
 * received: Meta signs its own escaping of the JSON, which a re-serialization would not reproduce.
 */
export function verifyMetaSignature(appSecret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  // Hex is case-insensitive; compare one spelling.
  const received = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return signaturesMatch(Buffer.from(metaSignature(appSecret, body), 'utf8'), received);
}

const StatusError = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    code: z.optional(z.union([z.number(), z.string()])),
    title: z.optional(z.string()),
    message: z.optional(z.string()),
    error_data: z.optional(z.looseObject({ details: z.optional(z.string()) })),
  }),
);

const MetaStatus = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    status: z.string().check(z.minLength(1)),
    timestamp: z.optional(z.string()),
    errors: z.optional(z.array(built(StatusError))),
    // What the send gave as `biz_opaque_callback_data`: our message id (MetaProvider sets it).
    biz_opaque_callback_data: z.optional(z.string()),
  }),
);
export type MetaStatus = z.infer<typeof MetaStatus>;

// Only the path to the statuses is required: inbound messages and other fields ride the same webhook.
const MetaWebhook = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    object: z.optional(z.string()),
    entry: z.array(
      z.looseObject({
        changes: z.optional(
          z.array(
            z.looseObject({
              field: z.optional(z.string()),
              value: z.optional(z.looseObject({ statuses: z.optional(z.array(built(MetaStatus))) })),
            }),
          ),
        ),
      }),
    ),
  }),
);

/**
 * Every message status of a webhook POST (one may carry several, for several messages); undefined
 * when the body is not a Cloud API webhook.
 */
export function parseMetaStatuses(body: unknown): MetaStatus[] | undefined {
  const parsed = MetaWebhook.safeParse(body);
  if (!parsed.success) return undefined;
  return parsed.data.entry.flatMap((entry) =>
    (entry.changes ?? []).flatMap((change) => change.value?.statuses ?? []),
  );
}

// `read` implies delivered; `sent` is already what the send recorded.
const META_STATUSES: Readonly<Record<string, Receipt['status']>> = {
  delivered: 'delivered',
  read: 'delivered',
  failed: 'undelivered',
};

/** The receipt of one status, or undefined for those that change nothing (`sent`, others). */
export function metaReceipt(status: MetaStatus): Receipt | undefined {
  const mapped = META_STATUSES[status.status];
  if (!mapped) return undefined;
  const error = status.errors?.[0];
  const errorCode = error?.code === undefined ? undefined : String(error.code);
  return {
    provider: META_PROVIDER,
    providerMessageId: status.id,
    ...(status.biz_opaque_callback_data ? { messageId: status.biz_opaque_callback_data } : {}),
    status: mapped,
    detail: errorCode ? `${status.status} ${errorCode}` : status.status,
    errorCode,
    errorMessage: error?.error_data?.details ?? error?.message ?? error?.title,
    // 131050: the user stopped marketing messages from the business.
    ...(mapped === 'undelivered' && isOptOutCode(META_PROVIDER, errorCode)
      ? { optOut: 'unsubscribe' as const }
      : {}),
  };
}

/**
 * `GET|POST /webhooks/meta`: the WhatsApp Cloud API's subscription check (GET, enabled by the verify
 * token) and its signed webhook POSTs (enabled by the app secret).
 */
export const metaSource: ReceiptSource<{ challenge: string } | { body: Buffer }> = {
  provider: META_PROVIDER,
  methods: ['GET', 'POST'],
  enabled: (settings) => settings.metaAppSecret !== undefined || settings.metaVerifyToken !== undefined,
  async verify(request, { settings, logger }) {
    if (request.method === 'GET') {
      if (settings.metaVerifyToken === undefined) throw new WebhookNotEnabledError(META_PROVIDER);
      const challenge = metaVerificationChallenge(request.query, settings.metaVerifyToken);
      if (challenge === undefined) throw new WebhookVerificationError();
      return { challenge };
    }
    if (settings.metaAppSecret === undefined) throw new WebhookNotEnabledError(META_PROVIDER);
    const body = request.body;
    const signature = request.header('x-hub-signature-256');
    if (!verifyMetaSignature(settings.metaAppSecret, body, signature)) {
      logger.warn('webhook signature refused', { provider: META_PROVIDER, signed: signature !== undefined });
      throw new InvalidSignatureError();
    }
    return { body };
  },
  parse(verified, { logger }) {
    if ('challenge' in verified) return { kind: 'challenge', challenge: verified.challenge };
    const statuses = parseMetaStatuses(parseJson(verified.body));
    // Signed by Meta but not understood: refusing it would only make Meta send it again for days.
    if (!statuses) logger.warn('webhook payload not understood', { provider: META_PROVIDER });
    // In order: a `delivered` and a `read` of one message often come in one POST.
    const receipts: Receipt[] = [];
    for (const status of statuses ?? []) {
      const receipt = metaReceipt(status);
      if (receipt) receipts.push(receipt);
      else
        logger.debug('receipt changes nothing', {
          provider: META_PROVIDER,
          providerMessageId: status.id,
          detail: status.status,
        });
    }
    return { kind: 'receipts', receipts };
  },
};
