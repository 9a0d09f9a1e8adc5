import { SqliteQueue } from '../adapters/sqlite/sqlite.queue.js';
import { createSqsClient, SqsQueue } from '../adapters/sqs/sqs.queue.js';
import type { MessageQueue } from '../ports/message-queue.js';
import type { Parts } from './parts.js';
import { noSqliteInBundle, sqliteDatabase, storeOf } from './stores.js';

/** How often a job may be received unhandled before it goes to the dead-letter queue (as on SQS). */
export const MAX_RECEIVES = 10;

/**
 * Where queued sends go: SQS where QUEUE_URL is set, else the SQLite database's own queue; none for a
 * DynamoDB log without QUEUE_URL (then every send is synchronous).
 */
export const messageQueue = (parts: Parts): MessageQueue | undefined =>
  parts.closable('queue', (): MessageQueue | undefined => {
    const { queue } = parts.settings.service.delivery;
    const store = storeOf(parts);
    if (queue.kind === 'sqs') {
      const client = createSqsClient(queue);
      parts.onClose(() => client.destroy());
      return new SqsQueue(client, queue.url);
    }
    if (queue.kind === 'sqlite' && store.kind === 'sqlite') {
      return process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteQueue(sqliteDatabase(parts, store.path), { maxReceives: MAX_RECEIVES });
    }
    return undefined;
  });
