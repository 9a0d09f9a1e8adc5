import { AppError, ValidationError } from '../../domain/errors.js';
import type { IdempotencyStore } from '../../ports/idempotency-store.js';
import {
  claimIdempotencyKey,
  hashRequest,
  IDEMPOTENCY_HEADER,
  type IdempotencyClaim,
  parseIdempotencyKey,
} from '../../services/idempotency.js';
import type { ApiMiddleware, Deps, RouteDeps } from '../api-handler.js';
import { header, headerValues } from '../headers.js';

/** The scope of a key when the route has no caller (auth off): the anonymous default tenant's. */
export const DEFAULT_SCOPE = 'default';

export interface IdempotencyDeps extends RouteDeps {
  idempotency: IdempotencyStore;
}

const CLAIM = 'idempotencyClaim';

const hasParameters = (parameters: Record<string, string | undefined> | null | undefined): boolean =>
  Object.keys(parameters ?? {}).length > 0;

/**
 * Makes a route safe to retry with an `Idempotency-Key` header (without one, the route simply runs):
 * the same key with the same request answers the first answer again, status, headers and body (with
 * `Idempotent-Replayed: true`), without running the route. Keys are the caller's tenant's. Use it
 * after the body is parsed: the request's hash covers the method, the resource and the parsed body.
 * Answers the error middleware rendered from an AppError are kept too (a 422 or a 502 must not be
 * retried into a second send); any other error releases the key, so that a retry does the work.
 */
export const idempotency = (
  deps: Deps<IdempotencyDeps>,
  /** Read per request; tests shorten the wait for a duplicate. */
  options: { readonly waitMs?: number } = {},
): ApiMiddleware => ({
  before: async (request) => {
    const { event, context } = request;
    // A header sent twice is refused: which one would count?
    if (headerValues(event, IDEMPOTENCY_HEADER).length > 1) {
      throw new ValidationError(
        [{ field: IDEMPOTENCY_HEADER, message: 'must be given once' }],
        `${IDEMPOTENCY_HEADER} header is invalid`,
      );
    }
    const key = parseIdempotencyKey(header(event, IDEMPOTENCY_HEADER));
    if (key === undefined) return;
    const d = await deps();
    const taken = await claimIdempotencyKey(d.idempotency, {
      scope: context.invocation.caller?.tenant ?? DEFAULT_SCOPE,
      key,
      requestHash: hashRequest({
        method: event.httpMethod,
        resource: event.resource,
        body: event.body,
        // A resend's message is in its path: one key, two messages is a conflict, not a replay. (Only
        // where there are parameters, so that the send route's hashes stay what they were.)
        ...(hasParameters(event.pathParameters) ? { pathParameters: event.pathParameters } : {}),
      }),
      logger: context.invocation.logger ?? d.logger,
      ...(options.waitMs === undefined ? {} : { waitMs: options.waitMs }),
    });
    if ('replay' in taken) {
      d.metrics?.add('IdempotentReplay', {});
      const { replay } = taken;
      return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };
    }
    (request.internal as Record<string, unknown>)[CLAIM] = taken.claim;
  },
  after: async (request) => {
    const claim = (request.internal as Record<string, unknown>)[CLAIM] as IdempotencyClaim | undefined;
    if (claim && request.response) await claim.settle(request.response);
  },
  onError: async (request) => {
    const claim = (request.internal as Record<string, unknown>)[CLAIM] as IdempotencyClaim | undefined;
    if (!claim) return;
    if (request.error instanceof AppError && request.response) await claim.settle(request.response);
    else await claim.abandon();
  },
});
