import { createHash, timingSafeEqual } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateApiKey,
  hashSecret,
  KEY_PREFIX,
  parseApiKey,
  secretMatches,
} from '../../../lib/auth/api-key-secret.js';

// The real comparison, watched: the tests see every call and may, once, dictate its answer.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});
const compare = vi.mocked(timingSafeEqual);

const KEY_FORM = /^msk_([a-z2-7]{13})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

beforeEach(() => {
  compare.mockClear();
});

describe('generateApiKey', () => {
  it('makes msk_<13 base32>_<43 base64url> keys whose id and hash go with them', () => {
    for (let i = 0; i < 50; i++) {
      const { id, token, hash } = generateApiKey();

      const match = KEY_FORM.exec(token);
      expect(match, token).not.toBeNull();
      expect(token.startsWith(KEY_PREFIX)).toBe(true);
      expect(match?.[1]).toBe(id);
      expect(hash).toBe(sha256(match?.[2] ?? ''));
    }
  });

  it('makes 1000 distinct keys, ids and hashes', () => {
    const generated = Array.from({ length: 1000 }, () => generateApiKey());

    expect(new Set(generated.map((k) => k.token)).size).toBe(1000);
    expect(new Set(generated.map((k) => k.id)).size).toBe(1000);
    expect(new Set(generated.map((k) => k.hash)).size).toBe(1000);
    expect(new Set(generated.map((k) => parseApiKey(k.token)?.secret)).size).toBe(1000);
  });

  it('uses the whole alphabets: ids are not all one letter, secrets not all hex', () => {
    const generated = Array.from({ length: 200 }, () => generateApiKey());
    const idChars = new Set(generated.flatMap((k) => [...k.id]));
    const secretChars = new Set(generated.flatMap((k) => [...(parseApiKey(k.token)?.secret ?? '')]));

    // 200 ids of 13 characters from 32: every one of the 32 shows up (missing one is ~1e-20 likely).
    expect(idChars.size).toBe(32);
    expect(secretChars.size).toBe(64);
  });

  it('stores a hash that is not the key and holds neither the secret nor the key', () => {
    for (let i = 0; i < 50; i++) {
      const { token, hash } = generateApiKey();
      const secret = parseApiKey(token)?.secret ?? '';

      expect(secret).toHaveLength(43);
      expect(hash).not.toBe(token);
      expect(hash).not.toBe(secret);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(secret);
      expect(token).not.toContain(hash);
      // Not even a long piece of the secret (say, its first 12 characters) is in the hash.
      expect(hash).not.toContain(secret.slice(0, 12));
    }
  });
});

describe('parseApiKey', () => {
  it('gives back the id and the secret of a generated key', () => {
    const { id, token, hash } = generateApiKey();

    const parsed = parseApiKey(token);

    expect(parsed?.id).toBe(id);
    expect(`${KEY_PREFIX}${parsed?.id}_${parsed?.secret}`).toBe(token);
    expect(hashSecret(parsed?.secret ?? '')).toBe(hash);
  });

  it.each([
    ['empty', () => ''],
    ['another prefix', (t: string) => t.replace(/^msk_/, 'sk_')],
    ['upper-case prefix', (t: string) => t.replace(/^msk_/, 'MSK_')],
    ['no prefix', (t: string) => t.slice(4)],
    ['a short secret', (t: string) => t.slice(0, -1)],
    ['a long secret', (t: string) => `${t}A`],
    ['a short id', (t: string) => t.replace(/^msk_[a-z2-7]/, 'msk_')],
    [
      'an upper-case id',
      (t: string) => t.replace(/^msk_([a-z2-7]{13})/, (_, id: string) => `msk_${id.toUpperCase()}`),
    ],
    ['base64 characters (+ /)', (t: string) => `${t.slice(0, -2)}+/`],
    ['padding', (t: string) => `${t.slice(0, -1)}=`],
    ['a trailing newline', (t: string) => `${t}\n`],
    ['a leading space', (t: string) => ` ${t}`],
    ['the key twice', (t: string) => `${t}${t}`],
    ['a line break inside', (t: string) => `${t.slice(0, 20)}\n${t.slice(20)}`],
  ])('refuses a key with %s', (_, mangle) => {
    const { token } = generateApiKey();
    const mangled = mangle(token);
    expect(mangled).not.toBe(token);

    expect(parseApiKey(mangled)).toBeUndefined();
  });
});

