import type { MessageRecord } from './message.schema.js';

export interface ErrorDetail {
  field: string;
  message: string;
}

/**
 * The one error type the service throws on purpose. The HTTP layer renders it as the contract's error
 * body; `statusCode` below 500 means its message is safe to show the caller.
 */
export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly details: ErrorDetail[] | undefined;

  constructor(message: string, details?: ErrorDetail[], options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }

  /** Extra members of the error object (beside code, message, details, requestId). */
  errorFields(): Record<string, unknown> {
    return {};
  }

  /** Extra top-level members of the response body. */
  bodyFields(): Record<string, unknown> {
    return {};
  }

  /** Response headers the error calls for (`Allow`, `Retry-After`...). */
  headers(): Record<string, string> | undefined {
    return undefined;
  }
}

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_ERROR';
  constructor(details: ErrorDetail[], message = 'Request body is invalid') {
    super(message, details);
  }
}

export class UnsupportedTypeError extends AppError {
  readonly statusCode = 400;
  readonly code = 'UNSUPPORTED_TYPE';
  constructor(
    details: ErrorDetail[],
    readonly supported: readonly string[],
  ) {
    super(`Message type is not supported; supported types: ${supported.join(', ')}`, details);
  }
  override errorFields() {
    return { supportedTypes: this.supported };
  }
}

export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

/** The provider did not take the message; the record (status `failed`) goes back with the error. */
export class DeliveryFailedError extends AppError {
  readonly statusCode: number;
  readonly code: string;
  constructor(readonly record: MessageRecord) {
    const retryable = record.error?.retryable ?? true;
    super(
      retryable
        ? 'The provider could not take the message now; it is worth retrying'
        : 'The provider rejected the message',
    );
    this.statusCode = retryable ? 502 : 422;
    this.code = retryable ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED';
  }
  override errorFields() {
    return { retryable: this.statusCode === 502 };
  }
  override bodyFields() {
    return { message: this.record };
  }
}

/** The recipient is on the tenant's suppression list for the channel: logged `failed`, no provider called. */
export class RecipientSuppressedError extends AppError {
  readonly statusCode = 422;
  readonly code = 'RECIPIENT_SUPPRESSED';
  constructor(readonly record: MessageRecord) {
    super('The recipient is on the suppression list for this channel; nothing was sent');
  }
  override errorFields() {
    return { retryable: false };
  }
  override bodyFields() {
    return { message: this.record };
  }
}

/** The suppression list could not be read, so nothing was sent (nor logged): the request may be retried. */
export class SuppressionsUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'SUPPRESSIONS_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The suppression list is unavailable; nothing was sent, try again later', undefined, { cause });
  }
  override errorFields() {
    return { retryable: true };
  }
}

/** The log could not be written, so nothing was sent. */
export class LogUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'LOG_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The message log is unavailable; nothing was sent, try again later', undefined, { cause });
  }
}

/** The message was logged but could not be queued; it is marked failed and nothing was sent. */
/** Webhook endpoints are managed where a webhook store is configured (SQLite offline for now). */
export class WebhooksUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'WEBHOOKS_UNAVAILABLE';
  constructor() {
    super('Webhook endpoints are not available on this deployment');
  }
}

export class QueueUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'QUEUE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The delivery queue is unavailable; nothing was sent, try again later', undefined, { cause });
  }
}

/** This deployment keeps no stats counters (a DynamoDB log without STATS_TABLE_NAME). */
export class StatsUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'STATS_UNAVAILABLE';
  constructor() {
    super('Stats are not kept by this deployment');
  }
}

/** A resend of a message that has not failed for good (only `failed` and `undelivered` are resent). */
export class NotResendableError extends AppError {
  readonly statusCode = 409;
  readonly code = 'NOT_RESENDABLE';
  constructor(status: string) {
    super(`Only a failed or undelivered message can be resent; this one is ${status}`);
  }
}

/** No key, a malformed, unknown or revoked key: one answer for all, so none can be told apart. */
export class UnauthorizedError extends AppError {
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
  constructor() {
    super('A valid API key is required in the x-api-key header');
  }
}

/** A valid key without the route's scope. */
export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
  constructor(readonly scope: string) {
    super(`This API key lacks the scope ${scope}`);
  }
  override errorFields() {
    return { requiredScope: this.scope };
  }
}

/** The key's rate limit is spent; `Retry-After` says when the window ends. */
export class ThrottledError extends AppError {
  readonly statusCode = 429;
  readonly code = 'THROTTLED';
  constructor(
    readonly limit: 'perSecond' | 'perDay',
    readonly retryAfterSeconds: number,
  ) {
    super(
      `Rate limit exceeded (${limit === 'perSecond' ? 'requests per second' : 'requests per day'}); retry later`,
    );
  }
  override headers() {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/** A send names a template (or version) the tenant does not have. */
export class TemplateNotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'TEMPLATE_NOT_FOUND';
  constructor(name: string, version?: number) {
    const what = version === undefined ? '' : ` with version ${version}`;
    super(`No template ${JSON.stringify(name)}${what}`, [
      version === undefined
        ? { field: 'template', message: 'is not a template of this tenant' }
        : { field: 'templateVersion', message: `is not a version of ${JSON.stringify(name)}` },
    ]);
  }
}

/** A send names a deleted template: new sends are refused; messages sent before keep their version. */
export class TemplateDeletedError extends AppError {
  readonly statusCode = 410;
  readonly code = 'TEMPLATE_DELETED';
  constructor(name: string) {
    super(`The template ${JSON.stringify(name)} was deleted; it renders no new message`, [
      { field: 'template', message: 'was deleted' },
    ]);
  }
}
