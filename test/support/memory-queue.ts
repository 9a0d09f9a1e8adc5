import type { DeliveryJob, MessageQueue } from '../../lib/ports/message-queue.js';

/** A queue that keeps what it was given (jobs and their delays); `failWith` makes enqueue reject. */
export function memoryQueue() {
  const jobs: { job: DeliveryJob; delayMs: number }[] = [];
  const state: { failWith: Error | undefined; closed: boolean } = { failWith: undefined, closed: false };
  const queue: MessageQueue = {
    async enqueue(job, options = {}) {
      if (state.failWith) throw state.failWith;
      jobs.push({ job: { ...job }, delayMs: options.delayMs ?? 0 });
    },
    async close() {
      state.closed = true;
    },
  };
  return { queue, jobs, state };
}
