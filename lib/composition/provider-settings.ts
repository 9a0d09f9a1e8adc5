import { type ProviderPlan, planProviders } from '../channels/catalog.js';
import { ConfigError } from '../config.js';

/**
 * A sending function's providers, from its environment (the reader it names in `lambdaDeps`): each
 * channel's, in order, with their checked settings. Fails naming each bad variable.
 */
export async function readProviderPlan(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ProviderPlan> {
  const { plan, problems } = await planProviders(env);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return plan;
}
