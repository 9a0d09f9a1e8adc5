// `npm run redrive`: puts the dead-letter queue's delivery jobs back on the queue, once whatever made
// them fail is fixed. Offline (SQLite): the jobs in DB_PATH's dead-letter table, delivered by the
// service's worker at its next start (or at once, if it is running). On AWS (QUEUE_URL set): SQS
// moves the messages of DLQ_ARN (the stack's DeadLetterQueueArn output) back to their queue.

import { openDatabase } from '../lib/adapters/sqlite/database.js';
import { SqliteQueue } from '../lib/adapters/sqlite/sqlite.queue.js';
import { createSqsClient } from '../lib/adapters/sqs/sqs.queue.js';
import { redriveSqs } from '../lib/adapters/sqs/sqs.redrive.js';
import { MAX_RECEIVES } from '../lib/composition/queue.js';
import { ConfigError, loadConfig } from '../lib/config.js';

try {
  const config = await loadConfig(process.env);
  const queue = config.delivery.queue;
  if (queue.kind === 'sqs') {
    const dlqArn = process.env.DLQ_ARN;
    if (!dlqArn?.startsWith('arn:')) throw new ConfigError('DLQ_ARN: must be the dead-letter queue ARN');
    const client = createSqsClient(queue);
    const task = await redriveSqs(client, dlqArn);
    client.destroy();
    console.log(`Redrive started from ${dlqArn} (task ${task})`);
  } else if (queue.kind === 'sqlite' && config.store.kind === 'sqlite') {
    const db = openDatabase(config.store.path);
    const dead = new SqliteQueue(db, { maxReceives: MAX_RECEIVES });
    const moved = dead.redrive();
    db.close();
    console.log(`${moved} dead-letter job(s) moved back to the queue of ${config.store.path}`);
  } else {
    throw new ConfigError('QUEUE_URL: there is no queue to redrive (a DynamoDB log without QUEUE_URL)');
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
