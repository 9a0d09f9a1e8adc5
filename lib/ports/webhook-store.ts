import type { MessageRecord } from '../domain/message.schema.js';
import type { DeliveryPage, StoredDelivery, WebhookEndpoint } from '../domain/webhook.js';

/** The webhook endpoints and their deliveries, per tenant. */
export interface WebhookStore {
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** Undefined for an unknown id or another tenant's endpoint. */
  getEndpoint(tenant: string, id: string): Promise<WebhookEndpoint | undefined>;
  /** The tenant's endpoints, oldest first (a handful: not paged). */
  listEndpoints(tenant: string): Promise<WebhookEndpoint[]>;
  /** Replaces an existing endpoint of its tenant; false if there is none. */
  saveEndpoint(endpoint: WebhookEndpoint): Promise<boolean>;
  /** Deletes it and its deliveries; false if there is none. */
  deleteEndpoint(tenant: string, id: string): Promise<boolean>;
  /**
   * Adds deliveries; one already there for the same event and endpoint is left as it is (a replayed
   * change adds nothing).
   */
  addDeliveries(deliveries: readonly StoredDelivery[]): Promise<void>;
  saveDelivery(delivery: StoredDelivery): Promise<void>;
  getDelivery(tenant: string, endpointId: string, id: string): Promise<StoredDelivery | undefined>;
  /** The delivery of one event (a message's change) to one endpoint, by what identifies it. */
  findDelivery(key: DeliveryKey): Promise<StoredDelivery | undefined>;
  /**
   * The first still pending delivery of an earlier event of the same message to the same endpoint:
   * while there is one, this one waits (in order per message).
   */
  pendingBefore(delivery: StoredDelivery): Promise<StoredDelivery | undefined>;
  /** An endpoint's deliveries, newest first. */
  listDeliveries(
    tenant: string,
    endpointId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<DeliveryPage>;
  close(): Promise<void>;
}

/** What identifies a delivery whatever its id: its endpoint and its event (a message's change). */
export type DeliveryKey = Pick<StoredDelivery, 'tenant' | 'endpointId' | 'messageId' | 'eventSeq'>;

/**
 * The offline schedule of deliveries (SQLite): on AWS the webhook queue holds each delivery until
 * it is due, so the table is never searched by time.
 */
export interface WebhookSchedule {
  /**
   * Pending deliveries due at `now`, oldest first, none while an earlier event of the same message
   * to the same endpoint is still pending (in order per message).
   */
  dueDeliveries(now: string, limit: number): Promise<StoredDelivery[]>;
}

/** A status change waiting for its webhooks, written by the very write that made the change. */
export interface OutboxEntry {
  seq: number;
  /** The change's place among the message's events: with the message id, the event's identity. */
  eventSeq: number;
  record: MessageRecord;
}

/**
 * The offline outbox (SQLite): the message log writes an entry in the transaction of each status
 * change; the sender turns entries into deliveries, the entries' removal in the same transaction.
 * (On AWS the message table's stream plays this part.)
 */
export interface WebhookOutbox {
  pending(limit: number): Promise<OutboxEntry[]>;
  /** Adds the deliveries and removes the entries, atomically. */
  settle(entries: readonly OutboxEntry[], deliveries: readonly StoredDelivery[]): Promise<void>;
}

/**
 * The copies of a message record the webhook deliveries keep, erased with the message (DynamoDB: the
 * SQLite log rewrites its own copies in the erasure's transaction).
 */
export interface WebhookCopies {
  /** Rewrites the `data` of every delivery of the message, to every endpoint of the tenant. */
  eraseMessage(tenant: string, messageId: string, recipientHash: string): Promise<void>;
}
