import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { lazy } from '../../lazy.js';
import type { WebhookQueue } from '../../ports/webhook-queue.js';
import type { DeliveryKey } from '../../ports/webhook-store.js';
import * as z from '../../zod.js';

/** SQS hides a received message for at most 12 hours; the longest retry wait (7 h + 20%) fits. */
export const MAX_VISIBILITY_SECONDS = 43_200;
const BATCH = 10;

/** A delivery as it travels in an SQS message body: what identifies it, never its payload. */
export const DeliveryKeyBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    tenant: z.string().check(z.minLength(1), z.maxLength(64)),
    endpointId: z.string().check(z.minLength(1), z.maxLength(64)),
    messageId: z.string().check(z.minLength(1), z.maxLength(64)),
    eventSeq: z.int().check(z.minimum(1)),
  }),
);

/** The delivery an SQS record names, or undefined when its body is not one (a poison message). */
export function decodeDeliveryKey(record: Pick<SQSRecord, 'body'>): DeliveryKey | undefined {
  try {
    const parsed = DeliveryKeyBody.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The webhook queue on SQS (a standard queue with its dead-letter queue: docs/webhooks.md). */
export class SqsWebhookQueue implements WebhookQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(keys: readonly DeliveryKey[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      let entries = keys.slice(i, i + BATCH).map((key, n) => ({
        Id: String(n),
        MessageBody: JSON.stringify(DeliveryKeyBody.parse(key)),
      }));
      // A batch can half succeed: what failed is sent again until SQS takes it or the call throws.
      for (let round = 0; entries.length > 0; round++) {
        const { Failed = [] } = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        if (Failed.length > 0 && round >= 2)
          throw new Error(`SQS refused ${Failed.length} webhook deliveries: ${Failed[0]?.Code}`);
        const failed = new Set(Failed.map((entry) => entry.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }

  async postpone(receipt: string, seconds: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, Math.ceil(seconds))),
      }),
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
