import * as getMessage from '../../functions/get-message.js';
import * as getStats from '../../functions/get-stats.js';
import * as listMessageEvents from '../../functions/list-message-events.js';
import * as listMessages from '../../functions/list-messages.js';
import * as manageKeys from '../../functions/manage-keys.js';
import * as managePrivacy from '../../functions/manage-privacy.js';
import * as manageSuppressions from '../../functions/manage-suppressions.js';
import * as manageTemplates from '../../functions/manage-templates.js';
import * as manageWebhooks from '../../functions/manage-webhooks.js';
import * as receiveReceipt from '../../functions/receive-receipt.js';
import * as sendMessage from '../../functions/send-message.js';
import { SqliteIdempotencyStore } from '../adapters/sqlite/sqlite.idempotency-store.js';
import { SqliteMessageLog } from '../adapters/sqlite/sqlite.message-log.js';
import { SqliteQueue } from '../adapters/sqlite/sqlite.queue.js';
import { type LocalWorker, startLocalWorker } from '../adapters/sqlite/sqlite.queue-worker.js';
import { SqliteWebhookStore } from '../adapters/sqlite/sqlite.webhook-store.js';
import type { Config } from '../config.js';
import type { ApiHandler } from '../http/api-handler.js';
import { type LocalRoute, startLocalServer } from '../http/local-server.js';
import { type API_FUNCTIONS, type ApiFunctionName, ROUTES } from '../http/route-table.js';
import { loadStaticSite } from '../http/static-site.js';
import { type Container, type ContainerOverrides, createContainer } from './container.js';
import { docsRoutes } from './docs-page.js';
import { openApiHandler } from './openapi-route.js';
import { startWebhookPump, type WebhookPump } from './webhook-pump.js';

// Expired idempotency keys are swept this often.
const SWEEP_EVERY_MS = 60_000;
// Expired messages (retention) are swept at start and then this often.
const RETENTION_SWEEP_EVERY_MS = 86_400_000;

/** Each function of the route table, as the local host builds it over its container. */
export function localFunctions(container: Container): Record<ApiFunctionName, ApiHandler> {
  const deps = () => container;
  return {
    sendMessage: sendMessage.createHandler(deps),
    listMessages: listMessages.createHandler(deps),
    getMessage: getMessage.createHandler(deps),
    listMessageEvents: listMessageEvents.createHandler(deps),
    manageKeys: manageKeys.createHandler(deps),
    manageWebhooks: manageWebhooks.createHandler(deps),
    manageSuppressions: manageSuppressions.createHandler(deps),
    managePrivacy: managePrivacy.createHandler(deps),
    manageTemplates: manageTemplates.createHandler(deps),
    receiveReceipt: receiveReceipt.createHandler(deps),
    getOpenApi: openApiHandler(deps),
    getStats: getStats.createHandler(deps),
  } satisfies Record<keyof typeof API_FUNCTIONS, ApiHandler>;
}

/** The route table, each route served by its function: what API Gateway maps on AWS. */
export const localRoutes = (functions: Record<ApiFunctionName, ApiHandler>): LocalRoute[] =>
  ROUTES.map((route) => ({ method: route.method, path: route.path, handler: functions[route.function] }));

/**
 * The whole service in this process: container, handlers, local HTTP server, and, on the SQLite
 * queue, the worker that delivers queued messages (what SQS and the worker Lambda do on AWS).
 */
export async function startLocalService(config: Readonly<Config>, overrides: ContainerOverrides = {}) {
  const container = createContainer(config, overrides);
  let worker: LocalWorker | undefined;
  let webhooks: WebhookPump | undefined;
  let sweeper: NodeJS.Timeout | undefined;
  let retentionSweeper: NodeJS.Timeout | undefined;
  try {
    worker = startWorker(container);
    // Status webhooks from the SQLite outbox, in this process.
    const { webhookStore, webhookSender, logger } = container;
    if (webhookStore instanceof SqliteWebhookStore)
      webhooks = startWebhookPump({ sender: webhookSender, outbox: webhookStore, logger });
    // Expired idempotency keys are swept on a timer (DynamoDB's TTL does it on AWS).
    const { idempotency } = container;
    if (idempotency instanceof SqliteIdempotencyStore) {
      const sweep = () => idempotency.sweep(Math.floor(Date.now() / 1000));
      sweep();
      sweeper = setInterval(sweep, SWEEP_EVERY_MS).unref();
    }
    // Expired messages go at start and daily (DynamoDB's TTL on AWS); reads hide them meanwhile.
    const { messageLog, clock } = container;
    if (messageLog instanceof SqliteMessageLog) {
      const sweep = () => {
        try {
          const deleted = messageLog.sweepExpired(clock());
          if (deleted > 0) logger.info('expired messages deleted (retention)', { count: deleted });
        } catch (error) {
          logger.error('retention sweep failed; it runs again in a day', { error });
        }
      };
      sweep();
      retentionSweeper = setInterval(sweep, RETENTION_SWEEP_EVERY_MS).unref();
    }
    const server = await startLocalServer({
      // The route table's routes, and the human-readable reference of the API (local only).
      routes: [...localRoutes(localFunctions(container)), ...docsRoutes()],
      host: config.host,
      port: config.port,
      logger: container.logger,
      site: config.consoleDir === null ? undefined : await loadStaticSite(config.consoleDir),
    });
    return {
      url: server.url,
      container,
      worker,
      webhooks,
      /** In-flight requests and jobs finish, then the stores are closed. */
      async close() {
        await server.close();
        clearInterval(sweeper);
        clearInterval(retentionSweeper);
        await worker?.close();
        await webhooks?.close();
        await container.close();
      },
    };
  } catch (error) {
    clearInterval(sweeper);
    clearInterval(retentionSweeper);
    await worker?.close();
    await webhooks?.close();
    await container.close();
    throw error;
  }
}

function startWorker(container: Container): LocalWorker | undefined {
  const { queue, deliverMessage, logger, metrics, config } = container;
  if (!(queue instanceof SqliteQueue) || !deliverMessage) return undefined;
  // Messages logged by a process that stopped before it enqueued them get their job now.
  const orphans = queue.requeueOrphans();
  if (orphans.length > 0)
    logger.warn('queued messages without a job were queued again', { count: orphans.length });
  return startLocalWorker({
    queue,
    deliverMessage,
    logger,
    ...(metrics ? { metrics } : {}),
    concurrency: config.delivery.concurrency,
    leaseMs: config.delivery.leaseMs,
  });
}
