import { randomUUID } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '../domain/api-key.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import { ANONYMOUS } from './authorize.js';
import { type AuthorizationDeps, authorizeCaller } from './middlewares/authorization.js';
import { bodyLimit } from './middlewares/body-limit.js';
import { errorAnswer } from './middlewares/error-answer.js';
import { jsonDepthLimit } from './middlewares/json-depth.js';
import { jsonRequest } from './middlewares/json-request.js';
import type { ApiResponse } from './response.js';
import { toProxyResult } from './response.js';
import type { RouteAnswer } from './route-answers.js';
import {
  type ApiFunctionName,
  type BodyKind,
  type RouteKeyOf,
  type RouteScope,
  routeKey,
  routesOf,
} from './route-table.js';

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** What a route knows of its invocation besides the event. */
export interface Invocation {
  context: Context;
  /** The key's principal; the anonymous default tenant where the route needs no scope or auth is off. */
  caller: Principal;
  requestId: string;
  /** The function's logger, its lines carrying the request id: pass it to what the route calls. */
  logger: Logger;
}

/** The per-invocation state the middlewares share, kept on the invocation's own context object. */
export interface InvocationState {
  requestId: string;
  /** Set by the first middleware once the function's dependencies are built. */
  logger?: Logger;
  /** Set by the authorization middleware. */
  caller?: Principal;
  /** The function's metrics, flushed once the invocation has its answer. */
  metrics?: Metrics;
}
export type ApiContext = Context & { invocation: InvocationState };
export type ApiMiddleware = MiddlewareObj<APIGatewayProxyEvent, ApiResponse, Error, ApiContext>;

/** The route itself: takes the (parsed) event, returns a response or throws an AppError. */
export type Route<D, A extends ApiResponse = ApiResponse> = (
  event: APIGatewayProxyEvent,
  deps: D,
  invocation: Invocation,
) => Promise<A>;

/** A route of function F's handlers: its answer is typed from its response schemas (route-answers.ts). */
type RouteHandlers<F extends ApiFunctionName, D> = {
  [K in RouteKeyOf<F>]:
    | Route<D, RouteAnswer<K>>
    | { route: Route<D, RouteAnswer<K>>; use: RouteOptions<D>['use'] };
};

export type Deps<D> = () => D | Promise<D>;

/** What every route's function provides; a scoped route's, the authorization's too. */
export interface RouteDeps {
  logger: Logger;
  /** What the route's services and middlewares count; nothing is counted without it. */
  metrics?: Metrics;
  /** The one browser origin (the hosted console) allowed to read the answers; none if unset. */
  corsOrigin?: string | null;
}

// What a browser page of the allowed origin may read besides the body.
const EXPOSED_HEADERS = 'x-request-id, location, retry-after, preference-applied, idempotent-replayed';

