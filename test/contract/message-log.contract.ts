import { incrementBase32, ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../lib/domain/errors.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import {
  ForbiddenTransitionError,
  type MessageLog,
  type MessagePage,
  StaleStatusError,
  type StatusChange,
} from '../../lib/ports/message-log.js';
import { listQuery } from '../support/queries.js';

/**
 * The message log port's contract, as one suite that every adapter runs (SQLite now, DynamoDB later).
 * `open` answers a new, empty log and how to dispose of it; the suite never closes the log itself.
 */

const BASE = Date.parse('2026-03-01T09:00:00.000Z');

/** An instant `minutes` (plus `ms`) after 2026-03-01T09:00Z, in the form the service writes (toISOString). */
export const at = (minutes: number, ms = 0): string => new Date(BASE + minutes * 60_000 + ms).toISOString();

/** A record with a ULID id for its createdAt (ids sort by time; equal times tie-break at random). */
export function messageRecord(overrides: Partial<MessageRecord> = {}): MessageRecord {
  const createdAt = overrides.createdAt ?? at(0);
  return {
    id: ulid(Date.parse(createdAt)),
    tenant: 'default',
    type: 'sms',
    recipient: '+14155550123',
    subject: null,
    content: 'Your code is 123456',
    status: 'pending',
    provider: null,
    providerMessageId: null,
    error: null,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export const emailRecord = (overrides: Partial<MessageRecord> = {}): MessageRecord =>
  messageRecord({ type: 'email', recipient: 'alice@example.com', subject: 'Hello', ...overrides });

/** The list order the port promises: createdAt descending, then id descending (binary, not locale). */
export const newestFirst = (a: MessageRecord, b: MessageRecord): number => {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return 0;
};

const ids = (records: readonly MessageRecord[]): string[] => records.map((record) => record.id);

async function seed(log: MessageLog, records: readonly MessageRecord[]): Promise<void> {
  for (const record of records) await log.create(record);
}

/** Every page of a walk from `params.cursor` (or the first page), following nextCursor until null. */
async function walk(log: MessageLog, params: Record<string, string>): Promise<MessagePage[]> {
  const pages: MessagePage[] = [];
  let cursor: string | undefined = params.cursor;
  do {
    const page = await log.list(listQuery({ ...params, cursor }));
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 200) throw new Error('the walk does not end: nextCursor never becomes null');
  } while (cursor);
  return pages;
}

async function expectCursorRejected(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).details).toContainEqual(expect.objectContaining({ field: 'cursor' }));
}

const sentChange = (updatedAt: string): StatusChange => ({
  status: 'sent',
  provider: 'mock-sms',
  providerMessageId: 'SM0001',
  error: null,
  attempts: 1,
  updatedAt,
});

const failedChange = (updatedAt: string): StatusChange => ({
  status: 'failed',
  provider: 'mock-sms',
  providerMessageId: null,
  error: { code: 'INVALID_NUMBER', message: 'The number cannot receive SMS', retryable: false },
  attempts: 1,
  updatedAt,
});

