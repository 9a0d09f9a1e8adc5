import { SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bundleDefines } from '../../infra/bundling.js';
import { createSqsClient } from '../../lib/adapters/sqs/sqs.queue.js';
import { startTracing, traced } from '../../lib/tracing.js';

const middlewares = (client: { middlewareStack: { identify(): string[] } }) =>
  client.middlewareStack.identify().join(',');

describe('tracing (TRACING=on)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('leaves clients as they are until started, then traces every client built', async () => {
    const before = new SQSClient({ region: 'eu-west-1' });
    expect(traced(before)).toBe(before);
    const plain = middlewares(createSqsClient({ region: 'eu-west-1' }));
    expect(plain).not.toMatch(/XRay/i);

    // The Tracer traces only inside Lambda's execution environment.
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    await startTracing('messaging');
    const after = middlewares(createSqsClient({ region: 'eu-west-1' }));
    expect(after).toMatch(/XRay/i);
  });

  it('is left out of a bundle unless its function has TRACING=on', () => {
    expect(bundleDefines({})['process.env.MESSAGING_BUNDLE_TRACING']).toBe('"false"');
    expect(bundleDefines({ TRACING: 'off' })['process.env.MESSAGING_BUNDLE_TRACING']).toBe('"false"');
    expect(bundleDefines({ TRACING: 'on' })['process.env.MESSAGING_BUNDLE_TRACING']).toBeUndefined();
  });
});
