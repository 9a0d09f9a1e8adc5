import type { components, operations } from './schema.js';

type Schemas = components['schemas'];

export type SendMessageRequest = Schemas['SendMessageRequest'];
export type SendBatchRequest = Schemas['SendBatchRequest'];
export type BatchAnswer = Schemas['BatchAnswer'];
export type MessageRecord = Schemas['MessageRecord'];
export type MessagePage = Schemas['MessagePage'];
export type MessageEvents = Schemas['MessageEvents'];
export type MessageEvent = MessageEvents['items'][number];
export type NewKeyRequest = Schemas['NewKeyRequest'];
export type NewKeyAnswer = Schemas['NewKeyAnswer'];
export type KeyView = Schemas['KeyView'];
export type CallerView = Schemas['CallerView'];
export type TemplateRequest = Schemas['TemplateRequest'];
export type TemplateRecord = Schemas['TemplateRecord'];
export type TemplatePage = Schemas['TemplatePage'];
export type ListTemplatesQuery = NonNullable<operations['listTemplates']['parameters']['query']>;
export type ErrorBody = Schemas['ErrorBody'];
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];
export type StatsQuery = operations['getStats']['parameters']['query'];
export type StatsAnswer = Schemas['StatsAnswer'];
export type StatsCount = StatsAnswer['items'][number];
export type Suppression = Schemas['Suppression'];
/** `reason` has a default (`manual`), which the generated type shows as required. */
export type SuppressionRequest = Partial<Schemas['SuppressionRequest']>;
export type SuppressionPage = Schemas['SuppressionPage'];
export type SuppressionLifted = Schemas['SuppressionLifted'];
export type ListSuppressionsQuery = NonNullable<operations['listSuppressions']['parameters']['query']>;
/** The documented filters, and one `metadata.<key>` filter (which OpenAPI cannot name). */
export type ListMessagesQuery = NonNullable<operations['listMessages']['parameters']['query']> & {
  [metadataKey: `metadata.${string}`]: string;
};
export type { components, operations, paths } from './schema.js';

export interface ClientOptions {
  /** The service's base URL, e.g. `http://127.0.0.1:5000` or the stack's `ApiUrl`. */
  baseUrl: string;
  /** The API key (`msk_...`), sent as `x-api-key`. */
  apiKey?: string;
  /** Milliseconds one attempt may take before it is aborted (and retried); default 30,000. */
  timeoutMs?: number;
  /** Attempts per call, the first included; default 4. */
  maxAttempts?: number;
  /** First retry's delay in milliseconds, doubled per retry, capped at `maxDelayMs`; default 200. */
  baseDelayMs?: number;
  /** Longest wait between attempts in milliseconds (a longer `Retry-After` is honoured); default 5,000. */
  maxDelayMs?: number;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
}

export interface SendOptions {
  /** Default: a new random UUID per call, kept across its retries so the message is sent once. */
  idempotencyKey?: string;
  /** Queue the message and answer at once (202, status `queued`). */
  respondAsync?: boolean;
}

/** An answer of the service other than a success: its status and the error body's fields. */
export class MessagingError extends Error {
  override readonly name = 'MessagingError';
  constructor(
    readonly status: number,
    /** The error's code (`VALIDATION_ERROR`, `THROTTLED`, ...), or `NETWORK_ERROR` / `TIMEOUT`. */
    readonly code: string,
    message: string,
    /** Each failing field and why, for a 400. */
    readonly details: ErrorDetail[] = [],
    /** The request id to quote when reporting it; undefined where the service did not answer. */
    readonly requestId: string | undefined = undefined,
    /** The whole error body, where there is one (a failed send's carries the `failed` record). */
    readonly body: ErrorBody | undefined = undefined,
  ) {
    super(message);
  }
}

