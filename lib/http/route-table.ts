import type { Scope } from '../domain/api-key.js';

/**
 * The functions behind the API, by name. A function's entry point is `functions/<file>.ts`; the
 * stack, the local server and the OpenAPI document all start from this table and from ROUTES. A
 * function without a file is no Lambda: the local server serves its routes, API Gateway answers them
 * itself on AWS.
 */
export const API_FUNCTIONS = {
  sendMessage: { file: 'send-message' },
  listMessages: { file: 'list-messages' },
  getMessage: { file: 'get-message' },
  listMessageEvents: { file: 'list-message-events' },
  manageKeys: { file: 'manage-keys' },
  manageWebhooks: { file: 'manage-webhooks' },
  manageSuppressions: { file: 'manage-suppressions' },
  managePrivacy: { file: 'manage-privacy' },
  manageTemplates: { file: 'manage-templates' },
  receiveReceipt: { file: 'receive-receipt' },
  // The document, read by API Gateway from S3 on AWS (infra/constructs/openapi-document.ts), and
  // served by the local server from the same text (lib/host/openapi-route.ts).
  getOpenApi: { file: null },
  getStats: { file: 'get-stats' },
} as const;

export type ApiFunctionName = keyof typeof API_FUNCTIONS;

/** The functions the stack deploys as Lambdas: those with an entry point. */
export type LambdaFunctionName = {
  [F in ApiFunctionName]: (typeof API_FUNCTIONS)[F]['file'] extends string ? F : never;
}[ApiFunctionName];

export const isLambdaFunction = (name: ApiFunctionName): name is LambdaFunctionName =>
  API_FUNCTIONS[name].file !== null;

/**
 * How a route's body is read: `json` goes through the size limit, the content type check and the
 * parser before the route runs; `none` is never read; `raw` is handed over as sent (the webhooks
 * verify their providers' signatures over the exact bytes).
 */
export type BodyKind = 'json' | 'none' | 'raw';

/**
 * What a route asks of the caller: a scope; `any`, a valid key whatever its scopes (`GET /me`, so
 * that a key can learn what it may do); null, no key of ours (the webhooks).
 */
export type RouteScope = Scope | 'any' | null;

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway's resource path, `{name}` for a path parameter. */
  path: string;
  function: ApiFunctionName;
  scope: RouteScope;
  body: BodyKind;
}

