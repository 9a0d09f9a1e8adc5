import type { ApiKeyRecord, RateLimits } from '../domain/api-key.js';

/** The API keys port: records found by id (the key's public part), never by the key itself. */
export interface KeyStore {
  /** Rejects an id that is taken. */
  create(record: ApiKeyRecord): Promise<void>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, or a tenant's, oldest first (an admin's listing: small, not paged). */
  list(tenant?: string): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked (once; a second revoke keeps the first time). Undefined for an unknown id. */
  revoke(id: string, at: string): Promise<ApiKeyRecord | undefined>;
  /** Records a use; best effort. */
  touch(id: string, at: string): Promise<void>;
  close(): Promise<void>;
}

export type RateDecision =
  | { allowed: true }
  | { allowed: false; limit: keyof RateLimits; retryAfterSeconds: number };

/**
 * What a request is, for the limiter: a `write` (a send, a key change) is counted where every process
 * sees it; a `read` must not write to a shared store (docs/dynamodb.md, rate counters): an adapter
 * may count it in its own process, and refuses it while it knows the key's limit to be spent.
 */
export type RequestKind = 'write' | 'read';

/**
 * The rate limiter port: fixed-window counters per key (one per second, one per UTC day), shared by
 * every process or Lambda container, incremented atomically.
 */
export interface RateLimiter {
  consume(keyId: string, limits: RateLimits, now: Date, kind?: RequestKind): Promise<RateDecision>;
  close(): Promise<void>;
}

/** The windows of an instant: the counter keys, when each ends (epoch s), for a key id. */
export function rateWindows(keyId: string, now: Date) {
  const second = Math.floor(now.getTime() / 1000);
  const day = Math.floor(second / 86_400);
  return {
    perSecond: { counter: `${keyId}:s:${second}`, endsAt: second + 1 },
    perDay: { counter: `${keyId}:d:${day}`, endsAt: (day + 1) * 86_400 },
  } as const;
}
