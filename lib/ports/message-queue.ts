/** One delivery round of one message: the worker's unit of work. */
export interface DeliveryJob {
  messageId: string;
  /** 1 for the first round, n + 1 for the retry after round n. */
  attempt: number;
}

/**
 * The queue port: jobs in, delivered to a worker at least once, possibly more than once (a worker
 * therefore claims the message with a conditional write before calling a provider).
 */
export interface MessageQueue {
  /** Durable once it resolves; the job is delivered no sooner than `delayMs` from now. */
  enqueue(job: DeliveryJob, options?: { delayMs?: number }): Promise<void>;
  close(): Promise<void>;
}
