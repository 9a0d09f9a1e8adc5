import type { Logger } from '../logger.js';
import type { Metrics } from '../ports/metrics.js';
import type { WebhookOutbox, WebhookSchedule } from '../ports/webhook-store.js';
import type { WebhookSender } from '../services/deliver-webhooks.js';

/**
 * The offline webhook sender: every `intervalMs`, the outbox's entries become deliveries and the
 * deliveries due are attempted (what the stream, the queue and the delivery function do on AWS).
 * The outbox is in the database, so entries written before a crash are sent after the restart.
 * The attempts' metrics are flushed after each round, as the delivery function flushes per batch.
 */
export function startWebhookPump(options: {
  sender: WebhookSender;
  outbox: WebhookOutbox & WebhookSchedule;
  logger: Logger;
  /** The sender's metrics, flushed after each round. */
  metrics?: Metrics;
  intervalMs?: number;
}) {
  const { sender, outbox, logger, intervalMs = 500 } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      while ((await sender.drainOutbox(outbox)) > 0 && !stopped);
      await sender.runDue(outbox);
    } catch (error) {
      logger.error('webhook sender failed; retried on the next tick', { error });
    } finally {
      options.metrics?.flush();
    }
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => {
      running = undefined;
    });
  }, intervalMs).unref();
  return {
    /** Runs one round now (tests, and a prompt first round at start). */
    async poke() {
      await running;
      running = tick().finally(() => {
        running = undefined;
      });
      await running;
    },
    async close() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
export type WebhookPump = ReturnType<typeof startWebhookPump>;
