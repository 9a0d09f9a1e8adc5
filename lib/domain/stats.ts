import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { ValidationError } from './errors.js';
import { Channel, instant, type MessageRecord } from './message.schema.js';
import { MessageStatus } from './message-status.js';
import { toDetails } from './validation.js';

/**
 * Stats: how many of a tenant's messages, created in each hour or day (UTC), are of each channel and
 * now in each status. A message is counted in the bucket of its `createdAt`, under its current
 * status, so the counts of a range always equal what the log holds for it (a status change moves
 * one count from the old status to the new one in the same bucket).
 */
export const GRANULARITIES = ['hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** How many buckets one request may span: 31 days of hours, a year of days. */
export const MAX_BUCKETS = { hour: 31 * 24, day: 366 } as const satisfies Record<Granularity, number>;

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const satisfies Record<Granularity, number>;

/** An hour bucket's key, `2026-12-06T08`, from an ISO instant (`toISOString()` form). */
export const hourOf = (instant: string): string => instant.slice(0, 13);
/** A day bucket's key, `2026-12-06`. */
export const dayOf = (instant: string): string => instant.slice(0, 10);
export const bucketKeyOf = (instant: string, granularity: Granularity) =>
  granularity === 'hour' ? hourOf(instant) : dayOf(instant);

/** The instant a bucket key starts at (`2026-12-06T08` -> `2026-12-06T08:00:00.000Z`). */
export const bucketStart = (key: string): string =>
  key.length === 13 ? `${key}:00:00.000Z` : `${key}T00:00:00.000Z`;

const floorTo = (instant: string, granularity: Granularity) => bucketStart(bucketKeyOf(instant, granularity));
const ceilTo = (instant: string, granularity: Granularity) => {
  const floor = floorTo(instant, granularity);
  return floor === instant ? floor : new Date(Date.parse(floor) + BUCKET_MS[granularity]).toISOString();
};

/** The query string of `GET /stats`, once valid: `from` and `to` widened to whole buckets. */
export const StatsQuery = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      from: built(instant),
      to: built(instant),
      granularity: z._default(z.enum(GRANULARITIES), 'hour'),
    })
    .check(
      z.refine((q) => q.from < q.to, { message: 'must be after `from`', path: ['to'] }),
      z.refine(
        (q) =>
          q.from >= q.to ||
          (Date.parse(ceilTo(q.to, q.granularity)) - Date.parse(floorTo(q.from, q.granularity))) /
            BUCKET_MS[q.granularity] <=
            MAX_BUCKETS[q.granularity],
        {
          message: `must be at most ${MAX_BUCKETS.hour} hours (granularity=hour) or ${MAX_BUCKETS.day} days (granularity=day) after \`from\``,
          path: ['to'],
        },
      ),
    ),
);
export type StatsQuery = z.infer<typeof StatsQuery>;

/** A stats query as the store answers it: bucket-aligned, `from` inclusive, `to` exclusive, one tenant. */
export interface TenantStatsQuery {
  tenant: string;
  granularity: Granularity;
  /** First bucket's key. */
  first: string;
  /** Last bucket's key (inclusive). */
  last: string;
}

/** One count: messages created in `bucket` (its start), of `channel`, now `status`. */
export const StatsCount = /* @__PURE__ */ lazy(() =>
  z.object({
    bucket: z.iso.datetime(),
    channel: built(Channel),
    status: built(MessageStatus),
    count: z.int().check(z.positive()),
  }),
);
export type StatsCount = z.infer<typeof StatsCount>;

/** `GET /stats`: the counts of the range, zero counts left out, by bucket then channel then status. */
export const StatsAnswer = /* @__PURE__ */ lazy(() =>
  z.object({
    granularity: z.enum(GRANULARITIES),
    /** The range answered: the request's widened to whole buckets (UTC). */
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    items: z.array(built(StatsCount)),
  }),
);
export type StatsAnswer = z.infer<typeof StatsAnswer>;

/** Validates `GET /stats`'s query string and aligns it to buckets. */
export function parseStatsQuery(query: Record<string, string | undefined> | null, tenant: string) {
  const parsed = StatsQuery.safeParse(query ?? {});
  if (!parsed.success) throw new ValidationError(toDetails(parsed.error.issues), 'Query string is invalid');
  const { granularity } = parsed.data;
  const from = floorTo(parsed.data.from, granularity);
  const to = ceilTo(parsed.data.to, granularity);
  const last = new Date(Date.parse(to) - BUCKET_MS[granularity]).toISOString();
  return {
    range: { granularity, from, to },
    query: {
      tenant,
      granularity,
      first: bucketKeyOf(from, granularity),
      last: bucketKeyOf(last, granularity),
    } satisfies TenantStatsQuery,
  };
}

/** A counter's name within a bucket: `email#sent`. */
export const counterName = (channel: Channel, status: MessageStatus) => `${channel}#${status}`;

/** One change to one count: a message of `tenant` created in `hour`, `channel`, `status`: +1 or -1. */
export interface CountDelta {
  tenant: string;
  hour: string;
  counter: string;
  delta: number;
}

type Counted = Pick<MessageRecord, 'tenant' | 'type' | 'status' | 'createdAt'>;

/**
 * What a write of the log does to the counts: a new message adds one to its status; a status change
 * moves one from the old status to the new; any other write (a resend link, a takeover that keeps
 * `sending`) changes nothing.
 */
export function deltasOf(before: Counted | undefined, after: Counted): CountDelta[] {
  const hour = hourOf(after.createdAt);
  const at = (record: Counted, delta: number): CountDelta => ({
    tenant: record.tenant,
    hour,
    counter: counterName(record.type, record.status),
    delta,
  });
  if (!before) return [at(after, 1)];
  if (before.status === after.status) return [];
  return [at(before, -1), at(after, 1)];
}

/** Counts (as rows of a store) to the answer's items, sorted, zeros dropped. */
export function toStatsItems(
  rows: Iterable<{ bucket: string; counter: string; count: number }>,
): StatsCount[] {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.bucket}|${row.counter}`;
    sums.set(key, (sums.get(key) ?? 0) + row.count);
  }
  return [...sums]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, count]) => {
      const [bucket = '', counter = ''] = key.split('|');
      const [channel, status] = counter.split('#') as [Channel, MessageStatus];
      return { bucket: bucketStart(bucket), channel, status, count };
    });
}
