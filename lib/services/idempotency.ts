import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import { ValidationError } from '../domain/errors.js';
import {
  IdempotencyConflictError,
  IdempotencyInProgressError,
  IdempotencyUnavailableError,
} from '../domain/idempotency-errors.js';
import type { Logger } from '../logger.js';
import type { IdempotencyStore, StoredResponse } from '../ports/idempotency-store.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** How long an answer is kept for retries. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/**
 * How long an unfinished request holds its key. Longer than any request runs (on Lambda 28 s; locally
 * up to three providers of at most 120 s each), so a live request never loses its key; short enough
 * that a request whose process died does not block its key for the whole day.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 15 * 60;
/** How long a duplicate waits for the first request's answer before answering 409 in progress. */
export const IDEMPOTENCY_WAIT_MS = 25_000;
const RETRY_AFTER_SECONDS = 1;
const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 250;

/**
 * The `Idempotency-Key` header's value: undefined when absent, else 1 to 255 printable ASCII
 * characters (space to `~`), or a 400 naming the header and what is wrong with it.
 */
export function parseIdempotencyKey(value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  let reason: string | undefined;
  if (value.length === 0) reason = 'must not be empty';
  else if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    reason = `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters, got ${value.length}`;
  else if (/[^\x20-\x7e]/.test(value))
    reason =
      'must hold printable ASCII characters only (space to ~): no control characters, CR/LF or non-ASCII';
  if (reason) {
    throw new ValidationError(
      [{ field: IDEMPOTENCY_HEADER, message: reason }],
      `${IDEMPOTENCY_HEADER} header is invalid`,
    );
  }
  return value;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, array order kept, no spaces.
 * Two bodies that parse to the same value get the same text whatever their key order, spacing or
 * escapes; numbers are compared as JavaScript parsed them (`1.0` is `1`).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .flatMap((name) => {
        const member = (value as Record<string, unknown>)[name];
        return member === undefined ? [] : [`${JSON.stringify(name)}:${canonicalJson(member)}`];
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of a request: sha256 (hex) of its canonical JSON. Hashed from the parsed body, not
 * its bytes, so a retry that re-serializes the same payload differently still matches; but before
 * validation and normalization, so `+1 415 555 0123` and `+14155550123` are different requests (as
 * the caller wrote them, which is what a caller retries).
 */
export const hashRequest = (request: unknown): string =>
  createHash('sha256').update(canonicalJson(request)).digest('hex');

/**
 * Which answers are kept for retries: every 2xx and 4xx (retrying would get the same), and the 502
 * of a failed delivery (the provider may have the message: a retry must not resend). A 500 or 503
 * means nothing was sent, so the key is released and a retry does the work.
 */
export const isRemembered = (statusCode: number): boolean => statusCode < 500 || statusCode === 502;

export interface IdempotencyOptions {
  /** The caller the key belongs to: keys of different callers never meet. */
  scope: string;
  key: string;
  requestHash: string;
  ttlSeconds?: number;
  leaseSeconds?: number;
  /** The bound on waiting for a duplicate's first request, in ms of real (monotonic) time. */
  waitMs?: number;
  clock?: Clock;
  logger?: Logger;
}

export interface IdempotentOutcome {
  response: StoredResponse;
  /** True when the answer is the stored one of an earlier request (run was not called). */
  replayed: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A key this request holds: `settle` keeps its answer (or frees the key), `abandon` frees it. */
export interface IdempotencyClaim {
  settle(response: StoredResponse): Promise<void>;
  abandon(): Promise<void>;
}

/**
 * Takes the (scope, key) for this request, or answers what holds it:
 * - the key is new (or expired, or released): `{ claim }`, to settle with the answer once known;
 * - the key holds this request's answer: `{ replay }`, that answer, to give again without running;
 * - the key was taken by a request with another hash: 409 IDEMPOTENCY_CONFLICT;
 * - the key's first request is still running: poll (25 ms, doubling up to 250 ms) until its answer
 *   is there, or its key is released (then this request takes it), or `waitMs` has passed:
 *   409 IDEMPOTENCY_IN_PROGRESS.
 * A store that fails here is a 503 before anything runs.
 */
export async function claimIdempotencyKey(
  store: IdempotencyStore,
  options: IdempotencyOptions,
): Promise<{ replay: StoredResponse } | { claim: IdempotencyClaim }> {
  const { scope, key, requestHash, logger } = options;
  const {
    ttlSeconds = IDEMPOTENCY_TTL_SECONDS,
    leaseSeconds = IDEMPOTENCY_LEASE_SECONDS,
    waitMs = IDEMPOTENCY_WAIT_MS,
    clock = () => new Date(),
  } = options;
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  // Monotonic, not the injected clock: the bound is on how long this request really waits.
  const giveUpAt = performance.now() + waitMs;

  for (let delay = FIRST_POLL_MS; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    let begun: Awaited<ReturnType<IdempotencyStore['begin']>>;
    try {
      begun = await store.begin(scope, key, requestHash, nowSeconds() + leaseSeconds);
    } catch (error) {
      throw new IdempotencyUnavailableError(error);
    }
    if (begun.started) break;
    const { entry } = begun;
    if (entry.requestHash !== requestHash) throw new IdempotencyConflictError();
    if (entry.response) {
      logger?.info('idempotent replay', { idempotencyKey: key, status: entry.response.statusCode });
      return { replay: entry.response };
    }
    const left = giveUpAt - performance.now();
    if (left <= 0) throw new IdempotencyInProgressError(RETRY_AFTER_SECONDS);
    await sleep(Math.min(delay, left));
  }

  const abandon = () =>
    store.release(scope, key).catch((error: unknown) => {
      // The key stays in progress until its lease ends; retries wait, then get 409 until then.
      logger?.error('idempotency key release failed', { idempotencyKey: key, error });
    });
  const settle = async (response: StoredResponse) => {
    if (!isRemembered(response.statusCode)) return abandon();
    await store.complete(scope, key, response, nowSeconds() + ttlSeconds).catch((error: unknown) => {
      // This caller still gets its answer. A retry within the lease waits and gets 409 in progress;
      // one after it runs again.
      logger?.error('idempotent answer could not be stored', {
        idempotencyKey: key,
        status: response.statusCode,
        error,
      });
    });
  };
  return { claim: { settle, abandon } };
}

/**
 * Runs `run` at most once per (scope, key) while its answer is kept (see claimIdempotencyKey): a
 * replay answers the stored answer without running. If `run` throws, the key is released and the
 * error passes through: the caller renders it, and a retry runs again.
 */
export async function runIdempotent(
  store: IdempotencyStore,
  options: IdempotencyOptions,
  run: () => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const taken = await claimIdempotencyKey(store, options);
  if ('replay' in taken) return { response: taken.replay, replayed: true };
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await taken.claim.abandon();
    throw error;
  }
  await taken.claim.settle(response);
  return { response, replayed: false };
}
