import type { DimensionsOf, MetricName, Metrics } from '../../lib/ports/metrics.js';

export interface RecordedMetric {
  name: MetricName;
  dimensions: Record<string, string>;
  value: number;
}

/** The metrics port, kept in memory: what each flush emitted, and what is still pending. */
export function recordingMetrics() {
  const pending: RecordedMetric[] = [];
  const flushed: RecordedMetric[] = [];
  const metrics: Metrics = {
    add<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, value = 1) {
      pending.push({ name, dimensions: { ...(dimensions as Record<string, string>) }, value });
    },
    flush() {
      flushed.push(...pending.splice(0));
    },
  };
  return {
    metrics,
    pending: () => [...pending],
    flushed: () => [...flushed],
    /** Every metric added, flushed or not. */
    all: () => [...flushed, ...pending],
    /** The metrics named `name`, flushed or not. */
    named: (name: MetricName) => [...flushed, ...pending].filter((m) => m.name === name),
  };
}
