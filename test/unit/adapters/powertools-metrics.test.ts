import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsMetrics } from '../../../lib/adapters/powertools/metrics.js';
import { metrics } from '../../../lib/composition/basics.js';
import { Parts } from '../../../lib/composition/parts.js';
import { readServiceSettings } from '../../../lib/config.js';
import { METRIC_DEFINITIONS, NO_METRICS } from '../../../lib/ports/metrics.js';
import { capturingLogger } from '../../support/capturing-logger.js';
import { captureEmf, type EmfDocument } from '../../support/emf.js';

/** The metric contract the alarms and the dashboard are built on (docs/observability.md), written out. */
const CONTRACT: Record<string, { unit: string; sets: string[][] }> = {
  MessageAccepted: { unit: 'Count', sets: [['service', 'channel', 'mode']] },
  MessageSent: {
    unit: 'Count',
    sets: [
      ['service', 'channel'],
      ['service', 'channel', 'provider'],
    ],
  },
  MessageFailed: {
    unit: 'Count',
    sets: [
      ['service', 'channel'],
      ['service', 'channel', 'provider', 'errorClass'],
    ],
  },
  MessageDelivered: {
    unit: 'Count',
    sets: [
      ['service', 'channel'],
      ['service', 'channel', 'provider'],
    ],
  },
  MessageUndelivered: {
    unit: 'Count',
    sets: [
      ['service', 'channel'],
      ['service', 'channel', 'provider'],
    ],
  },
  ReceiptUnmatched: { unit: 'Count', sets: [['service', 'provider']] },
  ProviderLatency: { unit: 'Milliseconds', sets: [['service', 'provider']] },
  ProviderFailover: { unit: 'Count', sets: [['service', 'channel']] },
  DeliveryRetry: { unit: 'Count', sets: [['service', 'channel']] },
  MessageSuppressed: { unit: 'Count', sets: [['service', 'channel']] },
  DeadLettered: { unit: 'Count', sets: [['service']] },
  IdempotentReplay: { unit: 'Count', sets: [['service']] },
  AuthRejected: { unit: 'Count', sets: [['service', 'status']] },
  RateLimited: { unit: 'Count', sets: [['service']] },
  WebhookDelivered: { unit: 'Count', sets: [['service']] },
  WebhookAttemptFailed: {
    unit: 'Count',
    sets: [['service'], ['service', 'failureClass']],
  },
  WebhookGaveUp: { unit: 'Count', sets: [['service']] },
  WebhookEndpointDisabled: { unit: 'Count', sets: [['service']] },
  WebhookLatency: { unit: 'Milliseconds', sets: [['service']] },
};

const sample = {
  channel: 'sms',
  provider: 'twilio',
  errorClass: 'retryable',
  mode: 'async',
  status: '403',
  failureClass: 'timeout',
} as const;

describe('the Powertools metrics adapter (EMF)', () => {
  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('emits every metric of the contract with its unit, namespace and exact dimension sets', async () => {
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual(Object.keys(CONTRACT).sort());
    const log = capturingLogger();
    for (const [name, expected] of Object.entries(CONTRACT)) {
      const adapter = new PowertoolsMetrics({
        namespace: 'Acme/Messaging',
        serviceName: 'messaging-prod',
        logger: log.logger,
      });
      const dimensions = Object.fromEntries(
        (METRIC_DEFINITIONS[name as keyof typeof METRIC_DEFINITIONS].dimensionSets.flat() as string[]).map(
          (d) => [d, sample[d as keyof typeof sample]],
        ),
      );
      const { documents } = await captureEmf(() => {
        adapter.add(name as 'DeadLettered', dimensions as never, 3);
        adapter.flush();
      });
      expect(documents, name).toHaveLength(1);
      const [doc] = documents as [EmfDocument];
      const [directive] = doc._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe('Acme/Messaging');
      expect(directive?.Metrics).toEqual([{ Name: name, Unit: expected.unit }]);
      expect(directive?.Dimensions, name).toEqual(expected.sets);
      expect(doc[name]).toBe(3);
      expect(doc.service).toBe('messaging-prod');
      // The sets' shared key is what the contract asks for: no warning about it.
      expect(log.lines().filter((line) => line.level !== 'debug')).toEqual([]);
      for (const dimension of expected.sets.flat().filter((d) => d !== 'service'))
        expect(doc[dimension]).toBe(sample[dimension as keyof typeof sample]);
    }
  });

  it('puts metrics with the same dimensions in one document, others in their own, and forgets them once flushed', async () => {
    const adapter = new PowertoolsMetrics({
      namespace: 'Messaging',
      serviceName: 'messaging',
      logger: capturingLogger().logger,
    });
    const { documents } = await captureEmf(() => {
      adapter.add('MessageSent', { channel: 'email', provider: 'ses' });
      adapter.add('MessageDelivered', { channel: 'email', provider: 'ses' });
      adapter.add('MessageSent', { channel: 'email', provider: 'ses' });
      adapter.add('MessageSent', { channel: 'email', provider: 'smtp' });
      adapter.add('ProviderLatency', { provider: 'ses' }, 120);
      adapter.flush();
    });
    expect(documents).toHaveLength(3);
    const ses = documents.find((d) => d.provider === 'ses' && d.channel === 'email');
    expect(ses?.MessageSent).toEqual([1, 1]);
    expect(ses?.MessageDelivered).toBe(1);
    expect(documents.find((d) => d.provider === 'smtp')?.MessageSent).toBe(1);
    expect(documents.find((d) => 'ProviderLatency' in d)?.ProviderLatency).toBe(120);

    const again = await captureEmf(() => adapter.flush());
    expect(again.raw).toBe('');
  });

  it('is what a function builds where METRICS=emf (on Lambda by default), with the namespace and service from the environment', async () => {
    const parts = (env: Record<string, string>) =>
      new Parts({
        service: readServiceSettings(env),
        providers: async () => {
          throw new Error('unused');
        },
        receipts: () => {
          throw new Error('unused');
        },
      });
    expect(metrics(parts({}))).toBe(NO_METRICS);
    expect(metrics(parts({ AWS_LAMBDA_FUNCTION_NAME: 'f', METRICS: 'off' }))).toBe(NO_METRICS);
    const onLambda = metrics(
      parts({ AWS_LAMBDA_FUNCTION_NAME: 'f', METRICS_NAMESPACE: 'Shop', POWERTOOLS_SERVICE_NAME: 'mail' }),
    );
    const { documents } = await captureEmf(() => {
      onLambda.add('RateLimited', {});
      onLambda.flush();
    });
    expect(documents[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Shop');
    expect(documents[0]?.service).toBe('mail');
  });

  it('refuses a namespace CloudWatch would not take', () => {
    expect(() => readServiceSettings({ METRICS_NAMESPACE: 'AWS/Lambda' })).toThrow(/METRICS_NAMESPACE/);
    expect(() => readServiceSettings({ METRICS: 'yes' })).toThrow(/METRICS: must be one of emf, off/);
  });
});
