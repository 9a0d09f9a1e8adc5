import { deliver } from '../channels/failover.js';
import type { Clock, IdGenerator } from '../domain/clock.js';
import { DeliveryFailedError, LogUnavailableError } from '../domain/errors.js';
import type { DeliveryError, MessageRecord } from '../domain/message.schema.js';
import { parseSendMessageRequest } from '../domain/validation.js';
import type { Logger } from '../logger.js';
import type { MessageLog, StatusChange } from '../ports/message-log.js';
import type { ProviderRegistry } from '../ports/provider.js';

export interface SendMessageDeps {
  log: MessageLog;
  providers: ProviderRegistry;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  defaultSubject: string;
  /** Each provider call is aborted after this long, and counts as a retryable failure. */
  providerTimeoutMs: number;
}

/** `deadline` (epoch ms): no provider call runs past it, so that the outcome can still be recorded. */
export type SendMessage = (body: unknown, options?: { deadline?: number }) => Promise<MessageRecord>;

/**
 * Sends one message, the log first:
 * 1. validate and normalize the request (400 naming every failing field);
 * 2. log it as `pending`; if the log cannot be written, stop: nothing is sent (503);
 * 3. hand it to the channel's providers in order (failover on retryable failures, each call with
 *    a timeout; a throw counts as a retryable failure);
 * 4. record the outcome (`sent` or `failed`, the last provider tried, its message id, error, attempts);
 * 5. answer the record, or throw DeliveryFailedError carrying it (422 permanent, 502 retryable).
 */
export function makeSendMessage(deps: SendMessageDeps): SendMessage {
  const { log, providers, clock, newId, logger, defaultSubject, providerTimeoutMs } = deps;

  return async function sendMessage(body, options = {}) {
    const request = parseSendMessageRequest(body);

    const now = clock();
    const record: MessageRecord = {
      id: newId(now.getTime()),
      type: request.type,
      recipient: request.recipient,
      subject: request.type === 'email' ? (request.subject ?? defaultSubject) : null,
      content: request.content,
      status: 'pending',
      provider: null,
      providerMessageId: null,
      error: null,
      attempts: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    try {
      await log.create(record);
    } catch (error) {
      logger.error('message log write failed; nothing sent', { messageId: record.id, error });
      throw new LogUnavailableError(error);
    }

    const { provider, result, attempts } = await deliver(providers[record.type], record, {
      timeoutMs: providerTimeoutMs,
      logger,
      deadline: options.deadline,
    });
    const change: StatusChange = {
      status: result.accepted ? 'sent' : 'failed',
      provider,
      providerMessageId: result.accepted ? result.providerMessageId : null,
      error: result.accepted ? null : deliveryError(result),
      attempts: record.attempts + attempts,
      updatedAt: clock().toISOString(),
    };

    const final = await log.updateStatus(record.id, 'pending', change).catch((error: unknown) => {
      // The provider has the message; answering an error would invite a duplicate send. The record
      // stays `pending` in the log, and this line says what really happened.
      logger.error('message status write failed after the provider answered', {
        messageId: record.id,
        status: change.status,
        provider: change.provider,
        providerMessageId: change.providerMessageId,
        error,
      });
      return { ...record, ...change };
    });
    logger.info('message handled', {
      messageId: final.id,
      type: final.type,
      status: final.status,
      provider: final.provider,
      errorCode: final.error?.code,
    });
    if (final.status === 'failed') throw new DeliveryFailedError(final);
    return final;
  };
}

const deliveryError = ({ code, message, retryable }: DeliveryError): DeliveryError => ({
  code,
  message,
  retryable,
});
