import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AppError,
  LogUnavailableError,
  QueueUnavailableError,
  ValidationError,
} from '../../lib/domain/errors.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { createIdGenerator } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import type { MessageLog } from '../../lib/ports/message-log.js';
import { NotCancelableError } from '../../lib/services/cancel-message.js';
import { makeSendBatch } from '../../lib/services/send-batch.js';
import { makeSendMessage } from '../../lib/services/send-message.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';
import { recordingProviders } from '../support/fake-providers.js';
import { interceptLog } from '../support/message-log-wrappers.js';
import { openLog, type StoreKind, sendPipeline } from '../support/send-pipeline.js';

// Batch sends, scheduled messages and cancellation through the real services, on each message log:
// SQLite and DynamoDB (dynalite), with a queue and a clock of the test's own.

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const sms = (content: string, extra: Record<string, unknown> = {}) => ({
  type: 'sms',
  recipient: '+14155550123',
  content,
  ...extra,
});

let dynamo: Dynalite | undefined;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo?.close());

const statusesOf = async (log: MessageLog, id: string) => (await log.listEvents(id)).map((e) => e.status);

describe.each<StoreKind>(['sqlite', 'dynamodb'])('on the %s log', (kind) => {
  let log: MessageLog;
  const open = async () => {
    log = await openLog(kind, () => {
      if (!dynamo) throw new Error('dynalite is not running');
      return dynamo;
    });
    return log;
  };
  afterEach(async () => log?.close());

  describe('a batch', () => {
    it('queues the valid messages and answers one result per message, in order', async () => {
      const p = sendPipeline(await open(), T0);
      const results = await p.sendBatch(
        {
          messages: [
            sms('first'),
            { type: 'sms', recipient: '12345', content: 'bad number' },
            sms('later', { sendAt: iso(T0 + DAY) }),
            { type: 'fax', recipient: '+14155550123', content: 'x' },
            sms('past', { sendAt: iso(T0 - MINUTE) }),
            { type: 'email', recipient: 'user@example.com', content: 'mail', subject: 'Hi' },
          ],
        },
        { tenant: 'acme' },
      );
      expect(results).toHaveLength(6);
      const [first, badNumber, later, fax, past, mail] = results;
      expect(first).toMatchObject({ status: 'queued', content: 'first', tenant: 'acme' });
      expect(later).toMatchObject({ status: 'scheduled', sendAt: iso(T0 + DAY) });
      expect(mail).toMatchObject({ status: 'queued', subject: 'Hi', type: 'email' });
      expect(badNumber).toBeInstanceOf(ValidationError);
      expect((badNumber as AppError).details).toEqual([{ field: 'recipient', message: expect.any(String) }]);
      expect((fax as AppError).code).toBe('UNSUPPORTED_TYPE');
      expect((past as AppError).details).toEqual([{ field: 'sendAt', message: 'must not be in the past' }]);
      // Ids in the order of the request (ULIDs of one instant, monotonic).
      const records = [first, later, mail] as MessageRecord[];
      expect(records.map((r) => r.id)).toEqual(records.map((r) => r.id).sort());
      for (const record of records) expect(await log.get(record.id)).toEqual(record);
      // Only the valid ones have a job: two now, the scheduled one a day later.
      expect(p.held.map((h) => [h.job.messageId, h.dueAt - T0])).toEqual([
        [(first as MessageRecord).id, 0],
        [(later as MessageRecord).id, DAY],
        [(mail as MessageRecord).id, 0],
      ]);
      expect(await p.work()).toBe(2);
      expect(p.calls.map((c) => c.content).sort()).toEqual(['first', 'mail']);
    });

    it('refuses a list that is missing, empty or over 100 messages, naming messages', async () => {
      const p = sendPipeline(await open(), T0);
      for (const body of [{}, { messages: [] }, { messages: Array.from({ length: 101 }, () => sms('x')) }]) {
        const error = await p.sendBatch(body).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).details?.map((d) => d.field)).toEqual(['messages']);
      }
      expect(p.held).toEqual([]);
    });

    it('takes 100 messages, queued in one go', async () => {
      const p = sendPipeline(await open(), T0);
      const results = await p.sendBatch({ messages: Array.from({ length: 100 }, (_, i) => sms(`n${i}`)) });
      expect(results.every((r) => !(r instanceof AppError) && r.status === 'queued')).toBe(true);
      expect(p.held).toHaveLength(100);
    });

    it('marks a message the queue refused failed (QUEUE_UNAVAILABLE) and still queues the others', async () => {
      const p = sendPipeline(await open(), T0);
      const refusedOnce = new Set<string>();
      p.state.failFor = (id) => refusedOnce.size === 0 && !!refusedOnce.add(id);
      const [a, b] = await p.sendBatch({ messages: [sms('a'), sms('b')] });
      expect(a).toBeInstanceOf(QueueUnavailableError);
      expect(b).toMatchObject({ status: 'queued' });
      const [refused] = [...refusedOnce];
      expect(await log.get(refused ?? '')).toMatchObject({
        status: 'failed',
        error: { code: 'QUEUE_UNAVAILABLE', retryable: true },
      });
      expect(p.held.map((h) => h.job.messageId)).toEqual([(b as MessageRecord).id]);
    });

    it('answers LOG_UNAVAILABLE for a message the log did not take, and queues nothing of it', async () => {
      const base = await open();
      const failing = interceptLog(base, {
        createMany: async (records) => {
          const outcomes = await base.createMany(records.slice(1));
          return [new Error('throttled'), ...outcomes];
        },
      });
      const p = sendPipeline(failing, T0);
      const [a, b] = await p.sendBatch({ messages: [sms('a'), sms('b')] });
      expect(a).toBeInstanceOf(LogUnavailableError);
      expect(b).toMatchObject({ status: 'queued' });
      expect(p.held.map((h) => h.job.messageId)).toEqual([(b as MessageRecord).id]);
    });
  });

  describe('a scheduled message', () => {
    it('is logged scheduled, and delivered once its time has come, not before', async () => {
      const p = sendPipeline(await open(), T0);
      const sendAt = iso(T0 + 2 * DAY + 30_000);
      const record = await p.sendMessage(sms('reminder', { sendAt: '2026-11-29T11:00:30+01:00' }));
      expect(record).toMatchObject({ status: 'scheduled', sendAt, attempts: 0 });
      p.clock.now = T0 + 2 * DAY + 29_999;
      expect(await p.work()).toBe(0);
      expect((await log.get(record.id))?.status).toBe('scheduled');
      p.clock.now = T0 + 2 * DAY + 30_000;
      expect(await p.work()).toBe(1);
      expect(await log.get(record.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await statusesOf(log, record.id)).toEqual(['scheduled', 'sending', 'sent']);
      expect(p.calls.map((c) => c.id)).toEqual([record.id]);
    });

    it('waits again when its job comes early (a queue that caps delays at 15 minutes)', async () => {
      const p = sendPipeline(await open(), T0);
      const record = await p.sendMessage(sms('in an hour', { sendAt: iso(T0 + 60 * MINUTE) }), {});
      // SQS-like cap: on a deployment without a scheduler a sendAt past 15 minutes is refused...
      const capped = sendPipeline(log, T0, { maxDelayMs: 15 * MINUTE });
      const refused = await capped.sendMessage(sms('x', { sendAt: iso(T0 + 16 * MINUTE) })).catch((e) => e);
      expect((refused as ValidationError).details).toEqual([
        {
          field: 'sendAt',
          message: 'must be at most 15 minutes ahead on this deployment (it has no scheduler)',
        },
      ]);
      // ...and a job that comes back early anyway (a clock behind) is put back for the rest of the time.
      const early = { messageId: record.id, attempt: 1 };
      p.clock.now = T0 + 45 * MINUTE;
      expect(await p.deliverMessage(early)).toBe('done');
      expect(p.calls).toEqual([]);
      expect(p.held.at(-1)).toEqual({ job: early, dueAt: T0 + 60 * MINUTE });
      p.clock.now = T0 + 60 * MINUTE;
      await p.work();
      expect((await log.get(record.id))?.status).toBe('sent');
      expect(p.calls).toHaveLength(1);
    });

    it.each([
      ['in the past', iso(T0 - 1), 'must not be in the past'],
      ['over 30 days ahead', iso(T0 + 30 * DAY + 1), 'must be at most 30 days ahead'],
      ['malformed', 'tomorrow', 'must be an ISO-8601 instant with an offset, e.g. 2026-11-28T09:00:00Z'],
      [
        'without an offset',
        '2026-11-28T09:00:00',
        'must be an ISO-8601 instant with an offset, e.g. 2026-11-28T09:00:00Z',
      ],
    ])('is refused %s, naming sendAt, and nothing is logged', async (_, sendAt, message) => {
      const p = sendPipeline(await open(), T0);
      const error = await p.sendMessage(sms('x', { sendAt })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual([{ field: 'sendAt', message }]);
      expect(p.held).toEqual([]);
    });

    it('may be 30 days ahead exactly', async () => {
      const p = sendPipeline(await open(), T0);
      const record = await p.sendMessage(sms('x', { sendAt: iso(T0 + 30 * DAY) }));
      expect(record.status).toBe('scheduled');
      expect(p.held[0]?.dueAt).toBe(T0 + 30 * DAY);
    });

    it('is refused naming sendAt, and a batch is refused whole, where there is no queue at all', async () => {
      const base = {
        log: await open(),
        clock: () => new Date(T0),
        newId: createIdGenerator(),
        logger: createLogger({ level: 'silent' }),
        defaultSubject: 'Hi',
      };
      const send = makeSendMessage({
        ...base,
        providers: recordingProviders().providers,
        providerTimeoutMs: 1_000,
      });
      const error = await send(sms('x', { sendAt: iso(T0 + MINUTE) })).catch((e: unknown) => e);
      expect((error as ValidationError).details).toEqual([
        { field: 'sendAt', message: 'cannot be honoured: this deployment has no delivery queue' },
      ]);
      await expect(makeSendBatch(base)({ messages: [sms('x')] })).rejects.toBeInstanceOf(
        QueueUnavailableError,
      );
    });
  });

  describe('cancel', () => {
    it('cancels a scheduled message: the worker then leaves it alone', async () => {
      const p = sendPipeline(await open(), T0);
      const record = await p.sendMessage(sms('reminder', { sendAt: iso(T0 + DAY) }));
      p.clock.now = T0 + 5 * MINUTE;
      const canceled = await p.cancelMessage(record.id, { tenant: 'default' });
      expect(canceled).toMatchObject({ status: 'canceled', updatedAt: iso(T0 + 5 * MINUTE) });
      // Canceling again answers it again.
      expect((await p.cancelMessage(record.id, { tenant: 'default' })).status).toBe('canceled');
      p.clock.now = T0 + DAY;
      expect(await p.work()).toBe(1);
      expect(p.calls).toEqual([]);
      expect(await statusesOf(log, record.id)).toEqual(['scheduled', 'canceled']);
      expect((await log.listEvents(record.id)).at(-1)?.detail).toBe('canceled while scheduled');
    });

    it("answers 404 for another tenant's message and 409 once it is sent", async () => {
      const p = sendPipeline(await open(), T0);
      const record = await p.sendMessage(sms('now'), { respondAsync: true, tenant: 'acme' });
      await expect(p.cancelMessage(record.id, { tenant: 'other' })).rejects.toMatchObject({
        statusCode: 404,
      });
      await expect(p.cancelMessage('01JD0Y4ZQ9R6T3K1M8XW2B7C5E', { tenant: 'acme' })).rejects.toMatchObject({
        statusCode: 404,
      });
      await p.work();
      const error = await p.cancelMessage(record.id, { tenant: 'acme' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotCancelableError);
      expect(error).toMatchObject({ statusCode: 409, code: 'NOT_CANCELABLE' });
      expect((await log.get(record.id))?.status).toBe('sent');
    });

    it('races a worker claim: exactly one wins, every time', async () => {
      const p = sendPipeline(await open(), T0);
      let canceledCount = 0;
      for (let i = 0; i < 12; i++) {
        const record =
          i % 2 === 0
            ? await p.sendMessage(sms(`race ${i}`), { respondAsync: true })
            : await p.sendMessage(sms(`race ${i}`, { sendAt: iso(p.clock.now) }));
        const [job] = p.held.splice(0);
        if (!job) throw new Error('no job');
        // Either side may start first: the stores' conditional writes decide, not the order.
        const cancelling = () => p.cancelMessage(record.id, { tenant: 'default' });
        const claiming = () => p.deliverMessage(job.job);
        const [cancel] =
          i % 4 < 2
            ? await Promise.allSettled([cancelling(), claiming()])
            : await Promise.allSettled([claiming(), cancelling()]).then(([c, d]) => [d, c] as const);
        const final = await log.get(record.id);
        const sent = p.calls.filter((c) => c.id === record.id).length;
        if (cancel.status === 'fulfilled') {
          canceledCount++;
          expect(final?.status).toBe('canceled');
          expect(sent).toBe(0);
          expect(await statusesOf(log, record.id)).toEqual([record.status, 'canceled']);
        } else {
          expect(cancel.reason).toBeInstanceOf(NotCancelableError);
          expect(final?.status).toBe('sent');
          expect(sent).toBe(1);
          expect(await statusesOf(log, record.id)).toEqual([record.status, 'sending', 'sent']);
        }
      }
      // Which side a race goes to is the store's; the count is only reported.
      console.info(`${kind}: cancel won ${canceledCount} of 12 races`);
    });
  });
});
