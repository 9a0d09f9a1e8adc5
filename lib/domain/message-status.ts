import { lazy } from '../lazy.js';
import * as z from '../zod.js';

/**
 * Statuses of a message:
 * - `pending`: logged by a synchronous send, not yet answered by a provider;
 * - `queued`: logged by an asynchronous send (or waiting for a retry), on the queue;
 * - `sending`: claimed by a worker, which is calling the providers;
 * - `sent` / `failed`: the provider's answer (`failed` is final: permanent, or out of retries);
 * - `delivered` / `undelivered`: the provider's receipt, after `sent`;
 * - `scheduled`: logged with a `sendAt`, waiting for that time (its job is delayed until then);
 * - `canceled`: the caller canceled it (`DELETE /messages/{id}`) while `scheduled` or `queued`.
 */
export const MESSAGE_STATUSES = [
  'pending',
  'queued',
  'sending',
  'sent',
  'failed',
  'delivered',
  'undelivered',
  'scheduled',
  'canceled',
] as const;
export const MessageStatus = /* @__PURE__ */ lazy(() => z.enum(MESSAGE_STATUSES));
export type MessageStatus = z.infer<typeof MessageStatus>;

/**
 * The one place that says how a message may move; stores enforce it with conditional writes.
 * A receipt may beat the sender's own status write (`pending`/`sending` -> `delivered`), and a
 * worker that finds a claim abandoned by a stopped worker takes it over (`sending` -> `sending`).
 * `sending` -> `queued` is a retry after a retryable failure. A due `scheduled` message is claimed
 * straight into `sending` (`queued` stays allowed for a design that queues due messages first);
 * `failed` is a schedule that could not be set. `canceled` is reachable only before a worker claims
 * the message: once `sending`, a provider may already have it. Nothing moves out of a final status.
 */
const NEXT: Record<MessageStatus, readonly MessageStatus[]> = {
  pending: ['sent', 'failed', 'delivered', 'undelivered'],
  scheduled: ['queued', 'sending', 'canceled', 'failed'],
  queued: ['sending', 'failed', 'canceled'],
  sending: ['sending', 'queued', 'sent', 'failed', 'delivered', 'undelivered'],
  sent: ['delivered', 'undelivered'],
  failed: [],
  delivered: [],
  undelivered: [],
  canceled: [],
};

/** The statuses a caller may cancel a message in (`DELETE /messages/{id}`). */
export const CANCELABLE: readonly MessageStatus[] = ['scheduled', 'queued'];

export const canTransition = (from: MessageStatus, to: MessageStatus): boolean => NEXT[from].includes(to);

/** Statuses no change leaves. */
export const isFinal = (status: MessageStatus): boolean => NEXT[status].length === 0;
