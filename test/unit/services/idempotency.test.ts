import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteIdempotencyStore } from '../../../lib/adapters/sqlite/sqlite.idempotency-store.js';
import { ValidationError } from '../../../lib/domain/errors.js';
import {
  IdempotencyConflictError,
  IdempotencyInProgressError,
  IdempotencyUnavailableError,
} from '../../../lib/domain/idempotency-errors.js';
import { createLogger } from '../../../lib/logger.js';
import type { IdempotencyStore, StoredResponse } from '../../../lib/ports/idempotency-store.js';
import {
  canonicalJson,
  hashRequest,
  type IdempotencyOptions,
  parseIdempotencyKey,
  runIdempotent,
} from '../../../lib/services/idempotency.js';

const T0 = Date.parse('2026-03-01T09:00:00.000Z') / 1000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('parseIdempotencyKey', () => {
  it('answers undefined when the header is absent', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey(null)).toBeUndefined();
  });

  it('accepts 1 to 255 printable ASCII characters, spaces and symbols included', () => {
    expect(parseIdempotencyKey('a')).toBe('a');
    expect(parseIdempotencyKey('x'.repeat(255))).toBe('x'.repeat(255));
    expect(parseIdempotencyKey('order 42 / retry #3 ~!@{}')).toBe('order 42 / retry #3 ~!@{}');
  });

  const invalid = (value: string) => {
    try {
      parseIdempotencyKey(value);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const { statusCode, message, details } = error as ValidationError;
      expect(statusCode).toBe(400);
      expect(message).toContain('Idempotency-Key');
      expect(details).toHaveLength(1);
      expect(details?.[0]?.field).toBe('Idempotency-Key');
      return details?.[0]?.message;
    }
    throw new Error(`${JSON.stringify(value)} was accepted`);
  };

  it('refuses an empty key', () => {
    expect(invalid('')).toMatch(/empty/);
  });

  it('refuses a key of 256 characters, saying how long it may be', () => {
    expect(invalid('x'.repeat(256))).toMatch(/at most 255/);
  });

  it.each([
    ['CR/LF', 'abc\r\nSet-Cookie: x'],
    ['LF', 'abc\ndef'],
    ['a tab', 'a\tb'],
    ['NUL', 'a\u0000b'],
    ['DEL', 'a\u007fb'],
    ['non-ASCII', 'café'],
    ['an emoji', 'key-🎉'],
  ])('refuses a key with %s', (_, value) => {
    expect(invalid(value)).toMatch(/printable ASCII/);
  });
});

