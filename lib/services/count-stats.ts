import type { CountDelta } from '../domain/stats.js';
import type { StatsCounters } from '../ports/stats-store.js';

/**
 * One invocation of a counting window: the changes of one ordered source (a stream shard) since the
 * last invocation, the state carried from it, and whether the window closes now.
 */
export interface CountWindow {
  source: string;
  state: Record<string, string>;
  changes: readonly { position: string; deltas: readonly CountDelta[] }[];
  final: boolean;
}

export type CountStats = (window: CountWindow) => Promise<Record<string, string>>;

/**
 * The stats consumer's use case:
 * 1. sum the invocation's deltas into the window's state (per tenant, hour and counter), and note
 *    the positions of the window's first and last change;
 * 2. when the window closes, add the sums to the counters in one batch named by the source and
 *    those positions, which the counters add once only however often it is delivered;
 * 3. answer the state to carry (empty once added).
 */
export function makeCountStats(counters: StatsCounters): CountStats {
  return async ({ source, state, changes, final }): Promise<Record<string, string>> => {
    const sums: Record<string, number> = state.sums ? JSON.parse(state.sums) : {};
    let first = state.first;
    let last = state.last;
    for (const change of changes) {
      first ??= change.position;
      last = change.position;
      for (const { tenant, hour, counter, delta } of change.deltas) {
        const key = `${tenant}|${hour}|${counter}`;
        sums[key] = (sums[key] ?? 0) + delta;
      }
    }
    if (!final) return first && last ? { first, last, sums: JSON.stringify(sums) } : {};
    if (first && last) {
      const deltas = Object.entries(sums).flatMap(([key, delta]): CountDelta[] => {
        const [tenant = '', hour = '', counter = ''] = key.split('|');
        return delta === 0 ? [] : [{ tenant, hour, counter, delta }];
      });
      await counters.add({ source, first, last, deltas });
    }
    return {};
  };
}
