import { describe, expect, it } from 'vitest';
import {
  binomialHalfCdf,
  COLD_RULE,
  decide,
  medianInterval,
  medianIntervalRank,
  parsePairPlan,
  takePairs,
  verdictChances,
} from '../../../bench/cold-stopping.js';

/** n ratios: `below` of them under the limit (1.10, 1.11, ...), the rest above it (1.40, 1.41, ...). */
const sample = (n: number, below: number) =>
  Array.from({ length: n }, (_, i) => (i < below ? 1.1 + i / 100 : 1.4 + i / 100));

describe('binomial(n, 1/2) tails, worked by hand', () => {
  it('n = 12: P(B <= 2) = (1 + 12 + 66) / 4096, P(B <= 3) = 299 / 4096', () => {
    expect(binomialHalfCdf(12, 2)).toBe(79 / 4096);
    expect(binomialHalfCdf(12, 3)).toBe(299 / 4096);
  });

  it('n = 20: P(B <= 5) = 21,700 / 2^20, P(B <= 6) = 60,460 / 2^20', () => {
    expect(binomialHalfCdf(20, 5)).toBe(21_700 / 2 ** 20);
    expect(binomialHalfCdf(20, 6)).toBe(60_460 / 2 ** 20);
  });

  it('n = 30: P(B <= 9) = 22,964,087 / 2^30, P(B <= 10) = 53,009,102 / 2^30', () => {
    expect(binomialHalfCdf(30, 9)).toBe(22_964_087 / 2 ** 30);
    expect(binomialHalfCdf(30, 10)).toBe(53_009_102 / 2 ** 30);
    expect(binomialHalfCdf(30, 30)).toBe(1);
  });
});

describe("the median's 95% interval", () => {
  it('takes the k-th smallest and largest, k the largest whose coverage is 95% or more', () => {
    // n = 12: 1 - 2 * 79/4096 = 0.9614 with k = 3; k = 4 would cover 1 - 2 * 299/4096 = 0.854.
    expect(medianIntervalRank(12, 0.95)).toEqual({ k: 3, coverage: 1 - (2 * 79) / 4096 });
    expect(medianIntervalRank(20, 0.95)).toEqual({ k: 6, coverage: 1 - (2 * 21_700) / 2 ** 20 });
    expect(medianIntervalRank(30, 0.95)).toEqual({ k: 10, coverage: 1 - (2 * 22_964_087) / 2 ** 30 });
  });

  it('has none below six values: even the extremes cover only 1 - 2/2^n', () => {
    expect(medianIntervalRank(5, 0.95).k).toBe(0); // 1 - 2/32 = 0.9375
    expect(medianIntervalRank(6, 0.95).k).toBe(1); // 1 - 2/64 = 0.96875
    expect(medianInterval([1.1, 1.2, 1.3], 0.95)).toBeUndefined();
  });

  it('reads its ends from the sorted values, whatever their order', () => {
    const values = [12, 3, 7, 1, 9, 5, 11, 2, 8, 4, 10, 6];
    expect(medianInterval(values, 0.95)).toMatchObject({ lower: 3, upper: 10 });
  });
});

describe('the stop decision', () => {
  it('passes 12 pairs whose 3rd largest is within the limit: 10 of 12 below', () => {
    const { verdict, interval } = decide(sample(12, 10), COLD_RULE);
    expect(verdict).toBe('pass');
    expect(interval?.upper).toBeLessThanOrEqual(1.25);
  });

  it('passes a 3rd largest exactly at the limit, as the judged median does', () => {
    const ratios = [...sample(9, 9), 1.25, 1.3, 1.4];
    expect(decide(ratios, COLD_RULE).verdict).toBe('pass');
  });

  it('goes on with 9 of 12 below: the interval reaches above the limit', () => {
    expect(decide(sample(12, 9), COLD_RULE).verdict).toBe('open');
  });

  it('fails 12 pairs whose 3rd smallest is above the limit: 2 of 12 below', () => {
    expect(decide(sample(12, 2), COLD_RULE).verdict).toBe('fail');
    expect(decide(sample(12, 3), COLD_RULE).verdict).toBe('open');
  });
});

