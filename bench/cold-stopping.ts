// The cold part's stopping rule: a function's pairs of loads are taken in rounds, and after a
// minimum the rule looks at a distribution-free confidence interval of the median paired ratio; once
// the interval lies wholly on one side of the limit, more pairs cannot be expected to change the
// verdict, and the function stops. A function whose median sits near the limit takes the maximum,
// as every function did before. Why this decides as reliably as the fixed count: docs/performance.md,
// run 14 (`verdictChances` below gives that section's arithmetic).

/** The judged cold-load target: the median paired CPU ratio, function / floor, at most this. */
export const COLD_LIMIT = 1.25;

export type StoppingRule = {
  /** The target the interval is read against (a ratio at the limit passes). */
  readonly limit: number;
  /** Pairs taken before the first look. */
  readonly minPairs: number;
  /** Pairs between two looks: two keep each round's order balanced (function first, then floor first). */
  readonly roundPairs: number;
  /** Of the interval of the median, at each look. */
  readonly confidence: number;
};

export const COLD_RULE: StoppingRule = { limit: COLD_LIMIT, minPairs: 12, roundPairs: 2, confidence: 0.95 };

/** How many judged pairs a run takes, and whether the rule may stop it sooner. */
export type PairPlan = { readonly maxPairs: number; readonly rule?: StoppingRule };

/** P(B <= j) for B ~ binomial(n, 1/2), exact for the n the bench uses (the sums stay integers). */
export function binomialHalfCdf(n: number, j: number): number {
  let term = 1; // C(n, 0)
  let sum = 0;
  for (let i = 0; i <= Math.min(j, n); i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum / 2 ** n;
}

/**
 * The rank k of the median's interval [k-th smallest, k-th largest] of n values: the largest k whose
 * interval covers the median with at least `confidence` (coverage 1 - 2 P(B <= k-1), B ~ binomial(n,
 * 1/2), whatever the values' distribution). k is 0 when n is too small for any such interval.
 */
export function medianIntervalRank(n: number, confidence: number): { k: number; coverage: number } {
  let k = 0;
  while (k < Math.floor(n / 2) && 1 - 2 * binomialHalfCdf(n, k) >= confidence) k++;
  return { k, coverage: k === 0 ? 0 : 1 - 2 * binomialHalfCdf(n, k - 1) };
}

export type Interval = { readonly lower: number; readonly upper: number; readonly coverage: number };

export function medianInterval(values: readonly number[], confidence: number): Interval | undefined {
  const { k, coverage } = medianIntervalRank(values.length, confidence);
  if (k === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { lower: sorted[k - 1] as number, upper: sorted[values.length - k] as number, coverage };
}

/** `open` while the interval straddles the limit (or there is none yet). */
export type Verdict = 'pass' | 'fail' | 'open';

export function decide(
  ratios: readonly number[],
  rule: StoppingRule,
): { verdict: Verdict; interval: Interval | undefined } {
  const interval = medianInterval(ratios, rule.confidence);
  const verdict =
    interval === undefined
      ? 'open'
      : interval.upper <= rule.limit
        ? 'pass'
        : interval.lower > rule.limit
          ? 'fail'
          : 'open';
  return { verdict, interval };
}

/** Whether the rule looks once n pairs are taken: from its minimum, once a round, before the maximum. */
const looksAt = (n: number, { rule, maxPairs }: PairPlan) =>
  rule !== undefined && n < maxPairs && n >= rule.minPairs && (n - rule.minPairs) % rule.roundPairs === 0;

/**
 * Takes pairs (`pair(i)` measures the i-th and answers its ratio) until the plan's rule decides at a
 * look (`stopped`: its verdict) or the maximum is reached (`stopped` undefined). The interval is the
 * one of all the pairs taken, at the rule's confidence (95% without a rule).
 */
export function takePairs(plan: PairPlan, pair: (i: number) => number) {
  const { rule, maxPairs } = plan;
  const ratios: number[] = [];
  while (ratios.length < maxPairs) {
    ratios.push(pair(ratios.length));
    const n = ratios.length;
    if (rule && looksAt(n, plan)) {
      const { verdict, interval } = decide(ratios, rule);
      if (verdict !== 'open') return { ratios, interval, stopped: verdict };
    }
  }
  const interval = medianInterval(ratios, (rule ?? COLD_RULE).confidence);
  return { ratios, interval, stopped: undefined };
}

/**
 * The chances of each verdict, and the mean pairs taken, for a function each of whose pairs' ratios
 * is at or below the limit with probability p (pairs independent, the assumption the median of a
 * fixed count makes too). Without a rule: the fixed count's verdict, the median against the limit.
 * Exact: the verdicts depend only on how many of the pairs taken are at or below the limit.
 */
export function verdictChances(p: number, plan: PairPlan) {
  const { rule, maxPairs } = plan;
  // Chance of each count at or below the limit, among the runs still going.
  let going = [1];
  let pass = 0;
  let fail = 0;
  let meanPairs = 0;
  for (let n = 1; n <= maxPairs; n++) {
    going = Array.from({ length: n + 1 }, (_, s) => (going[s] ?? 0) * (1 - p) + (going[s - 1] ?? 0) * p);
    const look = looksAt(n, plan);
    if (n < maxPairs && !look) continue;
    // The median, sorted[floor(n / 2)], is at or below the limit when floor(n / 2) + 1 pairs are;
    // the interval's upper end (the k-th largest) when n - k + 1 are, its lower end above when < k are.
    const k = look && rule ? medianIntervalRank(n, rule.confidence).k : 0;
    const passAt = look ? (k === 0 ? Number.POSITIVE_INFINITY : n - k + 1) : Math.floor(n / 2) + 1;
    const failBelow = look ? k : Math.floor(n / 2) + 1;
    going = going.map((chance, s) => {
      if (s >= passAt) pass += chance;
      else if (s < failBelow) fail += chance;
      else return chance;
      meanPairs += chance * n;
      return 0;
    });
  }
  return { pass, fail, meanPairs };
}

/**
 * The judged pairs a run takes: `--pairs=N` takes N without the rule (`--pairs=30` is the count
 * every run took before the rule); `--quick` takes its 3 without it; a full run takes up to 30 and
 * lets the rule stop sooner.
 */
export function parsePairPlan(argv: readonly string[], quick: boolean): PairPlan {
  if (argv.includes('--pairs')) throw new Error('--pairs takes its count after "=": --pairs=30');
  const forced = argv.find((arg) => arg.startsWith('--pairs='))?.slice('--pairs='.length);
  if (forced !== undefined) {
    const count = Number(forced);
    if (!Number.isInteger(count) || count < 1) {
      throw new Error(`--pairs: "${forced}" is not a whole number of pairs above 0`);
    }
    return { maxPairs: count };
  }
  return quick ? { maxPairs: 3 } : { maxPairs: 30, rule: COLD_RULE };
}
