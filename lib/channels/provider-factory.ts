import type { Channel } from '../domain/message.schema.js';
import type { Provider } from '../ports/provider.js';
import type * as z from '../zod.js';

/** What the composition root hands every provider factory. */
export interface ProviderDeps {
  /** The HTTP client of REST providers (global fetch; tests may pass their own). */
  fetch: typeof fetch;
  /** Every provider call is aborted after this many milliseconds. */
  timeoutMs: number;
}

/**
 * How a provider is configured and built: `settings` validates the environment variables it reads
 * (named in its errors), `create` builds its clients and the provider. Only the providers a channel
 * is configured with are validated and built.
 */
export interface ProviderFactory<S extends z.ZodMiniType = z.ZodMiniType> {
  readonly name: string;
  readonly channel: Channel;
  readonly settings: S;
  create(settings: z.infer<S>, deps: ProviderDeps): Provider;
}

export const defineProvider = <S extends z.ZodMiniType>(factory: ProviderFactory<S>): ProviderFactory<S> =>
  factory;

/** A provider that reads no environment variable (the mocks): nothing to validate, so no schema. */
export interface PlainProviderFactory {
  readonly name: string;
  readonly channel: Channel;
  readonly settings?: undefined;
  create(settings: unknown, deps: ProviderDeps): Provider;
}

export type AnyProviderFactory = ProviderFactory | PlainProviderFactory;
