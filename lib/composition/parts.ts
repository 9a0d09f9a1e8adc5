import type { ProviderPlan } from '../channels/catalog.js';
import type { Config, ServiceSettings } from '../config.js';
import type { Clock, IdGenerator } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import type { ErasureJobStore } from '../ports/erasure-jobs.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { KeyStore, RateLimiter } from '../ports/key-store.js';
import type { MessageLog } from '../ports/message-log.js';
import type { MessageQueue } from '../ports/message-queue.js';
import type { Metrics } from '../ports/metrics.js';
import type { ProviderRegistry } from '../ports/provider.js';
import type { SuppressionList } from '../ports/suppression-list.js';
import type { TemplateStore } from '../ports/template-store.js';
import type { WebhookQueue } from '../ports/webhook-queue.js';
import type { WebhookTransport } from '../ports/webhook-transport.js';
import type { ReceiptSettings } from '../receipts/settings.js';
import type { Resolver } from '../webhooks/url-policy.js';

/** Parts a caller (a test, mostly) may supply instead of the configured ones. */
export interface Overrides {
  logger?: Logger;
  metrics?: Metrics;
  messageLog?: MessageLog;
  idempotency?: IdempotencyStore;
  keys?: KeyStore;
  templates?: TemplateStore;
  rateLimiter?: RateLimiter;
  queue?: MessageQueue;
  erasureJobs?: ErasureJobStore;
  providers?: ProviderRegistry;
  suppressions?: SuppressionList;
  clock?: Clock;
  newId?: IdGenerator;
  /** The status webhooks' HTTP client and name resolver (tests: loopback only, or none at all). */
  webhookTransport?: WebhookTransport;
  resolver?: Resolver;
  webhookQueue?: WebhookQueue;
}

/** The overridable parts that hold a connection or a handle, and so are closed. */
type ClosableName =
  | 'messageLog'
  | 'idempotency'
  | 'keys'
  | 'templates'
  | 'rateLimiter'
  | 'queue'
  | 'suppressions'
  | 'erasureJobs';

/**
 * Where the parts' settings come from: the common settings, read up front; the providers' and the
 * webhooks', read and checked only by the function that builds them.
 */
export interface SettingsSource {
  readonly service: Readonly<ServiceSettings>;
  providers(): Promise<ProviderPlan>;
  receipts(): ReceiptSettings;
}

/** A whole configuration, already checked (the local host's). */
export const settingsOf = (config: Readonly<Config>): SettingsSource => ({
  service: config,
  providers: async () => config.providers,
  receipts: () => config.receipts,
});

/**
 * The composition root's memory: each builder in lib/composition/ makes its part once per Parts (once
 * per Lambda container, or per local service) and registers how to close it. A builder module imports
 * only its own adapters, so a function's bundle holds only what its builders make.
 */
export class Parts {
  private readonly made = new Map<string, unknown>();
  private readonly closers: (() => unknown)[] = [];

  constructor(
    readonly settings: SettingsSource,
    readonly overrides: Readonly<Overrides> = {},
  ) {}

  /** The part called `name`, built by `build` the first time. */
  once<T>(name: string, build: () => T): T {
    if (this.made.has(name)) return this.made.get(name) as T;
    const part = build();
    this.made.set(name, part);
    return part;
  }

  /**
   * A store-like part: the caller's override of it, else the configured one made by `build` (once);
   * either is closed with the rest.
   */
  closable<K extends ClosableName, T extends NonNullable<Overrides[K]> | undefined>(
    name: K,
    build: () => T,
  ): T | NonNullable<Overrides[K]> {
    return this.once(name, () => {
      const made = this.overrides[name] ?? build();
      if (made) this.onClose(() => made.close());
      return made;
    });
  }

  /** Closed in the reverse order of registration: a store before the database or client it uses. */
  onClose(close: () => unknown): void {
    this.closers.push(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}