describe('secretMatches', () => {
  it('is true for the secret of the hash, false for any other', () => {
    const { token, hash } = generateApiKey();
    const secret = parseApiKey(token)?.secret ?? '';
    const other = parseApiKey(generateApiKey().token)?.secret ?? '';
    const oneCharOff = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(other, hash)).toBe(false);
    expect(secretMatches(oneCharOff, hash)).toBe(false);
    expect(secretMatches('', hash)).toBe(false);
    // The hash itself is not a password that opens the key.
    expect(secretMatches(hash, hash)).toBe(false);
  });

  it.each([
    ['empty', () => ''],
    ['not hex', () => 'z'.repeat(64)],
    ['one byte short', (h: string) => h.slice(0, -2)],
    ['one byte long', (h: string) => `${h}00`],
    ['half a hash', (h: string) => h.slice(0, 32)],
    ['the hash twice', (h: string) => `${h}${h}`],
    ['base64 of the digest', (h: string) => Buffer.from(h, 'hex').toString('base64')],
  ])('never matches a stored hash that is %s', (_, malform) => {
    const { token, hash } = generateApiKey();
    const secret = parseApiKey(token)?.secret ?? '';

    expect(secretMatches(secret, malform(hash))).toBe(false);
    // Not even an empty secret, whose hash is as long as any.
    expect(secretMatches('', malform(hash))).toBe(false);
  });

  it.each([
    ['trailing non-hex characters', (h: string) => `${h}zz`],
    ['a dangling hex digit', (h: string) => `${h}0`],
  ])('never matches a stored hash with %s', (_, malform) => {
    const { token, hash } = generateApiKey();
    const secret = parseApiKey(token)?.secret ?? '';

    expect(secretMatches(secret, malform(hash))).toBe(false);
  });

  it('lets timingSafeEqual decide, for a matching and for a wrong secret, on equal-length digests', () => {
    const { token, hash } = generateApiKey();
    const secret = parseApiKey(token)?.secret ?? '';
    const wrong = parseApiKey(generateApiKey().token)?.secret ?? '';

    expect(secretMatches(secret, hash)).toBe(true);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare).toHaveLastReturnedWith(true);

    expect(secretMatches(wrong, hash)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(2);
    expect(compare).toHaveLastReturnedWith(false);
    for (const [presented, stored] of compare.mock.calls) {
      expect(Buffer.isBuffer(presented) && Buffer.isBuffer(stored)).toBe(true);
      expect((presented as Buffer).byteLength).toBe(32);
      expect((stored as Buffer).byteLength).toBe(32);
    }
    expect(Buffer.from((compare.mock.calls[1]?.[1] ?? new Uint8Array()) as Uint8Array).toString('hex')).toBe(
      hash,
    );

    // Its answer is the answer: no other comparison runs beside it.
    compare.mockReturnValueOnce(false);
    expect(secretMatches(secret, hash)).toBe(false);
    compare.mockReturnValueOnce(true);
    expect(secretMatches(wrong, hash)).toBe(true);
  });

  it('spends a constant-time comparison on a malformed stored hash too, and still refuses', () => {
    const { token } = generateApiKey();
    const secret = parseApiKey(token)?.secret ?? '';

    compare.mockReturnValueOnce(true);
    expect(secretMatches(secret, 'not a hash')).toBe(false);

    expect(compare).toHaveBeenCalledTimes(1);
    const [a, b] = compare.mock.calls[0] ?? [];
    expect(a?.byteLength).toBe(32);
    expect(b?.byteLength).toBe(32);
  });
});

describe('hashSecret', () => {
  it('is hex SHA-256 of the secret, as stored in the keys table', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
