import type { ListMessagesQuery, MessageRecord } from '../domain/message.schema.js';
import type { MessageStatus } from '../domain/message-status.js';

/** What a status change writes; `updatedAt` is set by the caller's clock. */
export type StatusChange = Pick<
  MessageRecord,
  'status' | 'provider' | 'providerMessageId' | 'error' | 'attempts' | 'updatedAt'
>;

export interface MessagePage {
  items: MessageRecord[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
}

/** The record was no longer in the status the change expected (another writer moved it). */
export class StaleStatusError extends Error {
  constructor(
    readonly id: string,
    readonly expected: MessageStatus,
  ) {
    super(`message ${id} is no longer ${expected}`);
    this.name = 'StaleStatusError';
  }
}

/**
 * The message log port. Every list query is newest first and filtered by equality on one or more of
 * type/status/recipient plus a createdAt range, so that a key-value store can answer it from an index
 * keyed by the filter and sorted by time (no scans).
 */
export interface MessageLog {
  /**
   * Logs a new record; rejects an id that is taken. (The DynamoDB adapter accepts a repeat of the very
   * same record, which is its own retried put, not a second message.)
   */
  create(record: MessageRecord): Promise<void>;
  /** Applies `change` only if the message is still in `expected`; throws StaleStatusError otherwise. */
  updateStatus(id: string, expected: MessageStatus, change: StatusChange): Promise<MessageRecord>;
  get(id: string): Promise<MessageRecord | undefined>;
  /**
   * Throws a ValidationError naming `cursor` for a cursor not of its making. A cursor holds only a
   * position in the query's own order, so a crafted one can only move within the caller's query.
   */
  list(query: ListMessagesQuery): Promise<MessagePage>;
  close(): Promise<void>;
}
