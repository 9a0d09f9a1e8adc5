import { describe, expect, it } from 'vitest';
import { ISO_DATETIME, instant } from '../../../lib/domain/message.schema.js';
import * as z from '../../../lib/zod.js';

describe('ISO_DATETIME', () => {
  it("is zod's datetime pattern with offsets, so instants are checked as zod's format checks them", () => {
    const zods = z.regexes.datetime({ offset: true });
    expect(ISO_DATETIME.source).toBe(zods.source);
    expect(ISO_DATETIME.flags).toBe(zods.flags);
  });

  it('answers as the format schema does', () => {
    const format = z.iso.datetime({ offset: true });
    for (const value of [
      '2026-11-27T10:00:00Z',
      '2026-11-27T10:00:00.123+02:00',
      '2024-02-29T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-11-27T10:00Z',
      '2026-11-27T24:00:00Z',
      '2026-11-27 10:00:00Z',
      '2026-11-27',
    ]) {
      expect(ISO_DATETIME.test(value), value).toBe(format.safeParse(value).success);
    }
  });
});

describe('instant', () => {
  it('trims, then normalizes an instant or a date, and refuses anything else with its hint', () => {
    expect(instant.safeParse('  2026-11-27T12:00:00+02:00 ').data).toBe('2026-11-27T10:00:00.000Z');
    expect(instant.safeParse('2026-11-27').data).toBe('2026-11-27T00:00:00.000Z');
    const refused = instant.safeParse(' 2026-02-29T00:00:00Z');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      'must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)',
    ]);
  });
});
