import { createDocumentClient } from './adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from './adapters/dynamodb/dynamodb.message-log.js';
import { openDatabase } from './adapters/sqlite/database.js';
import { SqliteMessageLog } from './adapters/sqlite/sqlite.message-log.js';
import { buildProviders } from './channels/catalog.js';
import { type Config, loadConfig, type StoreConfig } from './config.js';
import type { Clock, IdGenerator } from './domain/clock.js';
import { createIdGenerator } from './ids.js';
import { createLogger, type Logger } from './logger.js';
import type { MessageLog } from './ports/message-log.js';
import type { ProviderRegistry } from './ports/provider.js';
import { resolveSecretReferences } from './secrets.js';
import {
  type GetMessage,
  type ListMessages,
  makeGetMessage,
  makeListMessages,
} from './services/read-messages.js';
import { makeSendMessage, type SendMessage } from './services/send-message.js';

/** Everything a handler needs, built once per container (Lambda) or process (local server). */
export interface Container {
  config: Readonly<Config>;
  logger: Logger;
  messageLog: MessageLog;
  providers: ProviderRegistry;
  sendMessage: SendMessage;
  getMessage: GetMessage;
  listMessages: ListMessages;
  close(): Promise<void>;
}

/** Parts a caller (a test, mostly) may supply instead of the configured ones. */
export interface ContainerOverrides {
  logger?: Logger;
  messageLog?: MessageLog;
  providers?: ProviderRegistry;
  clock?: Clock;
  newId?: IdGenerator;
}

/** The composition root: the one place where configuration picks adapters. */
export function createContainer(config: Readonly<Config>, overrides: ContainerOverrides = {}): Container {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const messageLog = overrides.messageLog ?? createMessageLog(config.store);
  const providers =
    overrides.providers ??
    buildProviders(config.providers, { fetch: globalThis.fetch, timeoutMs: config.providerTimeoutMs });
  const clock = overrides.clock ?? (() => new Date());
  const newId = overrides.newId ?? createIdGenerator();
  return {
    config,
    logger,
    messageLog,
    providers,
    sendMessage: makeSendMessage({
      log: messageLog,
      providers,
      clock,
      newId,
      logger,
      defaultSubject: config.defaultSubject,
      providerTimeoutMs: config.providerTimeoutMs,
    }),
    getMessage: makeGetMessage(messageLog),
    listMessages: makeListMessages(messageLog),
    close: async () => {
      await Promise.all(Object.values(providers).flatMap((list) => list.map((p) => p.close?.())));
      await messageLog.close();
    },
  };
}

function createMessageLog(store: StoreConfig): MessageLog {
  switch (store.kind) {
    case 'sqlite':
      return new SqliteMessageLog(openDatabase(store.path));
    case 'dynamodb':
      return new DynamoDbMessageLog(createDocumentClient(store), store.tableName);
  }
}

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
