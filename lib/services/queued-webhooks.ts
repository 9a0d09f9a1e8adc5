import type { Clock } from '../domain/clock.js';
import type { StoredDelivery } from '../domain/webhook.js';
import type { Logger } from '../logger.js';
import type { WebhookQueue } from '../ports/webhook-queue.js';
import type { DeliveryKey, WebhookStore } from '../ports/webhook-store.js';
import type { StatusChangeEvent, WebhookSender } from './deliver-webhooks.js';

/** A queued delivery arriving this much before its time is still due (clocks and rounding). */
const EARLY_MS = 1_000;
/** How long a delivery waits, at least, behind an earlier event of its message. */
const BEHIND_MS = 2_000;

export const keyOf = ({ tenant, endpointId, messageId, eventSeq }: DeliveryKey): DeliveryKey => ({
  tenant,
  endpointId,
  messageId,
  eventSeq,
});

/** What becomes of a received delivery: done (out of the queue), or back in `seconds`. */
export type QueuedOutcome = { done: true } | { done: false; seconds: number };

/**
 * Status webhooks on AWS, where the message table's stream is the outbox and SQS the schedule:
 * - `dispatch`: the status changes of a stream batch become deliveries (the sender's fan-out); each
 *   is added unless there (a replayed record adds nothing), and every one still named is queued (a
 *   replay queues a copy, which `deliver` recognizes);
 * - `deliver`: one delivery out of the queue: ends it if it is no longer pending, or if it is a copy
 *   of one scheduled later (the copy that scheduled it holds the retry); waits behind an earlier
 *   pending event of its message to its endpoint; else attempts it (the offline sender's attempt:
 *   SSRF check after DNS, signature, 10 s timeout) and, if it must be retried, answers when, by the
 *   offline backoff schedule.
 */
export function makeQueuedWebhooks(deps: {
  sender: Pick<WebhookSender, 'fanOut' | 'attempt'>;
  store: WebhookStore;
  queue: Pick<WebhookQueue, 'enqueue'>;
  clock: Clock;
  logger: Logger;
}) {
  const { sender, store, queue, clock, logger } = deps;
  const secondsUntil = (instant: string | null, plusMs = 0) =>
    (Math.max(0, (instant === null ? 0 : Date.parse(instant)) - clock().getTime()) + plusMs) / 1000;

  async function dispatch(changes: readonly StatusChangeEvent[]): Promise<number> {
    const deliveries = await sender.fanOut(changes);
    if (deliveries.length === 0) return 0;
    await store.addDeliveries(deliveries);
    await queue.enqueue(deliveries.map(keyOf));
    return deliveries.length;
  }

  async function deliver(key: DeliveryKey): Promise<QueuedOutcome> {
    const delivery = await store.findDelivery(key);
    if (delivery?.state !== 'pending') return { done: true };
    if (delivery.nextAttemptAt !== null && secondsUntil(delivery.nextAttemptAt) * 1000 > EARLY_MS) {
      logger.info('webhook delivery copy dropped: its retry is scheduled', {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
      });
      return { done: true };
    }
    const before: StoredDelivery | undefined = await store.pendingBefore(delivery);
    if (before) return { done: false, seconds: secondsUntil(before.nextAttemptAt, BEHIND_MS) };
    const next = await sender.attempt(delivery);
    return next.state === 'pending'
      ? { done: false, seconds: secondsUntil(next.nextAttemptAt) }
      : { done: true };
  }

  return { dispatch, deliver };
}
export type QueuedWebhooks = ReturnType<typeof makeQueuedWebhooks>;
