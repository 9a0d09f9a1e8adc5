import type { SendResult } from '../../ports/provider.js';
import * as z from '../../zod.js';

/** What `POST /Messages.json` is given: `to` and exactly one sender (`from` or `messagingServiceSid`). */
export interface CreateMessageParams {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
}

// Only the fields this service reads; Twilio's Message resource carries many more.
const MessageResource = z.looseObject({
  sid: z.string().check(z.regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/)),
  status: z.string(),
});
export type TwilioMessage = z.infer<typeof MessageResource>;

// Twilio's error body: {"code": 21211, "message": "...", "more_info": "https://...", "status": 400}.
const ErrorBody = z.looseObject({
  code: z.int(),
  message: z.string(),
  more_info: z.optional(z.string()),
});

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

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** `https://api.twilio.com`, or a local server in tests. */
  baseUrl: string;
  fetch: typeof fetch;
}

/**
 * A small client of Twilio's Programmable Messaging REST API (Messages resource, API version
 * 2010-04-01): form-encoded request, HTTP Basic auth with the Account SID and Auth Token, JSON answer.
 */
export class TwilioMessagesClient {
  private readonly url: string;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;

  constructor(options: TwilioClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    this.fetch = options.fetch;
  }

  /**
   * Creates (sends) one message. Resolves with the created resource (HTTP 201); rejects with a
   * TwilioApiError for any other answer, or with fetch's own error on a network failure or abort.
   */
  async create(params: CreateMessageParams, signal: AbortSignal): Promise<TwilioMessage> {
    const form = new URLSearchParams({ To: params.to });
    if (params.messagingServiceSid) form.set('MessagingServiceSid', params.messagingServiceSid);
    if (params.from) form.set('From', params.from);
    form.set('Body', params.body);

    const response = await this.fetch(this.url, {
      method: 'POST',
      headers: {
        authorization: this.authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      // Twilio does not redirect a create; following one could carry the credentials elsewhere.
      redirect: 'error',
      signal,
    });
    const text = await response.text();
    const body = parseJson(text);

    if (response.ok) {
      const message = MessageResource.safeParse(body);
      if (message.success) return message.data;
      throw new TwilioApiError(
        response.status,
        null,
        `Twilio answered HTTP ${response.status} without a message sid`,
      );
    }
    const error = ErrorBody.safeParse(body);
    if (error.success) {
      throw new TwilioApiError(response.status, error.data.code, error.data.message, error.data.more_info);
    }
    throw new TwilioApiError(response.status, null, `Twilio answered HTTP ${response.status}`);
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

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

// Settings shared by the SMS and WhatsApp providers. An empty variable counts as unset (as in
// config.ts); messages never echo a value, which may be a secret.
const variable = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    schema,
  );
const required = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') });

/** E.164: `+`, country code and number, at most 15 digits. */
export const E164 = /^\+[1-9][0-9]{1,14}$/;

export const twilioAccountSettings = {
  TWILIO_ACCOUNT_SID: variable(
    required().check(
      z.regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC followed by 32 hexadecimal digits'),
    ),
  ),
  TWILIO_AUTH_TOKEN: variable(required()),
  TWILIO_API_BASE: variable(
    z._default(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }), 'https://api.twilio.com'),
  ),
  TWILIO_MESSAGING_SERVICE_SID: variable(
    z.optional(
      z
        .string()
        .check(
          z.regex(
            /^MG[0-9a-fA-F]{32}$/,
            'must be a Messaging Service SID: MG followed by 32 hexadecimal digits',
          ),
        ),
    ),
  ),
};

/** An optional sender number variable, in E.164. */
export const senderNumber = () =>
  variable(
    z.optional(z.string().check(z.regex(E164, 'must be a phone number in E.164 format, e.g. +14155550123'))),
  );

/** Who sends: a Messaging Service (Twilio picks the number) or one number. */
export type TwilioSender = { messagingServiceSid: string } | { from: string };

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  baseUrl: string;
}

/** The account of variables parsed with `twilioAccountSettings`. */
export const twilioAccount = (env: {
  TWILIO_ACCOUNT_SID: string;
  TWILIO_AUTH_TOKEN: string;
  TWILIO_API_BASE: string;
}): TwilioAccount => ({
  accountSid: env.TWILIO_ACCOUNT_SID,
  authToken: env.TWILIO_AUTH_TOKEN,
  baseUrl: env.TWILIO_API_BASE,
});

/** Sends through `client` and answers the normalized result: the message sid, or the mapped error. */
export async function sendTwilioMessage(
  client: Pick<TwilioMessagesClient, 'create'>,
  params: CreateMessageParams,
  signal: AbortSignal,
): Promise<SendResult> {
  try {
    const message = await client.create(params, signal);
    return { accepted: true, providerMessageId: message.sid };
  } catch (error) {
    return mapTwilioError(error, signal);
  }
}
