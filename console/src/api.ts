// The console's one way to the API: the typed client (client/), generated from the OpenAPI
// document, which is generated from the service's zod schemas. This module only adapts its answers
// to the pages: a failed send as an outcome, errors with their field messages.
import {
  type CallerView,
  type ErrorBody,
  type ErrorDetail,
  type KeyView,
  type ListMessagesQuery,
  type MessageEvent,
  type MessageRecord,
  MessagingClient,
  MessagingError,
  type NewKeyRequest,
  type SendMessageRequest,
  type StatsAnswer,
  type StatsQuery,
  type Suppression,
  type SuppressionRequest,
} from '../../client/src/index.js';

export type Channel = MessageRecord['type'];
export type Scope = CallerView['scopes'][number];
export type { CallerView, ErrorDetail, KeyView, MessageEvent, MessageRecord, StatsAnswer, Suppression };
/** The query of `GET /suppressions` as the URL holds it: every value a string. */
export type SuppressionQuery = {
  recipient?: string;
  channel?: string;
  reason?: string;
  cursor?: string;
  limit?: string;
};

/** The query of `GET /messages` as the URL holds it: every value a string. */
export type ListQuery = { [K in keyof ListMessagesQuery]?: string };
export type SendRequest = SendMessageRequest;
export type NewKey = NewKeyRequest;

/** A send's outcome: the record, whether it was accepted (200/202) or failed at the provider (422/502). */
export interface SendOutcome {
  status: number;
  message: MessageRecord;
  error?: ErrorBody['error'];
}

/** A non-2xx answer (the contract's error body), or no answer at all (status 0). */
export class ApiError extends MessagingError {
  /** The message of the first detail naming `field`, if any. */
  fieldError(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

const asApiError = (error: unknown): never => {
  if (error instanceof MessagingError)
    throw new ApiError(error.status, error.code, error.message, error.details, error.requestId, error.body);
  throw error;
};

// What a send answered: 202 for a queued record.
const accepted = (record: MessageRecord): SendOutcome => ({
  status: record.status === 'queued' ? 202 : 200,
  message: record,
});
// 422 and 502 carry the failed record beside the error: an outcome to show, not an error.
const failedOutcome = (error: unknown): SendOutcome => {
  if (
    error instanceof MessagingError &&
    (error.status === 422 || error.status === 502) &&
    error.body?.message
  )
    return { status: error.status, message: error.body.message, error: error.body.error };
  return asApiError(error);
};

/**
 * The API at `baseUrl` ('' for the page's own origin), called with `apiKey` in the `x-api-key`
 * header only (never in a URL), or with no key when authentication is off.
 */
export function createApi(baseUrl: string, apiKey: string | null) {
  const client = new MessagingClient({
    baseUrl: baseUrl || globalThis.location.origin,
    ...(apiKey ? { apiKey } : {}),
    // A person is waiting: one retry at most, soon.
    maxAttempts: 2,
    maxDelayMs: 1_000,
    // No cookie or other ambient credential: the key is the only one.
    fetch: (input, init) => globalThis.fetch(input, { ...init, credentials: 'omit' }),
  });
  return {
    me: () => client.me().catch(asApiError),
    listMessages: (params: ListQuery) => client.listMessages(params as ListMessagesQuery).catch(asApiError),
    getMessage: (id: string) => client.getMessage(id).catch(asApiError),
    listEvents: (id: string) => client.listEvents(id).catch(asApiError),
    getStats: (query: StatsQuery) => client.getStats(query).catch(asApiError),
    /** Queued (202) when `async`; a send the provider failed is answered as an outcome, not thrown. */
    sendMessage: (request: SendRequest, options: { async: boolean }): Promise<SendOutcome> =>
      client.sendMessage(request, { respondAsync: options.async }).then(accepted).catch(failedOutcome),
    /** A new message like a failed one, linked to it; answered like a send. */
    resendMessage: (id: string): Promise<SendOutcome> =>
      client.resendMessage(id).then(accepted).catch(failedOutcome),
    listKeys: () => client.listKeys().catch(asApiError),
    createKey: (request: NewKey) => client.createKey(request).catch(asApiError),
    revokeKey: (id: string) => client.revokeKey(id).catch(asApiError),
    // The page's filters are strings; the service checks them (400 naming the field).
    listSuppressions: (query: SuppressionQuery) =>
      client.listSuppressions(query as Parameters<typeof client.listSuppressions>[0]).catch(asApiError),
    putSuppression: (recipient: string, request: SuppressionRequest) =>
      client.putSuppression(recipient, request).catch(asApiError),
    liftSuppression: (recipient: string) => client.liftSuppression(recipient).catch(asApiError),
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
