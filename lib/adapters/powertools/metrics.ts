import { MetricUnit, Metrics as PowertoolsMetricsClient } from '@aws-lambda-powertools/metrics';
import type { Logger } from '../../logger.js';
import { type DimensionsOf, METRIC_DEFINITIONS, type MetricName, type Metrics } from '../../ports/metrics.js';

interface Group {
  dimensionSets: readonly (readonly string[])[];
  dimensions: Record<string, string>;
  values: { name: MetricName; value: number }[];
}

/**
 * The metrics port on Powertools for AWS Lambda: CloudWatch embedded metric format, one JSON line
 * on stdout per group of metrics that share their dimension sets and values, which CloudWatch Logs
 * turns into metrics (no API call, no latency in the request). An EMF document gives all of its
 * metrics the same dimension sets, so values are grouped until the flush.
 */
export class PowertoolsMetrics implements Metrics {
  private readonly pending = new Map<string, Group>();
  private powertools: PowertoolsMetricsClient | undefined;

  constructor(private readonly options: { namespace: string; serviceName: string; logger: Logger }) {}

  /**
   * Powertools' client, built at the first flush that has something to emit: most invocations of the
   * API's functions count nothing, and a cold start need not pay for building it (its settings, a
   * Console on stdout; docs/performance.md, run 17).
   */
  private client(): PowertoolsMetricsClient {
    if (this.powertools) return this.powertools;
    const { logger, ...names } = this.options;
    const text = (content: unknown[]) => content.map(String).join(' ');
    this.powertools = new PowertoolsMetricsClient({
      ...names,
      // Its warnings as the service's JSON lines. Two dimension sets sharing a key (`channel` in
      // [service, channel] and [service, channel, provider]) is what the contract asks for, not a
      // mistake: that warning is only a debug line.
      logger: {
        debug: (...content: unknown[]) => logger.debug(text(content)),
        info: (...content: unknown[]) => logger.info(text(content)),
        warn: (...content: unknown[]) => {
          const message = text(content);
          if (/defined as both a dimension set and dimension set/.test(message)) logger.debug(message);
          else logger.warn(message);
        },
        error: (...content: unknown[]) => logger.error(text(content)),
      },
    });
    return this.powertools;
  }

  add<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, value = 1): void {
    const { dimensionSets } = METRIC_DEFINITIONS[name];
    const values = dimensions as Record<string, string>;
    const key = JSON.stringify([
      dimensionSets,
      Object.entries(values).sort(([a], [b]) => a.localeCompare(b)),
    ]);
    let group = this.pending.get(key);
    if (!group) {
      group = { dimensionSets, dimensions: values, values: [] };
      this.pending.set(key, group);
    }
    group.values.push({ name, value });
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const client = this.client();
    for (const group of this.pending.values()) {
      // An empty set is the service's alone (Powertools' default dimension, which every set carries);
      // it is added too, or a metric with another set would lose its [service] total.
      for (const set of group.dimensionSets) {
        client.addDimensions(Object.fromEntries(set.map((name) => [name, group.dimensions[name] ?? ''])));
      }
      for (const { name, value } of group.values) {
        client.addMetric(name, MetricUnit[METRIC_DEFINITIONS[name].unit], value);
      }
      client.publishStoredMetrics();
    }
    this.pending.clear();
  }
}
