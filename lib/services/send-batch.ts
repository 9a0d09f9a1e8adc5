import { DEFAULT_TENANT } from '../domain/api-key.js';
import { SendBatchRequest } from '../domain/batch.schema.js';
import type { Clock, IdGenerator } from '../domain/clock.js';
import { AppError, LogUnavailableError, QueueUnavailableError, ValidationError } from '../domain/errors.js';
import type { MessageRecord } from '../domain/message.schema.js';
import { parseSendMessageRequest, toDetails } from '../domain/validation.js';
import type { Logger } from '../logger.js';
import type { MessageLog } from '../ports/message-log.js';
import type { MessageQueue } from '../ports/message-queue.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { RenderTemplate } from './render-template.js';
import { delayOf, firstJob, markUnqueued, messageParts, newRecord, scheduleWindow } from './send-message.js';

export interface SendBatchDeps {
  log: MessageLog;
  /** Without one a batch cannot be taken: it is always queued. */
  queue?: MessageQueue | undefined;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  defaultSubject: string;
  metrics?: Metrics;
  /** Renders the items that name a template; without it, such an item is refused. */
  renderTemplate?: RenderTemplate | undefined;
  /** `redacted`: no batch is taken, since a worker would need the content the log does not keep. */
  logContent?: 'full' | 'redacted';
}

/** Per message, in order: its record (`queued` or `scheduled`), or the error that item alone got. */
export type SendBatch = (
  body: unknown,
  options?: { tenant?: string; logger?: Logger },
) => Promise<(MessageRecord | AppError)[]>;

/**
 * `POST /messages/batch`, always asynchronous:
 * 1. check the list (400 naming `messages`: not an array, empty, over 100), then each message as
 *    `/sendMessage` checks a body; an invalid one gets its 400 and the others go on;
 * 2. log the valid ones, in as few writes as the log allows; one the log refused gets 503
 *    `LOG_UNAVAILABLE` (nothing of it was sent);
 * 3. put the logged ones on the queue (each delayed to its `sendAt`), in as few writes as the queue
 *    allows; one the queue refused is marked `failed` (`QUEUE_UNAVAILABLE`), as a single send's is,
 *    and gets that 503: a logged message is never left without a job.
 */
export function makeSendBatch(deps: SendBatchDeps): SendBatch {
  const { log, queue, clock, newId, defaultSubject, renderTemplate } = deps;
  const { metrics = NO_METRICS } = deps;

  return async function sendBatch(body, options = {}) {
    const { logger = deps.logger } = options;
    const parsed = SendBatchRequest.safeParse(body);
    if (!parsed.success) {
      const details = toDetails(parsed.error.issues);
      throw new ValidationError(
        details.length ? details : [{ field: 'body', message: 'must be a JSON object' }],
      );
    }
    if (!queue) throw new QueueUnavailableError(new Error('this deployment has no delivery queue'));
    if (deps.logContent === 'redacted')
      throw new ValidationError([
        {
          field: 'messages',
          message:
            'cannot be queued where the log keeps no content (LOG_CONTENT=redacted): send each with POST /sendMessage',
        },
      ]);

    const now = clock();
    const window = scheduleWindow(now, queue);
    const tenant = options.tenant ?? DEFAULT_TENANT;
    const results: (MessageRecord | AppError)[] = await Promise.all(
      parsed.data.messages.map(async (item) => {
        const id = newId(now.getTime()); // before any await: the ids keep the batch's order
        try {
          const request = parseSendMessageRequest(item, window);
          const parts = await messageParts(request, { tenant, defaultSubject, renderTemplate });
          return newRecord(request, parts, { id, now, tenant, queued: true });
        } catch (error) {
          if (error instanceof AppError) return error;
          throw error;
        }
      }),
    );

    const valid = indexed(results);
    const logged = await log
      .createMany(valid.map(({ record }) => record))
      .catch((error: unknown) => valid.map(() => error as Error));
    const toQueue = valid.filter(({ index, record }, i) => {
      const error = logged[i];
      if (error === undefined) return true;
      logger.error('message log write failed; nothing sent', { messageId: record.id, error });
      results[index] = new LogUnavailableError(error);
      return false;
    });

    const enqueuedAt = clock();
    const queued = await queue
      .enqueueMany(
        toQueue.map(({ record }) => ({ job: firstJob(record), delayMs: delayOf(record, enqueuedAt) })),
      )
      .catch((error: unknown) => toQueue.map(() => error as Error));
    await Promise.all(
      toQueue.map(async ({ index, record }, i) => {
        const error = queued[i];
        if (error === undefined) {
          metrics.add('MessageAccepted', { channel: record.type, mode: 'async' });
          return;
        }
        await markUnqueued({ log, clock, logger, metrics }, record, error);
        results[index] = new QueueUnavailableError(error);
      }),
    );
    const accepted = results.filter((result) => !(result instanceof AppError)).length;
    logger.info('batch taken', { messages: results.length, accepted, refused: results.length - accepted });
    return results;
  };
}

const indexed = (results: readonly (MessageRecord | AppError)[]) =>
  results.flatMap((result, index) => (result instanceof AppError ? [] : [{ index, record: result }]));
