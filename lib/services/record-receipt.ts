import type { Clock } from '../domain/clock.js';
import type { MessageRecord } from '../domain/message.schema.js';
import { canTransition } from '../domain/message-status.js';
import type { SuppressionReason } from '../domain/suppression.js';
import type { Logger } from '../logger.js';
import { type MessageLog, StaleStatusError, type StatusChange } from '../ports/message-log.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { SuppressionList } from '../ports/suppression-list.js';
import { optOut } from './suppression-gate.js';

/** The statuses a provider's receipt can report. */
export type ReceiptStatus = 'delivered' | 'undelivered';

/** One provider callback, once verified and mapped to the service's statuses. */
export interface Receipt {
  /** The provider's name as the log records it: `twilio`, `meta`, `ses`. */
  provider: string;
  providerMessageId: string;
  /**
   * Our message id, where the provider carried it back (Twilio's status callback URL, SES's
   * `messageId` tag, Meta's `biz_opaque_callback_data`): the message is then read by id. Receipts of
   * messages sent before the providers were given it have none (docs/receipts.md).
   */
  messageId?: string | undefined;
  status: ReceiptStatus;
  /** What the provider said (its own status, bounce type...), kept in the change's event. */
  detail: string;
  /** The provider's error code, for `undelivered`. */
  errorCode?: string | undefined;
  /** The provider's description of the error, when it gives one. */
  errorMessage?: string | undefined;
  /**
   * What the receipt says about the recipient (a hard bounce, a complaint, an opt-out): the
   * message's recipient is added to its tenant's suppression list on the message's channel.
   */
  optOut?: SuppressionReason | undefined;
}

export type ReceiptOutcome =
  /** No message has this provider id (not ours, or long gone): acknowledged all the same. */
  | { outcome: 'unknown' }
  /** Late, duplicate or out of order: the message is already past it. */
  | { outcome: 'ignored'; messageId: string; status: MessageRecord['status'] }
  | { outcome: 'applied'; messageId: string; status: MessageRecord['status'] };

/** `logger`: the request's (its lines carry the request id); the container's by default. */
export type RecordReceipt = (receipt: Receipt, options?: { logger?: Logger }) => Promise<ReceiptOutcome>;

export interface RecordReceiptDeps {
  log: MessageLog;
  logger: Logger;
  clock: Clock;
  /** How many times a write that lost a race is re-read and tried again. */
  maxAttempts?: number;
  /**
   * Waits before looking an unknown provider id up again. A receipt can arrive before the sender
   * has recorded the provider's id with `sent` (milliseconds after the provider's answer; on
   * DynamoDB the lookup index also lags by up to about a second): looking again for a couple of
   * seconds keeps such a receipt, where acknowledging it at once would lose it for good.
   */
  lookupRetryDelaysMs?: readonly number[];
  metrics?: Metrics;
  /** Where opt-outs go; without a list, they are only logged. */
  suppressions?: SuppressionList | undefined;
}

const DEFAULT_LOOKUP_RETRY_DELAYS_MS = [100, 250, 500, 1_000];

/**
 * Applies a provider's receipt to its message. Receipts arrive late, twice and out of order, and may
 * race the sender's own status write, so each is applied only where the status rules allow it, as a
 * conditional write on the status just read: a message never moves backwards.
 */
export function makeRecordReceipt(deps: RecordReceiptDeps): RecordReceipt {
  const { log, clock, maxAttempts = 4, metrics = NO_METRICS } = deps;
  const lookupDelays = deps.lookupRetryDelaysMs ?? DEFAULT_LOOKUP_RETRY_DELAYS_MS;

  // By our id where the provider carried it back (a GetItem), else by the provider's id where the
  // store can look that up. A message read by our id must already hold this provider id: a receipt
  // that races the sender's `sent` write is looked for again, as one not found yet.
  async function lookup(receipt: Receipt): Promise<MessageRecord | undefined> {
    if (receipt.messageId === undefined) return log.findByProviderMessageId?.(receipt.providerMessageId);
    const found = await log.get(receipt.messageId);
    return found?.providerMessageId === receipt.providerMessageId ? found : undefined;
  }

  async function find(receipt: Receipt): Promise<MessageRecord | undefined> {
    if (receipt.messageId === undefined && !log.findByProviderMessageId) return undefined;
    for (let attempt = 0; ; attempt++) {
      const found = await lookup(receipt);
      const delay = lookupDelays[attempt];
      if (found || delay === undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  return async function recordReceipt(receipt, options = {}) {
    const { logger = deps.logger } = options;
    const { provider, providerMessageId, status } = receipt;
    let current = await find(receipt);
    // Provider ids are only unique per provider: a match sent through another one is not this message.
    if (!current || (current.provider !== null && current.provider !== provider)) {
      metrics.add('ReceiptUnmatched', { provider });
      logger.info('receipt for an unknown message', {
        provider,
        providerMessageId,
        status,
        carriedId: receipt.messageId !== undefined,
      });
      return { outcome: 'unknown' };
    }
    // Whatever the status does (a complaint often comes after the delivery): the recipient is out.
    // A failed write fails the callback, which the provider sends again.
    if (receipt.optOut && deps.suppressions) {
      await optOut(deps.suppressions, current, receipt.optOut, provider, clock().toISOString());
      logger.info('recipient suppressed', {
        messageId: current.id,
        type: current.type,
        provider,
        reason: receipt.optOut,
      });
    }
    const change: StatusChange = {
      status,
      provider,
      detail: receipt.detail,
      updatedAt: clock().toISOString(),
      error:
        status === 'undelivered'
          ? {
              code: receipt.errorCode ?? receipt.detail,
              message: receipt.errorMessage ?? `${provider} reported the message undelivered`,
              retryable: false,
            }
          : null,
    };

    for (let attempt = 1; ; attempt++) {
      if (!canTransition(current.status, status)) {
        logger.info('receipt ignored', {
          messageId: current.id,
          provider,
          providerMessageId,
          status: current.status,
          receipt: status,
          detail: receipt.detail,
        });
        return { outcome: 'ignored', messageId: current.id, status: current.status };
      }
      try {
        const updated = await log.updateStatus(current.id, current.status, change);
        metrics.add(status === 'delivered' ? 'MessageDelivered' : 'MessageUndelivered', {
          channel: updated.type,
          provider,
        });
        logger.info('receipt applied', {
          messageId: updated.id,
          provider,
          providerMessageId,
          from: current.status,
          status: updated.status,
          detail: receipt.detail,
          errorCode: updated.error?.code,
        });
        return { outcome: 'applied', messageId: updated.id, status: updated.status };
      } catch (error) {
        // The sender (or a twin receipt) wrote in between: read the status it left, and decide again.
        if (!(error instanceof StaleStatusError) || attempt >= maxAttempts) throw error;
        const reread = await log.get(current.id);
        if (!reread) throw error;
        current = reread;
      }
    }
  };
}
