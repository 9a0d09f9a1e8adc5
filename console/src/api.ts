// The console's one way to the API: every call goes through `createApi`. The typed client of the
// OpenAPI issue (client/) replaces this module; the types come from the service's own schemas, so
// that the console and the API cannot disagree on a record's shape.
import type { CallerView, KeyView, Scope } from '../../lib/domain/api-key.js';
import type { ErrorDetail } from '../../lib/domain/errors.js';
import type {
  Channel,
  ListMessagesQuery,
  MessageEvent,
  MessageRecord,
} from '../../lib/domain/message.schema.js';
import type { NewKeyRequest } from '../../lib/services/manage-keys.js';
import type { input } from '../../lib/zod.js';

export type { CallerView, Channel, ErrorDetail, KeyView, MessageEvent, MessageRecord, Scope };

/** The query of `GET /messages` as sent: every value a string, as in the URL. */
export type ListQuery = { [K in keyof input<typeof ListMessagesQuery>]?: string };

export interface MessagePage {
  items: MessageRecord[];
  nextCursor: string | null;
}

export interface SendRequest {
  type: Channel;
  recipient: string;
  content: string;
  subject?: string;
}

/** A send's outcome: the record, whether it was accepted (200/202) or failed at the provider (422/502). */
export interface SendOutcome {
  status: number;
  message: MessageRecord;
  error?: ApiErrorBody['error'];
}

export type NewKey = Omit<NewKeyRequest, 'tenant'>;

interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: ErrorDetail[];
    requestId?: string;
    requiredScope?: string;
    retryable?: boolean;
  };
  message?: MessageRecord;
}

/** A non-2xx answer: the contract's error body, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly requestId?: string,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
  }

  /** The message of the first detail naming `field`, if any. */
  fieldError(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

// 422 and 502 carry the failed record beside the error.
function outcomeOf(status: number, body: MessageRecord | ApiErrorBody): SendOutcome {
  if (status === 422 || status === 502) {
    const failed = body as ApiErrorBody;
    if (failed.message) return { status, message: failed.message, error: failed.error };
  }
  return { status, message: body as MessageRecord };
}

/**
 * The API at `baseUrl` ('' for the page's own origin), called with `apiKey` in the `x-api-key`
 * header only (never in a URL), or with no key when authentication is off.
 */
export function createApi(baseUrl: string, apiKey: string | null) {
  async function call<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; accept?: number[] } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (apiKey) headers['x-api-key'] = apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'omit',
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The service could not be reached');
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok || options.accept?.includes(response.status))
      return { status: response.status, body: body as T };
    const error = (body as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `The service answered ${response.status}`,
      error?.details ?? [],
      error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
      body as ApiErrorBody | undefined,
    );
  }

  return {
    me: async () => (await call<CallerView>('GET', '/me')).body,
    listMessages: async (params: ListQuery) =>
      (await call<MessagePage>('GET', `/messages${query(params)}`)).body,
    getMessage: async (id: string) =>
      (await call<MessageRecord>('GET', `/messages/${encodeURIComponent(id)}`)).body,
    listEvents: async (id: string) =>
      (
        await call<{ messageId: string; items: MessageEvent[] }>(
          'GET',
          `/messages/${encodeURIComponent(id)}/events`,
        )
      ).body.items,
    /** 422 and 502 carry the failed record: answered as an outcome, not thrown. */
    async sendMessage(request: SendRequest, options: { async: boolean }): Promise<SendOutcome> {
      const { status, body } = await call<MessageRecord | ApiErrorBody>('POST', '/sendMessage', {
        body: request,
        headers: options.async ? { prefer: 'respond-async' } : {},
        accept: [422, 502],
      });
      return outcomeOf(status, body);
    },
    /** A new message like a failed one, linked to it; answered like a send. */
    async resendMessage(id: string): Promise<SendOutcome> {
      const { status, body } = await call<MessageRecord | ApiErrorBody>(
        'POST',
        `/messages/${encodeURIComponent(id)}/resend`,
        { accept: [422, 502] },
      );
      return outcomeOf(status, body);
    },
    listKeys: async () => (await call<{ items: KeyView[] }>('GET', '/keys')).body.items,
    createKey: async (request: NewKey) =>
      (await call<{ apiKey: string; key: KeyView }>('POST', '/keys', { body: request })).body,
    revokeKey: async (id: string) => (await call<KeyView>('DELETE', `/keys/${encodeURIComponent(id)}`)).body,
  };
}

export type Api = ReturnType<typeof createApi>;

/** Where the API is: `config.json` beside the page names it when the page is hosted apart (AWS). */
export async function apiBaseUrl(): Promise<string> {
  try {
    const response = await fetch('config.json', { credentials: 'omit' });
    if (!response.ok) return '';
    const config = (await response.json()) as { apiUrl?: unknown };
    return typeof config.apiUrl === 'string' ? config.apiUrl.replace(/\/+$/, '') : '';
  } catch {
    return '';
  }
}
