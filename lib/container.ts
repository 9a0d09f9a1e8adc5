import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoDbIdempotencyStore } from './adapters/dynamodb/dynamodb.idempotency-store.js';
import { DynamoDbKeyStore, DynamoDbRateLimiter } from './adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbMessageLog } from './adapters/dynamodb/dynamodb.message-log.js';
import { openDatabase } from './adapters/sqlite/database.js';
import { SqliteIdempotencyStore } from './adapters/sqlite/sqlite.idempotency-store.js';
import { SqliteKeyStore, SqliteRateLimiter } from './adapters/sqlite/sqlite.key-store.js';
import { SqliteMessageLog } from './adapters/sqlite/sqlite.message-log.js';
import { SqliteQueue } from './adapters/sqlite/sqlite.queue.js';
import * as sqsAdapter from './adapters/sqs/sqs.queue.js';
import { buildProviders } from './channels/catalog.js';
import { type Config, loadConfig } from './config.js';
import type { Clock, IdGenerator } from './domain/clock.js';
import { createIdGenerator } from './ids.js';
import { createLogger, type Logger } from './logger.js';
import type { IdempotencyStore } from './ports/idempotency-store.js';
import type { KeyStore, RateLimiter } from './ports/key-store.js';
import type { MessageLog } from './ports/message-log.js';
import type { MessageQueue } from './ports/message-queue.js';
import type { ProviderRegistry } from './ports/provider.js';
import { resolveSecretReferences } from './secrets.js';
import { type Authenticate, makeAuthenticate } from './services/authenticate.js';
import { type DeliverMessage, makeDeliverMessage } from './services/deliver-message.js';
import { type ManageKeys, makeManageKeys } from './services/manage-keys.js';
import {
  type GetMessage,
  type ListEvents,
  type ListMessages,
  makeGetMessage,
  makeListEvents,
  makeListMessages,
} from './services/read-messages.js';
import { makeRecordReceipt, type RecordReceipt } from './services/record-receipt.js';
import { makeSendMessage, type SendMessage } from './services/send-message.js';

// The SQS adapter and its SDK client are left out of the bundle of a function whose environment has
// no QUEUE_URL: esbuild defines the flag as "false" there (infra/bundling.ts), and drops the unused import.
const sqs = process.env.MESSAGING_BUNDLE_SQS === 'false' ? undefined : sqsAdapter;

/** Everything a handler needs, built once per container (Lambda) or process (local server). */
export interface Container {
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  messageLog: MessageLog;
  idempotency: IdempotencyStore;
  keys: KeyStore;
  rateLimiter: RateLimiter;
  auth: Config['auth'];
  authenticate: Authenticate;
  manageKeys: ManageKeys;
  /** Undefined where there is no queue (a DynamoDB log without QUEUE_URL): sends are synchronous. */
  queue: MessageQueue | undefined;
  providers: ProviderRegistry;
  sendMessage: SendMessage;
  deliverMessage: DeliverMessage | undefined;
  recordReceipt: RecordReceipt;
  getMessage: GetMessage;
  listMessages: ListMessages;
  listEvents: ListEvents;
  close(): Promise<void>;
}

/** Parts a caller (a test, mostly) may supply instead of the configured ones. */
export interface ContainerOverrides {
  logger?: Logger;
  messageLog?: MessageLog;
  idempotency?: IdempotencyStore;
  keys?: KeyStore;
  rateLimiter?: RateLimiter;
  queue?: MessageQueue;
  providers?: ProviderRegistry;
  clock?: Clock;
  newId?: IdGenerator;
}

