import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a computed signature with a received one in constant time. timingSafeEqual throws on
 * buffers of different lengths; a length says nothing about the secret, so it is checked first.
 */
export function signaturesMatch(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && expected.length > 0 && timingSafeEqual(expected, received);
}
