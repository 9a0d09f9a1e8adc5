import type { ProviderPlan } from '../channels/catalog.js';
import { readServiceSettings } from '../config.js';
import { createLogger } from '../logger.js';
import type { ReceiptSettings } from '../receipts/settings.js';
import {
  awsSecretSource,
  parseSecretReference,
  resolveSecretReferences,
  type SecretSource,
} from '../secrets.js';
import { startTracing } from '../tracing.js';
import { Parts, type SettingsSource } from './parts.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How a function reads the settings beyond the service's: the providers' (lib/composition/
 * provider-settings.ts) and the receipts' (lib/receipts/settings.ts). A function names the readers
 * it uses, so that the others' bundles leave out the provider catalog and the receipt settings.
 */
export interface SettingsReaders {
  providers(env: Env): Promise<ProviderPlan>;
  receipts(env: Env): ReceiptSettings;
}

const unread = (what: string) => () => {
  throw new Error(`this function reads no ${what} settings: name their reader in lambdaDeps' options`);
};

/**
 * The settings of a Lambda, from its environment: each part's read only when a builder asks.
 * `service`: the common settings if already read from the same values.
 */
function settingsFromEnv(
  env: Env,
  readers: Partial<SettingsReaders>,
  service = readServiceSettings(env),
): SettingsSource {
  const { providers = unread('provider'), receipts = unread('receipt') } = readers;
  return { service, providers: async () => providers(env), receipts: () => receipts(env) };
}

/** What `lambdaDeps` reads secrets with and tells the time by (tests give their own). */
export interface LambdaDepsOptions {
  env?: Env;
  source?: SecretSource;
  now?: () => number;
  /** The readers of the settings beyond the service's that the function's parts read. */
  readers?: Partial<SettingsReaders>;
}

interface Built<D> {
  deps: D;
  parts: Parts;
  /** The secret references' values the deps were built with. */
  secrets: string;
  checkedAt: number;
}

/**
 * A Lambda function's dependencies, built on its first invocation: secret references in the
 * environment are resolved, then `build` makes what the function uses. A failed start is retried on
 * the next invocation rather than cached. Secrets are read again once they are older than
 * SECRETS_TTL_SECONDS (default 5 minutes): if one changed (rotated), the dependencies are built anew
 * with it and the old ones closed; if the read fails, the ones in hand keep serving until the next
 * check. A function whose environment holds no reference is built once for the container's life.
 */
export function lambdaDeps<D>(
  build: (parts: Parts) => D | Promise<D>,
  options: LambdaDepsOptions = {},
): () => Promise<D> {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const source = options.source ?? awsSecretSource();
  const readers = options.readers ?? {};
  let current: Promise<Built<D>> | undefined;

  const make = async (): Promise<Built<D>> => {
    const service = readServiceSettings(env);
    // Before any client is built, so that each is traced.
    if (service.tracing) await startTracing(service.metrics.serviceName);
    const resolved = await resolveSecretReferences(env, source);
    const secrets = secretsOf(env, resolved);
    // Without a secret reference the resolved environment holds the values just read: not read twice.
    const parts = new Parts(settingsFromEnv(resolved, readers, secrets === NO_SECRETS ? service : undefined));
    return { deps: await build(parts), parts, secrets, checkedAt: now() };
  };

  /** Reads the secrets again; answers the deps to use from now on. */
  const refresh = async (built: Built<D>): Promise<Built<D>> => {
    let resolved: Record<string, string | undefined>;
    try {
      resolved = await resolveSecretReferences(env, source);
    } catch (error) {
      // The secrets in hand may well still be good: keep serving, and look again after another TTL.
      createLogger({ level: built.parts.settings.service.logLevel }).warn(
        'secrets could not be read again; the ones in hand are kept',
        { error },
      );
      return { ...built, checkedAt: now() };
    }
    if (secretsOf(env, resolved) === built.secrets) return { ...built, checkedAt: now() };
    const parts = new Parts(settingsFromEnv(resolved, readers));
    const fresh = { deps: await build(parts), parts, secrets: secretsOf(env, resolved), checkedAt: now() };
    // One invocation at a time per container: nothing of this one still uses the old clients.
    await built.parts.close().catch(() => undefined);
    return fresh;
  };

  // Its value, or a failed start (or rebuild) forgotten, so that the next invocation tries again.
  const settle = async (attempt: Promise<Built<D>>): Promise<Built<D>> => {
    try {
      return await attempt;
    } catch (error) {
      if (current === attempt) current = undefined;
      throw error;
    }
  };

  return async () => {
    current ??= make();
    const built = await settle(current);
    const ttlMs = built.parts.settings.service.secretsTtlMs;
    if (built.secrets === NO_SECRETS || now() - built.checkedAt < ttlMs) return built.deps;
    current = refresh(built);
    return (await settle(current)).deps;
  };
}

const NO_SECRETS = '[]';

/** The resolved values of the variables that hold references, as one comparable string. */
const secretsOf = (
  env: Readonly<Record<string, string | undefined>>,
  resolved: Readonly<Record<string, string | undefined>>,
): string =>
  JSON.stringify(
    Object.keys(env)
      .filter((name) => parseSecretReference(env[name]))
      .sort()
      .map((name) => [name, resolved[name]]),
  );
