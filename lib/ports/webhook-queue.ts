import type { DeliveryKey } from './webhook-store.js';

/**
 * The queue of webhook deliveries on AWS: the stream's fan-out puts each delivery in; the delivery
 * function takes it out, and puts it back out of sight until its next attempt is due. At least once:
 * a delivery may come out twice, and the delivery function tells a copy from the one it scheduled.
 */
export interface WebhookQueue {
  enqueue(keys: readonly DeliveryKey[]): Promise<void>;
  /** Hides a received delivery for `seconds` (its retry, or its wait behind an earlier event). */
  postpone(receipt: string, seconds: number): Promise<void>;
  close(): Promise<void>;
}
