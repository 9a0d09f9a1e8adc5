import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNELS } from '../../../lib/domain/message.schema.js';
import { MESSAGE_STATUSES, type MessageStatus } from '../../../lib/domain/message-status.js';
import type { Api, MessageRecord } from '../api.js';
import { ErrorNotice, StatusBadge } from '../components.js';
import { formatTime } from '../format.js';
import { href } from '../router.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Hours over a day, days over a week or a month: each one GET /stats.
const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000, granularity: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000, granularity: 'day' },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000, granularity: 'day' },
} as const;
type Range = keyof typeof RANGES;
const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

// Colours per status, each with at least 3:1 contrast against the white background.
const COLOURS: Record<MessageStatus, string> = {
  pending: '#8a6d00',
  queued: '#5c5c8a',
  sending: '#0066a1',
  sent: '#2f7d32',
  delivered: '#1b5e20',
  failed: '#b3261e',
  undelivered: '#c2410c',
  scheduled: '#6b4fa0',
  canceled: '#5f6368',
};

interface Counts {
  buckets: number[];
  byStatus: Record<MessageStatus, number[]>;
  table: Record<string, Record<MessageStatus, number>>;
  total: number;
}

/** The window's counts from the service's counters, as chart series and a channel table. */
async function countWindow(api: Api, range: Range, now: number): Promise<Counts> {
  const { ms, granularity } = RANGES[range];
  const bucketMs = BUCKET_MS[granularity];
  const stats = await api.getStats({
    from: new Date(now - ms).toISOString(),
    to: new Date(now).toISOString(),
    bucket: granularity,
  });
  const start = Date.parse(stats.from);
  const buckets: number[] = [];
  for (let at = start; at < Date.parse(stats.to); at += bucketMs) buckets.push(at);
  const zero = () => buckets.map(() => 0);
  const byStatus = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, zero()])) as Counts['byStatus'];
  const table = Object.fromEntries(
    CHANNELS.map((c) => [c, Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0]))]),
  ) as Counts['table'];
  let total = 0;
  for (const { bucket, channel, status, count } of stats.items) {
    const index = Math.round((Date.parse(bucket) - start) / bucketMs);
    const series = byStatus[status];
    if (series && index >= 0 && index < buckets.length) series[index] = (series[index] ?? 0) + count;
    const row = table[channel];
    if (row) row[status] += count;
    total += count;
  }
  return { buckets, byStatus, table, total };
}

const sum = (row: Record<MessageStatus, number>, statuses: readonly MessageStatus[]) =>
  statuses.reduce((total, status) => total + row[status], 0);

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;

/** Messages per status and channel over a window, the failure and delivery rates, the latest failures. */
export function OverviewPage({ api }: { api: Api }) {
  const [range, setRange] = useState<Range>('24h');
  const [counts, setCounts] = useState<Counts>();
  const [failures, setFailures] = useState<MessageRecord[]>([]);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setCounts(undefined);
    countWindow(api, range, Date.now()).then(setCounts, setError);
    api.listMessages({ status: 'failed', limit: '10' }).then((page) => setFailures(page.items), setError);
  }, [api, range]);

  const totals = counts
    ? Object.values(counts.table).reduce(
        (all, row) => {
          for (const status of MESSAGE_STATUSES) all[status] += row[status];
          return all;
        },
        Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>,
      )
    : undefined;

  return (
    <section>
      <div class="page-head">
        <h1>Overview</h1>
        <fieldset class="ranges">
          <legend class="visually-hidden">Time range</legend>
          {(Object.keys(RANGES) as Range[]).map((key) => (
            <label key={key} class="radio">
              <input type="radio" name="range" checked={range === key} onChange={() => setRange(key)} />
              {RANGES[key].label}
            </label>
          ))}
        </fieldset>
      </div>
      <ErrorNotice error={error} />
      {!counts ? (
        <p aria-live="polite">Counting…</p>
      ) : (
        <>
          {totals && (
            <div class="tiles">
              <div class="tile">
                <span class="tile-value">{counts.total}</span>
                <span>messages</span>
              </div>
              <div class="tile">
                <span class="tile-value">{percent(totals.failed + totals.undelivered, counts.total)}</span>
                <span>failure rate (failed or undelivered)</span>
              </div>
              <div class="tile">
                <span class="tile-value">
                  {percent(totals.delivered, sum(totals, ['sent', 'delivered', 'undelivered']))}
                </span>
                <span>delivery rate (delivered of those handed to a provider)</span>
              </div>
            </div>
          )}
          <ChartView counts={counts} bucketMs={BUCKET_MS[RANGES[range].granularity]} />
          <table class="counts">
            <caption>Messages per channel and status, {RANGES[range].label.toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                {MESSAGE_STATUSES.map((status) => (
                  <th scope="col" key={status}>
                    {status}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Object.entries(counts.table).map(([channel, row]) => (
                <tr key={channel}>
                  <th scope="row">{channel}</th>
                  {MESSAGE_STATUSES.map((status) => (
                    <td key={status}>{row[status]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Latest failures</h2>
      {failures.length === 0 ? (
        <p>No failed message. </p>
      ) : (
        <ul class="failures">
          {failures.map((message) => (
            <li key={message.id}>
              <a href={href(`/messages/${encodeURIComponent(message.id)}`)}>
                {formatTime(message.createdAt)}
              </a>{' '}
              <StatusBadge status={message.status} /> {message.type} to{' '}
              <span class="mono">{message.recipient}</span>
              {message.error && (
                <>
                  {' '}
                  · <code>{message.error.code}</code> {message.error.message}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChartView({ counts, bucketMs }: { counts: Counts; bucketMs: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const hourly = bucketMs < 86_400_000;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: counts.buckets.map((at) =>
          new Date(at).toLocaleString(
            undefined,
            hourly ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' },
          ),
        ),
        datasets: MESSAGE_STATUSES.map((status) => ({
          label: status,
          data: counts.byStatus[status],
          backgroundColor: COLOURS[status],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [counts, bucketMs]);
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Messages per ${bucketMs < 86_400_000 ? 'hour' : 'day'} by status; the table below has the totals`}
      />
    </div>
  );
}
