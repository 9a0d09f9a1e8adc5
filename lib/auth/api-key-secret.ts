import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `msk_<id>_<secret>`: the `msk_` prefix lets secret scanners and people recognise it,
 * the id (public: it names the key in logs and commands) finds its record, and the secret (32 bytes
 * from the CSPRNG, base64url) is what proves it. Only SHA-256 of the secret is stored: with 256 bits
 * of entropy a slow password hash would add latency and no safety.
 */
export const KEY_PREFIX = 'msk_';
const ID_BYTES = 8;
const SECRET_BYTES = 32;
const KEY_FORMAT = /^msk_([a-z0-9]{13})_([A-Za-z0-9_-]{43})$/;

const base32 = (bytes: Buffer): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
};

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A new key: the token to show once, and the id and hash to store. */
export function generateApiKey(): { id: string; token: string; hash: string } {
  const id = base32(randomBytes(ID_BYTES));
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { id, token: `${KEY_PREFIX}${id}_${secret}`, hash: hashSecret(secret) };
}

/** The id and secret of a well-formed key, or undefined. */
export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = KEY_FORMAT.exec(token);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : undefined;
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  // Buffer.from(hex) stops quietly at the first non-hex character: check the form first.
  const stored = Buffer.from(/^[0-9a-f]{64}$/.test(storedHash) ? storedHash : '', 'hex');
  if (stored.length !== presented.length) {
    timingSafeEqual(presented, presented); // a malformed stored hash costs the same, and never matches
    return false;
  }
  return timingSafeEqual(presented, stored);
}
