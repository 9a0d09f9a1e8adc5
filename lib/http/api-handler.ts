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

// Each invocation in flight, by its event (middy hands its steps the event, not the route's
// arguments): begun by the handler itself, given its logger by the first step that has the
// container, its caller by the auth step; dropped when the invocation ends.
interface InFlight {
  requestId: string;
  caller?: Principal;
  logger?: Logger;
}
const inFlight = new WeakMap<APIGatewayProxyEvent, InFlight>();

function inFlightOf(event: APIGatewayProxyEvent): InFlight {
  const entry = inFlight.get(event);
  if (!entry) throw new Error('an event outside its invocation'); // the handler always sets it
  return entry;
}

const loggerOf = (entry: InFlight, logger: Logger): Logger =>
  (entry.logger ??= logger.child({ requestId: entry.requestId }));

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
      const entry = inFlightOf(request.event);
      entry.caller = await authorize(request.event, d as AuthDeps, scope, loggerOf(entry, d.logger));
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
      const entry = inFlightOf(request.event);
      const { requestId } = entry;
      request.response = toProxyResult(
        errorResponse(request.error, requestId, loggerOf(entry, logger)),
        requestId,
      );
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
    const entry = inFlightOf(event);
    // A scoped route runs only for the caller its auth step recorded, never as the anonymous one.
    if (scope && !entry.caller) throw new Error(`route needing ${scope} reached without its caller`);
    const { requestId } = entry;
    const invocation = {
      context,
      caller: entry.caller ?? ANONYMOUS,
      requestId,
      logger: loggerOf(entry, d.logger),
    };
    return toProxyResult(await route(event, d, invocation), requestId);
  });
  return async (event, context) => {
    // An event object already in flight (one caller invoking twice with it) gets a copy of its own.
    const own = inFlight.has(event) ? { ...event } : event;
    inFlight.set(own, { requestId: requestIdOf(own, context) });
    try {
      return await wrapped(own, context);
    } finally {
      inFlight.delete(own);
    }
  };
}
