import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal, Scope } from '../domain/api-key.js';
import { createLogger, type Logger } from '../logger.js';
import { ANONYMOUS, type AuthDeps, authorize } from './authorize.js';
import { InvalidJsonError } from './errors.js';
import { bodyLimit } from './middlewares/body-limit.js';
import { jsonDepthLimit } from './middlewares/json-depth.js';
import { jsonRequest } from './middlewares/json-request.js';
import { type ApiResponse, errorResponse, toProxyResult } from './response.js';

const fallbackLogger = createLogger();

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** What a route knows of its invocation besides the event. */
export interface Invocation {
  context: Context;
  /** The key's principal; the anonymous default tenant where the route needs no scope or auth is off. */
  caller: Principal;
  requestId: string;
  /** The container's logger, its lines carrying the request id: pass it to what the route calls. */
  logger: Logger;
}

/** The route itself: takes the (parsed) event, returns a response or throws an AppError. */
export type Route<D> = (event: APIGatewayProxyEvent, deps: D, invocation: Invocation) => Promise<ApiResponse>;

// Each event in flight's invocation, begun by whichever step first needs it (middy's request
// object is not the route's); dropped when the invocation ends.
const invocations = new WeakMap<APIGatewayProxyEvent, Invocation>();

function invocationOf(event: APIGatewayProxyEvent, context: Context, logger: Logger): Invocation {
  let invocation = invocations.get(event);
  if (!invocation) {
    const requestId = requestIdOf(event, context);
    invocation = { context, caller: ANONYMOUS, requestId, logger: logger.child({ requestId }) };
    invocations.set(event, invocation);
  }
  return invocation;
}

// API Gateway's request id where there is one; the local server puts its own there too.
const requestIdOf = (event: APIGatewayProxyEvent, context: Context): string =>
  event.requestContext?.requestId || context?.awsRequestId || randomUUID();

/**
 * Wraps a route in the service's HTTP middlewares: the request's logger, the contract's error body,
 * and, for routes with a JSON body, the size limit, the content type and the parser.
 * `deps` is called per invocation so that the container is built on first use, not on import.
 */
export function apiHandler<D extends { logger: Logger } & Partial<AuthDeps>>(
  deps: () => D | Promise<D>,
  /** `scope`: the route needs a key with it (checked, and rate limited, before the body is read). */
  options: { jsonBody: boolean; scope?: Scope },
  route: Route<D>,
): ApiHandler {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>();
  const { scope } = options;
  if (scope) {
    handler.before(async (request) => {
      const d = await deps();
      if (!d.auth || !d.authenticate || !d.rateLimiter || !d.clock) throw new Error('route needs auth deps');
      const invocation = invocationOf(request.event, request.context, d.logger);
      invocation.caller = await authorize(request.event, d as AuthDeps, scope, invocation.logger);
    });
  }
  handler.use({
    onError: async (request) => {
      // Even when the container itself failed to start (bad configuration), answer and log the fault.
      const logger = await Promise.resolve()
        .then(deps)
        .then(
          (d) => d.logger,
          () => fallbackLogger,
        );
      const { requestId, logger: requestLogger } = invocationOf(request.event, request.context, logger);
      request.response = toProxyResult(errorResponse(request.error, requestId, requestLogger), requestId);
    },
  });
  if (options.jsonBody) {
    handler
      .use(bodyLimit())
      .use(jsonRequest())
      .use({
        // jsonRequest already passed, so whatever the parser throws is about the JSON itself.
        onError: (request) => {
          if (
            (request.error?.cause as { package?: string } | undefined)?.package ===
            '@middy/http-json-body-parser'
          ) {
            request.error = new InvalidJsonError(request.error);
          }
        },
      });
    handler.use(httpJsonBodyParser()).use(jsonDepthLimit());
  }
  const wrapped = handler.handler(async (event, context) => {
    const d = await deps();
    const invocation = invocationOf(event, context, d.logger);
    return toProxyResult(await route(event, d, invocation), invocation.requestId);
  });
  return async (event, context) => {
    try {
      return await wrapped(event, context);
    } finally {
      invocations.delete(event);
    }
  };
}
