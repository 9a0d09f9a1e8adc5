import type { Clock } from '../domain/clock.js';
import type { MessageEvent, MessagePage, MessageRecord, TenantListQuery } from '../domain/message.schema.js';
import { canTransition, type MessageStatus } from '../domain/message-status.js';
import type { RetentionPolicy } from '../privacy/retention.js';

/**
 * What a status change writes; `updatedAt` is set by the caller's clock. Fields left out keep their
 * value. `detail` goes to the change's event only (an error code, a receipt's status...).
 */
export type StatusChange = Pick<MessageRecord, 'status' | 'updatedAt'> &
  Partial<Pick<MessageRecord, 'provider' | 'providerMessageId' | 'error' | 'attempts'>> & {
    detail?: string | null;
  };

/**
 * The state a change requires, checked atomically with the write: the status, and optionally the
 * attempts (an optimistic lock on the record as read) and an `updatedAt` older than an instant (a
 * worker's claim that has lapsed).
 */
export interface StatusExpectation {
  status: MessageStatus;
  attempts?: number;
  updatedBefore?: string;
}

export type { MessagePage };

/** The record was no longer in the state the change expected (another writer moved it). */
export class StaleStatusError extends Error {
  constructor(
    readonly id: string,
    readonly expected: MessageStatus,
  ) {
    super(`message ${id} is no longer ${expected} as expected`);
    this.name = 'StaleStatusError';
  }
}

/** A change the status rules forbid: a bug in the caller, refused before any write. */
export class ForbiddenTransitionError extends Error {
  constructor(from: MessageStatus, to: MessageStatus) {
    super(`a message cannot move from ${from} to ${to}`);
    this.name = 'ForbiddenTransitionError';
  }
}

/** Normalizes `expected` and refuses a transition the rules forbid; every adapter calls it first. */
export function checkTransition(expected: MessageStatus | StatusExpectation, to: MessageStatus) {
  const expectation = typeof expected === 'string' ? { status: expected } : expected;
  if (!canTransition(expectation.status, to)) throw new ForbiddenTransitionError(expectation.status, to);
  return expectation;
}

/** The event a status change records. */
export const eventOf = (change: StatusChange): MessageEvent => ({
  at: change.updatedAt,
  status: change.status,
  provider: change.provider ?? null,
  detail: change.detail ?? change.error?.code ?? null,
});

/**
 * The message log port. Every list query is newest first and filtered by equality on one or more of
 * type/status/recipient plus a createdAt range, so that a key-value store can answer it from an index
 * keyed by the filter and sorted by time (no scans). Every status a message takes is also kept as an
 * event, written atomically with the record.
 */
export interface MessageLog {
  /**
   * Logs a new record and its first event; rejects an id that is taken. (The DynamoDB adapter
   * accepts a repeat of the very same record, which is its own retried put, not a second message.)
   * A record with `resendOf` is also added to its original's `resentAs`.
   */
  create(record: MessageRecord): Promise<void>;
  /**
   * Logs several new records (a batch send) in as few writes as the store allows. Answers, per
   * record in order, undefined once it is logged, or the error that kept it out: one record failing
   * does not fail the others. A record answered with an error may not be in the log.
   */
  createMany(records: readonly MessageRecord[]): Promise<(Error | undefined)[]>;
  /**
   * Applies `change` and appends its event, only if the message is still as `expected`; throws
   * StaleStatusError otherwise, and ForbiddenTransitionError for a change the status rules forbid.
   */
  updateStatus(
    id: string,
    expected: MessageStatus | StatusExpectation,
    change: StatusChange,
  ): Promise<MessageRecord>;
  /** By id, whatever its tenant: the services check the tenant (another tenant's id is a 404). */
  get(id: string): Promise<MessageRecord | undefined>;
  /**
   * The message whose provider gave it this id, if any: for receipts that do not carry our id
   * (messages sent before the providers were given it, SES identity notifications). Only a store
   * that can answer it without an index of its own has it: SQLite does; DynamoDB dropped its
   * provider-id index (a write per message) and leaves such receipts unmatched (docs/receipts.md).
   */
  findByProviderMessageId?(providerMessageId: string): Promise<MessageRecord | undefined>;
  /** A message's events, oldest first; empty for an unknown id. */
  listEvents(id: string): Promise<MessageEvent[]>;
  /**
   * The tenant's messages only. Throws a ValidationError naming `cursor` for a cursor not of its
   * making. A cursor holds only a position in the query's own order, so a crafted one can only move
   * within the caller's query, and never out of its tenant.
   */
  list(query: TenantListQuery): Promise<MessagePage>;
  /**
   * Erases one message of `erasure.tenant` (lib/services/erase-recipient.ts): its recipient becomes
   * `erasure.recipientHash` (and the recipient index files it so), its content and subject (if any)
   * and its error's message `[erased]`, its events' details null, its content digest gone. Status,
   * times, ids and provider fields are kept. False for an unknown id or another tenant's message.
   */
  erase(id: string, erasure: Erasure): Promise<boolean>;
  close(): Promise<void>;
}

/** Whose message is erased, and the keyed hash that replaces its recipient. */
export interface Erasure {
  tenant: string;
  recipientHash: string;
}

/**
 * What a message log adapter is built with besides its store: the retention that gives each message
 * its expiry when it is logged (none: kept until erased), and the clock a read compares expiries
 * with. An expired message is as good as absent, whether or not it has been deleted yet (DynamoDB's
 * TTL and the SQLite sweep are both lazy).
 */
export interface MessageLogOptions {
  retention?: RetentionPolicy;
  clock?: Clock;
}
