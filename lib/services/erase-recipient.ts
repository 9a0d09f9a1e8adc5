import type { Clock, IdGenerator } from '../domain/clock.js';
import { type ErasureJob, ErasureRequest } from '../domain/erasure.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { suppressionRecipient } from '../domain/suppression.js';
import { toDetails } from '../domain/validation.js';
import type { Logger } from '../logger.js';
import type { ErasureJobStore } from '../ports/erasure-jobs.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import { type MessageLog, StaleStatusError } from '../ports/message-log.js';
import type { SuppressionList } from '../ports/suppression-list.js';
import type { WebhookCopies } from '../ports/webhook-store.js';
import { recipientHash } from '../privacy/recipient-hash.js';

export interface EraseRecipientDeps {
  log: MessageLog;
  idempotency: IdempotencyStore;
  jobs: ErasureJobStore;
  suppressions: SuppressionList;
  /** The webhook deliveries' copies of the records, where the log's erase does not reach them. */
  webhookCopies?: WebhookCopies | undefined;
  /** PRIVACY_HASH_KEY. */
  hashKey: string;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** Messages read per page of the recipient index. */
  pageSize?: number;
}

export type EraseRecipient = (
  body: unknown,
  options: { tenant: string; deadline?: number | undefined },
) => Promise<ErasureJob>;
export type GetErasure = (id: string | undefined, tenant: string) => Promise<ErasureJob>;

/** Why a queued message was not sent: its recipient was erased before a worker took it. */
const ERASED_BEFORE_DELIVERY = {
  code: 'RECIPIENT_ERASED',
  message: 'The recipient was erased before the message was delivered',
  retryable: false,
};

/**
 * `POST /erasures`, inline in the request:
 * 1. validate and normalize the recipient (400 naming `recipient`); hash it (HMAC-SHA256 under
 *    PRIVACY_HASH_KEY, with the tenant);
 * 2. move the tenant's suppression entry for the recipient, if any, to its keyed hash (of the
 *    recipient as the list normalizes it): it keeps refusing the recipient's sends without holding
 *    the recipient (lib/privacy/erased-suppressions.ts);
 * 3. page through the tenant's messages to that recipient on the recipient index (no scan); for each:
 *    a message still `queued` is failed first (`RECIPIENT_ERASED`), so that no worker sends
 *    `[erased]` to a hash; its kept idempotency answers are deleted, its webhook deliveries' copies
 *    erased (DynamoDB; the SQLite log's erase does it); then the message is erased
 *    (lib/ports/message-log.ts `erase`). In that order: a failure part-way leaves the message
 *    findable by the recipient, and a repeat of the erasure finishes it;
 * 4. stop before `deadline` (the request's time): the job is then `incomplete` and a repeat goes on
 *    with what is left (an erased message is no longer found by the recipient);
 * 5. record the job and answer it.
 */
export function makeEraseRecipient(deps: EraseRecipientDeps): EraseRecipient {
  const { log, idempotency, jobs, suppressions, hashKey, clock, newId, logger, pageSize = 100 } = deps;

  async function failIfQueued(id: string, attempts: number): Promise<void> {
    try {
      await log.updateStatus(
        id,
        { status: 'queued', attempts },
        { status: 'failed', error: ERASED_BEFORE_DELIVERY, updatedAt: clock().toISOString() },
      );
    } catch (error) {
      // A worker claimed it meanwhile: the provider gets it as it was; the log is erased anyway.
      if (!(error instanceof StaleStatusError)) throw error;
    }
  }

  return async function eraseRecipient(body, options) {
    const parsed = ErasureRequest.safeParse(body);
    if (!parsed.success) throw new ValidationError(toDetails(parsed.error.issues), 'The erasure is invalid');
    const { tenant } = options;
    const hash = recipientHash(hashKey, tenant, parsed.data.recipient);
    const createdAt = clock().toISOString();
    const listed = suppressionRecipient(parsed.data.recipient);
    if (listed !== undefined)
      await suppressions.erase(tenant, listed, recipientHash(hashKey, tenant, listed));
    let erased = 0;
    let complete = true;
    let cursor: string | undefined;
    do {
      if (options.deadline !== undefined && Date.now() >= options.deadline) {
        complete = false;
        break;
      }
      const page = await log.list({ tenant, recipient: parsed.data.recipient, limit: pageSize, cursor });
      for (const record of page.items) {
        if (record.status === 'queued') await failIfQueued(record.id, record.attempts);
        await idempotency.forgetMessage(tenant, record.id);
        await deps.webhookCopies?.eraseMessage(tenant, record.id, hash);
        if (await log.erase(record.id, { tenant, recipientHash: hash })) erased++;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const job: ErasureJob = {
      id: newId(Date.parse(createdAt)),
      tenant,
      status: complete ? 'completed' : 'incomplete',
      erased,
      recipientHash: hash,
      createdAt,
      completedAt: clock().toISOString(),
    };
    await jobs.create(job);
    // The hash only: the recipient itself is what this removes.
    logger.info('recipient erased', { erasureId: job.id, status: job.status, erased });
    return job;
  };
}

/** `GET /erasures/{id}`: a job of the caller's tenant; another tenant's is as unknown as a missing one. */
export function makeGetErasure(jobs: ErasureJobStore): GetErasure {
  return async (id, tenant) => {
    const job = id ? await jobs.get(id) : undefined;
    if (!job || job.tenant !== tenant)
      throw new NotFoundError(`No erasure with id ${JSON.stringify(id ?? '')}`);
    return job;
  };
}
