import type { Clock } from '../domain/clock.js';
import type { MessageQueue, ScheduledJob } from '../ports/message-queue.js';

/** Puts a job due later on its way: durable once it resolves; throws to be tried again. */
export type ScheduleMessage = (scheduled: ScheduledJob) => Promise<void>;

/**
 * The scheduling queue's consumer: a job is given to `queue` (the delivery queue behind EventBridge
 * Scheduler) with what is left of its delay, so a job that waited on the scheduling queue (a retry,
 * a backlog) is still delivered at its time, and one already due is sent at once.
 */
export const makeScheduleMessage =
  (deps: { queue: MessageQueue; clock: Clock }): ScheduleMessage =>
  async ({ dueAt, ...job }) => {
    await deps.queue.enqueue(job, { delayMs: Math.max(0, dueAt - deps.clock().getTime()) });
  };
