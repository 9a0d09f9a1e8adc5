import { isOptOutCode } from '../channels/opt-out-codes.js';
import type { Clock } from '../domain/clock.js';
import { SuppressionsUnavailableError } from '../domain/errors.js';
import type { MessageRecord } from '../domain/message.schema.js';
import {
  covers,
  type Suppression,
  type SuppressionReason,
  suppressionRecipient,
} from '../domain/suppression.js';
import type { Logger } from '../logger.js';
import type { StatusChange } from '../ports/message-log.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { SuppressionList } from '../ports/suppression-list.js';

export const SUPPRESSED_CODE = 'RECIPIENT_SUPPRESSED';

type Addressed = Pick<MessageRecord, 'tenant' | 'recipient' | 'type'>;

/**
 * The suppression list where messages are sent: the sync send and the worker ask it before any
 * provider call, and tell it what a provider's rejection says about the recipient.
 */
export interface SuppressionGate {
  /**
   * The entry that keeps this message from being sent, if any. Throws SuppressionsUnavailableError
   * when the list cannot be read: nothing may be sent without the answer.
   */
  blocking(message: Addressed): Promise<Suppression | undefined>;
  /** The status change of a message refused for `entry`: failed for good, no provider. */
  refusal(message: Pick<MessageRecord, 'id' | 'type'>, entry: Suppression, logger: Logger): StatusChange;
  /**
   * Adds the recipient when a provider's rejection says it opted out (Twilio 21610...). Best effort:
   * the message's own outcome is recorded either way; a failure is logged.
   */
  learn(
    message: Pick<MessageRecord, 'id' | 'tenant' | 'recipient' | 'type'>,
    change: StatusChange,
    logger: Logger,
  ): Promise<void>;
}

/** Adds a message's recipient to its tenant's list, for a provider's opt-out report. */
export function optOut(
  list: SuppressionList,
  message: Pick<MessageRecord, 'id' | 'tenant' | 'recipient' | 'type'>,
  reason: SuppressionReason,
  provider: string,
  at: string,
): Promise<Suppression> {
  return list.add({
    tenant: message.tenant,
    recipient: suppressionRecipient(message.recipient) ?? message.recipient,
    channels: [message.type],
    reason,
    source: { provider, keyId: null, messageId: message.id },
    at,
  });
}

export function makeSuppressionGate(deps: {
  list: SuppressionList;
  clock: Clock;
  metrics?: Metrics | undefined;
}): SuppressionGate {
  const { list, clock, metrics = NO_METRICS } = deps;
  return {
    async blocking(message) {
      const recipient = suppressionRecipient(message.recipient) ?? message.recipient;
      let entry: Suppression | undefined;
      try {
        entry = await list.get(message.tenant, recipient);
      } catch (error) {
        throw new SuppressionsUnavailableError(error);
      }
      return covers(entry, message.type) ? entry : undefined;
    },
    refusal(message, entry, logger) {
      metrics.add('MessageSuppressed', { channel: message.type });
      // The reason, never the recipient: logs carry no addresses.
      logger.info('message suppressed', { messageId: message.id, type: message.type, reason: entry.reason });
      return {
        status: 'failed',
        provider: null,
        providerMessageId: null,
        error: {
          code: SUPPRESSED_CODE,
          message: `The recipient is on the suppression list for ${message.type} (${entry.reason})`,
          retryable: false,
        },
        updatedAt: clock().toISOString(),
        detail: SUPPRESSED_CODE,
      };
    },
    async learn(message, change, logger) {
      if (change.status !== 'failed' || !isOptOutCode(change.provider, change.error?.code)) return;
      const provider = change.provider ?? 'unknown';
      try {
        await optOut(list, message, 'unsubscribe', provider, clock().toISOString());
        logger.info('recipient suppressed', { messageId: message.id, type: message.type, provider });
      } catch (error) {
        logger.error('suppression list write failed', { messageId: message.id, error });
      }
    },
  };
}
