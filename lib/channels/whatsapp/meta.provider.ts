import type { MetaTemplateMessage } from '../../domain/message.schema.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import * as z from '../../zod.js';
import { defineProvider } from '../provider-factory.js';

/** Where and as whom to call the WhatsApp Cloud API. `accessToken` is a secret: never log it. */
export interface MetaSettings {
  phoneNumberId: string;
  accessToken: string;
  apiVersion: string;
  graphBase: string;
}

/** What the Graph API answered: its status and its JSON body (undefined when it was not JSON). */
export interface GraphAnswer {
  status: number;
  body: unknown;
}

/**
 * A small client of the WhatsApp Cloud API over an injected `fetch` (tests point it at a local
 * server). It reports every HTTP answer as is; it throws only when no answer came (network, abort).
 */
export class MetaWhatsappClient {
  private readonly url: string;

  constructor(
    private readonly settings: MetaSettings,
    private readonly fetchFn: typeof fetch,
  ) {
    this.url = `${settings.graphBase}/${settings.apiVersion}/${settings.phoneNumberId}/messages`;
  }

  /** `POST /{version}/{phone-number-id}/messages` with a text message; `to` is the number without '+'. */
  sendText(to: string, body: string, signal: AbortSignal, callbackData?: string): Promise<GraphAnswer> {
    return this.post({ to, type: 'text', text: { preview_url: false, body } }, signal, callbackData);
  }

  /** The same with an approved template: its name, language and body parameters, in order. */
  sendTemplate(
    to: string,
    template: MetaTemplateMessage,
    signal: AbortSignal,
    callbackData?: string,
  ): Promise<GraphAnswer> {
    const { name, language, parameters } = template;
    return this.post(
      {
        to,
        type: 'template',
        template: {
          name,
          language: { code: language },
          ...(parameters.length > 0
            ? {
                components: [
                  { type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) },
                ],
              }
            : {}),
        },
      },
      signal,
      callbackData,
    );
  }

  private async post(
    message: Record<string, unknown>,
    signal: AbortSignal,
    callbackData: string | undefined,
  ): Promise<GraphAnswer> {
    const fetchFn = this.fetchFn;
    const response = await fetchFn(this.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${this.settings.accessToken}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: JSON.stringify({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        ...message,
        // Meta returns it in the message's status webhooks: our id, so a receipt reads it by id.
        ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
      }),
      // The Graph API does not redirect a send; following one would carry the token elsewhere.
      redirect: 'error',
      signal,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json };
  }
}

const MetaSendSuccess = z.object({
  // One message sent, one id: the first element is the one this client cares for.
  messages: z.tuple([z.object({ id: z.string().check(z.minLength(1)) })], z.unknown()),
});

const MetaErrorBody = z.object({
  error: z.object({
    message: z.string(),
    type: z.optional(z.string()),
    code: z.int(),
    error_subcode: z.optional(z.int()),
    error_data: z.optional(z.unknown()),
    fbtrace_id: z.optional(z.string()),
  }),
});

// Codes whose cause another attempt does not remove: the recipient, the request, the token or the
// account must change first.
const PERMANENT_CODES = new Set([
  131047, // re-engagement: more than 24 hours since the customer last wrote
  131026, // message undeliverable
  131030, // recipient not in the allowed list (test numbers)
  131051, // unsupported message type
  100, // invalid parameter
  190, // access token invalid or expired
  10, // permission denied
  131005, // access denied
  133010, // phone number not registered
  131031, // business account locked
]);
// Rate limits and service trouble: another attempt, later or through another vendor, may succeed.
const RETRYABLE_CODES = new Set([
  1, // Graph API: unknown error, possibly temporary
  2, // Graph API: service temporarily unavailable
  4, // application request limit
  17, // user request limit
  613, // calls within the rate limit
  80007, // WhatsApp Business Account rate limit
  130429, // throughput (Cloud API rate limit)
  131048, // spam rate limit
  131056, // pair rate limit (business and recipient)
  131057, // account in maintenance mode
  131000, // something went wrong
  131001,
  131002,
  131016, // service unavailable
  133004, // server temporarily unavailable
]);

const isPermission = (code: number) => code >= 200 && code <= 299;

/**
 * Maps a Graph API answer that is not a success to a result. With Meta's error body
 * `{error: {message, type, code, error_subcode, error_data, fbtrace_id}}`, the code is `code`
 * (`code:subcode` when there is a subcode) and the message Meta's; the listed codes decide whether
 * another attempt may succeed, then the status (401/403 and other 4xx permanent; 429 and 5xx
 * retryable). A body that is not Meta's (a proxy's page, a success without an id) is retryable,
 * except on 401/403.
 */
