import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { lazy } from '../../lazy.js';
import type { Logger } from '../../logger.js';
import type { DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
import { traced } from '../../tracing.js';
import * as z from '../../zod.js';

// SQS delays a message by at most 15 minutes; the retry policy's cap is validated to fit.
const MAX_DELAY_SECONDS = 900;

/** A job as it travels in an SQS message body; anything else is a poison message. */
export const DeliveryJobBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    messageId: z.string().check(z.minLength(1), z.maxLength(64)),
    attempt: z.int().check(z.minimum(1)),
  }),
);

/**
 * The job an SQS record carries, or undefined when its body is not one (not JSON, or not a job). Such
 * a record fails the same way on every receive, so the caller reports it failed each time and SQS
 * moves it to the dead-letter queue after its last receive; the line logged here says so.
 */
export function decodeDeliveryJob(
  record: Pick<SQSRecord, 'messageId' | 'body' | 'attributes'>,
  logger: Logger,
): DeliveryJob | undefined {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const job = DeliveryJobBody.safeParse(body);
  if (job.success) return job.data;
  logger.error('unreadable delivery job; it will end in the dead-letter queue', {
    sqsMessageId: record.messageId,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
  });
  return undefined;
}

export function createSqsClient(options: { endpoint?: string; region?: string } = {}) {
  return traced(
    new SQSClient({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
    }),
  );
}

/** The queue on SQS: the send function enqueues, SQS invokes the worker Lambda with batches. */
export class SqsQueue implements MessageQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: DeliveryJob, options: { delayMs?: number } = {}): Promise<void> {
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.ceil((options.delayMs ?? 0) / 1000));
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(DeliveryJobBody.parse(job)),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
