import { CHANNELS, type Channel } from '../domain/message.schema.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { mockProvider } from './mock.provider.js';
import type { AnyProviderFactory, ProviderDeps } from './provider-factory.js';

type Loader = () => Promise<AnyProviderFactory>;

/**
 * Every provider a channel can be configured with, by the name used in `<CHANNEL>_PROVIDERS`. A real
 * provider's module (and its SDK) is loaded only when a channel lists it. A Lambda bundle also leaves
 * out, at build time, every provider its function is not configured with: the bundler defines
 * `process.env.MESSAGING_BUNDLE_<ID>` as "false" (infra/bundling.ts), and the dead branch with its
 * import disappears. Unbundled, the variables are unset and every provider is available.
 */
export const CATALOG: Readonly<Record<Channel, Readonly<Record<string, Loader | undefined>>>> = {
  email: {
    mock: async () => mockProvider('email'),
    ses:
      process.env.MESSAGING_BUNDLE_SES === 'false'
        ? undefined
        : () => import('./email/ses.provider.js').then((m) => m.sesProvider),
    smtp:
      process.env.MESSAGING_BUNDLE_SMTP === 'false'
        ? undefined
        : () => import('./email/smtp.provider.js').then((m) => m.smtpProvider),
  },
  sms: {
    mock: async () => mockProvider('sms'),
    twilio:
      process.env.MESSAGING_BUNDLE_TWILIO_SMS === 'false'
        ? undefined
        : () => import('./sms/twilio.provider.js').then((m) => m.twilioSmsProvider),
    aws:
      process.env.MESSAGING_BUNDLE_AWS_SMS === 'false'
        ? undefined
        : () => import('./sms/aws.provider.js').then((m) => m.awsSmsProvider),
  },
  whatsapp: {
    mock: async () => mockProvider('whatsapp'),
    twilio:
      process.env.MESSAGING_BUNDLE_TWILIO_WHATSAPP === 'false'
        ? undefined
        : () => import('./whatsapp/twilio.provider.js').then((m) => m.twilioWhatsappProvider),
    meta:
      process.env.MESSAGING_BUNDLE_META === 'false'
        ? undefined
        : () => import('./whatsapp/meta.provider.js').then((m) => m.metaWhatsappProvider),
  },
};

/** The build-time flag of each real provider, as written in CATALOG above. */
export const BUNDLE_FLAGS: Readonly<Record<Channel, Readonly<Record<string, string>>>> = {
  email: { ses: 'MESSAGING_BUNDLE_SES', smtp: 'MESSAGING_BUNDLE_SMTP' },
  sms: { twilio: 'MESSAGING_BUNDLE_TWILIO_SMS', aws: 'MESSAGING_BUNDLE_AWS_SMS' },
  whatsapp: { twilio: 'MESSAGING_BUNDLE_TWILIO_WHATSAPP', meta: 'MESSAGING_BUNDLE_META' },
};

/** The variable that lists a channel's providers, in order: EMAIL_PROVIDERS, SMS_PROVIDERS... */
export const providersVariable = (channel: Channel) => `${channel.toUpperCase()}_PROVIDERS`;

/**
 * The provider names a channel's variable lists, in order (default `mock`). The one reading of it:
 * the service plans its providers from it, and the stack its bundles and grants.
 */
export const providerNames = (
  env: Readonly<Record<string, string | undefined>>,
  channel: Channel,
): string[] => (env[providersVariable(channel)] ?? 'mock').split(',').map((name) => name.trim());

export interface ConfiguredProvider {
  factory: AnyProviderFactory;
  settings: unknown;
}
export type ProviderPlan = Readonly<Record<Channel, readonly ConfiguredProvider[]>>;

/**
 * Reads each channel's provider list (default `mock`) and validates the settings of every provider
 * named there, and of no other. Answers the plan, or one problem per bad variable.
 */
export async function planProviders(env: Readonly<Record<string, string | undefined>>): Promise<{
  plan: ProviderPlan;
  problems: string[];
}> {
  const problems: string[] = [];
  const plan = {} as Record<Channel, ConfiguredProvider[]>;
  for (const channel of CHANNELS) {
    const variable = providersVariable(channel);
    const names = providerNames(env, channel);
    const known = CATALOG[channel];
    plan[channel] = [];
    if (names.some((name) => name === '') || new Set(names).size !== names.length) {
      problems.push(`${variable}: must be a comma-separated list of distinct provider names`);
      continue;
    }
    for (const name of names) {
      if (!(name in known)) {
        problems.push(`${variable}: unknown provider "${name}"; known: ${Object.keys(known).join(', ')}`);
        continue;
      }
      const load = known[name];
      if (!load) {
        problems.push(
          `${variable}: provider "${name}" was left out of this build; deploy with it configured`,
        );
        continue;
      }
      const factory = await load();
      if (!factory.settings) {
        plan[channel].push({ factory, settings: undefined });
        continue;
      }
      // Parsed once per process: compiling zod's fast path for it costs more than it saves.
      const parsed = factory.settings.safeParse(env, { jitless: true });
      if (parsed.success) plan[channel].push({ factory, settings: parsed.data });
      else
        problems.push(
          ...parsed.error.issues.map(
            (issue) =>
              `${issue.path.join('.') || variable}: ${issue.message} (for ${channel} provider ${name})`,
          ),
        );
    }
  }
  return { plan, problems: [...new Set(problems)] };
}

/** Builds the providers of a plan, once per container. */
export function buildProviders(plan: ProviderPlan, deps: ProviderDeps): ProviderRegistry {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      plan[channel].map(({ factory, settings }) => factory.create(settings, deps)),
    ]),
  ) as Record<Channel, ReturnType<AnyProviderFactory['create']>[]>;
}
