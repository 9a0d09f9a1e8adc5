import type { Clock } from '../domain/clock.js';
import { AppError, NotFoundError } from '../domain/errors.js';
import type { MessageRecord } from '../domain/message.schema.js';
import { CANCELABLE, type MessageStatus } from '../domain/message-status.js';
import type { Logger } from '../logger.js';
import { type MessageLog, StaleStatusError } from '../ports/message-log.js';

/** A cancel of a message a worker has already taken (`sending`) or that has ended. */
export class NotCancelableError extends AppError {
  readonly statusCode = 409;
  readonly code = 'NOT_CANCELABLE';
  constructor(status: MessageStatus) {
    super(`Only a scheduled or queued message can be canceled; this one is ${status}`);
  }
}

export interface CancelMessageDeps {
  log: MessageLog;
  clock: Clock;
  logger: Logger;
}

export type CancelMessage = (
  id: string,
  options: { tenant: string; logger?: Logger },
) => Promise<MessageRecord>;

// A message moves forward only, so a cancel can lose a race only so often before it reads a status
// it cannot cancel; this bounds the reads should a message be retried (`sending` -> `queued`) meanwhile.
const MAX_TRIES = 3;

/**
 * `DELETE /messages/{id}`: a `scheduled` or `queued` message of the caller's tenant becomes
 * `canceled`, with its event, by a write conditioned on the status read, the same condition a
 * worker's claim has: of a cancel and a claim, exactly one wins. A cancel that loses reads again (the
 * message is then `sending`: 409). Canceling a canceled message answers it again; another tenant's
 * id is the same 404 as a missing one.
 */
export function makeCancelMessage(deps: CancelMessageDeps): CancelMessage {
  const { log, clock } = deps;
  return async function cancelMessage(id, options) {
    const { logger = deps.logger } = options;
    for (let tries = 1; ; tries++) {
      const record = await log.get(id);
      if (!record || record.tenant !== options.tenant)
        throw new NotFoundError(`No message with id ${JSON.stringify(id)}`);
      if (record.status === 'canceled') return record;
      if (!CANCELABLE.includes(record.status) || tries > MAX_TRIES)
        throw new NotCancelableError(record.status);
      try {
        const canceled = await log.updateStatus(
          id,
          { status: record.status },
          { status: 'canceled', updatedAt: clock().toISOString(), detail: `canceled while ${record.status}` },
        );
        logger.info('message canceled', { messageId: id, was: record.status });
        return canceled;
      } catch (error) {
        if (!(error instanceof StaleStatusError)) throw error;
      }
    }
  };
}
