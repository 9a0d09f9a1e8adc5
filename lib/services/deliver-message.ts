import { deliver } from '../channels/failover.js';
import type { Clock } from '../domain/clock.js';
import type { MessageRecord } from '../domain/message.schema.js';
import type { RetryPolicy } from '../domain/retry-policy.js';
import type { Logger } from '../logger.js';
import { type MessageLog, StaleStatusError, type StatusExpectation } from '../ports/message-log.js';
import type { DeliveryJob, MessageQueue } from '../ports/message-queue.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { countOutcome, logOutcome, outcomeOf, writeOutcome } from './record-outcome.js';
import type { SuppressionGate } from './suppression-gate.js';

export interface DeliverMessageDeps {
  log: MessageLog;
  queue: MessageQueue;
  providers: ProviderRegistry;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
  /** How long a claim holds; a `sending` message older than this was left by a stopped worker. */
  leaseMs: number;
  providerTimeoutMs: number;
  /** Waits between status write attempts (tests shorten them). */
  writeRetryDelaysMs?: readonly number[];
  random?: () => number;
  metrics?: Metrics;
  /** The tenant's suppression list; without one, no recipient is suppressed. */
  suppressions?: SuppressionGate | undefined;
}

/**
 * `done`: the job is finished with (whatever the message's fate), acknowledge it. `busy`: another
 * worker holds the message right now; deliver the job again later.
 */
export type DeliveryOutcome = 'done' | 'busy';

/**
 * Handles one job; throws when the log cannot be read or written, so that the job is redelivered.
 * `logger`: the job's (its lines carry the job's id); the container's by default.
 */
export type DeliverMessage = (
  job: DeliveryJob,
  options?: { deadline?: number; logger?: Logger },
) => Promise<DeliveryOutcome>;

const DEFAULT_WRITE_RETRY_DELAYS_MS = [100, 300, 900, 2_000];

/**
 * The worker's use case, for one round of one queued (or due scheduled) message:
 * 0. ask the suppression list (a recipient may have opted out since the message was accepted); if it
 *    cannot answer, throw: the job comes back, the message as it was;
 * 1. claim it with a conditional write (`queued`/`scheduled` -> `sending`, as read: status and
 *    attempts), so that a job delivered twice, two workers, or a cancel at the same moment cannot
 *    both win; a claim older than the lease was left by a stopped worker and is taken over (the one
 *    at-least-once window: see README); a scheduled message whose time has not come is delayed
 *    again, and a canceled one is left alone;
 * 2. hand it to the channel's providers (failover, timeouts, as in the synchronous path);
 * 3. record the outcome: `sent`; `failed` for a permanent rejection or after the last round; else back
 *    to `queued` with the error, and a new job for the next round after an exponential delay. A
 *    suppressed recipient's message is claimed and recorded `failed` (RECIPIENT_SUPPRESSED) instead
 *    of 2; a rejection that says the recipient opted out adds them to the list.
 * Status writes are retried (throttling, a blip), because the provider already has the message.
 */
export function makeDeliverMessage(deps: DeliverMessageDeps): DeliverMessage {
  const { log, queue, providers, clock, retry, leaseMs } = deps;
  const writeDelays = deps.writeRetryDelaysMs ?? DEFAULT_WRITE_RETRY_DELAYS_MS;
  const { metrics = NO_METRICS, suppressions } = deps;

  async function claim(
    record: MessageRecord,
    job: DeliveryJob,
    logger: Logger,
  ): Promise<MessageRecord | DeliveryOutcome> {
    const now = clock().getTime();
    let expected: StatusExpectation;
    if (record.status === 'scheduled' && record.sendAt && Date.parse(record.sendAt) > now) {
      // Early (a queue that caps its delays, a clock behind): wait again for the rest of the time.
      await queue.enqueue(job, { delayMs: Date.parse(record.sendAt) - now });
      logger.info('job for a message not yet due; delayed again', {
        messageId: record.id,
        sendAt: record.sendAt,
      });
      return 'done';
    }
    if (record.status === 'queued' || record.status === 'scheduled') {
      expected = { status: record.status, attempts: record.attempts };
    } else if (record.status === 'sending') {
      // Strictly older than the lease, as the store's condition (`updatedAt < updatedBefore`) checks
      // it: a job that comes back the very millisecond its lease ends finds the claim still held.
      if (Date.parse(record.updatedAt) + leaseMs >= now) return 'busy';
      expected = {
        status: 'sending',
        attempts: record.attempts,
        updatedBefore: new Date(now - leaseMs).toISOString(),
      };
    } else {
      // Already handled: a job delivered twice, one that outlived its message's round, or a message
      // canceled before its time.
      logger.info('job for a message no longer queued; acknowledged', {
        messageId: record.id,
        status: record.status,
      });
      return 'done';
    }
    try {
      const claimed = await log.updateStatus(record.id, expected, {
        status: 'sending',
        updatedAt: new Date(now).toISOString(),
        detail: `attempt ${job.attempt}`,
      });
      if (expected.status === 'sending') {
        logger.warn(
          'taking over a message left sending by a stopped worker; its provider may already have it',
          {
            messageId: record.id,
            attempt: job.attempt,
            claimedAt: record.updatedAt,
          },
        );
      }
      return claimed;
    } catch (error) {
      if (error instanceof StaleStatusError) return 'busy'; // another worker won; see again later
      throw error;
    }
  }

  return async function deliverMessage(job, options = {}) {
    const { logger = deps.logger } = options;
    const record = await log.get(job.messageId);
    if (!record) {
      logger.warn('job for an unknown message; acknowledged', { messageId: job.messageId });
      return 'done';
    }
    const live = record.status === 'queued' || record.status === 'scheduled' || record.status === 'sending';
    const suppressed = live ? await suppressions?.blocking(record) : undefined;
    const claimed = await claim(record, job, logger);
    if (typeof claimed === 'string') return claimed;
    if (suppressed && suppressions) {
      // Claimed first, so that of two workers holding the job only one records it.
      const change = suppressions.refusal(claimed, suppressed, logger);
      const expected = { status: 'sending' as const, attempts: claimed.attempts };
      await writeOutcome(log, claimed.id, expected, change, { retryDelaysMs: writeDelays, logger });
      return 'done';
    }

    const delivery = await deliver(providers[claimed.type], claimed, {
      timeoutMs: deps.providerTimeoutMs,
      logger,
      metrics,
      deadline: options.deadline,
    });
    const outcome = outcomeOf(claimed, delivery, clock().toISOString(), {
      attempt: job.attempt,
      retry,
      random: deps.random,
    });
    const written = await writeOutcome(
      log,
      claimed.id,
      { status: 'sending', attempts: claimed.attempts },
      outcome.change,
      { retryDelaysMs: writeDelays, logger },
    );
    if (outcome.next && written) {
      // After the status write: should this enqueue fail, the job is redelivered and finds the
      // message queued again, which it then claims itself; nothing is left without a job.
      await queue.enqueue(
        { messageId: claimed.id, attempt: outcome.next.attempt },
        { delayMs: outcome.next.delayMs },
      );
    }
    logOutcome(logger, outcome);
    countOutcome(metrics, claimed.type, outcome);
    await suppressions?.learn(claimed, outcome.change, logger);
    return 'done';
  };
}
