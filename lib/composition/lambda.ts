import { planProviders } from '../channels/catalog.js';
import { ConfigError, readServiceSettings } from '../config.js';
import { readReceiptSettings } from '../receipts/settings.js';
import { resolveSecretReferences } from '../secrets.js';
import { Parts, type SettingsSource } from './parts.js';

/** The settings of a Lambda, from its environment: each part's read only when a builder asks. */
function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): SettingsSource {
  return {
    service: readServiceSettings(env),
    providers: async () => {
      const { plan, problems } = await planProviders(env);
      if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
      return plan;
    },
    receipts: () => readReceiptSettings(env),
  };
}

/**
 * A Lambda function's dependencies, built on its first invocation and kept for the container's life:
 * secret references in the environment are resolved once, then `build` makes what the function uses.
 * A failed start is retried on the next invocation rather than cached.
 */
export function lambdaDeps<D>(build: (parts: Parts) => D | Promise<D>): () => Promise<D> {
  let built: Promise<D> | undefined;
  return () => {
    built ??= resolveSecretReferences(process.env)
      .then((env) => build(new Parts(settingsFromEnv(env))))
      .catch((error: unknown) => {
        built = undefined;
        throw error;
      });
    return built;
  };
}
