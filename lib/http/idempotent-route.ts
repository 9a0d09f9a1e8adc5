import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AppError, ValidationError } from '../domain/errors.js';
import { IdempotencyInProgressError } from '../domain/idempotency-errors.js';
import type { Logger } from '../logger.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import {
  hashRequest,
  IDEMPOTENCY_HEADER,
  type IdempotencyOptions,
  parseIdempotencyKey,
  runIdempotent,
} from '../services/idempotency.js';
import { header, headerValues } from './headers.js';
import { type ApiResponse, errorResponse } from './response.js';

export interface IdempotencyDeps {
  idempotency: IdempotencyStore;
  /** The request's: a kept error body names the first request's id, and lines carry it. */
  requestId: string;
  logger: Logger;
}

export type IdempotentRouteOptions = Partial<Omit<IdempotencyOptions, 'key' | 'requestHash' | 'logger'>>;

/** The scope when the route gives none; routes pass the caller's tenant. */
export const DEFAULT_SCOPE = 'default';

/** One header's value; a header sent twice is refused (which one would count?). */
function headerValue(event: APIGatewayProxyEvent, name: string): string | undefined {
  if (headerValues(event, name).length > 1) {
    throw new ValidationError([{ field: name, message: 'must be given once' }], `${name} header is invalid`);
  }
  return header(event, name);
}

/**
 * Makes a route safe to retry with an `Idempotency-Key` header (without one, `run` simply runs):
 * the same key with the same request answers the first answer again, status, headers and body
 * (with `Idempotent-Replayed: true`), without running `run` again. An AppError thrown by `run` is
 * rendered here, so that its answer (422, 502...) can be kept; anything else passes through to the
 * API handler as before, and releases the key. Call it inside `apiHandler`'s route, after the body
 * is parsed: the request's hash covers the method, the resource and the parsed body.
 */
export async function idempotent(
  event: APIGatewayProxyEvent,
  deps: IdempotencyDeps,
  run: () => Promise<ApiResponse>,
  options: IdempotentRouteOptions = {},
): Promise<ApiResponse> {
  const key = parseIdempotencyKey(headerValue(event, IDEMPOTENCY_HEADER));
  if (key === undefined) return run();
  const { requestId } = deps;
  try {
    const { response, replayed } = await runIdempotent(
      deps.idempotency,
      {
        scope: DEFAULT_SCOPE,
        ...options,
        key,
        requestHash: hashRequest({ method: event.httpMethod, resource: event.resource, body: event.body }),
        logger: deps.logger,
      },
      async () => {
        try {
          return await run();
        } catch (error) {
          if (error instanceof AppError) return errorResponse(error, requestId, deps.logger);
          throw error;
        }
      },
    );
    return replayed
      ? { ...response, headers: { ...response.headers, 'idempotent-replayed': 'true' } }
      : response;
  } catch (error) {
    if (!(error instanceof IdempotencyInProgressError)) throw error;
    const response = errorResponse(error, requestId, deps.logger);
    return { ...response, headers: { ...response.headers, 'retry-after': String(error.retryAfterSeconds) } };
  }
}
