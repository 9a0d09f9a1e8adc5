import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { asError } from '../../domain/errors.js';
import { lazy } from '../../lazy.js';
import type { Logger } from '../../logger.js';
import type { DelayedJob, DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
import { traced } from '../../tracing.js';
import * as z from '../../zod.js';

// SQS delays a message by at most 15 minutes; the retry policy's cap is validated to fit.
const MAX_DELAY_SECONDS = 900;
// SendMessageBatch takes at most 10 entries.
const BATCH_MAX = 10;

export const delaySecondsOf = (delayMs: number | undefined) =>
  Math.min(MAX_DELAY_SECONDS, Math.ceil((delayMs ?? 0) / 1000));

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
export const decodeDeliveryJob = (
  record: Pick<SQSRecord, 'messageId' | 'body' | 'attributes'>,
  logger: Logger,
): DeliveryJob | undefined => decodeRecord(record, DeliveryJobBody, logger, 'delivery job');

/** An SQS record's body read by `schema`, or undefined (logged) when it is not one: see above. */
export function decodeRecord<T>(
  record: Pick<SQSRecord, 'messageId' | 'body' | 'attributes'>,
  schema: z.ZodMiniType<T>,
  logger: Logger,
  what: string,
): T | undefined {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    body = undefined;
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  logger.error(`unreadable ${what}; it will end in the dead-letter queue`, {
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
  readonly maxDelayMs = MAX_DELAY_SECONDS * 1000;

  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: DeliveryJob, options: { delayMs?: number } = {}): Promise<void> {
    const delaySeconds = delaySecondsOf(options.delayMs);
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(DeliveryJobBody.parse(job)),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  }

  /** SendMessageBatch (sendMessageBatches): each job answered apart. */
  async enqueueMany(jobs: readonly DelayedJob[]): Promise<(Error | undefined)[]> {
    const outcomes: (Error | undefined)[] = jobs.map(() => undefined);
    const entries: BatchEntry[] = [];
    jobs.forEach(({ job, delayMs }, index) => {
      try {
        entries.push({
          index,
          body: JSON.stringify(DeliveryJobBody.parse(job)),
          delaySeconds: delaySecondsOf(delayMs),
        });
      } catch (error) {
        outcomes[index] = asError(error);
      }
    });
    await sendMessageBatches(this.client, this.queueUrl, entries, outcomes);
    return outcomes;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}

/** One message of a SendMessageBatch: `index` is the job's place in the caller's list. */
export interface BatchEntry {
  index: number;
  body: string;
  delaySeconds: number;
}

/**
 * SendMessageBatch, 10 entries a call. SQS answers each entry's failure apart: an entry that failed
 * on SQS's side (not the sender's) is sent once more in the next call; what still fails, and every
 * entry of a call that failed as a whole, is written to `outcomes` at its index with its error.
 */
export async function sendMessageBatches(
  client: SQSClient,
  queueUrl: string,
  entries: readonly BatchEntry[],
  outcomes: (Error | undefined)[],
): Promise<void> {
  const chunks: BatchEntry[][] = [];
  for (let i = 0; i < entries.length; i += BATCH_MAX) chunks.push(entries.slice(i, i + BATCH_MAX));
  await Promise.all(
    chunks.map(async (chunk) => {
      let pending = chunk;
      for (let round = 0; round < 2 && pending.length > 0; round++) {
        let failed: {
          Id?: string | undefined;
          SenderFault?: boolean | undefined;
          Code?: string | undefined;
          Message?: string | undefined;
        }[];
        try {
          const answer = await client.send(
            new SendMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: pending.map((entry) => ({
                Id: String(entry.index),
                MessageBody: entry.body,
                ...(entry.delaySeconds > 0 ? { DelaySeconds: entry.delaySeconds } : {}),
              })),
            }),
          );
          failed = answer.Failed ?? [];
        } catch (error) {
          for (const entry of pending) outcomes[entry.index] = asError(error);
          return;
        }
        const byId = new Map(failed.map((failure) => [failure.Id, failure]));
        for (const entry of pending) {
          const failure = byId.get(String(entry.index));
          outcomes[entry.index] = failure
            ? Object.assign(new Error(failure.Message ?? 'SendMessageBatch entry failed'), {
                name: failure.Code ?? 'SendMessageBatchEntryFailed',
              })
            : undefined;
        }
        // The sender's faults (a malformed entry) fail the same way again; SQS's own may not.
        pending = pending.filter((entry) => byId.get(String(entry.index))?.SenderFault === false);
      }
    }),
  );
}
