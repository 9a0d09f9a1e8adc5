import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../lib/ids.js';

describe('createIdGenerator', () => {
  it('makes ULIDs of the given time that sort in creation order, also within one millisecond', () => {
    const next = createIdGenerator(64);
    const at = Date.parse('2026-11-27T10:00:00.000Z');
    const ids = Array.from({ length: 500 }, (_, i) => next(at + Math.floor(i / 100)));
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(ids[0] ?? '')).toBe(at);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws the random part evenly from all 32 characters across pool refills', () => {
    const next = createIdGenerator(16);
    const counts = new Map<string, number>();
    // A new millisecond each time, so that every id gets a fresh random part.
    for (let i = 0; i < 2_000; i++) {
      for (const char of next(1_700_000_000_000 + i).slice(10)) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    const expected = (2_000 * 16) / 32;
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.2);
  });
});
