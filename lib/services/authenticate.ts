import { hashSecret, parseApiKey, secretMatches } from '../auth/api-key-secret.js';
import type { Principal } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { Logger } from '../logger.js';
import type { KeyStore } from '../ports/key-store.js';

/** `logger`: the request's (its lines carry the request id); the container's by default. */
export type Authenticate = (apiKey: string | undefined, options?: { logger?: Logger }) => Promise<Principal>;

// Compared against when the key is unknown, so that an unknown id costs what a wrong secret does.
const DUMMY_HASH = hashSecret('no key has this secret');
// A key's last use is written at most this often (per process), not on every request.
const TOUCH_EVERY_MS = 60_000;

/**
 * Checks an `x-api-key` value: well formed, known, not revoked, and its secret's hash equal (in
 * constant time) to the stored one. Every failure is the same UnauthorizedError; the log line says
 * which, with the key's public id only.
 */
export function makeAuthenticate(deps: { keys: KeyStore; clock: Clock; logger: Logger }): Authenticate {
  const { keys, clock } = deps;
  const touched = new Map<string, number>();

  return async function authenticate(apiKey, options = {}) {
    const { logger = deps.logger } = options;
    const parsed = apiKey === undefined ? undefined : parseApiKey(apiKey.trim());
    if (!parsed) {
      logger.info('authentication failed', { reason: apiKey === undefined ? 'no key' : 'malformed key' });
      throw new UnauthorizedError();
    }
    const record = await keys.get(parsed.id);
    const matches = secretMatches(parsed.secret, record?.hash ?? DUMMY_HASH);
    if (!record || !matches || record.revokedAt !== null) {
      logger.info('authentication failed', {
        keyId: parsed.id,
        reason: !record ? 'unknown key' : !matches ? 'wrong secret' : 'revoked key',
      });
      throw new UnauthorizedError();
    }
    const now = clock();
    if (now.getTime() - (touched.get(record.id) ?? 0) >= TOUCH_EVERY_MS) {
      touched.set(record.id, now.getTime());
      keys.touch(record.id, now.toISOString()).catch((error: unknown) => {
        logger.warn('could not record a key use', { keyId: record.id, error });
      });
    }
    return { keyId: record.id, tenant: record.tenant, scopes: record.scopes, limits: record.limits };
  };
}
