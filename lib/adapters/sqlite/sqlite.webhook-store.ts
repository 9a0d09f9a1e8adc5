import { decodeCursor, encodeCursor, POSITION } from '../../domain/cursor.js';
import type { MessageRecord } from '../../domain/message.schema.js';
import {
  type DeliveryPage,
  deliveryView,
  type StoredDelivery,
  type WebhookEndpoint,
} from '../../domain/webhook.js';
import type {
  DeliveryKey,
  OutboxEntry,
  WebhookOutbox,
  WebhookSchedule,
  WebhookStore,
} from '../../ports/webhook-store.js';
import type { SqliteDatabase } from './database.js';

interface EndpointRow {
  id: string;
  tenant: string;
  url: string;
  events: string;
  description: string | null;
  enabled: number;
  disabled_reason: string | null;
  failing_since: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
  updated_at: string;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  tenant: row.tenant,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEndpoint['events'],
  description: row.description,
  enabled: row.enabled === 1,
  disabledReason: row.disabled_reason,
  failingSince: row.failing_since,
  secret: row.secret,
  previousSecret: row.previous_secret,
  previousSecretExpiresAt: row.previous_secret_expires_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const endpointParams = (e: WebhookEndpoint) => ({
  ...e,
  events: JSON.stringify(e.events),
  enabled: e.enabled ? 1 : 0,
});

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  tenant: string;
  event_id: string;
  event_type: StoredDelivery['eventType'];
  message_id: string;
  event_seq: number;
  state: StoredDelivery['state'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_latency_ms: number | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  payload: string;
}

const toDelivery = (row: DeliveryRow): StoredDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  tenant: row.tenant,
  eventId: row.event_id,
  eventType: row.event_type,
  messageId: row.message_id,
  eventSeq: row.event_seq,
  state: row.state,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastLatencyMs: row.last_latency_ms,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  payload: row.payload,
});

const deliveryParams = (d: StoredDelivery) => d;

/** Webhook endpoints, deliveries and the outbox in the service's SQLite database (offline). */
export class SqliteWebhookStore implements WebhookStore, WebhookOutbox, WebhookSchedule {
  private readonly s;

  constructor(private readonly db: SqliteDatabase) {
    this.s = {
      insertEndpoint: db.prepare(
        `INSERT INTO webhook_endpoints (id, tenant, url, events, description, enabled, disabled_reason,
           failing_since, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
         VALUES (@id, @tenant, @url, @events, @description, @enabled, @disabledReason, @failingSince,
           @secret, @previousSecret, @previousSecretExpiresAt, @createdAt, @updatedAt)`,
      ),
      updateEndpoint: db.prepare(
        `UPDATE webhook_endpoints SET url = @url, events = @events, description = @description,
           enabled = @enabled, disabled_reason = @disabledReason, failing_since = @failingSince,
           secret = @secret, previous_secret = @previousSecret,
           previous_secret_expires_at = @previousSecretExpiresAt, updated_at = @updatedAt
         WHERE id = @id AND tenant = @tenant`,
      ),
      endpoint: db.prepare('SELECT * FROM webhook_endpoints WHERE id = ? AND tenant = ?'),
      endpoints: db.prepare('SELECT * FROM webhook_endpoints WHERE tenant = ? ORDER BY created_at, id'),
      deleteEndpoint: db.prepare('DELETE FROM webhook_endpoints WHERE id = ? AND tenant = ?'),
      deleteDeliveries: db.prepare('DELETE FROM webhook_deliveries WHERE endpoint_id = ?'),
      insertDelivery: db.prepare(
        `INSERT OR IGNORE INTO webhook_deliveries (id, endpoint_id, tenant, event_id, event_type, message_id,
           event_seq, state, attempts, last_status_code, last_error, last_latency_ms, next_attempt_at,
           created_at, updated_at, payload)
         VALUES (@id, @endpointId, @tenant, @eventId, @eventType, @messageId, @eventSeq, @state, @attempts,
           @lastStatusCode, @lastError, @lastLatencyMs, @nextAttemptAt, @createdAt, @updatedAt, @payload)`,
      ),
      updateDelivery: db.prepare(
        `UPDATE webhook_deliveries SET state = @state, attempts = @attempts,
           last_status_code = @lastStatusCode, last_error = @lastError, last_latency_ms = @lastLatencyMs,
           next_attempt_at = @nextAttemptAt, updated_at = @updatedAt
         WHERE id = @id`,
      ),
      due: db.prepare(
        `SELECT * FROM webhook_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= ?
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                           WHERE e.endpoint_id = d.endpoint_id AND e.message_id = d.message_id
                             AND e.event_seq < d.event_seq AND e.state = 'pending')
         ORDER BY d.next_attempt_at, d.event_seq LIMIT ?`,
      ),
      delivery: db.prepare(
        'SELECT * FROM webhook_deliveries WHERE id = ? AND endpoint_id = ? AND tenant = ?',
      ),
      byEvent: db.prepare(
        `SELECT * FROM webhook_deliveries
         WHERE endpoint_id = ? AND tenant = ? AND message_id = ? AND event_seq = ?`,
      ),
      pendingBefore: db.prepare(
        `SELECT * FROM webhook_deliveries
         WHERE endpoint_id = ? AND tenant = ? AND message_id = ? AND event_seq < ? AND state = 'pending'
         ORDER BY event_seq LIMIT 1`,
      ),
      outbox: db.prepare('SELECT seq, event_seq, record FROM webhook_outbox ORDER BY seq LIMIT ?'),
      deleteOutbox: db.prepare('DELETE FROM webhook_outbox WHERE seq = ?'),
    };
  }

