import { AppError } from '../domain/errors.js';

// Errors of the HTTP envelope, as opposed to the domain's.

export class InvalidJsonError extends AppError {
  readonly statusCode = 400;
  readonly code = 'INVALID_JSON';
  constructor(cause?: unknown) {
    super('Request body is not valid JSON (an empty body is not JSON either)', undefined, { cause });
  }
}

export class PayloadTooLargeError extends AppError {
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
  constructor(limitBytes: number) {
    super(`Request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly statusCode = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  constructor() {
    super('Content-Type must be application/json');
  }
}

export class RouteNotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
  constructor(method: string, path: string) {
    super(`No route for ${method} ${path}`);
  }
}

export class MethodNotAllowedError extends AppError {
  readonly statusCode = 405;
  readonly code = 'METHOD_NOT_ALLOWED';
  constructor(
    method: string,
    readonly allow: readonly string[],
  ) {
    super(`Method ${method} is not allowed here; allowed: ${allow.join(', ')}`);
  }
  override headers() {
    return { allow: this.allow.join(', ') };
  }
}
