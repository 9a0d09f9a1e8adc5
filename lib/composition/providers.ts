import { buildProviders, type ProviderPlan } from '../channels/catalog.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { Parts } from './parts.js';

/** Each channel's providers, in order, built from their checked settings. */
export const providerRegistry = (parts: Parts, plan: ProviderPlan): ProviderRegistry =>
  parts.once('providers', () => {
    const providers =
      parts.overrides.providers ??
      buildProviders(plan, { fetch: globalThis.fetch, timeoutMs: parts.settings.service.providerTimeoutMs });
    parts.onClose(() =>
      Promise.all(Object.values(providers).flatMap((list) => list.map((p) => p.close?.()))),
    );
    return providers;
  });
