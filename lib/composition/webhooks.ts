import { DynamoDbWebhookStore } from '../adapters/dynamodb/dynamodb.webhook-store.js';
import { NodeWebhookTransport } from '../adapters/http/node.webhook-transport.js';
import { SqliteWebhookStore } from '../adapters/sqlite/sqlite.webhook-store.js';
import { WebhooksUnavailableError } from '../domain/errors.js';
import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import type { WebhookCopies, WebhookStore } from '../ports/webhook-store.js';
import type { WebhookTransport } from '../ports/webhook-transport.js';
import { makeWebhookSender, type WebhookSender } from '../services/deliver-webhooks.js';
import { type ManageWebhooks, makeManageWebhooks } from '../services/manage-webhooks.js';
import { cachedEndpoints } from '../webhooks/endpoint-cache.js';
import { systemResolver } from '../webhooks/url-policy.js';
import { clock, logger, metrics, newId, routeBasics } from './basics.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { documentClient, noSqliteInBundle, sqliteDatabase, storeOf } from './stores.js';

const unavailable = async (): Promise<never> => {
  throw new WebhooksUnavailableError();
};
/** A DynamoDB deployment without WEBHOOKS_TABLE_NAME: the routes answer 503 WEBHOOKS_UNAVAILABLE. */
const noStore: WebhookStore = {
  createEndpoint: unavailable,
  getEndpoint: unavailable,
  listEndpoints: unavailable,
  saveEndpoint: unavailable,
  deleteEndpoint: unavailable,
  addDeliveries: unavailable,
  saveDelivery: unavailable,
  getDelivery: unavailable,
  findDelivery: unavailable,
  pendingBefore: unavailable,
  listDeliveries: unavailable,
  close: async () => {},
};

/**
 * The endpoints and deliveries: the SQLite database's (with the outbox and the schedule) offline,
 * the WEBHOOKS_TABLE_NAME table on DynamoDB.
 */
export const webhookStore = (parts: Parts): WebhookStore =>
  parts.once('webhookStore', () => {
    const store = storeOf(parts);
    if (store.kind === 'sqlite')
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteWebhookStore(sqliteDatabase(parts, store.path));
    return dynamoDbWebhookStore(parts) ?? noStore;
  });

/** The WEBHOOKS_TABLE_NAME table's store, on DynamoDB with that table; undefined otherwise. */
const dynamoDbWebhookStore = (parts: Parts): DynamoDbWebhookStore | undefined =>
  parts.once('dynamoDbWebhookStore', () => {
    const store = storeOf(parts);
    if (store.kind !== 'dynamodb' || !store.webhooksTableName) return undefined;
    return new DynamoDbWebhookStore(documentClient(parts, store), store.webhooksTableName);
  });

/**
 * The webhook deliveries' copies of message records that erasure rewrites: the DynamoDB table's.
 * Offline there are none to give: the SQLite log's erase rewrites them in its own transaction.
 */
export const webhookCopies = (parts: Parts): WebhookCopies | undefined => dynamoDbWebhookStore(parts);

/** The HTTP client of the webhooks: Node's, pinned to checked addresses; a test's, if it gave one. */
const webhookTransport = (parts: Parts): WebhookTransport =>
  parts.overrides.webhookTransport ?? parts.once('webhookTransport', () => new NodeWebhookTransport());

/**
 * The sender. `cacheMs`: the Lambda senders on AWS read endpoints through a per-container cache of
 * that age (lib/webhooks/endpoint-cache.ts); the routes and the offline sender read the store.
 */
export const webhookSender = (parts: Parts, options: { cacheMs?: number } = {}): WebhookSender =>
  parts.once(options.cacheMs ? 'cachedWebhookSender' : 'webhookSender', () =>
    makeWebhookSender({
      store: webhookStore(parts),
      ...(options.cacheMs
        ? { endpoints: cachedEndpoints(webhookStore(parts), options.cacheMs, clock(parts)) }
        : {}),
      transport: webhookTransport(parts),
      resolve: parts.overrides.resolver ?? systemResolver,
      policy: parts.settings.service.webhookUrls,
      clock: clock(parts),
      newId: newId(parts),
      logger: logger(parts),
      metrics: metrics(parts),
    }),
  );

export interface WebhooksDeps extends RouteDeps, AuthorizationDeps {
  manageWebhooks: ManageWebhooks;
}

/** /webhook-endpoints: the store, the URL policy and, for a retry, the sender. */
export function webhooksDeps(parts: Parts): WebhooksDeps {
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    manageWebhooks: parts.once('manageWebhooks', () =>
      makeManageWebhooks({
        store: webhookStore(parts),
        clock: clock(parts),
        newId: newId(parts),
        resolve: parts.overrides.resolver ?? systemResolver,
        policy: parts.settings.service.webhookUrls,
        sender: webhookSender(parts),
      }),
    ),
  };
}
