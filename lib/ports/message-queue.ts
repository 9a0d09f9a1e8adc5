import { asError } from '../domain/errors.js';

/** One delivery round of one message: the worker's unit of work. */
export interface DeliveryJob {
  messageId: string;
  /** 1 for the first round, n + 1 for the retry after round n. */
  attempt: number;
}

/** A job due later than the delivery queue can hold it back: due at `dueAt` (epoch ms). */
export interface ScheduledJob extends DeliveryJob {
  dueAt: number;
}

/** A job and how long to hold it back, for `enqueueMany`. */
export interface DelayedJob {
  job: DeliveryJob;
  delayMs?: number;
}

/**
 * The queue port: jobs in, delivered to a worker at least once, possibly more than once (a worker
 * therefore claims the message with a conditional write before calling a provider).
 */
export interface MessageQueue {
  /** Durable once it resolves; the job is delivered no sooner than `delayMs` from now. */
  enqueue(job: DeliveryJob, options?: { delayMs?: number }): Promise<void>;
  /**
   * Several jobs in as few writes as the queue allows (a batch send). Answers, per job in order,
   * undefined once it is durable, or the error that kept it off the queue: one job failing does not
   * fail the others.
   */
  enqueueMany(jobs: readonly DelayedJob[]): Promise<(Error | undefined)[]>;
  /**
   * The longest delay a job is held back by, exactly; undefined: any. A longer one is delivered
   * early (at this delay), so that what schedules far ahead must check it first.
   */
  readonly maxDelayMs?: number;
  close(): Promise<void>;
}

/** `enqueueMany` for a queue that writes one job at a time: each job on its own, side by side. */
export async function enqueueEach(queue: MessageQueue, jobs: readonly DelayedJob[]) {
  const settled = await Promise.allSettled(
    jobs.map(({ job, delayMs }) => queue.enqueue(job, delayMs === undefined ? {} : { delayMs })),
  );
  return settled.map((outcome) => (outcome.status === 'fulfilled' ? undefined : asError(outcome.reason)));
}
