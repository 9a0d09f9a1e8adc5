import { CHANNELS } from '../domain/message.schema.js';
import type { Logger } from '../logger.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { MockProvider } from './mock.provider.js';

/** The provider of each channel. Only the mock exists yet; real vendors are chosen here by config. */
export function createProviders(logger: Logger): ProviderRegistry {
  return Object.fromEntries(
    CHANNELS.map((channel) => [channel, new MockProvider(channel, logger)]),
  ) as Record<(typeof CHANNELS)[number], MockProvider>;
}
