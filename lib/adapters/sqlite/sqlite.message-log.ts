import type { Clock } from '../../domain/clock.js';
import { decodeCursor, encodeCursor, POSITION } from '../../domain/cursor.js';
import { asError } from '../../domain/errors.js';
import {
  ERASED,
  type MessageEvent,
  type MessageRecord,
  type TenantListQuery,
} from '../../domain/message.schema.js';
import type { MessageStatus } from '../../domain/message-status.js';
import { EVENT_OF_STATUS } from '../../domain/webhook.js';
import {
  checkTransition,
  type Erasure,
  eventOf,
  type MessageLog,
  type MessageLogOptions,
  type MessagePage,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../../ports/message-log.js';
import { expiresAtOf, isExpired, type RetentionPolicy } from '../../privacy/retention.js';
import { durably, type SqliteDatabase, type Statement } from './database.js';

interface Row {
  id: string;
  tenant: string;
  type: MessageRecord['type'];
  recipient: string;
  subject: string | null;
  content: string;
  status: MessageStatus;
  provider: string | null;
  provider_message_id: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  resend_of: string | null;
  resent_as: string | null;
  send_at: string | null;
  metadata: string | null;
  expires_at: number | null;
  content_digest: string | null;
  template: string | null;
  template_version: number | null;
  html: string | null;
  meta_template: string | null;
}

const toRecord = (row: Row): MessageRecord => ({
  id: row.id,
  tenant: row.tenant,
  type: row.type,
  recipient: row.recipient,
  subject: row.subject,
  content: row.content,
  status: row.status,
  provider: row.provider,
  providerMessageId: row.provider_message_id,
  error: row.error === null ? null : JSON.parse(row.error),
  attempts: row.attempts,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...(row.resend_of === null ? {} : { resendOf: row.resend_of }),
  ...(row.resent_as === null ? {} : { resentAs: JSON.parse(row.resent_as) as string[] }),
  ...(row.send_at === null ? {} : { sendAt: row.send_at }),
  ...(row.metadata === null ? {} : { metadata: JSON.parse(row.metadata) as Record<string, string> }),
  ...(row.content_digest === null ? {} : { contentDigest: JSON.parse(row.content_digest) }),
  ...(row.template === null ? {} : { template: row.template }),
  ...(row.template_version === null ? {} : { templateVersion: row.template_version }),
  ...(row.html === null ? {} : { html: row.html }),
  ...(row.meta_template === null ? {} : { metaTemplate: JSON.parse(row.meta_template) }),
});

/**
 * The index of a list query: its most selective filter's, as on DynamoDB. Named rather than left to
 * the planner, which, without statistics, may take the tenant's time index for a status or type
 * filter and then read every message of the range.
 */
const indexFor = (query: TenantListQuery): string =>
  query.recipient !== undefined
    ? 'messages_by_recipient'
    : query.status !== undefined
      ? 'messages_by_status'
      : query.type !== undefined
        ? 'messages_by_type'
        : 'messages_by_time';

// The columns a status change may set, by the change's field name.
const CHANGE_COLUMNS = {
  provider: 'provider',
  providerMessageId: 'provider_message_id',
  error: 'error',
  attempts: 'attempts',
} as const;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Write {
  /** Statements only: a failed batch is rolled back and applied again, so this may run twice. */
  apply(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The message log on SQLite (better-sqlite3): the offline adapter.
 *
 * Writes are group-committed: the writes that arrive in one turn of the event loop are applied in
 * one transaction, and each resolves only once that transaction has committed and been synced to
 * disk (`durably`), so a message is logged, power cut or not, before any provider sees it, and the
 * requests in flight share one fsync instead of paying one each (docs/performance.md). A
 * write that fails on its own (a duplicate id, or one that does not fit on a full disk) fails alone; a
 * fault that ends the transaction (an I/O error) or a failed commit fails the whole batch, none of
 * which is then saved.
 *
 * A batch is first applied without a savepoint per write (they are costly: docs/performance.md); if
 * any write fails, that attempt is rolled back and the batch replayed with one savepoint per write,
 * so that the failing write fails alone and a record is never saved without its event.
 */
export class SqliteMessageLog implements MessageLog {
  private queue: Write[] = [];
  private readonly insert;
  private readonly insertEvent;
  private readonly createWithEvent;
  private readonly updateWithEvent;
  private readonly byId;
  private readonly byProviderMessageId;
  private readonly events;
  private readonly eraseMessage;
  private readonly sweepStatements;
  private readonly retention: RetentionPolicy | undefined;
  private readonly clock: Clock;
  // One statement per shape of change (which fields it sets, which conditions it has).
  private readonly updateStatements = new Map<string, Statement>();
  // At most one statement per combination of filters (2^6), prepared on first use.
  private readonly listStatements = new Map<string, Statement>();

  constructor(
    private readonly db: SqliteDatabase,
    options: MessageLogOptions = {},
  ) {
    this.retention = options.retention;
    this.clock = options.clock ?? (() => new Date());
    this.insert = db.prepare(
      `INSERT INTO messages (id, tenant, type, recipient, subject, content, status, provider,
                             provider_message_id, error, attempts, created_at, updated_at, resend_of,
                             metadata, expires_at, content_digest, template, template_version, html,
                             meta_template, send_at)
       VALUES (@id, @tenant, @type, @recipient, @subject, @content, @status, @provider,
               @providerMessageId, @error, @attempts, @createdAt, @updatedAt, @resendOf, @metadata,
               @expiresAt, @contentDigest, @template, @templateVersion, @html, @metaTemplate, @sendAt)`,
    );
    const insertMetadata = db.prepare(
      `INSERT INTO message_metadata (tenant, key, value, created_at, message_id)
       VALUES (@tenant, @key, @value, @createdAt, @id)`,
    );
    const linkResend = db.prepare(
      `UPDATE messages SET resent_as = json_insert(coalesce(resent_as, '[]'), '$[#]', @id)
       WHERE id = @original`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO message_events (message_id, seq, at, status, provider, detail)
       VALUES (@id, (SELECT coalesce(max(seq), 0) + 1 FROM message_events WHERE message_id = @id),
               @at, @status, @provider, @detail)`,
    );
    // The webhooks' outbox (docs/webhooks.md): an entry per change that has an event, in the change's
    // own transaction, so no change is lost and none is sent that did not happen.
    const insertOutbox = db.prepare(
      `INSERT INTO webhook_outbox (message_id, event_seq, record)
       VALUES (@id, (SELECT max(seq) FROM message_events WHERE message_id = @id), @record)`,
    );
    const toOutbox = (record: MessageRecord) => {
      if (EVENT_OF_STATUS[record.status]) insertOutbox.run({ id: record.id, record: JSON.stringify(record) });
    };
    // Each runs inside flush's transaction: a record, its event and its outbox entry are committed together.
    this.createWithEvent = (record: MessageRecord) => {
      const {
        resendOf = null,
        resentAs: _resentAs,
        sendAt = null,
        metadata,
        contentDigest,
        metaTemplate,
        ...fields
      } = record;
      this.insert.run({
        template: null,
        templateVersion: null,
        html: null,
        ...fields,
        resendOf,
        sendAt,
        error: record.error && JSON.stringify(record.error),
        metadata: metadata ? JSON.stringify(metadata) : null,
        expiresAt: this.retention ? expiresAtOf(this.retention, record.tenant, record.createdAt) : null,
        contentDigest: contentDigest ? JSON.stringify(contentDigest) : null,
        metaTemplate: metaTemplate ? JSON.stringify(metaTemplate) : null,
      });
      for (const [key, value] of Object.entries(metadata ?? {}))
        insertMetadata.run({ tenant: record.tenant, key, value, createdAt: record.createdAt, id: record.id });
      this.insertEvent.run({ id: record.id, ...eventOf({ ...record, updatedAt: record.createdAt }) });
      if (resendOf !== null) linkResend.run({ id: record.id, original: resendOf });
      toOutbox(record);
    };
    this.updateWithEvent = (statement: Statement, params: Record<string, unknown>, change: StatusChange) => {
      const updated = statement.get(params) as Row | undefined;
      if (updated) {
        this.insertEvent.run({ id: params.id, ...eventOf(change) });
        toOutbox(toRecord(updated));
      }
      return updated;
    };
    this.byId = db.prepare('SELECT * FROM messages WHERE id = ?');
    this.byProviderMessageId = db.prepare(
      'SELECT * FROM messages WHERE provider_message_id = ? ORDER BY created_at DESC LIMIT 1',
    );
    this.events = db.prepare(
      `SELECT at, status, provider, detail FROM message_events
        WHERE message_id = @id
          AND NOT EXISTS (SELECT 1 FROM messages WHERE id = @id AND expires_at <= @now)
        ORDER BY seq`,
    );
    const eraseRow = db.prepare(
      `UPDATE messages
          SET recipient = @recipientHash, content = @erased,
              subject = CASE WHEN subject IS NULL THEN NULL ELSE @erased END,
              error = CASE WHEN error IS NULL THEN NULL ELSE json_set(error, '$.message', @erased) END,
              html = CASE WHEN html IS NULL THEN NULL ELSE @erased END,
              meta_template = NULL, content_digest = NULL
        WHERE id = @id AND tenant = @tenant`,
    );
    const eraseEvents = db.prepare('UPDATE message_events SET detail = NULL WHERE message_id = ?');
    // The copies of the record the webhooks keep (the outbox's and each delivery's `data`), erased
    // as the row is: sent later, they carry the hash and `[erased]`.
    const erasedJson = (column: string, path: string) =>
      `json_remove(json_set(${column},
         '${path}.recipient', @recipientHash, '${path}.content', @erased,
         '${path}.subject', CASE WHEN json_type(${column}, '${path}.subject') = 'text' THEN @erased END,
         '${path}.error', CASE WHEN json_type(${column}, '${path}.error') = 'object'
           THEN json_set(json_extract(${column}, '${path}.error'), '$.message', @erased) END),
       '${path}.contentDigest', '${path}.metaTemplate')`;
    // An email's html part, where it has one (json_set would add the key).
    const erasedHtml = (column: string, path: string) =>
      `CASE WHEN json_type(${column}, '${path}.html') = 'text'
         THEN json_set(${column}, '${path}.html', @erased) ELSE ${column} END`;
    const eraseOutbox = db.prepare(
      `UPDATE webhook_outbox SET record = ${erasedJson('record', '$')} WHERE message_id = @id`,
    );
    const eraseDeliveries = db.prepare(
      `UPDATE webhook_deliveries SET payload = ${erasedJson('payload', '$.data')}
        WHERE message_id = @id AND tenant = @tenant`,
    );
    const eraseOutboxHtml = db.prepare(
      `UPDATE webhook_outbox SET record = ${erasedHtml('record', '$')} WHERE message_id = @id`,
    );
    const eraseDeliveriesHtml = db.prepare(
      `UPDATE webhook_deliveries SET payload = ${erasedHtml('payload', '$.data')}
        WHERE message_id = @id AND tenant = @tenant`,
    );
    this.eraseMessage = (id: string, erasure: Erasure) => {
      const { changes } = eraseRow.run({ id, ...erasure, erased: ERASED });
      if (changes > 0) {
        eraseEvents.run(id);
        eraseOutbox.run({ id, recipientHash: erasure.recipientHash, erased: ERASED });
        eraseDeliveries.run({ id, ...erasure, erased: ERASED });
        eraseOutboxHtml.run({ id, erased: ERASED });
        eraseDeliveriesHtml.run({ id, tenant: erasure.tenant, erased: ERASED });
      }
      return changes > 0;
    };
    this.sweepStatements = {
      // Messages logged before retention get their tenant's expiry from their creation.
      dateTenant: db.prepare(
        `UPDATE messages SET expires_at = unixepoch(created_at) + @seconds
          WHERE expires_at IS NULL AND tenant = @tenant`,
      ),
      dateRest: db.prepare(
        'UPDATE messages SET expires_at = unixepoch(created_at) + @seconds WHERE expires_at IS NULL',
      ),
      events: db.prepare(
        `DELETE FROM message_events WHERE message_id IN
           (SELECT id FROM messages WHERE expires_at <= @now)`,
      ),
      jobs: db.prepare(
        'DELETE FROM delivery_jobs WHERE message_id IN (SELECT id FROM messages WHERE expires_at <= @now)',
      ),
      // What else holds a copy of the message or points at it: its metadata pairs, its webhook events.
      dependents: ['message_metadata', 'webhook_outbox', 'webhook_deliveries'].map((table) =>
        db.prepare(
          `DELETE FROM ${table} WHERE message_id IN (SELECT id FROM messages WHERE expires_at <= @now)`,
        ),
      ),
      messages: db.prepare('DELETE FROM messages WHERE expires_at <= @now'),
    };
  }

  async create(record: MessageRecord): Promise<void> {
    await this.write(() => this.createWithEvent(record));
  }

  /** Group commit already makes writes of one turn one transaction: each record is one write of it. */
  async createMany(records: readonly MessageRecord[]): Promise<(Error | undefined)[]> {
    const settled = await Promise.allSettled(records.map((record) => this.create(record)));
    return settled.map((outcome) => (outcome.status === 'fulfilled' ? undefined : asError(outcome.reason)));
  }

  async updateStatus(
    id: string,
    expected: MessageStatus | StatusExpectation,
    change: StatusChange,
  ): Promise<MessageRecord> {
    const expectation = checkTransition(expected, change.status);
    const statement = this.updateStatement(change, expectation);
    const params = {
      ...change,
      id,
      expected: expectation.status,
      expectedAttempts: expectation.attempts,
      updatedBefore: expectation.updatedBefore,
      error: change.error && JSON.stringify(change.error),
    };
    const row = (await this.write(() => this.updateWithEvent(statement, params, change))) as Row | undefined;
    if (!row) throw new StaleStatusError(id, expectation.status);
    return toRecord(row);
  }

  private updateStatement(change: StatusChange, expectation: StatusExpectation): Statement {
    const fields = (Object.keys(CHANGE_COLUMNS) as (keyof typeof CHANGE_COLUMNS)[]).filter(
      (field) => change[field] !== undefined,
    );
    const shape = `${fields.join(',')}|${expectation.attempts !== undefined}|${expectation.updatedBefore !== undefined}`;
    let statement = this.updateStatements.get(shape);
    if (!statement) {
      const set = ['status = @status', 'updated_at = max(updated_at, @updatedAt)'];
      for (const field of fields) set.push(`${CHANGE_COLUMNS[field]} = @${field}`);
      const where = ['id = @id', 'status = @expected'];
      if (expectation.attempts !== undefined) where.push('attempts = @expectedAttempts');
      if (expectation.updatedBefore !== undefined) where.push('updated_at < @updatedBefore');
      statement = this.db.prepare(
        `UPDATE messages SET ${set.join(', ')} WHERE ${where.join(' AND ')} RETURNING *`,
      );
      this.updateStatements.set(shape, statement);
    }
    return statement;
  }

  private write(apply: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ apply, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = durably(this.db, () => this.applyAll(batch));
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) write.resolve(outcome.value);
      else write.reject(outcome?.error);
    });
  }

  /** Applies and commits a batch: all of it at once, or (if a write fails) each write in a savepoint. */
  private applyAll(batch: readonly Write[]): Outcome[] {
    try {
      return this.db.transaction(() => batch.map((write): Outcome => ({ ok: true, value: write.apply() })))();
    } catch {
      // Rolled back; the replay tells a write that fails alone from a fault that fails them all.
    }
    const outcomes: Outcome[] = [];
    this.db.transaction(() => {
      for (const write of batch) {
        try {
          // A nested transaction is a savepoint: this write's statements are undone together.
          outcomes.push({ ok: true, value: this.db.transaction(write.apply)() });
        } catch (error) {
          // A constraint error undoes this write only, and so does a full disk (SQLite rolls back the
          // statement: the stats triggers give every insert a statement journal); an I/O error ends
          // the whole transaction, and then nothing of the batch is saved: fail it all, as it is.
          if (!this.db.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    })();
    return outcomes;
  }

  async get(id: string): Promise<MessageRecord | undefined> {
    return this.live(this.byId.get(id) as Row | undefined);
  }

  async findByProviderMessageId(providerMessageId: string): Promise<MessageRecord | undefined> {
    return this.live(this.byProviderMessageId.get(providerMessageId) as Row | undefined);
  }

  /** The record of a row that has not expired (the sweep may not have deleted it yet). */
  private live(row: Row | undefined): MessageRecord | undefined {
    return row && !isExpired(row.expires_at, this.clock()) ? toRecord(row) : undefined;
  }

  async erase(id: string, erasure: Erasure): Promise<boolean> {
    return (await this.write(() => this.eraseMessage(id, erasure))) as boolean;
  }

  /**
   * Deletes the messages expired at `now`, with their events and any job left for them; gives a
   * message logged before retention its expiry first. Answers how many messages went. The local
   * host runs it at start and daily (DynamoDB's TTL does it on AWS).
   */
  sweepExpired(now: Date): number {
    const seconds = Math.floor(now.getTime() / 1000);
    return durably(this.db, () =>
      this.db.transaction(() => {
        const { retention } = this;
        if (retention) {
          for (const [tenant, days] of Object.entries(retention.tenantDays))
            this.sweepStatements.dateTenant.run({ tenant, seconds: days * 86_400 });
          this.sweepStatements.dateRest.run({ seconds: retention.defaultDays * 86_400 });
        }
        this.sweepStatements.events.run({ now: seconds });
        this.sweepStatements.jobs.run({ now: seconds });
        for (const statement of this.sweepStatements.dependents) statement.run({ now: seconds });
        return this.sweepStatements.messages.run({ now: seconds }).changes;
      })(),
    );
  }

  async listEvents(id: string): Promise<MessageEvent[]> {
    return this.events.all({ id, now: Math.floor(this.clock().getTime() / 1000) }) as MessageEvent[];
  }

  async list(query: TenantListQuery): Promise<MessagePage> {
    // A metadata filter reads its pair's index rows first (CROSS JOIN keeps that order), the
    // messages by id; the list order is then the index's own.
    const { metadata } = query;
    // Columns of the messages table are qualified only in the join (`m.`); the time order is the
    // index's own (`mm.` in the join).
    const column = (name: string) => (metadata ? `m.${name}` : name);
    const order = metadata ? { at: 'mm.created_at', id: 'mm.message_id' } : { at: 'created_at', id: 'id' };
    // The tenant leads every list index, so it comes first.
    // Expired messages the sweep has not deleted yet are not listed.
    const where: string[] = [
      metadata ? 'mm.tenant = ? AND mm.key = ? AND mm.value = ?' : 'tenant = ?',
      `(${column('expires_at')} IS NULL OR ${column('expires_at')} > ?)`,
    ];
    const now = Math.floor(this.clock().getTime() / 1000);
    const params: unknown[] = metadata
      ? [query.tenant, metadata.key, metadata.value, now]
      : [query.tenant, now];
    for (const name of ['type', 'status', 'recipient'] as const) {
      const value = query[name];
      if (value !== undefined) {
        where.push(`${column(name)} = ?`);
        params.push(value);
      }
    }
    if (query.from) {
      where.push(`${order.at} >= ?`);
      params.push(query.from);
    }
    if (query.to) {
      where.push(`${order.at} < ?`);
      params.push(query.to);
    }
    if (query.cursor) {
      where.push(`(${order.at}, ${order.id}) < (?, ?)`);
      params.push(...decodeCursor(query.cursor, POSITION));
    }
    const from = metadata
      ? 'message_metadata mm CROSS JOIN messages m ON m.id = mm.message_id'
      : `messages INDEXED BY ${indexFor(query)}`;
    // One more row than asked tells whether there is a next page without a count.
    const sql = `SELECT ${column('*')} FROM ${from} WHERE ${where.join(' AND ')}
                  ORDER BY ${order.at} DESC, ${order.id} DESC LIMIT ?`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.listStatements.set(sql, statement);
    }
    const rows = statement.all(...params, query.limit + 1) as Row[];
    const items = rows.slice(0, query.limit).map(toRecord);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.id]) : null,
    };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush(); // writes still waiting for their turn are committed, not dropped
    this.db.close();
  }
}