export function mapMetaError(status: number, body: unknown): SendResult {
  const parsed = MetaErrorBody.safeParse(body);
  if (!parsed.success) {
    if (status === 401 || status === 403) {
      return {
        accepted: false,
        code: `HTTP_${status}`,
        message: `Meta refused the request (HTTP ${status})`,
        retryable: false,
      };
    }
    const success = status >= 200 && status < 300;
    return {
      accepted: false,
      code: success ? 'MALFORMED_RESPONSE' : `HTTP_${status}`,
      message: success
        ? `Meta answered HTTP ${status} without a message id`
        : `Meta answered HTTP ${status} without a Graph API error`,
      retryable: true,
    };
  }
  const { code, error_subcode: subcode, message } = parsed.data.error;
  const retryable = PERMANENT_CODES.has(code)
    ? false
    : RETRYABLE_CODES.has(code) ||
      (!isPermission(code) &&
        status !== 401 &&
        status !== 403 &&
        (status >= 500 || status === 429 || status < 400));
  return {
    accepted: false,
    code: subcode === undefined ? String(code) : `${code}:${subcode}`,
    message,
    retryable,
  };
}

// No HTTP answer: a network failure or the caller's abort (its timeout). Either may pass.
function unanswered(error: unknown, signal: AbortSignal): SendResult {
  if (signal.aborted) {
    return { accepted: false, code: 'ABORTED', message: 'the request to Meta was aborted', retryable: true };
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.message === 'string' && cause.message !== '' ? ` (${cause.message})` : '';
  return {
    accepted: false,
    code: typeof cause?.code === 'string' ? cause.code : 'NETWORK_ERROR',
    message: `could not reach Meta: ${error instanceof Error ? error.message : String(error)}${detail}`,
    retryable: true,
  };
}

/** WhatsApp text messages, and approved templates, through Meta's WhatsApp Cloud API. */
export class MetaWhatsappProvider implements Provider {
  readonly name = 'meta';
  readonly channel = 'whatsapp' as const;

  constructor(private readonly client: MetaWhatsappClient) {}

  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    try {
      // The Cloud API takes the number in international form without the '+'.
      const to = message.recipient.replace(/^\+/, '');
      const answer = message.metaTemplate
        ? await this.client.sendTemplate(to, message.metaTemplate, signal, message.id)
        : await this.client.sendText(to, message.content, signal, message.id);
      const success =
        answer.status >= 200 && answer.status < 300 ? MetaSendSuccess.safeParse(answer.body) : undefined;
      return success?.success
        ? { accepted: true, providerMessageId: success.data.messages[0].id }
        : mapMetaError(answer.status, answer.body);
    } catch (error) {
      return unanswered(error, signal);
    }
  }
}

const REQUIRED = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

/**
 * META_PHONE_NUMBER_ID and META_ACCESS_TOKEN (required), META_API_VERSION (v21.0 by default) and
 * META_GRAPH_BASE (https://graph.facebook.com by default); errors name the variable, never the token.
 */
export const metaSettings = z.pipe(
  z.object({
    META_PHONE_NUMBER_ID: z
      .string(REQUIRED('a phone number ID'))
      .check(z.regex(/^\d{1,32}$/, 'must be the numeric phone number ID of the WhatsApp API setup')),
    META_ACCESS_TOKEN: z
      .string(REQUIRED('an access token'))
      .check(z.regex(/^[\x21-\x7e]+$/, 'must be an access token (printable ASCII, no spaces)')),
    META_API_VERSION: z._default(
      z.string().check(z.regex(/^v\d+\.\d+$/, 'must be a Graph API version such as v21.0')),
      'v21.0',
    ),
    META_GRAPH_BASE: z._default(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      'https://graph.facebook.com',
    ),
  }),
  z.transform(
    (env): MetaSettings => ({
      phoneNumberId: env.META_PHONE_NUMBER_ID,
      accessToken: env.META_ACCESS_TOKEN,
      apiVersion: env.META_API_VERSION,
      graphBase: env.META_GRAPH_BASE.replace(/\/+$/, ''),
    }),
  ),
);

/** The Meta WhatsApp provider as the catalog builds it, over the container's `fetch`. */
export const metaWhatsappProvider = defineProvider({
  name: 'meta',
  channel: 'whatsapp',
  settings: metaSettings,
  create: (settings, deps) => new MetaWhatsappProvider(new MetaWhatsappClient(settings, deps.fetch)),
});
