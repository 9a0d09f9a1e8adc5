import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal, Scope } from '../domain/api-key.js';
import { createLogger, type Logger, runWithRequestId } from '../logger.js';
import { ANONYMOUS, type AuthDeps, authorize } from './authorize.js';
import { InvalidJsonError } from './errors.js';
import { bodyLimit } from './middlewares/body-limit.js';
import { jsonDepthLimit } from './middlewares/json-depth.js';
import { jsonRequest } from './middlewares/json-request.js';
import { type ApiResponse, errorResponse, toProxyResult } from './response.js';

const fallbackLogger = createLogger();

// The caller of each event in flight, set by the auth step (middy's request is not the route's).
const principals = new WeakMap<APIGatewayProxyEvent, Principal>();

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** The route itself: takes the (parsed) event and its caller, returns a response or throws an AppError. */
export type Route<D> = (
  event: APIGatewayProxyEvent,
  deps: D,
  context: Context,
  principal: Principal,
) => Promise<ApiResponse>;

// API Gateway's request id where there is one; the local server puts its own there too.
const requestIdOf = (event: APIGatewayProxyEvent, context: Context): string =>
  event.requestContext?.requestId || context?.awsRequestId || randomUUID();

/**
 * Wraps a route in the service's HTTP middlewares: request id scope, the contract's error body,
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
      principals.set(request.event, await authorize(request.event, d as AuthDeps, scope));
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
      const requestId = requestIdOf(request.event, request.context);
      request.response = toProxyResult(errorResponse(request.error, requestId, logger), requestId);
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
  const wrapped = handler.handler(async (event, context) =>
    toProxyResult(
      await route(event, await deps(), context, principals.get(event) ?? ANONYMOUS),
      requestIdOf(event, context),
    ),
  );
  return (event, context) => runWithRequestId(requestIdOf(event, context), () => wrapped(event, context));
}
