import { createSchedulerClient, SchedulerQueue } from '../adapters/scheduler/scheduler.queue.js';
import { createSqsClient, SqsQueue } from '../adapters/sqs/sqs.queue.js';
import { ConfigError } from '../config.js';
import type { Logger } from '../logger.js';
import type { MessageQueue } from '../ports/message-queue.js';
import { makeScheduleMessage, type ScheduleMessage } from '../services/schedule-message.js';
import { clock, logger } from './basics.js';
import type { Parts } from './parts.js';

export interface ScheduleMessagesDeps {
  logger: Logger;
  scheduleMessage: ScheduleMessage;
}

/**
 * The scheduling queue's consumer: the only function with the EventBridge Scheduler client (and the
 * grant to create schedules), so the send function stays small. Jobs due within SQS's 15 minutes go
 * to the delivery queue itself (SchedulerQueue decides).
 */
export function scheduleMessagesDeps(parts: Parts): ScheduleMessagesDeps {
  const now = clock(parts);
  const queue =
    parts.overrides.queue ??
    parts.once('scheduledQueue', (): MessageQueue => {
      const { queue: settings } = parts.settings.service.delivery;
      if (settings.kind !== 'sqs' || !settings.scheduler)
        throw new ConfigError(
          'Invalid configuration: schedule-messages needs QUEUE_URL and SCHEDULE_GROUP (with SCHEDULER_ROLE_ARN and QUEUE_ARN)',
        );
      const sqs = createSqsClient(settings);
      const scheduler = createSchedulerClient(settings);
      const made = new SchedulerQueue(new SqsQueue(sqs, settings.url), scheduler, settings.scheduler, () =>
        now().getTime(),
      );
      parts.onClose(() => made.close());
      return made;
    });
  return {
    logger: logger(parts),
    scheduleMessage: makeScheduleMessage({ queue, clock: now }),
  };
}
