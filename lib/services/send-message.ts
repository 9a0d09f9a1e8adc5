import { createHash } from 'node:crypto';
import { deliver } from '../channels/failover.js';
import { DEFAULT_TENANT } from '../domain/api-key.js';
import type { Clock, IdGenerator } from '../domain/clock.js';
import {
  DeliveryFailedError,
  LogUnavailableError,
  NotFoundError,
  NotResendableError,
  QueueUnavailableError,
  RecipientSuppressedError,
  ValidationError,
} from '../domain/errors.js';
import {
  type ContentDigest,
  type MessageRecord,
  type MetaTemplateMessage,
  REDACTED,
  RESENDABLE,
  type SendMessageRequest,
} from '../domain/message.schema.js';
import { parseSendMessageRequest, type ScheduleWindow } from '../domain/validation.js';
import type { Logger } from '../logger.js';
import { type MessageLog, StaleStatusError } from '../ports/message-log.js';
import type { DeliveryJob, MessageQueue } from '../ports/message-queue.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { ProviderRegistry } from '../ports/provider.js';
import { countOutcome, logOutcome, outcomeOf, writeOutcome } from './record-outcome.js';
import type { RenderedMessage, RenderTemplate } from './render-template.js';
import type { SuppressionGate } from './suppression-gate.js';

export interface SendMessageDeps {
  log: MessageLog;
  providers: ProviderRegistry;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  defaultSubject: string;
  /** Each provider call is aborted after this long, and counts as a retryable failure. */
  providerTimeoutMs: number;
  /** Where asynchronous sends go; without one, every send is synchronous. */
  queue?: MessageQueue | undefined;
  /** `async`: every send is queued; `sync` (default): only those whose caller prefers it. */
  mode?: 'sync' | 'async';
  metrics?: Metrics;
  /** Renders a send that names a template; without it, such a send is refused. */
  renderTemplate?: RenderTemplate | undefined;
  /** The tenant's suppression list; without one, no recipient is suppressed. */
  suppressions?: SuppressionGate | undefined;
  /**
   * `redacted`: the log keeps `[redacted]` for content and subject, and the content's length and
   * SHA-256; the provider gets the real ones from memory. Every send is then synchronous (RFC 7240
   * lets `Prefer: respond-async` be ignored): a worker would need the content kept somewhere.
   */
  logContent?: 'full' | 'redacted';
}

/**
 * `deadline` (epoch ms): no provider call runs past it, so that the outcome can still be recorded.
 * `respondAsync`: the caller prefers the message queued (`Prefer: respond-async`); it is, where there
 * is a queue. Where the mode is `async`, every message is queued. A queued message is logged `queued`
 * and put on the queue instead of calling a provider now.
 * `logger`: the request's (its lines carry the request id); the function's by default.
 */
export interface SendOptions {
  deadline?: number;
  respondAsync?: boolean;
  tenant?: string;
  logger?: Logger;
  /** The id of the message this one resends (`resendOf`); the log links the two. */
  resendOf?: string;
  /** A resend of a templated message: what its original rendered, sent again as it was. */
  rendered?: Partial<Omit<RenderedMessage, 'subject' | 'content'>>;
}
export type SendMessage = (body: unknown, options?: SendOptions) => Promise<MessageRecord>;

/**
 * Sends one message, the log first:
 * 1. validate and normalize the request (400 naming every failing field; a `sendAt` in the past, too
 *    far ahead, or on a deployment without a queue, too);
 * 2. ask the suppression list; if it cannot answer, stop: nothing is logged or sent (503);
 * 3. log it as `pending` (`queued` or `scheduled`: put it on the queue, delayed to its `sendAt`, and
 *    answer it); if the log cannot be written, stop: nothing is sent (503); a suppressed recipient's
 *    message is then recorded `failed` (RECIPIENT_SUPPRESSED, 422), no provider called;
 * 4. hand it to the channel's providers in order (failover on retryable failures, each call with
 *    a timeout; a throw counts as a retryable failure);
 * 5. record the outcome (`sent` or `failed`, the last provider tried, its message id, error, attempts);
 *    a rejection that says the recipient opted out adds them to the list;
 * 6. answer the record, or throw DeliveryFailedError carrying it (422 permanent, 502 retryable).
 */