/** The composition root: the one place where configuration picks adapters. */
export function createContainer(config: Readonly<Config>, overrides: ContainerOverrides = {}): Container {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? (() => new Date());
  const stores = createStores(config, clock);
  const messageLog = overrides.messageLog ?? stores.messageLog;
  const idempotency = overrides.idempotency ?? stores.idempotency;
  const queue = overrides.queue ?? stores.queue;
  const keys = overrides.keys ?? stores.keys;
  const rateLimiter = overrides.rateLimiter ?? stores.rateLimiter;
  const providers =
    overrides.providers ??
    buildProviders(config.providers, { fetch: globalThis.fetch, timeoutMs: config.providerTimeoutMs });
  const newId = overrides.newId ?? createIdGenerator();
  return {
    config,
    logger,
    clock,
    messageLog,
    idempotency,
    keys,
    rateLimiter,
    auth: config.auth,
    authenticate: makeAuthenticate({ keys, clock, logger }),
    manageKeys: makeManageKeys({ keys, clock }),
    queue,
    providers,
    sendMessage: makeSendMessage({
      log: messageLog,
      providers,
      clock,
      newId,
      logger,
      defaultSubject: config.defaultSubject,
      providerTimeoutMs: config.providerTimeoutMs,
      queue,
    }),
    deliverMessage:
      queue &&
      makeDeliverMessage({
        log: messageLog,
        queue,
        providers,
        clock,
        logger,
        retry: config.delivery.retry,
        leaseMs: config.delivery.leaseMs,
        providerTimeoutMs: config.providerTimeoutMs,
      }),
    recordReceipt: makeRecordReceipt({ log: messageLog, logger, clock }),
    getMessage: makeGetMessage(messageLog),
    listMessages: makeListMessages(messageLog),
    listEvents: makeListEvents(messageLog),
    close: async () => {
      await Promise.all(Object.values(providers).flatMap((list) => list.map((p) => p.close?.())));
      await queue?.close();
      await idempotency.close();
      await keys.close();
      await rateLimiter.close();
      // The log closes the SQLite database or the DynamoDB client the other stores share.
      await messageLog.close();
      await stores.close();
    },
  };
}

/**
 * The stores of one configuration. Offline they share one SQLite database (log, queue, idempotency);
 * on AWS one DynamoDB client, and the queue is SQS.
 */
function createStores(config: Readonly<Config>, clock: Clock) {
  const { store, delivery } = config;
  let queue: MessageQueue | undefined;
  let closeQueueClient = async () => {};
  if (delivery.queue.kind === 'sqs') {
    if (!sqs) throw new Error('QUEUE_URL is set, but this bundle was built without the SQS client');
    const client = sqs.createSqsClient(delivery.queue);
    queue = new sqs.SqsQueue(client, delivery.queue.url);
    closeQueueClient = async () => client.destroy();
  }
  if (store.kind === 'sqlite') {
    const db = openDatabase(store.path);
    if (delivery.queue.kind === 'sqlite') queue = new SqliteQueue(db, { maxReceives: MAX_RECEIVES });
    return {
      messageLog: new SqliteMessageLog(db) as MessageLog,
      idempotency: new SqliteIdempotencyStore(db, { clock }) as IdempotencyStore,
      keys: new SqliteKeyStore(db) as KeyStore,
      rateLimiter: new SqliteRateLimiter(db) as RateLimiter,
      queue,
      close: closeQueueClient,
    };
  }
  const client = createDocumentClient(store);
  return {
    messageLog: new DynamoDbMessageLog(client, store.tableName) as MessageLog,
    idempotency: store.idempotencyTableName
      ? new DynamoDbIdempotencyStore(client, store.idempotencyTableName, { clock })
      : unavailableIdempotency,
    keys: store.keysTableName ? new DynamoDbKeyStore(client, store.keysTableName) : noKeys,
    rateLimiter: store.rateCounterTableName
      ? new DynamoDbRateLimiter(client, store.rateCounterTableName)
      : unlimited,
    queue,
    close: closeQueueClient,
  };
}

/** How often a job may be received unhandled before it goes to the dead-letter queue (as on SQS). */
export const MAX_RECEIVES = 10;

// A DynamoDB deployment with authentication off (only ever offline: on Lambda it is required, and the
// configuration then requires both tables) has no keys and no limits.
const noKeys: KeyStore = {
  create: async () => {
    throw new Error('no keys table is configured (KEYS_TABLE_NAME)');
  },
  get: async () => undefined,
  list: async () => [],
  revoke: async () => undefined,
  touch: async () => {},
  close: async () => {},
};
const unlimited: RateLimiter = { consume: async () => ({ allowed: true }), close: async () => {} };

/** A deployment without an idempotency table refuses the header rather than ignore it. */
const unavailableIdempotency: IdempotencyStore = {
  begin: async () => {
    throw new Error('no idempotency table is configured (IDEMPOTENCY_TABLE_NAME)');
  },
  complete: async () => {},
  release: async () => {},
  close: async () => {},
};

let shared: Promise<Container> | undefined;

/**
 * The container of this Lambda execution environment, built on first use: secret references in the
 * environment are resolved once, then the configuration is validated. A failed start is retried on
 * the next invocation rather than cached.
 */
export const getContainer = (): Promise<Container> => {
  shared ??= resolveSecretReferences(process.env)
    .then(async (env) => createContainer(await loadConfig(env)))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
};
