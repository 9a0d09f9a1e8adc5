import type { CountDelta, StatsCount, TenantStatsQuery } from '../domain/stats.js';

/**
 * The stats port: counts of a tenant's messages per bucket (hour or day of `createdAt`, UTC),
 * channel and current status, kept as counters that the log's own status writes move (SQLite: in
 * the same transaction; DynamoDB: from the table's stream, docs/dynamodb.md). A read is a range of
 * counters, never a pass over the log.
 */
export interface StatsStore {
  /** The tenant's non-zero counts of the query's buckets, sorted by bucket, channel, status. */
  read(query: TenantStatsQuery): Promise<StatsCount[]>;
  close(): Promise<void>;
}

/**
 * A run of the log's changes, in the order they were written, from one ordered source (a stream
 * shard): `first` and `last` are the positions (sequence numbers) of its first and last change.
 */
export interface CountBatch {
  source: string;
  first: string;
  last: string;
  deltas: readonly CountDelta[];
}

/**
 * Where counters are moved by something other than the log's own write (DynamoDB's stream consumer).
 * `add` is idempotent per source and position: a batch whose `first` is not after what its source
 * has already added is skipped, so a batch delivered twice is counted once.
 */
export interface StatsCounters {
  add(batch: CountBatch): Promise<void>;
}
