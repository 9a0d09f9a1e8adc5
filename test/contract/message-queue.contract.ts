import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryJob, MessageQueue } from '../../lib/ports/message-queue.js';

/**
 * The queue port's contract, as one suite that every adapter runs (SQLite, SQS through a mocked
 * client). A queue is only half of the story: how a worker receives is each adapter's own, so `open`
 * answers the queue together with what plays its store and its clock. The suite never closes the
 * queue itself, except where a test says so.
 */
export interface QueueUnderTest {
  queue: MessageQueue;
  /** Moves the store's clock forward: a job is due once its delay has passed on this clock. */
  advance(ms: number): void;
  /**
   * The jobs the store would hand a worker now, as the worker would read them; each job once (a
   * received job is taken off).
   */
  receiveDue(): Promise<DeliveryJob[]>;
  /** From now on the store refuses every write (the database gone, SQS answering errors). */
  breakWrites(): void;
  /** A new queue over the same store, after this one was closed (a new process, a new container). */
  reopen(): Promise<MessageQueue>;
  cleanup(): Promise<void>;
}

/** The largest delay a retry may ask for: SQS's limit, which the retry policy's cap is validated to fit. */
export const MAX_QUEUE_DELAY_MS = 900_000;

const byId = (a: DeliveryJob, b: DeliveryJob) =>
  a.messageId.localeCompare(b.messageId) || a.attempt - b.attempt;

export function messageQueueContract(name: string, open: () => Promise<QueueUnderTest>): void {
  describe(name, () => {
    let store: QueueUnderTest;
    let queue: MessageQueue;

    beforeEach(async () => {
      store = await open();
      queue = store.queue;
    });

    afterEach(async () => {
      await store.cleanup();
    });

    it('hands out an undelayed job at once, as it was enqueued', async () => {
      await queue.enqueue({ messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E', attempt: 1 });
      expect(await store.receiveDue()).toEqual([{ messageId: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E', attempt: 1 }]);
      // Received once, it is not handed out again.
      expect(await store.receiveDue()).toEqual([]);
    });

    it('carries the message id and the attempt unchanged, the longest id and a late round too', async () => {
      const jobs = [
        { messageId: 'm'.repeat(64), attempt: 1 },
        { messageId: 'x', attempt: 99 },
      ];
      for (const job of jobs) await queue.enqueue(job);
      expect((await store.receiveDue()).sort(byId)).toEqual(jobs.sort(byId));
    });

    it('treats a delay of 0 as no delay', async () => {
      await queue.enqueue({ messageId: 'now', attempt: 2 }, { delayMs: 0 });
      await queue.enqueue({ messageId: 'also-now', attempt: 2 }, {});
      expect((await store.receiveDue()).map((job) => job.messageId).sort()).toEqual(['also-now', 'now']);
    });

    it.each([1, 999, 1_000, 1_500, 60_000, MAX_QUEUE_DELAY_MS])(
      'hands out a job delayed by %i ms no sooner than its delay, and within a second after it',
      async (delayMs) => {
        await queue.enqueue({ messageId: 'later', attempt: 3 }, { delayMs });
        expect(await store.receiveDue()).toEqual([]);
        store.advance(delayMs - 1);
        expect(await store.receiveDue()).toEqual([]);
        store.advance(1_001);
        expect(await store.receiveDue()).toEqual([{ messageId: 'later', attempt: 3 }]);
      },
    );

    it('does not hold an undelayed job back behind a delayed one', async () => {
      await queue.enqueue({ messageId: 'later', attempt: 2 }, { delayMs: 10_000 });
      await queue.enqueue({ messageId: 'now', attempt: 1 });
      expect(await store.receiveDue()).toEqual([{ messageId: 'now', attempt: 1 }]);
      store.advance(11_000);
      expect(await store.receiveDue()).toEqual([{ messageId: 'later', attempt: 2 }]);
    });

    it('keeps every job: the same job enqueued twice is handed out twice (at least once, not deduplicated)', async () => {
      await queue.enqueue({ messageId: 'a', attempt: 1 });
      await queue.enqueue({ messageId: 'b', attempt: 1 });
      await queue.enqueue({ messageId: 'a', attempt: 1 });
      expect((await store.receiveDue()).sort(byId)).toEqual([
        { messageId: 'a', attempt: 1 },
        { messageId: 'a', attempt: 1 },
        { messageId: 'b', attempt: 1 },
      ]);
    });

    it('rejects when the job cannot be stored, and stores nothing', async () => {
      store.breakWrites();
      await expect(queue.enqueue({ messageId: 'lost', attempt: 1 })).rejects.toThrow();
      await expect(queue.enqueue({ messageId: 'lost', attempt: 2 }, { delayMs: 5_000 })).rejects.toThrow();
      store.advance(6_000);
      expect(await store.receiveDue()).toEqual([]);
    });

    it('is durable once enqueue resolves: the job outlives the queue that enqueued it', async () => {
      await queue.enqueue({ messageId: 'kept', attempt: 1 });
      await queue.enqueue({ messageId: 'kept-later', attempt: 2 }, { delayMs: 2_000 });
      await queue.close();
      queue = await store.reopen();
      expect(await store.receiveDue()).toEqual([{ messageId: 'kept', attempt: 1 }]);
      store.advance(3_000);
      expect(await store.receiveDue()).toEqual([{ messageId: 'kept-later', attempt: 2 }]);
    });
  });
}
