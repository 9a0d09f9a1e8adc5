import type { Clock } from '../../domain/clock.js';
import {
  type IdempotencyEntry,
  type IdempotencyStore,
  messageIdOf,
  type StoredResponse,
} from '../../ports/idempotency-store.js';
import { durably, type SqliteDatabase } from './database.js';

interface Row {
  request_hash: string;
  response: string | null;
  expires_at: number;
}

const seconds = (clock: Clock): number => Math.floor(clock().getTime() / 1000);

/**
 * Idempotency keys in the service's SQLite database (table `idempotency_keys`, migration 2), beside
 * the message log. Plain synchronous statements: each is one short transaction, and better-sqlite3
 * runs it without yielding, so no other request of this process interleaves with it.
 *
 * Expired rows are taken over by `begin` and deleted by `sweep`, which the owner calls periodically.
 * The database belongs to whoever opened it: `close` leaves it open.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly upsert;
  private readonly select;
  private readonly take;
  private readonly finish;
  private readonly remove;
  private readonly expired;
  private readonly forget;
  private readonly clock: Clock;

  constructor(
    private readonly db: SqliteDatabase,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    // Inserts, or takes over a row that has expired; a live row is left alone and nothing returned.
    this.upsert = db.prepare(
      `INSERT INTO idempotency_keys (scope, key, request_hash, response, expires_at)
       VALUES (@scope, @key, @requestHash, NULL, @expiresAt)
       ON CONFLICT (scope, key) DO UPDATE
          SET request_hash = excluded.request_hash, response = NULL, expires_at = excluded.expires_at
        WHERE idempotency_keys.expires_at <= @now
       RETURNING 1 AS started`,
    );
    this.select = db.prepare(
      'SELECT request_hash, response, expires_at FROM idempotency_keys WHERE scope = ? AND key = ?',
    );
    // IMMEDIATE: the write lock is taken before the upsert, so another connection to the same file
    // cannot delete or change the row between the upsert and the read of the holder.
    this.take = db.transaction(
      (params: { scope: string; key: string; requestHash: string; expiresAt: number }) => {
        if (this.upsert.get({ ...params, now: seconds(this.clock) })) return undefined;
        return this.select.get(params.scope, params.key) as Row;
      },
    );
    this.finish = db.prepare(
      `UPDATE idempotency_keys SET response = @response, expires_at = @expiresAt, message_id = @messageId
        WHERE scope = @scope AND key = @key AND response IS NULL`,
    );
    this.forget = db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND message_id = ?');
    this.remove = db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND response IS NULL');
    this.expired = db.prepare('DELETE FROM idempotency_keys WHERE expires_at <= ?');
  }

  async begin(
    scope: string,
    key: string,
    requestHash: string,
    expiresAt: number,
  ): Promise<{ started: true } | { started: false; entry: IdempotencyEntry }> {
    const holder = this.take.immediate({ scope, key, requestHash, expiresAt });
    if (!holder) return { started: true };
    return {
      started: false,
      entry: {
        requestHash: holder.request_hash,
        response: holder.response === null ? null : (JSON.parse(holder.response) as StoredResponse),
        expiresAt: holder.expires_at,
      },
    };
  }

  async complete(scope: string, key: string, response: StoredResponse, expiresAt: number): Promise<void> {
    // Synced: after a power cut, a claim without its answer would run the request again once it
    // expired, and send a message twice.
    durably(this.db, () =>
      this.finish.run({
        scope,
        key,
        response: JSON.stringify(response),
        expiresAt,
        messageId: messageIdOf(response) ?? null,
      }),
    );
  }

  async forgetMessage(scope: string, messageId: string): Promise<void> {
    this.forget.run(scope, messageId);
  }

  async release(scope: string, key: string): Promise<void> {
    this.remove.run(scope, key);
  }

  /** Deletes the entries expired at `nowSeconds` (epoch seconds); answers how many. */
  sweep(nowSeconds: number): number {
    return this.expired.run(nowSeconds).changes;
  }

  async close(): Promise<void> {
    // The database is shared with the message log, whose owner closes it.
  }
}