describe('taking pairs', () => {
  it('stops at the first look once decided, passing each pair its index', () => {
    const asked: number[] = [];
    const taken = takePairs({ maxPairs: 30, rule: COLD_RULE }, (i) => {
      asked.push(i);
      return 1.05 + (i % 3) / 100;
    });
    expect(asked).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(taken).toMatchObject({ stopped: 'pass', interval: { lower: 1.05, upper: 1.07 } });
  });

  it('looks once a round only: 9 of the first 12 below, then every pair below, stops at 16', () => {
    const ratios = [...sample(12, 9), 1.1, 1.1, 1.1, 1.1, 1.1];
    const taken = takePairs({ maxPairs: 30, rule: COLD_RULE }, (i) => ratios[i] ?? Number.NaN);
    // n = 14: k = 3, 12 of 14 below needed, 11 there. n = 15 (k = 4, 12 needed, 12 there) is no
    // look. n = 16: k = 4, 13 needed, 13 there.
    expect(medianIntervalRank(15, 0.95).k).toBe(4);
    expect(taken.ratios).toHaveLength(16);
    expect(taken.stopped).toBe('pass');
  });

  it('takes the maximum when the median sits at the limit', () => {
    const taken = takePairs({ maxPairs: 30, rule: COLD_RULE }, (i) => (i % 2 === 0 ? 1.2 : 1.3));
    expect(taken.ratios).toHaveLength(30);
    expect(taken.stopped).toBeUndefined();
    expect(taken.interval).toMatchObject({ lower: 1.2, upper: 1.3 });
  });

  it('takes every pair asked for without a rule, however clear the verdict', () => {
    const taken = takePairs({ maxPairs: 30 }, () => 1.01);
    expect(taken.ratios).toHaveLength(30);
    expect(taken.stopped).toBeUndefined();
  });
});

describe('the chances of each verdict', () => {
  const full = { maxPairs: 30 };
  const ruled = { maxPairs: 30, rule: COLD_RULE };

  it("are the fixed count's binomial ones without a rule: a median at the limit passes 1 - P(B <= 15)", () => {
    const { pass, fail, meanPairs } = verdictChances(0.5, full);
    expect(pass).toBeCloseTo(1 - binomialHalfCdf(30, 15), 12);
    expect(pass + fail).toBeCloseTo(1, 12);
    expect(meanPairs).toBe(30);
  });

  it('with the rule, are within 0.001 of the fixed count at every p, in both directions', () => {
    for (let i = 1; i < 100; i++) {
      const p = i / 100;
      const fixed = verdictChances(p, full);
      const rule = verdictChances(p, ruled);
      expect(rule.pass + rule.fail).toBeCloseTo(1, 12);
      expect(Math.abs(rule.pass - fixed.pass), `p = ${p}`).toBeLessThan(0.001);
    }
  });

  it('spend 12 pairs on a clear pass and nearly 30 at the limit', () => {
    expect(verdictChances(0.99, ruled).meanPairs).toBeCloseTo(12, 1);
    expect(verdictChances(0.01, ruled).meanPairs).toBeCloseTo(12, 1);
    expect(verdictChances(0.5, ruled).meanPairs).toBeGreaterThan(28);
  });
});

describe('--pairs=', () => {
  it('forces a count without the rule; quick takes 3, a full run up to 30 with it', () => {
    expect(parsePairPlan(['--pairs=30'], false)).toEqual({ maxPairs: 30 });
    expect(parsePairPlan(['--quick', '--pairs=5'], true)).toEqual({ maxPairs: 5 });
    expect(parsePairPlan(['--quick'], true)).toEqual({ maxPairs: 3 });
    expect(parsePairPlan([], false)).toEqual({ maxPairs: 30, rule: COLD_RULE });
  });

  it('refuses a count that is not a whole number above 0, or none', () => {
    expect(() => parsePairPlan(['--pairs=0'], false)).toThrow('--pairs: "0" is not a whole number');
    expect(() => parsePairPlan(['--pairs=2.5'], false)).toThrow('--pairs: "2.5"');
    expect(() => parsePairPlan(['--pairs'], false)).toThrow('--pairs takes its count after "="');
  });
});
