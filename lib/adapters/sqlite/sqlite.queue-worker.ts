import type { Logger } from '../../logger.js';
import type { Metrics } from '../../ports/metrics.js';
import type { DeliverMessage } from '../../services/deliver-message.js';
import type { ReceivedJob, SqliteQueue } from './sqlite.queue.js';

export interface LocalWorker {
  /** Stops taking jobs and waits for those in hand; their leases would bring them back anyway. */
  close(): Promise<void>;
  /** Resolves once no job is due or in hand (tests). */
  idle(): Promise<void>;
}

/**
 * The offline consumer of the SQLite queue, in the service's own process: what SQS and the worker
 * Lambda are on AWS. It leases up to `concurrency` due jobs for `leaseMs`, hands each to the deliver
 * use case, acknowledges it when done, releases it for a short while when another worker holds the
 * message, and leaves it leased (so it comes back, and after `maxReceives` goes to the dead-letter
 * table) when handling throws. Wakes on enqueue, at the next due job, or every `pollMs`.
 */
export function startLocalWorker(options: {
  queue: SqliteQueue;
  deliverMessage: DeliverMessage;
  logger: Logger;
  concurrency: number;
  leaseMs: number;
  pollMs?: number;
  /** Flushed after each job, as the worker Lambda flushes after each batch. */
  metrics?: Metrics;
}): LocalWorker {
  const { queue, deliverMessage, logger, concurrency, leaseMs } = options;
  const pollMs = options.pollMs ?? 1_000;
  const inHand = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let idleWaiters: (() => void)[] = [];

  const handle = async ({ jobId, job, receiveCount }: ReceivedJob) => {
    // Its own request id: a job must not log under the request that happened to wake the worker.
    const jobLogger = logger.child({ requestId: `job-${jobId}` });
    try {
      const outcome = await deliverMessage(job, { logger: jobLogger });
      if (outcome === 'done') queue.acknowledge(jobId);
      else queue.release(jobId, Math.min(leaseMs, 1_000));
    } catch (error) {
      jobLogger.error('delivery job failed; it will be retried when its lease ends', {
        messageId: job.messageId,
        attempt: job.attempt,
        receiveCount,
        error,
      });
    } finally {
      options.metrics?.flush();
    }
  };

  const tick = () => {
    timer = undefined;
    if (stopped) return;
    let due: number | undefined;
    try {
      const room = concurrency - inHand.size;
      const jobs = room > 0 ? queue.receive(room, leaseMs) : [];
      for (const received of jobs) {
        const running = handle(received).finally(() => {
          inHand.delete(running);
          schedule(0);
        });
        inHand.add(running);
      }
      due = queue.nextDueAt();
    } catch (error) {
      // A database error must not end the worker (thrown from a timer, it would end the process):
      // poll again later.
      logger.error('queue poll failed', { error });
      schedule(pollMs);
      return;
    }
    // Due times are on the queue's clock (a scheduled message's time, a test's fake clock).
    const now = queue.now();
    if (inHand.size === 0 && (due === undefined || due > now)) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
    schedule(due === undefined ? pollMs : Math.max(0, Math.min(pollMs, due - now)));
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  };

  const unsubscribe = queue.onEnqueue(() => schedule(0));
  schedule(0);

  return {
    async close() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inHand]);
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        schedule(0);
      }),
  };
}
