import type { Clock, IdGenerator } from '../domain/clock.js';
import { DeliveryFailedError, LogUnavailableError } from '../domain/errors.js';
import type { DeliveryError, MessageRecord } from '../domain/message.schema.js';
import { parseSendMessageRequest } from '../domain/validation.js';
import type { Logger } from '../logger.js';
import type { MessageLog, StatusChange } from '../ports/message-log.js';
import type { ProviderRegistry, SendResult } from '../ports/provider.js';

export interface SendMessageDeps {
  log: MessageLog;
  providers: ProviderRegistry;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  defaultSubject: string;
}

export type SendMessage = (body: unknown) => Promise<MessageRecord>;

/**
 * Sends one message, the log first:
 * 1. validate and normalize the request (400 naming every failing field);
 * 2. log it as `pending`; if the log cannot be written, stop: nothing is sent (503);
 * 3. hand it to the channel's provider; a provider that throws counts as a retryable failure;
 * 4. record the outcome (`sent` or `failed`, provider, its message id, error, attempts);
 * 5. answer the record, or throw DeliveryFailedError carrying it (422 permanent, 502 retryable).
 */
export function makeSendMessage(deps: SendMessageDeps): SendMessage {
  const { log, providers, clock, newId, logger, defaultSubject } = deps;

  return async function sendMessage(body) {
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

    const provider = providers[record.type];
    const result = await provider.send(record).catch(
      (error: unknown): SendResult => ({
        accepted: false,
        code: 'PROVIDER_ERROR',
        message: error instanceof Error ? error.message : 'The provider failed',
        retryable: true,
      }),
    );
    const change: StatusChange = {
      status: result.accepted ? 'sent' : 'failed',
      provider: provider.name,
      providerMessageId: result.accepted ? result.providerMessageId : null,
      error: result.accepted ? null : deliveryError(result),
      attempts: record.attempts + 1,
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
