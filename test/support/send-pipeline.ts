import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../lib/adapters/sqlite/sqlite.message-log.js';
import { createIdGenerator } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import type { MessageLog } from '../../lib/ports/message-log.js';
import { type DeliveryJob, enqueueEach, type MessageQueue } from '../../lib/ports/message-queue.js';
import { makeCancelMessage } from '../../lib/services/cancel-message.js';
import { makeDeliverMessage } from '../../lib/services/deliver-message.js';
import { makeSendBatch } from '../../lib/services/send-batch.js';
import { makeSendMessage } from '../../lib/services/send-message.js';
import type { Dynalite } from './dynalite.js';
import { recordingProviders } from './fake-providers.js';

/** The two message logs, by name: SQLite in memory, DynamoDB on dynalite. */
export type StoreKind = 'sqlite' | 'dynamodb';

export async function openLog(kind: StoreKind, dynamo: () => Dynalite): Promise<MessageLog> {
  if (kind === 'sqlite') return new SqliteMessageLog(openDatabase(':memory:'));
  const db = dynamo();
  return new DynamoDbMessageLog(createDocumentClient({ endpoint: db.endpoint }), await db.createTable());
}

/**
 * A queue on a fake clock: a job is due once its delay has passed on `clock`; `maxDelayMs` caps
 * delays as SQS does (a longer one comes back early, at the cap). `failFor` refuses chosen jobs.
 */
export function clockedQueue(clock: { now: number }, options: { maxDelayMs?: number } = {}) {
  const held: { job: DeliveryJob; dueAt: number }[] = [];
  const state = { failFor: (_id: string) => false };
  const queue: MessageQueue = {
    ...(options.maxDelayMs === undefined ? {} : { maxDelayMs: options.maxDelayMs }),
    async enqueue(job, { delayMs = 0 } = {}) {
      if (state.failFor(job.messageId)) throw new Error(`queue refused ${job.messageId}`);
      const delay = options.maxDelayMs === undefined ? delayMs : Math.min(delayMs, options.maxDelayMs);
      held.push({ job: { ...job }, dueAt: clock.now + delay });
    },
    enqueueMany: (jobs) => enqueueEach(queue, jobs),
    async close() {},
  };
  /** The jobs due now, taken off the queue. */
  const due = (): DeliveryJob[] => {
    const ready = held.filter((entry) => entry.dueAt <= clock.now);
    for (const entry of ready) held.splice(held.indexOf(entry), 1);
    return ready.map((entry) => entry.job);
  };
  return { queue, held, due, state };
}

/**
 * The send side (single, batch, cancel) and the worker over one log, one clocked queue and recording
 * providers, all on one fake clock: the pipeline a deployment runs, without HTTP.
 */
export function sendPipeline(log: MessageLog, start: number, options: { maxDelayMs?: number } = {}) {
  const clock = { now: start };
  const now = () => new Date(clock.now);
  const logger = createLogger({ level: 'silent' });
  const { queue, held, due, state } = clockedQueue(clock, options);
  const { providers, calls } = recordingProviders();
  const newId = createIdGenerator();
  const base = { log, clock: now, newId, logger, defaultSubject: 'Hello' };
  const sendMessage = makeSendMessage({ ...base, providers, providerTimeoutMs: 1_000, queue });
  const sendBatch = makeSendBatch({ ...base, queue });
  const cancelMessage = makeCancelMessage({ log, clock: now, logger });
  const deliverMessage = makeDeliverMessage({
    log,
    queue,
    providers,
    clock: now,
    logger,
    retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    leaseMs: 15_000,
    providerTimeoutMs: 1_000,
    writeRetryDelaysMs: [1, 1],
  });
  /** Hands every due job to the worker, as SQS or the local worker would; answers how many. */
  const work = async () => {
    const jobs = due();
    await Promise.all(jobs.map((job) => deliverMessage(job)));
    return jobs.length;
  };
  return { clock, queue, held, state, calls, sendMessage, sendBatch, cancelMessage, deliverMessage, work };
}
