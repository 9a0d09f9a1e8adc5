import { createSchedulerClient, SchedulerQueue } from '../adapters/scheduler/scheduler.queue.js';
import { SqliteQueue } from '../adapters/sqlite/sqlite.queue.js';
import { createSqsClient, SqsQueue } from '../adapters/sqs/sqs.queue.js';
import type { MessageQueue } from '../ports/message-queue.js';
import { clock } from './basics.js';
import type { Parts } from './parts.js';
import { noSqliteInBundle, sqliteDatabase, storeOf } from './stores.js';

/** How often a job may be received unhandled before it goes to the dead-letter queue (as on SQS). */
export const MAX_RECEIVES = 10;

/**
 * Where queued sends go: SQS where QUEUE_URL is set (behind EventBridge Scheduler for delays past 15
 * minutes where SCHEDULE_GROUP is set), else the SQLite database's own queue; none for a DynamoDB log
 * without QUEUE_URL (then every send is synchronous).
 */
export const messageQueue = (parts: Parts): MessageQueue | undefined =>
  parts.closable('queue', (): MessageQueue | undefined => {
    const { queue } = parts.settings.service.delivery;
    const store = storeOf(parts);
    if (queue.kind === 'sqs') {
      const client = createSqsClient(queue);
      parts.onClose(() => client.destroy());
      const sqs = new SqsQueue(client, queue.url);
      if (!queue.scheduler) return sqs;
      const scheduler = createSchedulerClient(queue);
      parts.onClose(() => scheduler.destroy());
      const now = clock(parts);
      return new SchedulerQueue(sqs, scheduler, queue.scheduler, () => now().getTime());
    }
    if (queue.kind === 'sqlite' && store.kind === 'sqlite') {
      const now = clock(parts);
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteQueue(sqliteDatabase(parts, store.path), {
            maxReceives: MAX_RECEIVES,
            now: () => now().getTime(),
          });
    }
    return undefined;
  });