  async createEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    this.s.insertEndpoint.run(endpointParams(endpoint));
  }

  async getEndpoint(tenant: string, id: string): Promise<WebhookEndpoint | undefined> {
    const row = this.s.endpoint.get(id, tenant) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  async listEndpoints(tenant: string): Promise<WebhookEndpoint[]> {
    return (this.s.endpoints.all(tenant) as EndpointRow[]).map(toEndpoint);
  }

  async saveEndpoint(endpoint: WebhookEndpoint): Promise<boolean> {
    return this.s.updateEndpoint.run(endpointParams(endpoint)).changes > 0;
  }

  async deleteEndpoint(tenant: string, id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const deleted = this.s.deleteEndpoint.run(id, tenant).changes > 0;
      if (deleted) this.s.deleteDeliveries.run(id);
      return deleted;
    })();
  }

  async addDeliveries(deliveries: readonly StoredDelivery[]): Promise<void> {
    this.db.transaction(() => {
      for (const delivery of deliveries) this.s.insertDelivery.run(deliveryParams(delivery));
    })();
  }

  async dueDeliveries(now: string, limit: number): Promise<StoredDelivery[]> {
    return (this.s.due.all(now, limit) as DeliveryRow[]).map(toDelivery);
  }

  async saveDelivery(delivery: StoredDelivery): Promise<void> {
    this.s.updateDelivery.run(deliveryParams(delivery));
  }

  async getDelivery(tenant: string, endpointId: string, id: string): Promise<StoredDelivery | undefined> {
    const row = this.s.delivery.get(id, endpointId, tenant) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async findDelivery(key: DeliveryKey): Promise<StoredDelivery | undefined> {
    const row = this.s.byEvent.get(key.endpointId, key.tenant, key.messageId, key.eventSeq) as
      | DeliveryRow
      | undefined;
    return row && toDelivery(row);
  }

  async pendingBefore(delivery: StoredDelivery): Promise<StoredDelivery | undefined> {
    const row = this.s.pendingBefore.get(
      delivery.endpointId,
      delivery.tenant,
      delivery.messageId,
      delivery.eventSeq,
    ) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async listDeliveries(
    tenant: string,
    endpointId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<DeliveryPage> {
    const where = ['endpoint_id = ?', 'tenant = ?'];
    const params: unknown[] = [endpointId, tenant];
    if (page.cursor) {
      where.push('(created_at, id) < (?, ?)');
      params.push(...decodeCursor(page.cursor, POSITION));
    }
    const rows = this.db
      .prepare(
        `SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(...params, page.limit + 1) as DeliveryRow[];
    const items = rows.slice(0, page.limit).map((row) => deliveryView(toDelivery(row)));
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > page.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    };
  }

  async pending(limit: number): Promise<OutboxEntry[]> {
    return (this.s.outbox.all(limit) as { seq: number; event_seq: number; record: string }[]).map((row) => ({
      seq: row.seq,
      eventSeq: row.event_seq,
      record: JSON.parse(row.record) as MessageRecord,
    }));
  }

  async settle(entries: readonly OutboxEntry[], deliveries: readonly StoredDelivery[]): Promise<void> {
    this.db.transaction(() => {
      for (const delivery of deliveries) this.s.insertDelivery.run(deliveryParams(delivery));
      for (const entry of entries) this.s.deleteOutbox.run(entry.seq);
    })();
  }

  async close(): Promise<void> {}
}