export function makeSendMessage(deps: SendMessageDeps): SendMessage {
  const { log, providers, clock, newId, defaultSubject, providerTimeoutMs, queue, mode = 'sync' } = deps;
  const { metrics = NO_METRICS, renderTemplate, suppressions } = deps;

  return async function sendMessage(body, options = {}) {
    const { logger = deps.logger } = options;
    const now = clock();
    // Redacted: the log keeps no content for a worker to send, so nothing is queued or scheduled.
    const redacted = deps.logContent === 'redacted';
    const usable = redacted ? undefined : queue;
    const request = parseSendMessageRequest(body, {
      ...scheduleWindow(now, usable),
      ...(redacted
        ? { refused: 'cannot be honoured where the log keeps no content (LOG_CONTENT=redacted)' }
        : {}),
    });
    // A scheduled message always goes through the queue (scheduleWindow refuses it without one).
    const queued =
      usable !== undefined &&
      (request.sendAt !== undefined || mode === 'async' || options.respondAsync === true);
    const tenant = options.tenant ?? DEFAULT_TENANT;
    const parts = await messageParts(request, {
      tenant,
      defaultSubject,
      renderTemplate,
      rendered: options.rendered,
    });
    // Before the log: should the list be down, nothing is left behind for the caller's retry to repeat.
    const suppressed = await suppressions?.blocking({
      tenant,
      recipient: request.recipient,
      type: request.type,
    });

    const logged = redacted ? redactedParts(parts) : parts;
    const record = newRecord(request, logged, {
      id: newId(now.getTime()),
      now,
      tenant,
      queued,
      resendOf: options.resendOf,
    });
    try {
      await log.create(record);
    } catch (error) {
      logger.error('message log write failed; nothing sent', { messageId: record.id, error });
      throw new LogUnavailableError(error);
    }
    if (suppressed && suppressions) {
      const change = suppressions.refusal(record, suppressed, logger);
      const final = await writeOutcome(log, record.id, record.status, change, {
        retryDelaysMs: [],
        logger,
      }).then(
        (written) => written ?? { ...record, ...change },
        (error: unknown) => {
          // Nothing was sent; the log keeps the message as logged, and this line says why it stopped.
          logger.error('message status write failed after suppression', { messageId: record.id, error });
          return { ...record, ...change };
        },
      );
      throw new RecipientSuppressedError(final);
    }
    if (queued) return enqueue(record, usable, logger);
    metrics.add('MessageAccepted', { channel: record.type, mode: 'sync' });

    // The provider gets the real content, held in memory only.
    const delivery = await deliver(
      providers[record.type],
      { ...record, ...parts },
      {
        timeoutMs: providerTimeoutMs,
        logger,
        metrics,
        deadline: options.deadline,
      },
    );
    const outcome = outcomeOf(record, delivery, clock().toISOString());
    const { change } = outcome;
    // The provider has the message; answering an error would invite a duplicate send. The log keeps
    // what it has (`pending`, or the status of a receipt that came first); this line says what happened.
    const unrecorded = (error: unknown): MessageRecord => {
      logger.error('message status write failed after the provider answered', {
        messageId: record.id,
        status: change.status,
        provider: change.provider,
        providerMessageId: change.providerMessageId,
        error,
      });
      return { ...record, ...change };
    };
    // No retries of its own: a request's time budgets only the log client's attempts (deadline.ts).
    const final = await writeOutcome(log, record.id, 'pending', change, {
      retryDelaysMs: [],
      logger,
    }).then((written) => written ?? unrecorded(new StaleStatusError(record.id, 'pending')), unrecorded);
    logOutcome(logger, outcome);
    countOutcome(metrics, record.type, outcome);
    await suppressions?.learn(record, change, logger);
    if (final.status === 'failed') throw new DeliveryFailedError(final);
    return final;
  };

  /** Puts a logged message on the queue; if that fails, the message is marked failed, never left. */
  async function enqueue(record: MessageRecord, queue: MessageQueue, logger: Logger): Promise<MessageRecord> {
    try {
      await queue.enqueue(firstJob(record), { delayMs: delayOf(record, clock()) });
    } catch (error) {
      await markUnqueued({ log, clock, logger, metrics }, record, error);
      throw new QueueUnavailableError(error);
    }
    logger.info(record.sendAt ? 'message scheduled' : 'message queued', {
      messageId: record.id,
      type: record.type,
    });
    metrics.add('MessageAccepted', { channel: record.type, mode: 'async' });
    return record;
  }
}

/** What a `sendAt` is checked against: the clock, and how far ahead the queue can hold a job. */
export const scheduleWindow = (now: Date, queue: MessageQueue | undefined): ScheduleWindow => ({
  now: now.getTime(),
  maxDelayMs: queue ? queue.maxDelayMs : null,
});

/** What a message carries: its subject and content, and what a template rendered besides. */
export type MessageParts = Pick<RenderedMessage, 'subject' | 'content'> &
  Partial<Omit<RenderedMessage, 'subject' | 'content'>> & { contentDigest?: ContentDigest };

/**
 * The subject and content as sent (an email's subject defaults to the service's), or as the
 * tenant's template renders them over the data, with its HTML part or Meta template.
 */
export async function messageParts(
  request: SendMessageRequest,
  options: {
    tenant: string;
    defaultSubject: string;
    renderTemplate?: RenderTemplate | undefined;
    /** A resend of a templated message: what its original rendered, sent again as it was. */
    rendered?: SendOptions['rendered'];
  },
): Promise<MessageParts> {
  if (request.template === undefined) {
    const subject = request.type === 'email' ? (request.subject ?? options.defaultSubject) : null;
    return { subject, content: request.content ?? '', ...options.rendered };
  }
  if (!options.renderTemplate)
    throw new ValidationError([{ field: 'template', message: 'is not supported here' }]);
  return options.renderTemplate(options.tenant, { ...request, template: request.template });
}