/** The CORS headers of an answer, for the configured origin only (never `*`: the API takes keys). */
async function corsHeaders(deps: Deps<RouteDeps>): Promise<Record<string, string>> {
  // Dependencies that failed to build have been answered 500 already; that answer goes without them.
  const origin = await Promise.resolve()
    .then(deps)
    .then(
      (d) => d.corsOrigin,
      () => null,
    );
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

export interface RouteOptions<D> {
  /** The route needs a key with this scope, or any key (checked, and rate limited, before the body is read). */
  scope: RouteScope;
  body: BodyKind;
  /** Middlewares of this route, run after the body is parsed (idempotency). */
  use?: (deps: Deps<D>) => ApiMiddleware[];
}

// API Gateway's request id where there is one; the local server puts its own there too.
const requestIdOf = (event: APIGatewayProxyEvent, context: Context | undefined): string =>
  event.requestContext?.requestId || context?.awsRequestId || randomUUID();

/**
 * The invocation's first middleware: its logger, from the function's, carrying the request id, and
 * its metrics; then, for a scoped route, its caller (one middleware rather than two).
 */
const invocationStart = <D extends RouteDeps & Partial<AuthorizationDeps>>(
  deps: Deps<D>,
  scope: RouteScope,
): ApiMiddleware => ({
  before: async ({ event, context }) => {
    const d = await deps();
    const { invocation } = context;
    invocation.logger = d.logger.child({ requestId: invocation.requestId });
    invocation.metrics = d.metrics;
    if (scope)
      invocation.caller = await authorizeCaller(event, d as D & AuthorizationDeps, scope, invocation.logger);
  },
});

/**
 * One route as a middy handler: the request's logger, the key's scope and limits, the JSON body's
 * limits and parser, the route's own middlewares, and errors answered with the contract's body in
 * one place (`errorAnswer`). `deps` is called per invocation, so that dependencies are built on
 * first use, not on import.
 */
export function apiHandler<D extends RouteDeps & Partial<AuthorizationDeps>>(
  deps: Deps<D>,
  options: RouteOptions<D>,
  route: Route<D>,
): ApiHandler {
  const { scope } = options;
  const handler = middy<APIGatewayProxyEvent, ApiResponse, Error, ApiContext>().use(
    invocationStart(deps, scope),
  );
  if (options.body === 'json') {
    handler.use(bodyLimit()).use(jsonRequest()).use(httpJsonBodyParser()).use(jsonDepthLimit());
  }
  for (const middleware of options.use?.(deps) ?? []) handler.use(middleware);
  // Used last, so that its onError runs first: a parser's error is named, then answered, and only
  // then do the route's middlewares see the answer (idempotency keeps it).
  handler.use(errorAnswer(deps));
  const wrapped = handler.handler(async (event, context) => {
    const { invocation } = context;
    // A scoped route runs only for the caller its authorization recorded, never as the anonymous one.
    if (scope && !invocation.caller) throw new Error(`route needing ${scope} reached without its caller`);
    const d = await deps();
    return route(event, d, {
      context,
      caller: invocation.caller ?? ANONYMOUS,
      requestId: invocation.requestId,
      logger: invocation.logger ?? d.logger,
    });
  });
  return async (event, context) => {
    const requestId = requestIdOf(event, context);
    // The invocation's own event and context: the middlewares write to both, and one caller may
    // invoke twice at once with the same objects.
    const own = Object.assign(Object.create(context ?? null) as Context, {
      invocation: { requestId },
    }) as ApiContext;
    try {
      const result = toProxyResult(await wrapped({ ...event }, own), requestId);
      result.headers = { ...result.headers, ...(await corsHeaders(deps)) };
      return result;
    } finally {
      // Here rather than in a middleware's `after`: an early answer (an idempotent replay) skips those.
      own.invocation.metrics?.flush();
    }
  };
}

/**
 * A function of the route table: one handler per route it serves (`METHOD /path` as ROUTES spells it),
 * or one for all of them, each wrapped with its route's scope and body kind from the table.
 */
export function apiFunction<F extends ApiFunctionName, D extends RouteDeps & Partial<AuthorizationDeps>>(
  name: F,
  deps: Deps<D>,
  routes: Route<D, RouteAnswer<RouteKeyOf<F>>> | RouteHandlers<F, D>,
): ApiHandler {
  const handlers = routesOf(name).map((spec) => {
    const given = typeof routes === 'function' ? routes : (routes as Record<string, unknown>)[routeKey(spec)];
    if (given === undefined) throw new Error(`${name} has no handler for ${routeKey(spec)}`);
    const { route, use } =
      typeof given === 'function'
        ? { route: given as Route<D>, use: undefined }
        : (given as { route: Route<D>; use: RouteOptions<D>['use'] });
    // A route's middy chain is built when the route is first asked for: a cold start builds one.
    let handler: ApiHandler | undefined;
    const chain = (): ApiHandler => {
      handler ??= apiHandler(deps, { scope: spec.scope, body: spec.body, ...(use ? { use } : {}) }, route);
      return handler;
    };
    return { spec, handler: (event: APIGatewayProxyEvent, context: Context) => chain()(event, context) };
  });
  return (event, context) => {
    // By the resource API Gateway matched; by method alone for an event that names no resource.
    const chosen =
      handlers.find(({ spec }) => spec.method === event.httpMethod && spec.path === event.resource) ??
      handlers.find(({ spec }) => spec.method === event.httpMethod) ??
      handlers[0];
    if (!chosen) throw new Error(`${name} serves no route`);
    return chosen.handler(event, context);
  };
}
