import { AppError } from './errors.js';

/** The key was used before with another request: a new request needs a new key. */
export class IdempotencyConflictError extends AppError {
  readonly statusCode = 409;
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor() {
    super('This Idempotency-Key was already used with another request; use a new key for a new request');
  }
}

/** The first request with this key is still being handled; its answer is not known yet. */
export class IdempotencyInProgressError extends AppError {
  readonly statusCode = 409;
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';
  constructor(readonly retryAfterSeconds: number) {
    super('A request with this Idempotency-Key is still being handled; retry it later');
  }
  override headers() {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/** The key could not be taken or read, so the request was not handled (nothing was sent). */
export class IdempotencyUnavailableError extends AppError {
  readonly statusCode = 503;
  readonly code = 'IDEMPOTENCY_UNAVAILABLE';
  constructor(cause: unknown) {
    super('Idempotency keys are unavailable; nothing was sent, try again later', undefined, { cause });
  }
}
