import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { lazy } from '../../lazy.js';
import type { DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
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

export function createSqsClient(options: { endpoint?: string; region?: string } = {}) {
  return new SQSClient({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
  });
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