export function messageLogContract(
  name: string,
  open: () => Promise<{ log: MessageLog; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let log: MessageLog;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await open();
      log = opened.log;
      dispose = () => opened.cleanup();
    });

    afterEach(async () => {
      await dispose();
    });

    describe('create and get', () => {
      it('round-trips every field of a record with an error object and a subject', async () => {
        const record = emailRecord({
          subject: 'Quarterly report — ünïcödé "quoted" \'single\'',
          content: 'Line one\nLine two 🎉\t<b>html</b> & \\backslash\\ {"json": true}',
          status: 'failed',
          provider: 'mock-email',
          providerMessageId: 'pm-0001',
          error: { code: 'MAILBOX_FULL', message: 'The mailbox is full', retryable: true },
          attempts: 3,
          createdAt: at(0),
          updatedAt: at(2, 345),
        });
        await log.create(record);

        expect(await log.get(record.id)).toStrictEqual(record);
      });

      it('round-trips a null subject, null error and null provider fields', async () => {
        const record = messageRecord({ type: 'whatsapp', recipient: '+14155550123', subject: null });
        await log.create(record);

        const stored = await log.get(record.id);
        expect(stored).toStrictEqual(record);
        expect(stored?.subject).toBeNull();
        expect(stored?.error).toBeNull();
        expect(stored?.provider).toBeNull();
        expect(stored?.providerMessageId).toBeNull();
      });

      it('round-trips the longest email content', async () => {
        const record = emailRecord({ content: `${'x'.repeat(99_998)}é!` });
        await log.create(record);

        expect((await log.get(record.id))?.content).toBe(record.content);
      });

      it('keeps records apart: get answers the record with that id only', async () => {
        const first = messageRecord({ createdAt: at(0), content: 'first' });
        const second = emailRecord({ createdAt: at(1), content: 'second' });
        await seed(log, [first, second]);

        expect(await log.get(first.id)).toStrictEqual(first);
        expect(await log.get(second.id)).toStrictEqual(second);
      });

      it('answers undefined for an unknown id', async () => {
        await log.create(messageRecord());

        expect(await log.get(ulid())).toBeUndefined();
        expect(await log.get('')).toBeUndefined();
      });

      it('rejects a second create with the same id and keeps the first record', async () => {
        const record = messageRecord({ content: 'original' });
        await log.create(record);

        await expect(
          log.create({ ...record, content: 'impostor', status: 'sent', createdAt: at(5) }),
        ).rejects.toThrow();
        expect(await log.get(record.id)).toStrictEqual(record);
        expect((await log.list(listQuery({}))).items).toStrictEqual([record]);
      });
    });

    describe('resends', () => {
      it('links a resend and its original in both records, each resend once, in order', async () => {
        const original = messageRecord({ status: 'failed', createdAt: at(0) });
        await log.create(original);
        const first = messageRecord({ createdAt: at(1), resendOf: original.id });
        const second = messageRecord({ createdAt: at(2), resendOf: original.id });
        await log.create(first);
        await log.create(second);

        expect(await log.get(first.id)).toStrictEqual(first);
        expect((await log.get(original.id))?.resentAs).toEqual([first.id, second.id]);
        // The link is kept through the original's and the resend's own changes.
        await log.updateStatus(first.id, 'pending', sentChange(at(3)));
        expect((await log.get(first.id))?.resendOf).toBe(original.id);
        const listed = (await log.list(listQuery({ status: 'failed' }))).items;
        expect(listed).toStrictEqual([{ ...original, resentAs: [first.id, second.id] }]);
      });

      it('has neither field on a message that is no resend and was never resent', async () => {
        const record = messageRecord();
        await log.create(record);

        const stored = await log.get(record.id);
        expect(stored).not.toHaveProperty('resendOf');
        expect(stored).not.toHaveProperty('resentAs');
      });
    });

    describe('templated messages', () => {
      it('keeps the template, its version and what it rendered besides the content, through changes and lists', async () => {
        const email = emailRecord({
          createdAt: at(0),
          template: 'password-reset',
          templateVersion: 3,
          html: '<p>Hello &lt;Ann&gt;</p>',
        });
        const whatsapp = messageRecord({
          type: 'whatsapp',
          createdAt: at(1),
          content: '[order_update en_US] Ann | 42',
          template: 'order-update',
          templateVersion: 1,
          metaTemplate: { name: 'order_update', language: 'en_US', parameters: ['Ann', '42'] },
        });
        await seed(log, [email, whatsapp]);

        expect(await log.get(email.id)).toStrictEqual(email);
        expect(await log.get(whatsapp.id)).toStrictEqual(whatsapp);
        const sent = await log.updateStatus(email.id, 'pending', sentChange(at(2)));
        expect(sent).toMatchObject({ template: 'password-reset', templateVersion: 3, html: email.html });
        expect((await log.list(listQuery({}))).items.map((r) => r.metaTemplate ?? r.html)).toEqual([
          whatsapp.metaTemplate,
          email.html,
        ]);
      });

      it('has none of those fields on a message sent with content', async () => {
        const record = messageRecord();
        await log.create(record);

        const stored = await log.get(record.id);
        for (const field of ['template', 'templateVersion', 'html', 'metaTemplate'])
          expect(stored).not.toHaveProperty(field);
      });
    });

    describe('metadata', () => {
      it("keeps a message's metadata through its status changes, and a message without any has none", async () => {
        const tagged = messageRecord({ metadata: { orderId: '123', env: 'prod' } });
        const plain = messageRecord({ createdAt: at(1) });
        await seed(log, [tagged, plain]);
        await log.updateStatus(tagged.id, 'pending', sentChange(at(2)));

        expect((await log.get(tagged.id))?.metadata).toEqual({ orderId: '123', env: 'prod' });
        expect(await log.get(plain.id)).not.toHaveProperty('metadata');
      });

      it('lists by one metadata pair, newest first and paged, within the tenant, with the other filters', async () => {
        const orders = Array.from({ length: 5 }, (_, n) =>
          messageRecord({
            createdAt: at(n),
            type: n === 3 ? 'whatsapp' : 'sms',
            metadata: { orderId: '123', env: 'prod' },
          }),
        );
        const other = messageRecord({ createdAt: at(6), metadata: { orderId: '1234', env: 'prod' } });
        const otherKey = messageRecord({ createdAt: at(7), metadata: { userId: '123' } });
        const otherTenant = messageRecord({ createdAt: at(8), tenant: 'acme', metadata: { orderId: '123' } });
        await seed(log, [...orders, other, otherKey, otherTenant]);

        const first = await log.list(listQuery({ 'metadata.orderId': '123', limit: '3' }));
        expect(ids(first.items)).toEqual(ids([orders[4], orders[3], orders[2]] as MessageRecord[]));
        expect(first.items[0]).toStrictEqual(orders[4]);
        const second = await log.list(
          listQuery({ 'metadata.orderId': '123', limit: '3', cursor: String(first.nextCursor) }),
        );
        expect(ids(second.items)).toEqual(ids([orders[1], orders[0]] as MessageRecord[]));
        expect(second.nextCursor).toBeNull();

        expect(
          ids((await log.list(listQuery({ 'metadata.orderId': '123', type: 'whatsapp' }))).items),
        ).toEqual([orders[3]?.id]);
        expect(
          ids((await log.list(listQuery({ 'metadata.env': 'prod', from: at(4), to: at(7) }))).items),
        ).toEqual(ids([other, orders[4]] as MessageRecord[]));
        expect(ids((await log.list(listQuery({ 'metadata.orderId': '123' }, 'acme'))).items)).toEqual([
          otherTenant.id,
        ]);
        expect((await log.list(listQuery({ 'metadata.orderId': 'none' }))).items).toEqual([]);
      });
    });

    describe('updateStatus', () => {
      it('moves pending to sent, answers the updated record and persists it', async () => {
        const record = messageRecord({ createdAt: at(0) });
        await log.create(record);
        const change = sentChange(at(0, 250));

        const updated = await log.updateStatus(record.id, 'pending', change);

        const expected: MessageRecord = { ...record, ...change };
        expect(updated).toStrictEqual(expected);
        expect(await log.get(record.id)).toStrictEqual(expected);
      });

      it('writes an error object and reads it back as an object', async () => {
        const record = messageRecord();
        await log.create(record);
        const change = failedChange(at(1));

        const updated = await log.updateStatus(record.id, 'pending', change);

        expect(updated.error).toStrictEqual(change.error);
        expect((await log.get(record.id))?.error).toStrictEqual(change.error);
      });

      it('clears provider fields and the error when the change sets them to null', async () => {
        const record = messageRecord({
          provider: 'old',
          providerMessageId: 'old-id',
          error: { code: 'X', message: 'earlier failure', retryable: true },
          attempts: 1,
        });
        await log.create(record);
        const change: StatusChange = {
          status: 'failed',
          provider: null,
          providerMessageId: null,
          error: null,
          attempts: 2,
          updatedAt: at(3),
        };

        await log.updateStatus(record.id, 'pending', change);

        expect(await log.get(record.id)).toStrictEqual({ ...record, ...change });
      });

      it('throws StaleStatusError and changes nothing when the status is not the expected one', async () => {
        const record = messageRecord({ status: 'sent', provider: 'mock-sms', attempts: 1 });
        await log.create(record);

        const error = await log.updateStatus(record.id, 'pending', failedChange(at(9))).then(
          () => undefined,
          (caught: unknown) => caught,
        );

        expect(error).toBeInstanceOf(StaleStatusError);
        expect(error).toMatchObject({ id: record.id, expected: 'pending' });
        expect(await log.get(record.id)).toStrictEqual(record);
      });

      it('lets only the first of two writers from pending win', async () => {
        const record = messageRecord();
        await log.create(record);
        const first = sentChange(at(1));

        await log.updateStatus(record.id, 'pending', first);
        await expect(log.updateStatus(record.id, 'pending', failedChange(at(2)))).rejects.toBeInstanceOf(
          StaleStatusError,
        );

        expect(await log.get(record.id)).toStrictEqual({ ...record, ...first });
      });

      it('lets exactly one of two concurrent writers from pending win', async () => {
        const record = messageRecord();
        await log.create(record);
        const changes = [sentChange(at(1)), failedChange(at(1))];

        const results = await Promise.allSettled(
          changes.map((change) => log.updateStatus(record.id, 'pending', change)),
        );

        const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [index] : []));
        const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]).toBeInstanceOf(StaleStatusError);
        const winner = changes[won[0] ?? -1];
        expect(await log.get(record.id)).toStrictEqual({ ...record, ...winner });
      });

      it('rejects a change for an unknown id and creates nothing', async () => {
        const id = ulid();

        await expect(log.updateStatus(id, 'pending', sentChange(at(1)))).rejects.toThrow();
        expect(await log.get(id)).toBeUndefined();
      });

      it('never moves updatedAt backwards: an older updatedAt keeps the newer one', async () => {
        const record = messageRecord({ createdAt: at(0), updatedAt: at(5) });
        await log.create(record);
        const change = sentChange(at(3));

        const updated = await log.updateStatus(record.id, 'pending', change);

        const expected: MessageRecord = { ...record, ...change, updatedAt: at(5) };
        expect(updated).toStrictEqual(expected);
        expect(await log.get(record.id)).toStrictEqual(expected);
      });

      it('keeps a one-millisecond-newer updatedAt (compares instants, not just minutes)', async () => {
        const record = messageRecord({ createdAt: at(0), updatedAt: at(5) });
        await log.create(record);

        const updated = await log.updateStatus(record.id, 'pending', sentChange(at(5, 1)));

        expect(updated.updatedAt).toBe(at(5, 1));
        expect((await log.get(record.id))?.updatedAt).toBe(at(5, 1));
      });
    });

    describe('events', () => {
      it('records the first status at creation and each change after it, in order', async () => {
        const record = messageRecord({ status: 'queued', createdAt: at(0) });
        await log.create(record);
        await log.updateStatus(record.id, 'queued', { status: 'sending', updatedAt: at(1) });
        await log.updateStatus(record.id, 'sending', {
          status: 'queued',
          attempts: 1,
          error: { code: 'TIMEOUT', message: 'slow', retryable: true },
          provider: 'twilio',
          updatedAt: at(2),
        });
        await log.updateStatus(record.id, 'queued', { status: 'sending', updatedAt: at(3) });
        await log.updateStatus(record.id, 'sending', {
          status: 'sent',
          provider: 'twilio',
          providerMessageId: 'SM1',
          error: null,
          attempts: 2,
          updatedAt: at(4),
        });
        await log.updateStatus(record.id, 'sent', {
          status: 'delivered',
          provider: 'twilio',
          detail: 'delivered',
          updatedAt: at(5),
        });

        expect(await log.listEvents(record.id)).toStrictEqual([
          { at: at(0), status: 'queued', provider: null, detail: null },
          { at: at(1), status: 'sending', provider: null, detail: null },
          { at: at(2), status: 'queued', provider: 'twilio', detail: 'TIMEOUT' },
          { at: at(3), status: 'sending', provider: null, detail: null },
          { at: at(4), status: 'sent', provider: 'twilio', detail: null },
          { at: at(5), status: 'delivered', provider: 'twilio', detail: 'delivered' },
        ]);
      });

      it('keeps the fields a change leaves out', async () => {
        const record = messageRecord({
          status: 'sent',
          provider: 'twilio',
          providerMessageId: 'SM2',
          attempts: 1,
        });
        await log.create(record);

        const updated = await log.updateStatus(record.id, 'sent', { status: 'delivered', updatedAt: at(7) });

        expect(updated).toStrictEqual({ ...record, status: 'delivered', updatedAt: at(7) });
      });

      it('writes no event for a change that did not apply', async () => {
        const record = messageRecord({ status: 'sent' });
        await log.create(record);

        await expect(log.updateStatus(record.id, 'pending', failedChange(at(2)))).rejects.toBeInstanceOf(
          StaleStatusError,
        );

        expect(await log.listEvents(record.id)).toHaveLength(1);
      });

      it('answers no events for an unknown id', async () => {
        expect(await log.listEvents(ulid())).toStrictEqual([]);
      });

      it('keeps the events of each message apart', async () => {
        const [a, b] = [messageRecord(), messageRecord({ status: 'queued' })];
        await seed(log, [a, b]);
        await log.updateStatus(a.id, 'pending', sentChange(at(1)));

        expect((await log.listEvents(a.id)).map((e) => e.status)).toEqual(['pending', 'sent']);
        expect((await log.listEvents(b.id)).map((e) => e.status)).toEqual(['queued']);
      });
    });

    describe('status rules and claims', () => {
      it('refuses a transition the status rules forbid, before writing anything', async () => {
        const record = messageRecord({ status: 'delivered' });
        await log.create(record);

        await expect(log.updateStatus(record.id, 'delivered', sentChange(at(1)))).rejects.toBeInstanceOf(
          ForbiddenTransitionError,
        );
        expect(await log.get(record.id)).toStrictEqual(record);
      });

      it('applies a change only while the attempts are as expected (an optimistic lock)', async () => {
        const record = messageRecord({ status: 'queued', attempts: 2 });
        await log.create(record);

        await expect(
          log.updateStatus(
            record.id,
            { status: 'queued', attempts: 1 },
            { status: 'sending', updatedAt: at(1) },
          ),
        ).rejects.toBeInstanceOf(StaleStatusError);
        const claimed = await log.updateStatus(
          record.id,
          { status: 'queued', attempts: 2 },
          { status: 'sending', updatedAt: at(1) },
        );

        expect(claimed.status).toBe('sending');
      });

      it('lets exactly one of many concurrent claims win', async () => {
        const record = messageRecord({ status: 'queued' });
        await log.create(record);

        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () =>
            log.updateStatus(
              record.id,
              { status: 'queued', attempts: 0 },
              { status: 'sending', updatedAt: at(1) },
            ),
          ),
        );

        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((await log.listEvents(record.id)).map((e) => e.status)).toEqual(['queued', 'sending']);
      });

      it('takes over a claim only once it is older than updatedBefore', async () => {
        const record = messageRecord({ status: 'sending', createdAt: at(0), updatedAt: at(10) });
        await log.create(record);
        const takeOver = (before: string) =>
          log.updateStatus(
            record.id,
            { status: 'sending', attempts: 0, updatedBefore: before },
            { status: 'sending', updatedAt: at(20) },
          );

        await expect(takeOver(at(10))).rejects.toBeInstanceOf(StaleStatusError);
        expect((await takeOver(at(10, 1))).updatedAt).toBe(at(20));
      });
    });

    // A receipt reads its message by our id and checks the provider id recorded on it; a store with
    // findByProviderMessageId (SQLite) also finds it by that id alone.
    describe('provider ids', () => {
      it('keeps the provider id recorded with a change; finds its message by it where the store can', async () => {
        const [a, b] = [messageRecord(), messageRecord()];
        await seed(log, [a, b]);
        await log.updateStatus(a.id, 'pending', { ...sentChange(at(1)), providerMessageId: 'SM-a' });
        await log.updateStatus(b.id, 'pending', { ...sentChange(at(1)), providerMessageId: 'SM-b' });

        expect((await log.get(a.id))?.providerMessageId).toBe('SM-a');
        expect((await log.get(b.id))?.providerMessageId).toBe('SM-b');
        if (!log.findByProviderMessageId) return;
        expect((await log.findByProviderMessageId('SM-a'))?.id).toBe(a.id);
        expect((await log.findByProviderMessageId('SM-b'))?.id).toBe(b.id);
        expect(await log.findByProviderMessageId('SM-c')).toBeUndefined();
      });

      it('forgets the provider id a change clears', async () => {
        const record = messageRecord({ status: 'sending', providerMessageId: 'SM-old', provider: 'twilio' });
        await log.create(record);

        await log.updateStatus(record.id, 'sending', {
          status: 'queued',
          providerMessageId: null,
          updatedAt: at(2),
        });

        expect((await log.get(record.id))?.providerMessageId).toBeNull();
        if (log.findByProviderMessageId) expect(await log.findByProviderMessageId('SM-old')).toBeUndefined();
      });
    });

    describe('tenants', () => {
      it("lists only the tenant's own messages, with every filter and across pages", async () => {
        const acme = Array.from({ length: 5 }, (_, i) => messageRecord({ tenant: 'acme', createdAt: at(i) }));
        const globex = Array.from({ length: 5 }, (_, i) =>
          messageRecord({ tenant: 'globex', createdAt: at(i, 500) }),
        );
        await seed(log, [...acme, ...globex]);

        for (const params of [
          {},
          { type: 'sms' },
          { status: 'pending' },
          { recipient: '+14155550123' },
          { from: at(0), to: at(10) },
        ]) {
          const pages = [];
          let cursor: string | undefined;
          do {
            const page = await log.list(listQuery({ ...params, limit: '2', cursor }, 'acme'));
            pages.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(ids(pages)).toEqual(ids([...acme].sort(newestFirst)));
        }
        expect(ids((await log.list(listQuery({}, 'initech'))).items)).toEqual([]);
      });

      it("keeps a cursor issued to one tenant inside the other tenant's messages", async () => {
        const acme = Array.from({ length: 3 }, (_, i) => messageRecord({ tenant: 'acme', createdAt: at(i) }));
        const globex = Array.from({ length: 3 }, (_, i) =>
          messageRecord({ tenant: 'globex', createdAt: at(i, 500) }),
        );
        await seed(log, [...acme, ...globex]);
        const first = await log.list(listQuery({ limit: '1' }, 'acme'));

        const crossed = await log.list(listQuery({ cursor: first.nextCursor ?? '' }, 'globex'));

        expect(crossed.items.every((record) => record.tenant === 'globex')).toBe(true);
      });

      it('stores the tenant with the message', async () => {
        const record = messageRecord({ tenant: 'acme' });
        await log.create(record);
        expect((await log.get(record.id))?.tenant).toBe('acme');
      });
    });

    describe('list', () => {
      // Nine records over nine minutes, inserted out of order so that insertion order cannot pass for
      // list order. Newest first they are i h g f e d c b a.
      const a = emailRecord({ recipient: 'alice@example.com', status: 'sent', createdAt: at(0) });
      const b = messageRecord({ type: 'sms', recipient: '+14155550123', createdAt: at(1) });
      const c = messageRecord({
        type: 'whatsapp',
        recipient: '+14155550123',
        status: 'failed',
        createdAt: at(2),
      });
      const d = emailRecord({ recipient: 'bob@example.com', status: 'pending', createdAt: at(3) });
      const e = messageRecord({ type: 'sms', recipient: '+14155550199', status: 'sent', createdAt: at(4) });
      const f = emailRecord({ recipient: 'alice@example.com', status: 'failed', createdAt: at(5) });
      const g = messageRecord({
        type: 'whatsapp',
        recipient: '+14155550199',
        status: 'sent',
        createdAt: at(6),
      });
      const h = emailRecord({ recipient: 'alice@example.com', status: 'sent', createdAt: at(7) });
      const i = messageRecord({ type: 'sms', recipient: '+14155550123', status: 'sent', createdAt: at(8) });

      beforeEach(async () => {
        await seed(log, [e, a, h, c, i, b, g, d, f]);
      });

      const listed = async (params: Record<string, string>): Promise<string[]> => {
        const page = await log.list(listQuery(params));
        expect(page.nextCursor).toBeNull();
        return ids(page.items);
      };

      it('answers every record newest first, as stored, with no next page', async () => {
        const page = await log.list(listQuery({}));

        expect(page.items).toStrictEqual([i, h, g, f, e, d, c, b, a]);
        expect(page.nextCursor).toBeNull();
      });

      it('filters by type', async () => {
        expect(await listed({ type: 'email' })).toEqual(ids([h, f, d, a]));
        expect(await listed({ type: 'sms' })).toEqual(ids([i, e, b]));
        expect(await listed({ type: 'whatsapp' })).toEqual(ids([g, c]));
      });

      it('filters by status', async () => {
        expect(await listed({ status: 'sent' })).toEqual(ids([i, h, g, e, a]));
        expect(await listed({ status: 'pending' })).toEqual(ids([d, b]));
        expect(await listed({ status: 'failed' })).toEqual(ids([f, c]));
      });

      it('filters by recipient, email or phone', async () => {
        expect(await listed({ recipient: 'alice@example.com' })).toEqual(ids([h, f, a]));
        expect(await listed({ recipient: '+14155550123' })).toEqual(ids([i, c, b]));
        expect(await listed({ recipient: 'nobody@example.com' })).toEqual([]);
      });

      it('matches a recipient filter in the normal form the API gives it', async () => {
        expect(await listed({ recipient: '+1 (415) 555-0123' })).toEqual(ids([i, c, b]));
        expect(await listed({ recipient: 'alice@EXAMPLE.com' })).toEqual(ids([h, f, a]));
      });

      it('treats from as inclusive', async () => {
        expect(await listed({ from: at(3) })).toEqual(ids([i, h, g, f, e, d]));
      });

      it('compares from to the millisecond', async () => {
        expect(await listed({ from: at(3, 1) })).toEqual(ids([i, h, g, f, e]));
        expect(await listed({ from: at(3, -1) })).toEqual(ids([i, h, g, f, e, d]));
      });

      it('treats to as exclusive', async () => {
        expect(await listed({ to: at(3) })).toEqual(ids([c, b, a]));
        expect(await listed({ to: at(3, 1) })).toEqual(ids([d, c, b, a]));
      });

      it('applies from and to together', async () => {
        expect(await listed({ from: at(2), to: at(7) })).toEqual(ids([g, f, e, d, c]));
      });

      it('accepts bounds with an offset or as dates, as the API normalizes them', async () => {
        // 10:03+01:00 is 09:03Z, the createdAt of d.
        expect(await listed({ from: '2026-03-01T10:03:00+01:00' })).toEqual(ids([i, h, g, f, e, d]));
        expect(await listed({ from: '2026-03-01', to: '2026-03-02' })).toEqual(
          ids([i, h, g, f, e, d, c, b, a]),
        );
        expect(await listed({ to: '2026-03-01' })).toEqual([]);
      });

      it('combines filters with AND', async () => {
        expect(await listed({ type: 'email', status: 'sent' })).toEqual(ids([h, a]));
        expect(await listed({ type: 'sms', recipient: '+14155550123' })).toEqual(ids([i, b]));
        expect(await listed({ status: 'sent', from: at(4), to: at(8) })).toEqual(ids([h, g, e]));
        expect(
          await listed({ type: 'email', recipient: 'alice@example.com', from: at(1), to: at(8) }),
        ).toEqual(ids([h, f]));
        expect(
          await listed({
            type: 'sms',
            status: 'sent',
            recipient: '+14155550123',
            from: at(0),
            to: at(9),
          }),
        ).toEqual(ids([i]));
      });

      it('answers an empty last page when nothing matches', async () => {
        expect(await log.list(listQuery({ type: 'whatsapp', status: 'pending' }))).toStrictEqual({
          items: [],
          nextCursor: null,
        });
      });

      it('answers at most limit records, the newest, with a cursor to the rest', async () => {
        const page = await log.list(listQuery({ limit: '2' }));

        expect(ids(page.items)).toEqual(ids([i, h]));
        expect(page.nextCursor).toEqual(expect.any(String));
      });

      it('answers one record with limit 1', async () => {
        const page = await log.list(listQuery({ type: 'email', limit: '1' }));

        expect(ids(page.items)).toEqual(ids([h]));
        expect(page.nextCursor).toEqual(expect.any(String));
      });
    });

    describe('list after status changes', () => {
      it('lists a message under each status it moves to, and no longer under the one it left', async () => {
        const queued = messageRecord({ status: 'queued', createdAt: at(1) });
        const pending = emailRecord({ status: 'pending', createdAt: at(2) });
        await seed(log, [queued, pending]);
        const byStatus = async (status: string, recipient?: string) =>
          ids((await log.list(listQuery({ status, ...(recipient ? { recipient } : {}) }))).items);

        await log.updateStatus(queued.id, 'queued', { status: 'sending', attempts: 1, updatedAt: at(3) });
        await log.updateStatus(pending.id, 'pending', failedChange(at(3)));
        expect(await byStatus('queued')).toEqual([]);
        expect(await byStatus('sending')).toEqual([queued.id]);
        expect(await byStatus('pending')).toEqual([]);
        expect(await byStatus('failed')).toEqual([pending.id]);
        expect(await byStatus('failed', pending.recipient)).toEqual([pending.id]);

        await log.updateStatus(queued.id, 'sending', sentChange(at(4)));
        await log.updateStatus(queued.id, 'sent', { status: 'delivered', updatedAt: at(5) });
        expect(await byStatus('sending')).toEqual([]);
        expect(await byStatus('sent')).toEqual([]);
        expect(await byStatus('delivered')).toEqual([queued.id]);
        expect(await byStatus('delivered', queued.recipient)).toEqual([queued.id]);
        expect(await byStatus('sent', queued.recipient)).toEqual([]);
        expect(ids((await log.list(listQuery({}))).items)).toEqual([pending.id, queued.id]);
      });
    });

    describe('list order', () => {
      it('breaks ties in createdAt by id, descending', async () => {
        const same = at(10);
        // Same time prefix, random parts chosen so that binary order matters ('9' < 'A').
        const prefix = ulid(Date.parse(same)).slice(0, 10);
        const low = `${prefix}${'0'.repeat(16)}`;
        const middle = `${prefix}9${'Z'.repeat(15)}`;
        const high = `${prefix}A${'0'.repeat(15)}`;
        const older = messageRecord({ createdAt: at(9, 999) });
        const newer = messageRecord({ createdAt: at(10, 1) });
        await seed(log, [
          messageRecord({ id: middle, createdAt: same }),
          older,
          messageRecord({ id: high, createdAt: same }),
          newer,
          messageRecord({ id: low, createdAt: same }),
        ]);

        const page = await log.list(listQuery({}));

        expect(ids(page.items)).toEqual([newer.id, high, middle, low, older.id]);
      });

      it('orders by createdAt, not by id, when the two disagree', async () => {
        // An id that sorts after the other's although its record is older.
        const older = messageRecord({ id: 'ZZZZZZZZZZZZZZZZZZZZZZZZZZ', createdAt: at(1) });
        const newer = messageRecord({ id: '00000000000000000000000000', createdAt: at(2) });
        await seed(log, [older, newer]);

        expect(ids((await log.list(listQuery({}))).items)).toEqual([newer.id, older.id]);
      });
    });

    describe('pagination', () => {
      // 23 records on 7 distinct instants (3 or 4 per instant), so that ties straddle page
      // boundaries; inserted in a scrambled order.
      const records = Array.from({ length: 23 }, (_, n) =>
        messageRecord({
          type: (['email', 'sms', 'whatsapp'] as const)[n % 3],
          status: (['pending', 'sent', 'failed', 'sent'] as const)[n % 4],
          createdAt: at(n % 7),
        }),
      );
      const scrambled = records.map((_, n) => records[(n * 5) % 23]).filter((r) => r !== undefined);
      const expectedOrder = [...records].sort(newestFirst);

      beforeEach(async () => {
        await seed(log, scrambled);
      });

      it('collects every record exactly once, in order, over several pages', async () => {
        const pages = await walk(log, { limit: '5' });

        expect(pages.map((page) => page.items.length)).toEqual([5, 5, 5, 5, 3]);
        for (const page of pages.slice(0, -1)) expect(page.nextCursor).toEqual(expect.any(String));
        expect(pages.at(-1)?.nextCursor).toBeNull();
        const walked = pages.flatMap((page) => page.items);
        expect(ids(walked)).toEqual(ids(expectedOrder));
        expect(new Set(ids(walked)).size).toBe(records.length);
        expect(walked).toStrictEqual(expectedOrder);
      });

      it('walks one record per page', async () => {
        const pages = await walk(log, { limit: '1' });

        expect(pages).toHaveLength(23);
        expect(ids(pages.flatMap((page) => page.items))).toEqual(ids(expectedOrder));
      });

      it('keeps the filters on every page of a walk', async () => {
        const expected = expectedOrder.filter((r) => r.type === 'sms' && r.createdAt >= at(1));

        const pages = await walk(log, { type: 'sms', from: at(1), limit: '2' });

        expect(expected).toHaveLength(7);
        expect(pages.map((page) => page.items.length)).toEqual([2, 2, 2, 1]);
        expect(ids(pages.flatMap((page) => page.items))).toEqual(ids(expected));
      });

      it('walks a status and time range filter across pages', async () => {
        const expected = expectedOrder.filter(
          (r) => r.status === 'sent' && r.createdAt >= at(2) && r.createdAt < at(6),
        );

        const pages = await walk(log, { status: 'sent', from: at(2), to: at(6), limit: '3' });

        expect(expected).toHaveLength(6);
        expect(pages.map((page) => page.items.length)).toEqual([3, 3]);
        expect(ids(pages.flatMap((page) => page.items))).toEqual(ids(expected));
        expect(pages.at(-1)?.nextCursor).toBeNull();
      });

      it('answers the default limit of 25 when none is given', async () => {
        await seed(log, [messageRecord({ createdAt: at(20) }), messageRecord({ createdAt: at(21) })]);
        const all = await walk(log, {});

        expect(all.map((page) => page.items.length)).toEqual([25]);
        expect(all[0]?.nextCursor).toBeNull();

        await log.create(messageRecord({ createdAt: at(22) }));
        const first = await log.list(listQuery({}));
        expect(first.items).toHaveLength(25);
        expect(first.nextCursor).toEqual(expect.any(String));
        const rest = await log.list(listQuery({ cursor: first.nextCursor ?? '' }));
        expect(rest.items).toHaveLength(1);
        expect(rest.nextCursor).toBeNull();
      });

      it('ends with nextCursor null when the last page exactly fills the limit (no empty page)', async () => {
        const exactly = await log.list(listQuery({ limit: '23' }));
        expect(exactly.items).toHaveLength(23);
        expect(exactly.nextCursor).toBeNull();

        // 6 sms records: two full pages of 3, and the second says there is no third.
        const smsPages = await walk(log, { type: 'sms', from: at(0), to: at(5), limit: '3' });
        const sms = expectedOrder.filter((r) => r.type === 'sms' && r.createdAt < at(5));
        expect(sms).toHaveLength(6);
        expect(smsPages.map((page) => page.items.length)).toEqual([3, 3]);
        expect(smsPages[1]?.nextCursor).toBeNull();
        expect(ids(smsPages.flatMap((page) => page.items))).toEqual(ids(sms));
      });

      it('does not show records created after the cursor was issued on later pages', async () => {
        const first = await log.list(listQuery({ limit: '4' }));
        const last = first.items.at(-1);
        if (!last || !first.nextCursor) throw new Error('expected a first page with a next cursor');
        // Created after the walk began: newer instants, and one at the cursor's instant with a larger id.
        const late = [
          messageRecord({ createdAt: at(30) }),
          messageRecord({ createdAt: at(6) }),
          messageRecord({ id: incrementBase32(last.id), createdAt: last.createdAt }),
        ];
        await seed(log, late);

        const rest = await walk(log, { limit: '4', cursor: first.nextCursor });

        const walked = [...first.items, ...rest.flatMap((page) => page.items)];
        expect(ids(walked)).toEqual(ids(expectedOrder));
        for (const record of late) expect(ids(walked)).not.toContain(record.id);
      });

      it('takes a cursor from a wider query into a narrower time range without an error', async () => {
        const first = await log.list(listQuery({ limit: '3' }));
        const cursorAt = first.items.at(-1)?.createdAt;
        if (!first.nextCursor || !cursorAt) throw new Error('expected a next cursor');
        const rest = expectedOrder.slice(3);
        const shifted = (ms: number) => new Date(Date.parse(cursorAt) + ms).toISOString();
        const page = (range: Record<string, string>) =>
          log.list(listQuery({ limit: '100', cursor: first.nextCursor ?? '', ...range }));
        // `to` after the cursor's instant: the records after the cursor, within the range.
        expect(ids((await page({ to: shifted(1) })).items)).toEqual(ids(rest));
        // `to` before it: only what is older than `to`.
        const to = rest.at(-5)?.createdAt ?? '';
        expect(ids((await page({ to })).items)).toEqual(ids(rest.filter((r) => r.createdAt < to)));
        // `from` after it: nothing in the range is older than the cursor.
        expect(await page({ from: shifted(60_000) })).toEqual({ items: [], nextCursor: null });
      });

      it('answers the same page again for the same cursor', async () => {
        const first = await log.list(listQuery({ limit: '5' }));
        if (!first.nextCursor) throw new Error('expected a next cursor');
        const second = await log.list(listQuery({ limit: '5', cursor: first.nextCursor }));

        expect(ids(second.items)).toEqual(ids(expectedOrder.slice(5, 10)));
        const again = await log.list(listQuery({ limit: '5', cursor: first.nextCursor }));
        expect(ids(again.items)).toEqual(ids(second.items));
      });
    });

    describe('bad cursors', () => {
      beforeEach(async () => {
        await seed(
          log,
          Array.from({ length: 5 }, (_, n) => messageRecord({ createdAt: at(n) })),
        );
      });

      const issuedCursor = async (): Promise<string> => {
        const page = await log.list(listQuery({ limit: '2' }));
        if (!page.nextCursor) throw new Error('expected a next cursor');
        return page.nextCursor;
      };

      it.each([
        ['garbage', 'not-a-cursor!!'],
        ['base64url of plain text', Buffer.from('hello world').toString('base64url')],
        ['base64url of a JSON object', Buffer.from('{"createdAt":1}').toString('base64url')],
        ['base64url of a JSON number', Buffer.from('42').toString('base64url')],
        ['base64url of null', Buffer.from('null').toString('base64url')],
      ])('rejects %s with a ValidationError naming cursor', async (_, cursor) => {
        await expectCursorRejected(log.list(listQuery({ cursor })));
      });

      it('rejects an issued cursor that was truncated', async () => {
        const cursor = await issuedCursor();

        await expectCursorRejected(log.list(listQuery({ cursor: cursor.slice(0, -4) })));
      });

      it('rejects an issued cursor with bytes added in front', async () => {
        const cursor = await issuedCursor();

        await expectCursorRejected(log.list(listQuery({ cursor: `AAAA${cursor}` })));
      });

      it('rejects an issued cursor whose decoded content was edited out of shape', async () => {
        const cursor = await issuedCursor();
        const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
        const tampered = [
          `${decoded.slice(0, -1)},"extra"]`,
          decoded.replace(/\d{4}-\d\d-\d\dT[^"]*/, 'yesterday'),
          `{"position":${decoded}}`,
          `${decoded}x`,
        ];
        expect(new Set(tampered).size).toBe(tampered.length);

        for (const edited of tampered) {
          await expectCursorRejected(
            log.list(listQuery({ cursor: Buffer.from(edited, 'utf8').toString('base64url') })),
          );
        }
      });

      it('still accepts the untouched cursor (the rejections above are about the edits)', async () => {
        const cursor = await issuedCursor();

        const page = await log.list(listQuery({ limit: '2', cursor }));

        expect(page.items.map((record) => record.createdAt)).toEqual([at(2), at(1)]);
      });
    });
  });
}
