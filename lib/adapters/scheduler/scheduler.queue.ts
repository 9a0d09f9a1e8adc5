import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { asError } from '../../domain/errors.js';
import type { DelayedJob, DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
import { traced } from '../../tracing.js';
import { DeliveryJobBody } from '../sqs/sqs.queue.js';

/** Where a one-time schedule delivers its job, and as whom (the stack's least-privilege role). */
export interface ScheduleTarget {
  /** The schedule group the service's schedules go in (its grant is scoped to it). */
  group: string;
  /** The delivery queue's ARN: the schedule sends the job there, as SendMessage would. */
  queueArn: string;
  /** The role EventBridge Scheduler assumes to send to the queue. */
  roleArn: string;
  /** Where a job goes that the schedule could not send (the delivery dead-letter queue). */
  deadLetterArn?: string;
}

// Schedules are created this many at a time: a batch of 100 stays within the account's API rate.
const CONCURRENT_CREATES = 10;
// Retries of a schedule's send to the queue (throttling, a blip) before the job goes to the DLQ.
const TARGET_RETRIES = { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 };

export function createSchedulerClient(options: { region?: string } = {}) {
  return traced(
    new SchedulerClient({
      ...(options.region ? { region: options.region } : {}),
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
    }),
  );
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second: never before the job is due. */
export const atExpression = (dueMs: number): string =>
  `at(${new Date(Math.ceil(dueMs / 1000) * 1000).toISOString().slice(0, 19)})`;

/** One schedule per job: a retried create finds its own schedule and is done. */
export const scheduleName = (job: DeliveryJob): string => `msg-${job.messageId}-${job.attempt}`;

/**
 * The queue for delays beyond SQS's 15 minutes (a message scheduled up to 30 days ahead): a job
 * delayed longer becomes an EventBridge Scheduler one-time schedule that sends it to the delivery
 * queue at its time and deletes itself (`ActionAfterCompletion: DELETE`); shorter delays go to the
 * queue itself with SQS's DelaySeconds. The worker then finds the message due (docs/dynamodb.md,
 * *Scheduled messages*; a canceled one is skipped, its schedule left to fire and delete itself).
 */
export class SchedulerQueue implements MessageQueue {
  constructor(
    private readonly queue: MessageQueue & { readonly maxDelayMs?: number },
    private readonly client: SchedulerClient,
    private readonly target: ScheduleTarget,
    private readonly now: () => number = Date.now,
  ) {}

  private direct(delayMs: number | undefined): boolean {
    return this.queue.maxDelayMs === undefined || (delayMs ?? 0) <= this.queue.maxDelayMs;
  }

  async enqueue(job: DeliveryJob, options: { delayMs?: number } = {}): Promise<void> {
    if (this.direct(options.delayMs)) return this.queue.enqueue(job, options);
    await this.schedule(job, options.delayMs ?? 0);
  }

  async enqueueMany(jobs: readonly DelayedJob[]): Promise<(Error | undefined)[]> {
    const outcomes: (Error | undefined)[] = jobs.map(() => undefined);
    const direct = jobs.flatMap((entry, index) => (this.direct(entry.delayMs) ? [{ entry, index }] : []));
    const later = jobs.flatMap((entry, index) => (this.direct(entry.delayMs) ? [] : [{ entry, index }]));
    const queued = direct.length ? await this.queue.enqueueMany(direct.map(({ entry }) => entry)) : [];
    direct.forEach(({ index }, i) => {
      outcomes[index] = queued[i];
    });
    for (let i = 0; i < later.length; i += CONCURRENT_CREATES) {
      await Promise.all(
        later.slice(i, i + CONCURRENT_CREATES).map(({ entry, index }) =>
          this.schedule(entry.job, entry.delayMs ?? 0).catch((error: unknown) => {
            outcomes[index] = asError(error);
          }),
        ),
      );
    }
    return outcomes;
  }

  private async schedule(job: DeliveryJob, delayMs: number): Promise<void> {
    const name = scheduleName(job);
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.target.group,
          ScheduleExpression: atExpression(this.now() + delayMs),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          // The SDK's retry of this very create is the same request, not a second schedule.
          ClientToken: name,
          Target: {
            Arn: this.target.queueArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(DeliveryJobBody.parse(job)),
            RetryPolicy: TARGET_RETRIES,
            ...(this.target.deadLetterArn ? { DeadLetterConfig: { Arn: this.target.deadLetterArn } } : {}),
          },
        }),
      );
    } catch (error) {
      // A schedule of this name exists: this job was scheduled by an earlier attempt.
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.queue.close();
  }
}
