import { asError } from '../../lib/domain/errors.js';
import type { MessageEvent, MessageRecord } from '../../lib/domain/message.schema.js';
import type { MessageStatus } from '../../lib/domain/message-status.js';
import {
  checkTransition,
  eventOf,
  type MessageLog,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../../lib/ports/message-log.js';
import { messageRecord as pendingRecord } from '../contract/message-log.contract.js';

/** A message as the log holds it after a send; `overrides` adjust it. */
export const messageRecord = (overrides: Partial<MessageRecord> = {}): MessageRecord =>
  pendingRecord({
    id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
    status: 'sent',
    provider: 'twilio',
    providerMessageId: 'SM0123456789abcdef0123456789abcdef',
    attempts: 1,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.100Z',
    ...overrides,
  });

/**
 * An in-memory message log that keeps the port's promises that receipts rely on: conditional status
 * writes (StaleStatusError), the transition rules, events. `beforeUpdate` runs before each
 * conditional check, so a test can move the record as a concurrent writer would.
 */
export class FakeMessageLog implements MessageLog {
  readonly records = new Map<string, MessageRecord>();
  readonly events = new Map<string, MessageEvent[]>();
  beforeUpdate: ((id: string) => void) | undefined;
  updateCalls = 0;

  async create(record: MessageRecord): Promise<void> {
    if (this.records.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.records.set(record.id, { ...record });
    this.events.set(record.id, [eventOf({ ...record, updatedAt: record.createdAt })]);
  }

  async createMany(records: readonly MessageRecord[]): Promise<(Error | undefined)[]> {
    return Promise.all(records.map((record) => this.create(record).then(() => undefined, asError)));
  }

  /** Moves a record as another writer would, bypassing the conditional check. */
  force(id: string, change: StatusChange): void {
    const record = this.records.get(id);
    if (!record) throw new Error(`no record ${id}`);
    const { detail: _detail, ...fields } = change;
    this.records.set(id, { ...record, ...definedOnly(fields) });
    this.events.get(id)?.push(eventOf(change));
  }

  async updateStatus(
    id: string,
    expected: MessageStatus | StatusExpectation,
    change: StatusChange,
  ): Promise<MessageRecord> {
    this.updateCalls++;
    const expectation = checkTransition(expected, change.status);
    this.beforeUpdate?.(id);
    const record = this.records.get(id);
    if (
      !record ||
      record.status !== expectation.status ||
      (expectation.attempts !== undefined && record.attempts !== expectation.attempts)
    ) {
      throw new StaleStatusError(id, expectation.status);
    }
    const { detail: _detail, ...fields } = change;
    const updated = {
      ...record,
      ...definedOnly(fields),
      // ISO instants sort as strings: the later one stays.
      updatedAt: [change.updatedAt, record.updatedAt].sort()[1] ?? change.updatedAt,
    };
    this.records.set(id, updated);
    this.events.get(id)?.push(eventOf(change));
    return { ...updated };
  }

  async get(id: string): Promise<MessageRecord | undefined> {
    const record = this.records.get(id);
    return record && { ...record };
  }

  async findByProviderMessageId(providerMessageId: string): Promise<MessageRecord | undefined> {
    const found = [...this.records.values()].find((r) => r.providerMessageId === providerMessageId);
    return found && { ...found };
  }

  async listEvents(id: string): Promise<MessageEvent[]> {
    return [...(this.events.get(id) ?? [])];
  }

  async list(): Promise<never> {
    throw new Error('FakeMessageLog.list is not needed by receipts');
  }

  async erase(): Promise<never> {
    throw new Error('FakeMessageLog does not erase');
  }

  async close(): Promise<void> {}
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
