import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { asError } from '../../domain/errors.js';
import { lazy } from '../../lazy.js';
import type { DelayedJob, DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
import * as z from '../../zod.js';
import { type BatchEntry, DeliveryJobBody, sendMessageBatches } from './sqs.queue.js';

/** A job due beyond SQS's longest delay, as it travels on the scheduling queue: due at `dueAt` (epoch ms). */
export const ScheduledJobBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({ ...DeliveryJobBody.shape, dueAt: z.int().check(z.minimum(0)) }),
);
export type ScheduledJob = z.infer<typeof ScheduledJobBody>;

/**
 * The send side of scheduling on AWS: a job delayed no longer than the delivery queue allows goes
 * there (SQS's DelaySeconds); a later one goes, with the time it is due, to the scheduling queue,
 * whose consumer (functions/schedule-messages.ts) makes it an EventBridge Scheduler one-time schedule.
 * So the send function needs only its SQS client, not the scheduler's (docs/dynamodb.md,
 * *Scheduled messages*).
 */
export class SchedulingSqsQueue implements MessageQueue {
  constructor(
    private readonly delivery: MessageQueue & { readonly maxDelayMs: number },
    private readonly client: SQSClient,
    private readonly schedulingUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  private direct(delayMs: number | undefined): boolean {
    return (delayMs ?? 0) <= this.delivery.maxDelayMs;
  }

  private body(job: DeliveryJob, delayMs: number | undefined): string {
    return JSON.stringify(ScheduledJobBody.parse({ ...job, dueAt: Math.ceil(this.now() + (delayMs ?? 0)) }));
  }

  async enqueue(job: DeliveryJob, options: { delayMs?: number } = {}): Promise<void> {
    if (this.direct(options.delayMs)) return this.delivery.enqueue(job, options);
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.schedulingUrl, MessageBody: this.body(job, options.delayMs) }),
    );
  }

  async enqueueMany(jobs: readonly DelayedJob[]): Promise<(Error | undefined)[]> {
    const outcomes: (Error | undefined)[] = jobs.map(() => undefined);
    const direct = jobs.flatMap((entry, index) => (this.direct(entry.delayMs) ? [{ entry, index }] : []));
    const later: BatchEntry[] = [];
    jobs.forEach(({ job, delayMs }, index) => {
      if (this.direct(delayMs)) return;
      try {
        later.push({ index, body: this.body(job, delayMs), delaySeconds: 0 });
      } catch (error) {
        outcomes[index] = asError(error);
      }
    });
    const [queued] = await Promise.all([
      direct.length ? this.delivery.enqueueMany(direct.map(({ entry }) => entry)) : [],
      sendMessageBatches(this.client, this.schedulingUrl, later, outcomes),
    ]);
    direct.forEach(({ index }, i) => {
      outcomes[index] = queued[i];
    });
    return outcomes;
  }

  async close(): Promise<void> {
    await this.delivery.close();
  }
}