// 429 (after Retry-After), 502 (the provider may take it now), 503 (the log or queue is back):
// worth retrying. Any other 4xx means the request itself is wrong and would fail again.
const RETRYABLE = new Set([429, 502, 503]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client of the messaging service's API. */
export class MessagingClient {
  private readonly options: Required<Omit<ClientOptions, 'apiKey'>> & { apiKey: string | undefined };

  constructor(options: ClientOptions) {
    this.options = {
      timeoutMs: 30_000,
      maxAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 5_000,
      fetch: globalThis.fetch.bind(globalThis),
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      apiKey: options.apiKey,
    };
  }

  /** Sends a message; safe to retry (one Idempotency-Key for all of its attempts). */
  sendMessage(message: SendMessageRequest, options: SendOptions = {}): Promise<MessageRecord> {
    return this.call('POST', '/sendMessage', { body: message, headers: sendHeaders(options) });
  }

  /**
   * Sends a failed or undelivered message again, as a new message linked to it (`resendOf`); the key
   * needs `messages:send` and `messages:read`. Safe to retry like a send: one Idempotency-Key for all
   * of its attempts, so a resend whose answer was lost is sent once.
   */
  resendMessage(id: string, options: SendOptions = {}): Promise<MessageRecord> {
    return this.call('POST', `/messages/${encodeURIComponent(id)}/resend`, { headers: sendHeaders(options) });
  }

  /**
   * Up to 100 messages in one call, each queued (or scheduled); one result per message, in order.
   * Safe to retry, as sendMessage: one Idempotency-Key covers the whole batch.
   */
  sendBatch(
    messages: SendMessageRequest[],
    options: Pick<SendOptions, 'idempotencyKey'> = {},
  ): Promise<BatchAnswer> {
    const headers = { 'idempotency-key': options.idempotencyKey ?? globalThis.crypto.randomUUID() };
    return this.call('POST', '/messages/batch', { body: { messages }, headers });
  }

  /** Cancels a scheduled or queued message (409 `NOT_CANCELABLE` once a worker has it). */
  cancelMessage(id: string): Promise<MessageRecord> {
    return this.call('DELETE', `/messages/${encodeURIComponent(id)}`);
  }

  getMessage(id: string): Promise<MessageRecord> {
    return this.call('GET', `/messages/${encodeURIComponent(id)}`);
  }

  /** One page of messages, newest first; pass `nextCursor` back as `cursor` for the next. */
  listMessages(query: ListMessagesQuery = {}): Promise<MessagePage> {
    return this.call('GET', `/messages${searchOf(query)}`);
  }

  /** Every message the query matches, page after page. */
  async *allMessages(query: Omit<ListMessagesQuery, 'cursor'> = {}): AsyncGenerator<MessageRecord> {
    let cursor: string | undefined;
    do {
      const page = await this.listMessages({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** The statuses a message took, oldest first. */
  async listEvents(id: string): Promise<MessageEvent[]> {
    const answer: MessageEvents = await this.call('GET', `/messages/${encodeURIComponent(id)}/events`);
    return answer.items;
  }

  /** Message counts per hour or day, channel and status, over `from` to `to` (GET /stats). */
  getStats(query: StatsQuery): Promise<StatsAnswer> {
    return this.call('GET', `/stats${searchOf(query)}`);
  }

  /** Creates a key of the caller's tenant; `apiKey` is the key itself, shown this once only. */
  createKey(request: NewKeyRequest): Promise<NewKeyAnswer> {
    return this.call('POST', '/keys', { body: request });
  }

  async listKeys(): Promise<KeyView[]> {
    return (await this.call<{ items: KeyView[] }>('GET', '/keys')).items;
  }

  revokeKey(id: string): Promise<KeyView> {
    return this.call('DELETE', `/keys/${encodeURIComponent(id)}`);
  }

  /** One page of the tenant's suppression list, newest first; pass `nextCursor` back as `cursor`. */
  listSuppressions(query: ListSuppressionsQuery = {}): Promise<SuppressionPage> {
    return this.call('GET', `/suppressions${searchOf(query)}`);
  }

  /** Suppresses a recipient (an email address or E.164 number) on some channels (default: all of its kind). */
  putSuppression(recipient: string, request: SuppressionRequest = {}): Promise<Suppression> {
    return this.call('PUT', `/suppressions/${encodeURIComponent(recipient)}`, { body: request });
  }

  /** Lifts a recipient's suppression, on one channel only if given; `remaining` is what is left. */
  liftSuppression(
    recipient: string,
    options: { channel?: Suppression['channels'][number] } = {},
  ): Promise<SuppressionLifted> {
    return this.call('DELETE', `/suppressions/${encodeURIComponent(recipient)}${searchOf(options)}`);
  }

  /** Stores a new version of a template of the caller's tenant (1 for a new name). */
  putTemplate(name: string, template: TemplateRequest): Promise<TemplateRecord> {
    return this.call('PUT', `/templates/${encodeURIComponent(name)}`, { body: template });
  }

  /** A template's latest version, or `version`. */
  getTemplate(name: string, version?: number): Promise<TemplateRecord> {
    const query = version === undefined ? '' : `?version=${version}`;
    return this.call('GET', `/templates/${encodeURIComponent(name)}${query}`);
  }

  /** One page of the tenant's live templates, by name; pass `nextCursor` back as `cursor`. */
  listTemplates(query: ListTemplatesQuery = {}): Promise<TemplatePage> {
    return this.call('GET', `/templates${searchOf(query)}`);
  }

  /** Deletes a template: sends naming it are refused from then on (410 `TEMPLATE_DELETED`). */
  deleteTemplate(name: string): Promise<TemplateRecord> {
    return this.call('DELETE', `/templates/${encodeURIComponent(name)}`);
  }

  /** The caller's own key: its tenant, scopes and limits (any valid key may ask). */
  me(): Promise<CallerView> {
    return this.call('GET', '/me');
  }

  private async call<T>(
    method: string,
    path: string,
    request: { body?: unknown; headers?: Record<string, string>; retryOn?: readonly number[] } = {},
  ): Promise<T> {
    const retryable = new Set(request.retryOn ?? RETRYABLE);
    // Without a retry on 502/503, nothing after a request left is retried (a network error either).
    const retryNetwork = request.retryOn === undefined;
    const { baseUrl, apiKey, maxAttempts } = this.options;
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    if (apiKey) headers['x-api-key'] = apiKey;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let attempt = 1; ; attempt++) {
      let error: MessagingError;
      let retryAfterMs: number | undefined;
      try {
        const response = await this.options.fetch(`${baseUrl}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        if (response.ok) return (await response.json()) as T;
        error = await errorOf(response);
        if (!retryable.has(response.status)) throw error;
        retryAfterMs = retryAfterOf(response.headers.get('retry-after'));
      } catch (thrown) {
        if (thrown instanceof MessagingError && !retryable.has(thrown.status)) throw thrown;
        error = thrown instanceof MessagingError ? thrown : networkError(thrown);
        if (!(thrown instanceof MessagingError) && !retryNetwork) throw error;
      }
      if (attempt >= maxAttempts) throw error;
      await sleep(retryAfterMs ?? this.backoff(attempt));
    }
  }

  // Capped exponential backoff with full jitter: between 0 and base × 2^(attempt-1), at most maxDelayMs.
  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  }
}

/** `?name=value&...` of the defined values, or nothing. */
function searchOf(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

// The headers of a call that sends: its Idempotency-Key, kept across the call's retries.
function sendHeaders(options: SendOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'idempotency-key': options.idempotencyKey ?? globalThis.crypto.randomUUID(),
  };
  if (options.respondAsync) headers.prefer = 'respond-async';
  return headers;
}

async function errorOf(response: Response): Promise<MessagingError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  return new MessagingError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? `The service answered ${response.status}`,
    error?.details ?? [],
    error?.requestId ?? requestId,
    body,
  );
}

function networkError(thrown: unknown): MessagingError {
  const timeout = thrown instanceof Error && thrown.name === 'TimeoutError';
  return new MessagingError(
    0,
    timeout ? 'TIMEOUT' : 'NETWORK_ERROR',
    thrown instanceof Error ? thrown.message : String(thrown),
  );
}

/** `Retry-After` in milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
function retryAfterOf(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export { verifyWebhook, type WebhookEvent, WebhookVerificationError } from './webhooks.js';
