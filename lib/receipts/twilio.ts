import { createHmac } from 'node:crypto';
import { isOptOutCode } from '../channels/opt-out-codes.js';
import { ValidationError } from '../domain/errors.js';
import { TWILIO_MESSAGE_ID_PARAM } from '../domain/provider-callbacks.js';
import type { Receipt } from '../services/record-receipt.js';
import { InvalidSignatureError, UnsupportedReceiptMediaTypeError } from './errors.js';
import { signaturesMatch } from './signature.js';
import type { ReceiptSource, SourceContext, WebhookRequest } from './source.js';

export const TWILIO_PROVIDER = 'twilio';

/**
 * Twilio's request signature (`X-Twilio-Signature`) of a form-encoded callback: base64 of the
 * HMAC-SHA1, keyed by the account's Auth Token, of the full URL Twilio called followed by every POST
 * parameter's name and value, sorted by name (a repeated name: each value, sorted).
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort(byCodeUnits);
  let data = url;
  for (const name of names) {
    for (const value of params.getAll(name).sort(byCodeUnits)) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

// Twilio's helper libraries sort plainly, not by locale.
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether `signature` is Twilio's for this request. Twilio signs the URL as configured, which may or
 * may not spell out the default port, so both spellings are accepted (as Twilio's own libraries do).
 */
export function verifyTwilioSignature(input: {
  authToken: string;
  url: string;
  params: URLSearchParams;
  signature: string | undefined;
}): boolean {
  const { authToken, url, params, signature } = input;
  if (!signature) return false;
  const received = Buffer.from(signature, 'utf8');
  let matched = false;
  // Every spelling is computed and compared, so the time taken does not tell which one matched.
  for (const candidate of urlSpellings(url)) {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params), 'utf8');
    matched = signaturesMatch(expected, received) || matched;
  }
  return matched;
}

// scheme, userinfo, host, port, and the rest (path, query), as written.
const URL_PARTS = /^(https?:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?(.*)$/i;

function urlSpellings(url: string): string[] {
  const parts = URL_PARTS.exec(url);
  if (!parts) return [url];
  const [, scheme = '', userinfo = '', host = '', port, rest = ''] = parts;
  const defaultPort = scheme.toLowerCase() === 'https://' ? '443' : '80';
  if (port !== undefined && port !== defaultPort) return [url];
  return [`${scheme}${userinfo}${host}${rest}`, `${scheme}${userinfo}${host}:${defaultPort}${rest}`];
}

/** The fields of Twilio's message status callback that this service reads. */
export interface TwilioStatusCallback {
  messageSid: string;
  messageStatus: string;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  /** Our id, from the status callback URL we gave with the message (absent on older messages). */
  messageId?: string | undefined;
}

/** Reads a status callback's parameters; undefined when it lacks the message sid or status. */
export function parseTwilioCallback(params: URLSearchParams): TwilioStatusCallback | undefined {
  const messageSid = params.get('MessageSid') ?? params.get('SmsSid');
  const messageStatus = params.get('MessageStatus') ?? params.get('SmsStatus');
  if (!messageSid || !messageStatus) return undefined;
  return {
    messageSid,
    messageStatus: messageStatus.toLowerCase(),
    errorCode: params.get('ErrorCode') || undefined,
    errorMessage: params.get('ErrorMessage') || undefined,
  };
}

// `read` (WhatsApp) implies delivered; `failed` means Twilio could not send it at all.
const TWILIO_STATUSES: Readonly<Record<string, Receipt['status']>> = {
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'undelivered',
};

/**
 * The receipt a callback reports, or undefined for the statuses on the way (queued, accepted,
 * scheduled, sending, sent...), which are acknowledged and change nothing.
 */
export function twilioReceipt(callback: TwilioStatusCallback): Receipt | undefined {
  const status = TWILIO_STATUSES[callback.messageStatus];
  if (!status) return undefined;
  return {
    provider: TWILIO_PROVIDER,
    providerMessageId: callback.messageSid,
    ...(callback.messageId ? { messageId: callback.messageId } : {}),
    status,
    detail: callback.errorCode ? `${callback.messageStatus} ${callback.errorCode}` : callback.messageStatus,
    errorCode: callback.errorCode,
    errorMessage: callback.errorMessage,
    // 21610: the number replied STOP to ours; Twilio blocks it until START.
    ...(status === 'undelivered' && isOptOutCode(TWILIO_PROVIDER, callback.errorCode)
      ? { optOut: 'unsubscribe' as const }
      : {}),
  };
}

/**
 * Authenticates a form-encoded Twilio request (a status callback, an inbound message): its content
 * type, and its signature over the URL Twilio called and the parameters. Answers the parameters.
 */
export async function verifyTwilioRequest(
  request: WebhookRequest,
  { settings, logger }: Pick<SourceContext, 'settings' | 'logger'>,
): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.header('content-type') ?? '')) {
    throw new UnsupportedReceiptMediaTypeError('application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(request.body.toString('utf8'));
  const signature = request.header('x-twilio-signature');
  const authToken = settings.twilioAuthToken ?? '';
  if (!verifyTwilioSignature({ authToken, url: request.url, params, signature })) {
    logger.warn('webhook signature refused', {
      provider: TWILIO_PROVIDER,
      signed: signature !== undefined,
    });
    throw new InvalidSignatureError();
  }
  return params;
}

/**
 * `POST /webhooks/twilio`: Twilio's form-encoded status callbacks, signed over the URL it called and
 * the parameters.
 */
export const twilioSource: ReceiptSource<{ params: URLSearchParams; messageId: string | undefined }> = {
  provider: TWILIO_PROVIDER,
  methods: ['POST'],
  enabled: (settings) => settings.twilioAuthToken !== undefined,
  async verify(request, context) {
    const params = await verifyTwilioRequest(request, context);
    // The signature covers the URL, query included: our id in it is as authentic as the body.
    return { params, messageId: request.query[TWILIO_MESSAGE_ID_PARAM] || undefined };
  },
  parse({ params, messageId }, { logger }) {
    const parsed = parseTwilioCallback(params);
    const callback = parsed && { ...parsed, messageId };
    if (!callback) {
      throw new ValidationError(
        [{ field: 'MessageSid', message: 'a status callback needs MessageSid and MessageStatus' }],
        'Not a Twilio message status callback',
      );
    }
    const receipt = twilioReceipt(callback);
    if (!receipt) {
      logger.debug('receipt changes nothing', {
        provider: TWILIO_PROVIDER,
        providerMessageId: callback.messageSid,
        detail: callback.messageStatus,
      });
    }
    return { kind: 'receipts', receipts: receipt ? [receipt] : [] };
  },
};
