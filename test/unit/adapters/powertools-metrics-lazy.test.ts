import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../support/capturing-logger.js';
import { captureEmf } from '../../support/emf.js';

// Counts how many Powertools clients the adapter builds, the real class doing the work.
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('@aws-lambda-powertools/metrics', async (importOriginal) => {
  const real = await importOriginal<typeof import('@aws-lambda-powertools/metrics')>();
  class CountedMetrics extends real.Metrics {
    constructor(...args: ConstructorParameters<typeof real.Metrics>) {
      super(...args);
      built.count += 1;
    }
  }
  return { ...real, Metrics: CountedMetrics };
});

const { PowertoolsMetrics } = await import('../../../lib/adapters/powertools/metrics.js');

describe("the Powertools metrics adapter's client", () => {
  beforeEach(() => {
    built.count = 0;
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is built at the first flush that has something to emit, and only once', async () => {
    const adapter = new PowertoolsMetrics({
      namespace: 'Messaging',
      serviceName: 'messaging',
      logger: capturingLogger().logger,
    });
    // An invocation that counted nothing (most of the API's) builds no client and writes nothing.
    const idle = await captureEmf(() => adapter.flush());
    expect(idle.raw).toBe('');
    expect(built.count).toBe(0);

    const first = await captureEmf(() => {
      adapter.add('RateLimited', {});
      adapter.flush();
    });
    expect(first.documents.map((d) => d.RateLimited)).toEqual([1]);
    const second = await captureEmf(() => {
      adapter.add('AuthRejected', { status: '401' });
      adapter.flush();
    });
    expect(second.documents.map((d) => [d.AuthRejected, d.status])).toEqual([[1, '401']]);
    expect(built.count).toBe(1);
  });
});
