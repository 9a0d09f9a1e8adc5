import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../lib/domain/clock.js';
import type { IdempotencyStore, StoredResponse } from '../../lib/ports/idempotency-store.js';

/**
 * The idempotency port's contract, one suite that every adapter runs. `open` answers a new, empty
 * store that reads time from `clock` (the suite moves it to expire entries), and how to dispose of it.
 */

/** The suite's "now": 2026-03-01T09:00:00Z, in epoch seconds. */
export const T0 = Date.parse('2026-03-01T09:00:00.000Z') / 1000;
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

const answer: StoredResponse = {
  statusCode: 422,
  headers: { 'x-extra': 'kept' },
  body: {
    error: { code: 'PROVIDER_REJECTED', message: 'Rejected — ünïcödé "quoted" 🎉', retryable: false },
    message: { id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E', subject: null, attempts: 1, content: 'a\nb\t\\' },
  },
};

export function idempotencyStoreContract(
  name: string,
  open: (clock: Clock) => Promise<{ store: IdempotencyStore; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let store: IdempotencyStore;
    let dispose: () => Promise<void>;
    let now = T0;
    const clock: Clock = () => new Date(now * 1000);

    beforeEach(async () => {
      now = T0;
      const opened = await open(clock);
      store = opened.store;
      dispose = () => opened.cleanup();
    });

    afterEach(async () => {
      await dispose();
    });

    it('starts a new key, then answers the entry in progress to the same request', async () => {
      expect(await store.begin('default', 'k1', HASH_A, T0 + 60)).toEqual({ started: true });

      expect(await store.begin('default', 'k1', HASH_A, T0 + 90)).toEqual({
        started: false,
        entry: { requestHash: HASH_A, response: null, expiresAt: T0 + 60 },
      });
    });

    it('answers the first request hash to a begin with another hash, and keeps it', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 60);

      expect(await store.begin('default', 'k1', HASH_B, T0 + 60)).toEqual({
        started: false,
        entry: { requestHash: HASH_A, response: null, expiresAt: T0 + 60 },
      });
      const again = await store.begin('default', 'k1', HASH_A, T0 + 60);
      expect(again.started === false && again.entry.requestHash).toBe(HASH_A);
    });

    it('keeps the completed answer exactly, with its new expiry, for either hash', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 60);
      await store.complete('default', 'k1', answer, T0 + 86_400);

      const entry = { requestHash: HASH_A, response: answer, expiresAt: T0 + 86_400 };
      expect(await store.begin('default', 'k1', HASH_A, T0 + 60)).toStrictEqual({ started: false, entry });
      expect(await store.begin('default', 'k1', HASH_B, T0 + 60)).toStrictEqual({ started: false, entry });
    });

    it('round-trips an answer without headers, and a body that is not an object', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 60);
      await store.complete('default', 'k1', { statusCode: 200, body: ['x', 1, null, true] }, T0 + 100);

      const result = await store.begin('default', 'k1', HASH_A, T0 + 60);
      expect(result.started === false && result.entry.response).toStrictEqual({
        statusCode: 200,
        body: ['x', 1, null, true],
      });
    });

    it('keeps the first answer when complete is called twice', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 60);
      await store.complete('default', 'k1', answer, T0 + 100);
      await store.complete('default', 'k1', { statusCode: 200, body: 'second' }, T0 + 200);

      const result = await store.begin('default', 'k1', HASH_A, T0 + 60);
      expect(result).toStrictEqual({
        started: false,
        entry: { requestHash: HASH_A, response: answer, expiresAt: T0 + 100 },
      });
    });

    it('frees a released key: the next begin starts, with its own hash', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 60);
      await store.release('default', 'k1');

      expect(await store.begin('default', 'k1', HASH_B, T0 + 60)).toEqual({ started: true });
      const holder = await store.begin('default', 'k1', HASH_A, T0 + 60);
      expect(holder.started === false && holder.entry.requestHash).toBe(HASH_B);
    });

    it('does not resurrect a released key on complete, nor release a completed one', async () => {
      await store.begin('default', 'released', HASH_A, T0 + 60);
      await store.release('default', 'released');
      await store.complete('default', 'released', answer, T0 + 100);
      expect(await store.begin('default', 'released', HASH_A, T0 + 60)).toEqual({ started: true });

      await store.begin('default', 'done', HASH_A, T0 + 60);
      await store.complete('default', 'done', answer, T0 + 100);
      await store.release('default', 'done');
      const kept = await store.begin('default', 'done', HASH_A, T0 + 60);
      expect(kept.started === false && kept.entry.response).toStrictEqual(answer);
    });

    it('releases an unknown key without error', async () => {
      await expect(store.release('default', 'never-begun')).resolves.toBeUndefined();
      await expect(store.complete('default', 'never-begun', answer, T0 + 60)).resolves.toBeUndefined();
      expect(await store.begin('default', 'never-begun', HASH_A, T0 + 60)).toEqual({ started: true });
    });

    it('holds an entry until the second before it expires, then lets another request take it over', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 10);

      now = T0 + 9;
      expect((await store.begin('default', 'k1', HASH_B, T0 + 70)).started).toBe(false);
      now = T0 + 10;
      expect(await store.begin('default', 'k1', HASH_B, T0 + 70)).toEqual({ started: true });
      expect(await store.begin('default', 'k1', HASH_A, T0 + 80)).toEqual({
        started: false,
        entry: { requestHash: HASH_B, response: null, expiresAt: T0 + 70 },
      });
    });

    it('forgets an expired answer: the takeover starts afresh, in progress', async () => {
      await store.begin('default', 'k1', HASH_A, T0 + 10);
      await store.complete('default', 'k1', answer, T0 + 100);

      now = T0 + 100;
      expect(await store.begin('default', 'k1', HASH_A, T0 + 160)).toEqual({ started: true });
      expect(await store.begin('default', 'k1', HASH_A, T0 + 160)).toEqual({
        started: false,
        entry: { requestHash: HASH_A, response: null, expiresAt: T0 + 160 },
      });
    });

    it('keeps keys and scopes apart, even when their text could be joined the same way', async () => {
      expect(await store.begin('a#b', 'c', HASH_A, T0 + 60)).toEqual({ started: true });
      expect(await store.begin('a', 'b#c', HASH_B, T0 + 60)).toEqual({ started: true });
      expect(await store.begin('tenant-2', 'c', HASH_B, T0 + 60)).toEqual({ started: true });
      expect(await store.begin('a#b', 'C', HASH_B, T0 + 60)).toEqual({ started: true });
      await store.complete('a#b', 'c', answer, T0 + 100);

      const other = await store.begin('a', 'b#c', HASH_A, T0 + 60);
      expect(other).toEqual({
        started: false,
        entry: { requestHash: HASH_B, response: null, expiresAt: T0 + 60 },
      });
    });

    it("forgets the answers that hold an erased message, in the scope's own keys only", async () => {
      const sent = (id: string): StoredResponse => ({
        statusCode: 200,
        body: { id, tenant: 't', status: 'sent' },
      });
      for (const [scope, key, body] of [
        ['acme', 'k1', sent('01MSG1')],
        ['acme', 'k2', answer], // a 422 that holds the failed record 01JD0Y4ZQ9R6T3K1M8XW2B7C5E
        ['acme', 'k3', sent('01MSG2')],
        ['beta', 'k1', sent('01MSG1')],
      ] as const) {
        await store.begin(scope, key, HASH_A, T0 + 60);
        await store.complete(scope, key, body, T0 + 3600);
      }
      await store.forgetMessage('acme', '01MSG1');
      await store.forgetMessage('acme', '01JD0Y4ZQ9R6T3K1M8XW2B7C5E');
      await store.forgetMessage('acme', 'unknown');
      // Forgotten: the same request starts afresh. Kept: the other message's and the other scope's.
      expect(await store.begin('acme', 'k1', HASH_A, T0 + 60)).toEqual({ started: true });
      expect(await store.begin('acme', 'k2', HASH_A, T0 + 60)).toEqual({ started: true });
      expect(await store.begin('acme', 'k3', HASH_A, T0 + 60)).toMatchObject({ started: false });
      expect(await store.begin('beta', 'k1', HASH_A, T0 + 60)).toMatchObject({ started: false });
    });

    it('takes the longest key of odd printable characters', async () => {
      const key = ` !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~ ${'x'.repeat(230)}`.slice(0, 255);
      expect(key).toHaveLength(255);

      expect(await store.begin('default', key, HASH_A, T0 + 60)).toEqual({ started: true });
      await store.complete('default', key, answer, T0 + 100);
      const result = await store.begin('default', key, HASH_A, T0 + 60);
      expect(result.started === false && result.entry.response).toStrictEqual(answer);
    });

    it('lets exactly one of fifty concurrent begins with one key start', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          store.begin('default', 'race', i % 2 ? HASH_A : HASH_B, T0 + 60 + i),
        ),
      );

      const started = results.filter((result) => result.started);
      expect(started).toHaveLength(1);
      const winner = results.indexOf(started[0] as (typeof results)[number]);
      const expected = {
        requestHash: winner % 2 ? HASH_A : HASH_B,
        response: null,
        expiresAt: T0 + 60 + winner,
      };
      for (const result of results) {
        if (!result.started) expect(result.entry).toEqual(expected);
      }
    });

    it('lets exactly one of fifty concurrent begins take over an expired key', async () => {
      await store.begin('default', 'race', HASH_A, T0 + 10);
      await store.complete('default', 'race', answer, T0 + 20);
      now = T0 + 30;

      const results = await Promise.all(
        Array.from({ length: 50 }, () => store.begin('default', 'race', HASH_B, T0 + 90)),
      );

      expect(results.filter((result) => result.started)).toHaveLength(1);
      for (const result of results) {
        if (!result.started)
          expect(result.entry).toEqual({ requestHash: HASH_B, response: null, expiresAt: T0 + 90 });
      }
    });
  });
}
