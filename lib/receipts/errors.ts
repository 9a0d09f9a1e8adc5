import { AppError } from '../domain/errors.js';

/** A callback whose signature is missing or wrong: not from the provider, or altered on the way. */
export class InvalidSignatureError extends AppError {
  readonly statusCode = 403;
  readonly code = 'INVALID_SIGNATURE';
  constructor(message = 'The request signature is missing or invalid') {
    super(message);
  }
}

/**
 * A provider's webhook whose secret is not configured: the route is not enabled, so it answers as an
 * unknown route would rather than as a fault.
 */
export class WebhookNotEnabledError extends AppError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
  constructor(provider: string) {
    super(`The ${provider} webhook is not enabled`);
  }
}

/** A callback in another format than the provider sends. */
export class UnsupportedReceiptMediaTypeError extends AppError {
  readonly statusCode = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  constructor(expected: string) {
    super(`Content-Type must be ${expected}`);
  }
}

/** A webhook verification request (Meta's `hub.verify_token`) that does not carry the configured token. */
export class WebhookVerificationError extends AppError {
  readonly statusCode = 403;
  readonly code = 'VERIFICATION_FAILED';
  constructor() {
    super('The webhook verification request is not a subscription with the configured verify token');
  }
}
