import { describe, expect, it } from 'vitest';
import { planProviders } from '../../../lib/channels/catalog.js';
import { workerDeps } from '../../../lib/composition/deliver-messages.js';
import { Parts } from '../../../lib/composition/parts.js';
import { ConfigError, readServiceSettings } from '../../../lib/config.js';
import { readReceiptSettings } from '../../../lib/receipts/settings.js';

// The worker Lambda reads its settings piecemeal, not through loadConfig: it must refuse the same
// too-short lease that loadConfig refuses for the local host.
async function buildWorker(env: Record<string, string>) {
  const { plan } = await planProviders(env);
  const parts = new Parts({
    service: readServiceSettings(env),
    providers: async () => plan,
    receipts: () => readReceiptSettings(env),
  });
  try {
    return workerDeps(parts, plan);
  } finally {
    await parts.close();
  }
}

describe('the worker builder', () => {
  it('refuses a lease no longer than a channel provider chain can take', async () => {
    const env = { PROVIDER_TIMEOUT_MS: '5000', DELIVERY_LEASE_MS: '5000' };
    await expect(buildWorker(env)).rejects.toThrow(ConfigError);
    await expect(buildWorker(env)).rejects.toThrow(/DELIVERY_LEASE_MS: .*\(5000 ms\)/);
  });

  it('takes a lease longer than that chain', async () => {
    const deps = await buildWorker({
      PROVIDER_TIMEOUT_MS: '5000',
      DELIVERY_LEASE_MS: '5001',
    });
    expect(deps.logger).toBeDefined();
  });
});
