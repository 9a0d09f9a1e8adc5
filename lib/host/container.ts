import { type AuthorizerDeps, authorizerDeps } from '../composition/authorize.js';
import { clock } from '../composition/basics.js';
import { type WorkerDeps, workerDeps } from '../composition/deliver-messages.js';
import { idempotencyStore } from '../composition/idempotency.js';
import { keyStore } from '../composition/keys.js';
import { type KeysDeps, keysDeps } from '../composition/manage-keys.js';
import { type PrivacyDeps, privacyDeps } from '../composition/manage-privacy.js';
import { type SuppressionsDeps, suppressionsDeps } from '../composition/manage-suppressions.js';
import { type TemplatesDeps, templatesDeps } from '../composition/manage-templates.js';
import { messageLog } from '../composition/message-log.js';
import { type Overrides, Parts, settingsOf } from '../composition/parts.js';
import { providerRegistry } from '../composition/providers.js';
import { type ReadDeps, readDeps } from '../composition/read-messages.js';
import { type ReceiptFunctionDeps, receiptDeps } from '../composition/receive-receipt.js';
import { rateLimiter } from '../composition/route-auth.js';
import { type SendDeps, sendDeps } from '../composition/send-message.js';
import { type StatsDeps, statsDeps } from '../composition/stats.js';
import { type WebhooksDeps, webhookSender, webhookStore, webhooksDeps } from '../composition/webhooks.js';
import type { Config } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { KeyStore, RateLimiter } from '../ports/key-store.js';
import type { MessageLog } from '../ports/message-log.js';
import type { ProviderRegistry } from '../ports/provider.js';

export { MAX_RECEIVES } from '../composition/queue.js';
export type ContainerOverrides = Overrides;

/**
 * The whole service in one process (the local host, the keys command, tests): every function's
 * dependencies, built by the same builders the Lambdas use, over one set of parts.
 */
export type Container = SendDeps &
  ReadDeps &
  StatsDeps &
  KeysDeps &
  TemplatesDeps &
  SuppressionsDeps &
  PrivacyDeps &
  AuthorizerDeps &
  ReceiptFunctionDeps &
  WorkerDeps &
  WebhooksDeps & {
    config: Readonly<Config>;
    webhookStore: ReturnType<typeof webhookStore>;
    webhookSender: ReturnType<typeof webhookSender>;
    clock: Clock;
    messageLog: MessageLog;
    keys: KeyStore;
    rateLimiter: RateLimiter;
    idempotency: IdempotencyStore;
    providers: ProviderRegistry;
    close(): Promise<void>;
  };

export function createContainer(config: Readonly<Config>, overrides: ContainerOverrides = {}): Container {
  const parts = new Parts(settingsOf(config), overrides);
  return {
    ...readDeps(parts),
    ...statsDeps(parts, { required: false }),
    ...keysDeps(parts, { required: false }),
    ...templatesDeps(parts),
    ...suppressionsDeps(parts, { required: false }),
    ...privacyDeps(parts, { required: false }),
    ...receiptDeps(parts, config.receipts),
    ...workerDeps(parts, config.providers),
    ...sendDeps(parts, config.providers),
    ...authorizerDeps(parts, { required: false }),
    ...webhooksDeps(parts),
    webhookStore: webhookStore(parts),
    webhookSender: webhookSender(parts),
    config,
    clock: clock(parts),
    messageLog: messageLog(parts),
    keys: keyStore(parts, { required: false }),
    rateLimiter: rateLimiter(parts),
    idempotency: idempotencyStore(parts),
    providers: providerRegistry(parts, config.providers),
    close: () => parts.close(),
  };
}
