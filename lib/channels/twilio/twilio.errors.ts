import type { SendResult } from '../../ports/provider.js';

/**
 * Twilio answered, but not with a created message: an error status (with Twilio's own `code` and
 * `message` when its body is Twilio's error JSON), or a success whose body is not a message resource.
 */
export class TwilioApiError extends Error {
  override name = 'TwilioApiError';
  constructor(
    readonly status: number,
    /** Twilio's numeric error code, or null when the body was not Twilio's error JSON. */
    readonly code: number | null,
    message: string,
    readonly moreInfo?: string,
  ) {
    super(message);
  }
}

type Rejection = Extract<SendResult, { accepted: false }>;

// Twilio codes that another attempt (or another vendor) may get through.
const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  20429, // Too Many Requests
  21611, // the sender's queue of messages is full
]);

// Twilio codes about the recipient, the content, the sender or the account: the same request fails
// again, so neither a retry nor the next vendor is tried.
const PERMANENT_CODES: ReadonlySet<number> = new Set([
  20003, // authentication failed (Account SID or Auth Token wrong)
  21211, // invalid 'To' phone number
  21408, // no permission to send to the 'To' number's region
  21606, // the 'From' number is not a message-capable Twilio number for this destination
  21610, // the recipient unsubscribed (replied STOP)
  21612, // cannot route a message to the 'To' number
  21614, // the 'To' number is not a mobile number
  21617, // the body is over 1,600 characters
  21659, // the 'From' number is not a Twilio number of this account
  63003, // WhatsApp: the channel could not find the 'To' address
  63016, // WhatsApp: outside the 24-hour window, a template is required
  63024, // WhatsApp: invalid message recipient
]);

/**
 * The one mapping of Twilio's answers to this service's result. Twilio's own code (as a string)
 * and message are kept; answers without one get `HTTP_<status>`, `NETWORK_ERROR`, `ABORTED` or
 * `MALFORMED_RESPONSE`. Throttling, a full queue, 5xx, network failures, aborts and malformed
 * answers are retryable; bad credentials and every other 4xx are permanent. `signal` is the call's,
 * to tell an abort from a network failure.
 */
export function mapTwilioError(error: unknown, signal?: AbortSignal): Rejection {
  if (!(error instanceof TwilioApiError)) {
    // fetch rejects with the signal's reason, which may be any error: ask the signal first.
    if (signal?.aborted || isAbort(error))
      return { accepted: false, code: 'ABORTED', message: 'The Twilio request was aborted', retryable: true };
    return {
      accepted: false,
      code: 'NETWORK_ERROR',
      message: `Twilio could not be reached: ${describe(error)}`,
      retryable: true,
    };
  }
  const { status, code, message } = error;
  if (status < 400) return { accepted: false, code: 'MALFORMED_RESPONSE', message, retryable: true };
  const retryable =
    code !== null && RETRYABLE_CODES.has(code)
      ? true
      : code !== null && PERMANENT_CODES.has(code)
        ? false
        : status === 408 || status === 429 || status >= 500;
  return { accepted: false, code: code === null ? `HTTP_${status}` : String(code), message, retryable };
}

const isAbort = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

// fetch's network errors are `TypeError: fetch failed` with the system error as the cause.
const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return 'unknown error';
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? `${error.message} (${cause.code})` : error.message;
};
