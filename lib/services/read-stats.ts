import { parseStatsQuery, type StatsAnswer } from '../domain/stats.js';
import type { StatsStore } from '../ports/stats-store.js';

export type ReadStats = (
  query: Record<string, string | undefined> | null,
  tenant: string,
) => Promise<StatsAnswer>;

/** `GET /stats`: the caller's tenant's counts over whole buckets of the asked range. */
export function makeReadStats(stats: StatsStore): ReadStats {
  return async (raw, tenant) => {
    const { range, query } = parseStatsQuery(raw, tenant);
    return { ...range, items: await stats.read(query) };
  };
}