/** A new message's record: `scheduled` with a `sendAt`, else `queued` or (synchronous) `pending`. */
export function newRecord(
  request: SendMessageRequest,
  parts: MessageParts,
  options: { id: string; now: Date; tenant: string; queued: boolean; resendOf?: string | undefined },
): MessageRecord {
  const at = options.now.toISOString();
  const record: MessageRecord = {
    id: options.id,
    tenant: options.tenant,
    type: request.type,
    recipient: request.recipient,
    ...parts,
    status: request.sendAt ? 'scheduled' : options.queued ? 'queued' : 'pending',
    provider: null,
    providerMessageId: null,
    error: null,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    ...(options.resendOf ? { resendOf: options.resendOf } : {}),
    ...(request.sendAt ? { sendAt: request.sendAt } : {}),
    ...(request.metadata && Object.keys(request.metadata).length > 0 ? { metadata: request.metadata } : {}),
  };
  // Optional fields only where they have a value: the stores keep no `undefined`.
  for (const field of ['template', 'templateVersion', 'html', 'metaTemplate', 'contentDigest'] as const)
    if (record[field] === undefined) delete record[field];
  return record;
}

/** The first delivery round of a new message. */
export const firstJob = (record: MessageRecord): DeliveryJob => ({ messageId: record.id, attempt: 1 });

/** How long a new message's job waits: until its `sendAt`, or not at all. */
export const delayOf = (record: MessageRecord, now: Date): number =>
  record.sendAt ? Math.max(0, Date.parse(record.sendAt) - now.getTime()) : 0;

/**
 * A logged message whose job could not be queued: marked `failed` (`QUEUE_UNAVAILABLE`), so that
 * it is never left waiting for a job that does not exist; nothing was sent.
 */
export async function markUnqueued(
  deps: { log: MessageLog; clock: Clock; logger: Logger; metrics: Metrics },
  record: MessageRecord,
  error: unknown,
): Promise<MessageRecord> {
  deps.logger.error('queue write failed; message marked failed, nothing sent', {
    messageId: record.id,
    error,
  });
  deps.metrics.add('MessageFailed', { channel: record.type, provider: 'none', errorClass: 'retryable' });
  const change = {
    status: 'failed',
    error: { code: 'QUEUE_UNAVAILABLE', message: 'The message could not be queued', retryable: true },
    updatedAt: deps.clock().toISOString(),
  } as const;
  return deps.log.updateStatus(record.id, record.status, change).catch((writeError: unknown) => {
    // Left without a job: a worker never sees it; the line says so, for an operator.
    deps.logger.error('message left queued without a job', { messageId: record.id, error: writeError });
    return { ...record, ...change };
  });
}

export type ResendMessage = (id: string, options: SendOptions & { tenant: string }) => Promise<MessageRecord>;

/**
 * What the log keeps of a send under LOG_CONTENT=redacted: `[redacted]` for every part that carries
 * content (a Meta template keeps its name and language), with the content's length and SHA-256.
 */
function redactedParts(parts: MessageParts): MessageParts {
  const { subject, content, html, metaTemplate, ...kept } = parts;
  return {
    ...kept,
    subject: subject === null ? null : REDACTED,
    content: REDACTED,
    contentDigest: { length: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    ...(html === undefined ? {} : { html: REDACTED }),
    ...(metaTemplate ? { metaTemplate: redactedMetaTemplate(metaTemplate) } : {}),
  };
}

const redactedMetaTemplate = (template: MetaTemplateMessage): MetaTemplateMessage => ({
  ...template,
  parameters: template.parameters.map(() => REDACTED),
});

/**
 * `POST /messages/{id}/resend`: a new message with the channel, recipient, subject and content of a
 * `failed` or `undelivered` one of the caller's tenant, sent like any other (the same answers), and
 * linked to it both ways (`resendOf`, `resentAs`). Another tenant's id is the same 404 as a missing one.
 */
export function makeResendMessage(deps: { log: MessageLog; sendMessage: SendMessage }): ResendMessage {
  return async function resendMessage(id, options) {
    const original = await deps.log.get(id);
    if (!original || original.tenant !== options.tenant)
      throw new NotFoundError(`No message with id ${JSON.stringify(id)}`);
    if (!RESENDABLE.includes(original.status)) throw new NotResendableError(original.status);
    // Its content was never kept (LOG_CONTENT=redacted), or was erased: nothing to send again.
    if (original.contentDigest || original.content === REDACTED)
      throw new NotResendableError(`${original.status}, but its content was not kept`);
    const { type, recipient, content, subject, metadata, template, templateVersion, html, metaTemplate } =
      original;
    return deps.sendMessage(
      {
        type,
        recipient,
        content,
        ...(type === 'email' && subject !== null ? { subject } : {}),
        ...(metadata ? { metadata } : {}),
      },
      { ...options, resendOf: original.id, rendered: { template, templateVersion, html, metaTemplate } },
    );
  };
}
