import type { z } from 'zod';
import { CHANNELS, type Channel } from '../domain/message.schema.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { sesProvider } from './email/ses.provider.js';
import { smtpProvider } from './email/smtp.provider.js';
import { mockProvider } from './mock.provider.js';
import type { ProviderDeps, ProviderFactory } from './provider-factory.js';
import { awsSmsProvider } from './sms/aws.provider.js';
import { twilioSmsProvider } from './sms/twilio.provider.js';
import { metaWhatsappProvider } from './whatsapp/meta.provider.js';
import { twilioWhatsappProvider } from './whatsapp/twilio.provider.js';

/** Every provider a channel can be configured with, by the name used in `<CHANNEL>_PROVIDERS`. */
export const CATALOG: Readonly<Record<Channel, Readonly<Record<string, ProviderFactory>>>> = {
  email: { mock: mockProvider('email'), ses: sesProvider, smtp: smtpProvider },
  sms: { mock: mockProvider('sms'), twilio: twilioSmsProvider, aws: awsSmsProvider },
  whatsapp: { mock: mockProvider('whatsapp'), twilio: twilioWhatsappProvider, meta: metaWhatsappProvider },
};

/** The variable that lists a channel's providers, in order: EMAIL_PROVIDERS, SMS_PROVIDERS... */
export const providersVariable = (channel: Channel) => `${channel.toUpperCase()}_PROVIDERS`;

export interface ConfiguredProvider {
  factory: ProviderFactory;
  settings: unknown;
}
export type ProviderPlan = Readonly<Record<Channel, readonly ConfiguredProvider[]>>;

/**
 * Reads each channel's provider list (default `mock`) and validates the settings of every provider
 * named there, and of no other. Answers the plan, or one problem per bad variable.
 */
export function planProviders(env: Readonly<Record<string, string | undefined>>): {
  plan: ProviderPlan;
  problems: string[];
} {
  const problems: string[] = [];
  const plan = {} as Record<Channel, ConfiguredProvider[]>;
  for (const channel of CHANNELS) {
    const variable = providersVariable(channel);
    const names = (env[variable] ?? 'mock').split(',').map((name) => name.trim());
    const known = CATALOG[channel];
    plan[channel] = [];
    if (names.some((name) => name === '') || new Set(names).size !== names.length) {
      problems.push(`${variable}: must be a comma-separated list of distinct provider names`);
      continue;
    }
    for (const name of names) {
      const factory = known[name];
      if (!factory) {
        problems.push(`${variable}: unknown provider "${name}"; known: ${Object.keys(known).join(', ')}`);
        continue;
      }
      const parsed = (factory.settings as z.ZodType).safeParse(env);
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
  ) as Record<Channel, ReturnType<ProviderFactory['create']>[]>;
}
