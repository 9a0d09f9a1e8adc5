import type { APIGatewayProxyResult } from 'aws-lambda';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../logger.js';

/** What a route answers before serialization; a route's own answers are typed by `RouteAnswer`. */
export interface ApiResponse {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set for a body that is not JSON (a webhook's challenge): `body` is then sent as is, a string. */
  contentType?: string;
}

/** A 200 with a JSON body; the route's answer type (`RouteAnswer`) says which body. */
export const ok = <B>(body: B) => ({ statusCode: 200 as const, body });

/** A 200 with a plain-text body. */
export const text = (body: string) => ({
  statusCode: 200 as const,
  body,
  contentType: 'text/plain; charset=utf-8',
});

export function toProxyResult(response: ApiResponse, requestId: string): APIGatewayProxyResult {
  return {
    statusCode: response.statusCode,
    headers: {
      'content-type': response.contentType ?? 'application/json; charset=utf-8',
      'x-request-id': requestId,
      ...response.headers,
    },
    body: response.contentType === undefined ? JSON.stringify(response.body) : String(response.body),
  };
}

/**
 * The contract's error body for any thrown value. Only AppErrors below 500 show their message;
 * anything else is logged in full and answered as a bare 500 with the request id.
 */
export function errorResponse(error: unknown, requestId: string, logger: Logger): ApiResponse {
  if (!(error instanceof AppError)) {
    logger.error('unhandled error', { error });
    return {
      statusCode: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: 'Internal error; quote the requestId when reporting it',
          requestId,
        },
      },
    };
  }
  if (error.statusCode >= 500) logger.error('request failed', { code: error.code, error });
  else logger.info('request refused', { code: error.code, status: error.statusCode, details: error.details });
  return {
    statusCode: error.statusCode,
    headers: error.headers(),
    body: {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...error.errorFields(),
        requestId,
      },
      ...error.bodyFields(),
    },
  };
}
