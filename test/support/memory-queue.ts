import { type DeliveryJob, enqueueEach, type MessageQueue } from '../../lib/ports/message-queue.js';

/**
 * A queue that keeps what it was given (jobs and their delays); `failWith` makes enqueue reject,
 * `failFor` only a job whose message id it answers true for. `maxDelayMs` plays a queue whose delays
 * are capped (SQS's 15 minutes).
 */
export function memoryQueue(settings: { maxDelayMs?: number } = {}) {
  const jobs: { job: DeliveryJob; delayMs: number }[] = [];
  const state: { failWith: Error | undefined; failFor: (id: string) => boolean; closed: boolean } = {
    failWith: undefined,
    failFor: () => false,
    closed: false,
  };
  const queue: MessageQueue = {
    ...(settings.maxDelayMs === undefined ? {} : { maxDelayMs: settings.maxDelayMs }),
    async enqueue(job, options = {}) {
      if (state.failWith) throw state.failWith;
      if (state.failFor(job.messageId)) throw new Error(`queue refused ${job.messageId}`);
      jobs.push({ job: { ...job }, delayMs: options.delayMs ?? 0 });
    },
    enqueueMany: (many) => enqueueEach(queue, many),
    async close() {
      state.closed = true;
    },
  };
  return { queue, jobs, state };
}
