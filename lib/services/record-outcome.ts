import type { Delivery } from '../channels/failover.js';
import type { Channel, MessageRecord } from '../domain/message.schema.js';
import type { MessageStatus } from '../domain/message-status.js';
import { type RetryPolicy, retryDelayMs } from '../domain/retry-policy.js';
import type { Logger } from '../logger.js';
import {
  type MessageLog,
  StaleStatusError,
  type StatusChange,
  type StatusExpectation,
} from '../ports/message-log.js';
import { errorClassOf, type Metrics } from '../ports/metrics.js';

/** The worker's round of a message: which one it is, and the policy that says whether another follows. */
export interface DeliveryRound {
  attempt: number;
  retry: RetryPolicy;
  random?: (() => number) | undefined;
}

/** What a delivery comes to: the status change to write, the next round if any, and the line that says so. */
export interface Outcome {
  change: StatusChange;
  /** The job of the next round, for a retryable failure with rounds left. */
  next?: { attempt: number; delayMs: number };
  /** The fields of the `message handled` line. */
  line: Record<string, unknown>;
}

/**
 * The one place a delivery turns into a status change: `sent` when a provider accepted it; otherwise
 * `failed`, or, in a worker's `round` with rounds left and a retryable failure, back to `queued`
 * with a next round after an exponential delay. A synchronous send has no round: it fails at once.
 */
export function outcomeOf(
  message: Pick<MessageRecord, 'id' | 'type' | 'attempts'>,
  { provider, result, attempts }: Delivery,
  updatedAt: string,
  round?: DeliveryRound,
): Outcome {
  const base = { provider, attempts: message.attempts + attempts, updatedAt };
  let change: StatusChange;
  let next: Outcome['next'];
  if (result.accepted) {
    change = { ...base, status: 'sent', providerMessageId: result.providerMessageId, error: null };
  } else {
    // The result may carry more than the record's error holds.
    const error = { code: result.code, message: result.message, retryable: result.retryable };
    if (round && result.retryable && round.attempt < round.retry.maxAttempts) {
      next = {
        attempt: round.attempt + 1,
        delayMs: retryDelayMs(round.retry, round.attempt, round.random),
      };
      change = { ...base, status: 'queued', error, providerMessageId: null };
    } else {
      change = {
        ...base,
        status: 'failed',
        error,
        providerMessageId: null,
        // A worker's event says why it stopped; a synchronous send's carries the error code alone.
        ...(round
          ? {
              detail: result.retryable
                ? `${error.code}; gave up after ${round.attempt} attempts`
                : error.code,
            }
          : {}),
      };
    }
  }
  return {
    change,
    ...(next ? { next } : {}),
    line: {
      messageId: message.id,
      type: message.type,
      ...(round ? { attempt: round.attempt } : {}),
      status: change.status,
      provider,
      errorCode: change.error?.code,
      ...(next ? { retryInMs: next.delayMs } : {}),
    },
  };
}

/** Writes the line of a handled message, once its outcome is recorded (or could not be). */
export const logOutcome = (logger: Logger, outcome: Outcome): void =>
  logger.info('message handled', outcome.line);

/**
 * Counts a handled message by what its round came to: sent, failed for good (by error class), or a
 * retry scheduled. The provider answered, so it counts whether or not its status write went through.
 */
export function countOutcome(metrics: Metrics, channel: Channel, { change }: Outcome): void {
  const provider = change.provider ?? 'none';
  if (change.status === 'sent') metrics.add('MessageSent', { channel, provider });
  else if (change.status === 'failed') {
    metrics.add('MessageFailed', {
      channel,
      provider,
      errorClass: errorClassOf(change.error?.retryable ?? true),
    });
  } else if (change.status === 'queued') metrics.add('DeliveryRetry', { channel });
}

/**
 * Writes the status change of a provider's answer, trying again after each of `retryDelaysMs` when
 * the write fails (throttling, a blip): the provider already has the message, so the answer must not
 * be lost. Throws the last error when every try failed. A StaleStatusError is not retried: either an
 * earlier try was applied though its answer was lost (the record, as written, is answered), or a
 * receipt moved the message on first (undefined: the log already says more than this change would).
 */
export async function writeOutcome(
  log: MessageLog,
  id: string,
  expected: MessageStatus | StatusExpectation,
  change: StatusChange,
  options: { retryDelaysMs: readonly number[]; logger: Logger },
): Promise<MessageRecord | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await log.updateStatus(id, expected, change);
    } catch (error) {
      if (error instanceof StaleStatusError) {
        const current = await log.get(id);
        const ours = current?.status === change.status && current.attempts === change.attempts;
        return ours ? current : undefined;
      }
      const delay = options.retryDelaysMs[attempt];
      if (delay === undefined) throw error;
      options.logger.warn('status write failed; retrying', { messageId: id, status: change.status, error });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
