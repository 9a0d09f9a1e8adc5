import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord, RateLimits } from '../../lib/domain/api-key.js';
import type { KeyStore, RateDecision, RateLimiter } from '../../lib/ports/key-store.js';

/**
 * The contract of the authentication ports, one suite that every adapter runs: the KeyStore (API key
 * records) and the RateLimiter (fixed-window counters). `open` answers a new, empty store and limiter
 * and how to dispose of them; the suite never closes them itself.
 */

const BASE = Date.parse('2026-03-01T09:00:00.000Z');

/** An instant `seconds` (plus `ms`) after 2026-03-01T09:00Z, as the service writes it (toISOString). */
export const keyTime = (seconds: number, ms = 0): string =>
  new Date(BASE + seconds * 1000 + ms).toISOString();

let seq = 0;

/** A stored key record; ids are 13 characters of base32, as generated keys' are. */
export function keyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  seq++;
  return {
    id: `k${String(seq).padStart(12, '0')}`,
    name: `key ${seq}`,
    tenant: 'acme',
    scopes: ['messages:send', 'messages:read'],
    hash: 'ab'.repeat(32),
    limits: { perSecond: 50, perDay: 100_000 },
    createdAt: keyTime(0),
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

const NO_LIMITS: RateLimits = { perSecond: null, perDay: null };
const ALLOWED: RateDecision = { allowed: true };

/** `count` consumes in a row (each awaited), their decisions in order. */
async function consumeMany(
  limiter: RateLimiter,
  keyId: string,
  limits: RateLimits,
  now: Date,
  count: number,
): Promise<RateDecision[]> {
  const decisions: RateDecision[] = [];
  for (let i = 0; i < count; i++) decisions.push(await limiter.consume(keyId, limits, now));
  return decisions;
}

export function keyStoreContract(
  name: string,
  open: () => Promise<{ keys: KeyStore; limiter: RateLimiter; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let keys: KeyStore;
    let limiter: RateLimiter;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await open();
      keys = opened.keys;
      limiter = opened.limiter;
      dispose = () => opened.cleanup();
    });

    afterEach(async () => {
      await dispose();
    });

    describe('KeyStore', () => {
      it('gives back a created record field for field, and undefined for an unknown id', async () => {
        const record = keyRecord({
          name: 'billing — ünïcödé',
          scopes: ['messages:send', 'messages:read', 'keys:manage'],
          limits: { perSecond: 7, perDay: null },
        });
        const other = keyRecord({ tenant: 'globex', limits: NO_LIMITS, lastUsedAt: keyTime(5) });
        await keys.create(record);
        await keys.create(other);

        expect(await keys.get(record.id)).toStrictEqual(record);
        expect(await keys.get(other.id)).toStrictEqual(other);
        expect(await keys.get('k999999999999')).toBeUndefined();
      });

      it('rejects a second record with an id that is taken, and keeps the first', async () => {
        const first = keyRecord();
        await keys.create(first);

        await expect(
          keys.create({ ...keyRecord({ tenant: 'globex', hash: 'cd'.repeat(32) }), id: first.id }),
        ).rejects.toThrow();

        expect(await keys.get(first.id)).toStrictEqual(first);
        expect(await keys.list()).toStrictEqual([first]);
      });

      it('lists every key, or one tenant, oldest first, without the other tenants', async () => {
        const acmeOld = keyRecord({ tenant: 'acme', createdAt: keyTime(1) });
        const globexMid = keyRecord({ tenant: 'globex', createdAt: keyTime(2) });
        const acmeNew = keyRecord({ tenant: 'acme', createdAt: keyTime(3) });
        const acmeMid = keyRecord({ tenant: 'acme', createdAt: keyTime(2, 500) });
        const globexOld = keyRecord({ tenant: 'globex', createdAt: keyTime(0) });
        // Created out of order: the order must come from createdAt, not from insertion or id.
        for (const record of [acmeNew, globexMid, acmeOld, globexOld, acmeMid]) await keys.create(record);

        expect(await keys.list()).toStrictEqual([globexOld, acmeOld, globexMid, acmeMid, acmeNew]);
        expect(await keys.list('acme')).toStrictEqual([acmeOld, acmeMid, acmeNew]);
        expect(await keys.list('globex')).toStrictEqual([globexOld, globexMid]);
        expect(await keys.list('initech')).toStrictEqual([]);
      });

      it('lists nothing while there is no key', async () => {
        expect(await keys.list()).toStrictEqual([]);
      });

      it('revokes once: the first time stays through a second revoke', async () => {
        const record = keyRecord();
        const untouched = keyRecord();
        await keys.create(record);
        await keys.create(untouched);

        const revoked = await keys.revoke(record.id, keyTime(10));
        expect(revoked).toStrictEqual({ ...record, revokedAt: keyTime(10) });
        expect(await keys.get(record.id)).toStrictEqual({ ...record, revokedAt: keyTime(10) });

        const again = await keys.revoke(record.id, keyTime(20));
        expect(again).toStrictEqual({ ...record, revokedAt: keyTime(10) });
        expect(await keys.get(record.id)).toStrictEqual({ ...record, revokedAt: keyTime(10) });
        // An earlier time does not move it either.
        await keys.revoke(record.id, keyTime(5));
        expect((await keys.get(record.id))?.revokedAt).toBe(keyTime(10));

        expect(await keys.get(untouched.id)).toStrictEqual(untouched);
      });

      it('answers undefined to revoking an unknown id, and creates nothing', async () => {
        const record = keyRecord();
        await keys.create(record);

        expect(await keys.revoke('k999999999999', keyTime(10))).toBeUndefined();

        expect(await keys.get('k999999999999')).toBeUndefined();
        expect(await keys.list()).toStrictEqual([record]);
      });

      it('moves lastUsedAt forward only, and changes nothing else', async () => {
        const record = keyRecord();
        await keys.create(record);

        await keys.touch(record.id, keyTime(10));
        expect(await keys.get(record.id)).toStrictEqual({ ...record, lastUsedAt: keyTime(10) });

        await keys.touch(record.id, keyTime(5));
        expect((await keys.get(record.id))?.lastUsedAt).toBe(keyTime(10));
        await keys.touch(record.id, keyTime(10));
        expect((await keys.get(record.id))?.lastUsedAt).toBe(keyTime(10));

        await keys.touch(record.id, keyTime(10, 1));
        expect(await keys.get(record.id)).toStrictEqual({ ...record, lastUsedAt: keyTime(10, 1) });
      });

      it('touches a revoked key without un-revoking it, and an unknown id without creating it', async () => {
        const record = keyRecord();
        await keys.create(record);
        await keys.revoke(record.id, keyTime(3));

        await keys.touch(record.id, keyTime(4));
        await keys.touch('k999999999999', keyTime(4));

        expect(await keys.get(record.id)).toStrictEqual({
          ...record,
          revokedAt: keyTime(3),
          lastUsedAt: keyTime(4),
        });
        expect(await keys.get('k999999999999')).toBeUndefined();
        expect(await keys.list()).toHaveLength(1);
      });
    });

    describe('RateLimiter', () => {
      // 09:00:00.250 UTC: a quarter into its second, 15 hours before the day's end.
      const now = new Date(BASE + 250);
      const secondsToMidnight = 15 * 3600;

      it('allows perSecond requests in a second, then refuses naming the limit and 1 s to wait', async () => {
        const limits = { perSecond: 3, perDay: null };

        const decisions = await consumeMany(limiter, 'key-a', limits, now, 5);

        expect(decisions).toStrictEqual([
          ALLOWED,
          ALLOWED,
          ALLOWED,
          { allowed: false, limit: 'perSecond', retryAfterSeconds: 1 },
          { allowed: false, limit: 'perSecond', retryAfterSeconds: 1 },
        ]);
      });

      it('counts by the second the instant falls in, and allows again in the next one', async () => {
        const limits = { perSecond: 3, perDay: null };
        // Three instants of one second (its start, middle and last ms) share its window.
        expect(await limiter.consume('key-a', limits, new Date(BASE))).toStrictEqual(ALLOWED);
        expect(await limiter.consume('key-a', limits, new Date(BASE + 500))).toStrictEqual(ALLOWED);
        expect(await limiter.consume('key-a', limits, new Date(BASE + 999))).toStrictEqual(ALLOWED);
        expect((await limiter.consume('key-a', limits, new Date(BASE + 999))).allowed).toBe(false);

        expect(await consumeMany(limiter, 'key-a', limits, new Date(BASE + 1000), 4)).toStrictEqual([
          ALLOWED,
          ALLOWED,
          ALLOWED,
          { allowed: false, limit: 'perSecond', retryAfterSeconds: 1 },
        ]);
        // The next second, however late in it.
        expect(await limiter.consume('key-a', limits, new Date(BASE + 2999))).toStrictEqual(ALLOWED);
      });

      it('counts perDay across seconds, refusing until UTC midnight, and allows again the next day', async () => {
        const limits = { perSecond: null, perDay: 5 };
        for (let second = 0; second < 5; second++) {
          expect(await limiter.consume('key-d', limits, new Date(BASE + 250 + second * 1000))).toStrictEqual(
            ALLOWED,
          );
        }

        expect(await limiter.consume('key-d', limits, new Date(BASE + 250 + 5000))).toStrictEqual({
          allowed: false,
          limit: 'perDay',
          retryAfterSeconds: secondsToMidnight - 5,
        });
        // Hours later, the same day: still refused, with less time to wait.
        expect(
          await limiter.consume('key-d', limits, new Date(Date.parse('2026-03-01T23:59:59.900Z'))),
        ).toStrictEqual({ allowed: false, limit: 'perDay', retryAfterSeconds: 1 });
        expect(
          await limiter.consume('key-d', limits, new Date(Date.parse('2026-03-01T23:00:00.000Z'))),
        ).toStrictEqual({ allowed: false, limit: 'perDay', retryAfterSeconds: 3600 });

        expect(
          await limiter.consume('key-d', limits, new Date(Date.parse('2026-03-02T00:00:00.000Z'))),
        ).toStrictEqual(ALLOWED);
      });

      it('names the limit that is spent when a key has both', async () => {
        const limits = { perSecond: 2, perDay: 3 };

        expect(await consumeMany(limiter, 'key-b', limits, now, 3)).toStrictEqual([
          ALLOWED,
          ALLOWED,
          { allowed: false, limit: 'perSecond', retryAfterSeconds: 1 },
        ]);
        const later = new Date(BASE + 60_250);
        const next = await consumeMany(limiter, 'key-b', limits, later, 3);
        // The day's third request passes; the fourth finds the day spent, though its second is not.
        expect(next.slice(0, 2)).toStrictEqual([
          ALLOWED,
          { allowed: false, limit: 'perDay', retryAfterSeconds: secondsToMidnight - 60 },
        ]);
        expect(next[2]).toMatchObject({ allowed: false });
      });

      it('never throttles a key whose limits are null', async () => {
        const decisions = await consumeMany(limiter, 'key-free', NO_LIMITS, now, 200);

        expect(decisions.every((decision) => decision.allowed)).toBe(true);
        expect(decisions).toHaveLength(200);
      });

      it('counts each key apart', async () => {
        const limits = { perSecond: 2, perDay: 100 };
        expect((await consumeMany(limiter, 'key-a', limits, now, 3)).map((d) => d.allowed)).toEqual([
          true,
          true,
          false,
        ]);

        // Another key, including ids that share a prefix with the first, starts from zero.
        for (const other of ['key-b', 'key-a2', 'key', 'KEY-A']) {
          expect((await consumeMany(limiter, other, limits, now, 3)).map((d) => d.allowed)).toEqual([
            true,
            true,
            false,
          ]);
        }
      });

      it('allows exactly perSecond of 50 concurrent requests', async () => {
        const limits = { perSecond: 10, perDay: null };

        const decisions = await Promise.all(
          Array.from({ length: 50 }, () => limiter.consume('key-busy', limits, now)),
        );

        expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
        expect(decisions.filter((d) => !d.allowed)).toHaveLength(40);
        for (const refused of decisions.filter((d) => !d.allowed)) {
          expect(refused).toStrictEqual({ allowed: false, limit: 'perSecond', retryAfterSeconds: 1 });
        }
        expect(await limiter.consume('key-busy', limits, now)).toMatchObject({ allowed: false });
      });

      it('allows exactly perDay of 50 concurrent requests spread over seconds', async () => {
        const limits = { perSecond: null, perDay: 10 };

        const decisions = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            limiter.consume('key-daily', limits, new Date(BASE + i * 1000)),
          ),
        );

        expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
      });
    });
  });
}