/** Every route of the API. Adding one is a line here and its handler in the function it names. */
export const ROUTES = [
  { method: 'POST', path: '/sendMessage', function: 'sendMessage', scope: 'messages:send', body: 'json' },
  // A failed or undelivered message sent again, linked to it; the key needs messages:read too.
  {
    method: 'POST',
    path: '/messages/{id}/resend',
    function: 'sendMessage',
    scope: 'messages:send',
    body: 'none',
  },
  // Up to 100 messages, each as /sendMessage's body, always queued: 207 with one result per message.
  { method: 'POST', path: '/messages/batch', function: 'sendMessage', scope: 'messages:send', body: 'json' },
  { method: 'GET', path: '/messages', function: 'listMessages', scope: 'messages:read', body: 'none' },
  { method: 'GET', path: '/messages/{id}', function: 'getMessage', scope: 'messages:read', body: 'none' },
  // Cancels a scheduled or queued message (409 once a worker has it).
  { method: 'DELETE', path: '/messages/{id}', function: 'sendMessage', scope: 'messages:send', body: 'none' },
  {
    method: 'GET',
    path: '/messages/{id}/events',
    function: 'listMessageEvents',
    scope: 'messages:read',
    body: 'none',
  },
  // Counts per bucket, channel and status, from counters (the console's overview).
  { method: 'GET', path: '/stats', function: 'getStats', scope: 'messages:read', body: 'none' },
  { method: 'POST', path: '/keys', function: 'manageKeys', scope: 'keys:manage', body: 'json' },
  { method: 'GET', path: '/keys', function: 'manageKeys', scope: 'keys:manage', body: 'none' },
  { method: 'DELETE', path: '/keys/{id}', function: 'manageKeys', scope: 'keys:manage', body: 'none' },
  // Erasure of one person's messages (docs/api.md, Privacy).
  { method: 'POST', path: '/erasures', function: 'managePrivacy', scope: 'privacy:manage', body: 'json' },
  {
    method: 'GET',
    path: '/erasures/{id}',
    function: 'managePrivacy',
    scope: 'privacy:manage',
    body: 'none',
  },
  // The caller's own key: what the console shows, and how it tells a wrong key from a missing scope.
  { method: 'GET', path: '/me', function: 'manageKeys', scope: 'any', body: 'none' },
  // Status webhooks: a tenant's endpoints, their secrets and their deliveries (docs/webhooks.md).
  {
    method: 'POST',
    path: '/webhook-endpoints',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'json',
  },
  {
    method: 'GET',
    path: '/webhook-endpoints',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  {
    method: 'GET',
    path: '/webhook-endpoints/{id}',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  {
    method: 'PATCH',
    path: '/webhook-endpoints/{id}',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'json',
  },
  {
    method: 'DELETE',
    path: '/webhook-endpoints/{id}',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  {
    method: 'POST',
    path: '/webhook-endpoints/{id}/rotate-secret',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  {
    method: 'GET',
    path: '/webhook-endpoints/{id}/deliveries',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  {
    method: 'POST',
    path: '/webhook-endpoints/{id}/deliveries/{deliveryId}/retry',
    function: 'manageWebhooks',
    scope: 'webhooks:manage',
    body: 'none',
  },
  // The tenant's suppression list; the recipient in the path is an email address or E.164 number.
  {
    method: 'GET',
    path: '/suppressions',
    function: 'manageSuppressions',
    scope: 'suppressions:manage',
    body: 'none',
  },
  {
    method: 'PUT',
    path: '/suppressions/{recipient}',
    function: 'manageSuppressions',
    scope: 'suppressions:manage',
    body: 'json',
  },
  {
    method: 'DELETE',
    path: '/suppressions/{recipient}',
    function: 'manageSuppressions',
    scope: 'suppressions:manage',
    body: 'none',
  },
  // A tenant's message templates; each PUT a new immutable version.
  {
    method: 'PUT',
    path: '/templates/{name}',
    function: 'manageTemplates',
    scope: 'templates:manage',
    body: 'json',
  },
  { method: 'GET', path: '/templates', function: 'manageTemplates', scope: 'templates:manage', body: 'none' },
  {
    method: 'GET',
    path: '/templates/{name}',
    function: 'manageTemplates',
    scope: 'templates:manage',
    body: 'none',
  },
  {
    method: 'DELETE',
    path: '/templates/{name}',
    function: 'manageTemplates',
    scope: 'templates:manage',
    body: 'none',
  },
  { method: 'POST', path: '/webhooks/twilio', function: 'receiveReceipt', scope: null, body: 'raw' },
  // Replies to the Twilio number: opt-out and opt-in keywords (STOP, START...).
  { method: 'POST', path: '/webhooks/twilio/inbound', function: 'receiveReceipt', scope: null, body: 'raw' },
  // Meta's verification challenge.
  { method: 'GET', path: '/webhooks/meta', function: 'receiveReceipt', scope: null, body: 'raw' },
  { method: 'POST', path: '/webhooks/meta', function: 'receiveReceipt', scope: null, body: 'raw' },
  { method: 'POST', path: '/webhooks/ses', function: 'receiveReceipt', scope: null, body: 'raw' },
  // The OpenAPI document, open to all: callers import it into their tools.
  { method: 'GET', path: '/openapi.json', function: 'getOpenApi', scope: null, body: 'none' },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof ROUTES)[number];

/** `METHOD /path`, the name of one route. */
export type RouteKey<R extends RouteSpec = Route> = R extends RouteSpec
  ? `${R['method']} ${R['path']}`
  : never;

/** The routes of one function, by key. */
export type RouteKeyOf<F extends ApiFunctionName> = RouteKey<Extract<Route, { function: F }>>;

export const routeKey = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

export const routesOf = (name: ApiFunctionName): readonly RouteSpec[] =>
  ROUTES.filter((route) => route.function === name);

/** The methods each path answers, sorted: what a 405's `Allow` lists. */
export function methodsByPath(routes: readonly RouteSpec[] = ROUTES): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const route of routes)
    byPath.set(route.path, [...(byPath.get(route.path) ?? []), route.method].sort());
  return byPath;
}