describe('hashRequest', () => {
  const body = { type: 'sms', content: 'Hi', nested: { b: [1, { y: 2, x: 1 }], a: null } };
  const reordered = { nested: { a: null, b: [1, { x: 1, y: 2 }] }, content: 'Hi', type: 'sms' };

  it('does not depend on key order, at any depth', () => {
    expect(hashRequest(reordered)).toBe(hashRequest(body));
  });

  it('is the sha256 (hex) of the sorted, spaceless JSON', () => {
    const canonical = '{"content":"Hi","nested":{"a":null,"b":[1,{"x":1,"y":2}]},"type":"sms"}';
    expect(canonicalJson(body)).toBe(canonical);
    expect(hashRequest(body)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on spacing, escapes or number spelling of the JSON text', () => {
    const parsed = JSON.parse('{ "b" : "\\u0041\\n" ,\n "a": 1.0 }');
    expect(hashRequest(parsed)).toBe(hashRequest({ a: 1, b: 'A\n' }));
  });

  it('tells apart what differs: a value, a type, array order, a key name, a missing member', () => {
    const hashes = [
      { a: 1 },
      { a: 2 },
      { a: '1' },
      { b: 1 },
      { a: [1, 2] },
      { a: [2, 1] },
      { a: 1, b: null },
      {},
      [],
      null,
      'a',
    ].map(hashRequest);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});

describe('runIdempotent', () => {
  let db: SqliteDatabase;
  let store: SqliteIdempotencyStore;
  let now: number;
  const clock = () => new Date(now * 1000);
  let lines: string[];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });

  beforeEach(() => {
    now = T0;
    lines = [];
    db = openDatabase(':memory:');
    store = new SqliteIdempotencyStore(db, { clock });
  });
  afterEach(() => db.close());

  const options = (overrides: Partial<IdempotencyOptions> = {}): IdempotencyOptions => ({
    scope: 'default',
    key: 'key-1',
    requestHash: 'hash-a',
    clock,
    logger,
    ...overrides,
  });

  /** A run that counts its calls and answers `response` (after `gate`, when given). */
  function counted(response: StoredResponse, gate?: Promise<unknown>) {
    const run = async () => {
      run.calls++;
      await gate;
      return response;
    };
    run.calls = 0;
    return run;
  }

  const sent: StoredResponse = { statusCode: 200, body: { id: 'm1', status: 'sent' } };

  it('runs a new key once and answers the same to a retry, marked as a replay', async () => {
    const run = counted(sent);

    const first = await runIdempotent(store, options(), run);
    const second = await runIdempotent(store, options(), run);

    expect(first).toStrictEqual({ response: sent, replayed: false });
    expect(second).toStrictEqual({ response: sent, replayed: true });
    expect(run.calls).toBe(1);
    expect(lines.map((line) => JSON.parse(line).msg)).toContain('idempotent replay');
  });

  it('holds the key for the lease while running, then keeps the answer for the ttl', async () => {
    const gate = deferred<void>();
    const pending = runIdempotent(
      store,
      options({ leaseSeconds: 600, ttlSeconds: 86_400 }),
      counted(sent, gate.promise),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const during = await store.begin('default', 'key-1', 'other', T0 + 1);
    expect(during).toEqual({
      started: false,
      entry: { requestHash: 'hash-a', response: null, expiresAt: T0 + 600 },
    });

    now = T0 + 5;
    gate.resolve();
    await pending;

    const after = await store.begin('default', 'key-1', 'other', T0 + 1);
    expect(after).toEqual({
      started: false,
      entry: { requestHash: 'hash-a', response: sent, expiresAt: T0 + 5 + 86_400 },
    });
  });

  it('keeps the answer until the ttl, then runs again', async () => {
    const run = counted(sent);
    await runIdempotent(store, options({ ttlSeconds: 100 }), run);

    now = T0 + 99;
    expect((await runIdempotent(store, options(), run)).replayed).toBe(true);
    now = T0 + 100;
    expect((await runIdempotent(store, options(), run)).replayed).toBe(false);
    expect(run.calls).toBe(2);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT to the same key with another request, without running it', async () => {
    await runIdempotent(store, options(), counted(sent));
    const run = counted(sent);

    const error = await rejection(runIdempotent(store, options({ requestHash: 'hash-b' }), run));

    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(error).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_CONFLICT' });
    expect((error as Error).message).toContain('Idempotency-Key');
    expect(run.calls).toBe(0);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT also while the first request is still running', async () => {
    const gate = deferred<void>();
    const first = runIdempotent(store, options(), counted(sent, gate.promise));
    await new Promise((resolve) => setTimeout(resolve, 10));

    const started = performance.now();
    await expect(
      runIdempotent(store, options({ requestHash: 'hash-b' }), counted(sent)),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(performance.now() - started).toBeLessThan(50); // at once, without waiting
    gate.resolve();
    await first;
  });

  it('keeps scopes apart: the same key of another caller runs', async () => {
    const run = counted(sent);
    await runIdempotent(store, options(), run);

    const other = await runIdempotent(store, options({ scope: 'tenant-2', requestHash: 'hash-b' }), run);

    expect(other.replayed).toBe(false);
    expect(run.calls).toBe(2);
  });

  it('makes a duplicate wait for the running first request, then answers its answer', async () => {
    const gate = deferred<void>();
    const run = counted(sent, gate.promise);
    const first = runIdempotent(store, options(), run);
    await new Promise((resolve) => setTimeout(resolve, 10));

    let settled = false;
    const duplicate = runIdempotent(store, options(), run).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    gate.resolve();

    expect(await first).toStrictEqual({ response: sent, replayed: false });
    expect(await duplicate).toStrictEqual({ response: sent, replayed: true });
    expect(run.calls).toBe(1);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS with a retry delay once the wait bound has passed', async () => {
    const gate = deferred<void>();
    const first = runIdempotent(store, options(), counted(sent, gate.promise));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const run = counted(sent);

    const started = performance.now();
    const error = await rejection(runIdempotent(store, options({ waitMs: 200 }), run));
    const waited = performance.now() - started;

    expect(error).toBeInstanceOf(IdempotencyInProgressError);
    expect(error).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_IN_PROGRESS', retryAfterSeconds: 1 });
    expect(waited).toBeGreaterThanOrEqual(195);
    expect(waited).toBeLessThan(600);
    expect(run.calls).toBe(0);
    gate.resolve();
    await first;
  });

  it.each([
    [201, 'created'],
    [400, 'a validation error'],
    [422, 'a permanent rejection by the provider'],
    [502, 'a retryable delivery failure: the provider may have the message'],
  ])('keeps a %i (%s): a retry does not run again', async (statusCode) => {
    const response = { statusCode, body: { error: { code: 'X' } } };
    const run = counted(response);

    await runIdempotent(store, options(), run);
    const retry = await runIdempotent(store, options(), run);

    expect(retry).toStrictEqual({ response, replayed: true });
    expect(run.calls).toBe(1);
  });

  it.each([
    [500, 'an internal error'],
    [503, 'the log unavailable: nothing was sent'],
  ])('releases the key on a %i (%s): a retry runs again', async (statusCode) => {
    const failed = { statusCode, body: { error: { code: 'X' } } };
    const run = async () => (++run.calls === 1 ? failed : sent);
    run.calls = 0;

    expect(await runIdempotent(store, options(), run)).toStrictEqual({ response: failed, replayed: false });
    expect(await runIdempotent(store, options(), run)).toStrictEqual({ response: sent, replayed: false });
    expect(await runIdempotent(store, options(), run)).toStrictEqual({ response: sent, replayed: true });
    expect(run.calls).toBe(2);
  });

  it('releases the key when run throws, and passes the error on', async () => {
    const boom = new Error('boom');

    await expect(
      runIdempotent(store, options(), async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);

    const run = counted(sent);
    expect(await runIdempotent(store, options(), run)).toStrictEqual({ response: sent, replayed: false });
    expect(run.calls).toBe(1);
  });

  it('lets a waiting duplicate do the work when the first request releases the key', async () => {
    const gate = deferred<void>();
    const unavailable = { statusCode: 503, body: { error: { code: 'LOG_UNAVAILABLE' } } };
    const first = runIdempotent(store, options(), counted(unavailable, gate.promise));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const run = counted(sent);

    const duplicate = runIdempotent(store, options(), run);
    await new Promise((resolve) => setTimeout(resolve, 60));
    gate.resolve();

    expect(await first).toStrictEqual({ response: unavailable, replayed: false });
    expect(await duplicate).toStrictEqual({ response: sent, replayed: false });
    expect(run.calls).toBe(1);
  });

  it('takes over a key whose request died before answering, once its lease has passed', async () => {
    // The first request began, then its process died: neither complete nor release came.
    await store.begin('default', 'key-1', 'hash-a', T0 + 60);
    const run = counted(sent);

    now = T0 + 60;
    expect(await runIdempotent(store, options({ waitMs: 0 }), run)).toStrictEqual({
      response: sent,
      replayed: false,
    });
    expect(run.calls).toBe(1);
  });

  it('answers 503 without running when the store cannot take the key', async () => {
    const down: IdempotencyStore = {
      begin: async () => {
        throw new Error('connection refused');
      },
      complete: async () => undefined,
      release: async () => undefined,
      forgetMessage: async () => undefined,
      close: async () => undefined,
    };
    const run = counted(sent);

    const error = await rejection(runIdempotent(down, options(), run));

    expect(error).toBeInstanceOf(IdempotencyUnavailableError);
    expect(error).toMatchObject({ statusCode: 503, code: 'IDEMPOTENCY_UNAVAILABLE' });
    expect(run.calls).toBe(0);
  });

  it('still answers when the answer cannot be stored, and logs it', async () => {
    const failing: IdempotencyStore = {
      begin: (...args) => store.begin(...args),
      complete: async () => {
        throw new Error('disk full');
      },
      release: (...args) => store.release(...args),
      forgetMessage: (...args) => store.forgetMessage(...args),
      close: async () => undefined,
    };

    expect(await runIdempotent(failing, options(), counted(sent))).toStrictEqual({
      response: sent,
      replayed: false,
    });
    const errors = lines.map((line) => JSON.parse(line)).filter((line) => line.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'idempotent answer could not be stored',
        idempotencyKey: 'key-1',
        status: 200,
      }),
    ]);
  });
});
