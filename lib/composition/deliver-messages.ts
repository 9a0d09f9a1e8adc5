import type { ProviderPlan } from '../channels/catalog.js';
import { ConfigError, deliveryLeaseMs, leaseProblem } from '../config.js';
import type { Logger } from '../logger.js';
import type { MessageQueue } from '../ports/message-queue.js';
import type { Metrics } from '../ports/metrics.js';
import { type DeliverMessage, makeDeliverMessage } from '../services/deliver-message.js';
import { clock, logger, metrics } from './basics.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';
import { providerRegistry } from './providers.js';
import { messageQueue } from './queue.js';
import { suppressionGate } from './suppressions.js';

export interface WorkerDeps {
  logger: Logger;
  metrics?: Metrics;
  /** Undefined where there is no queue (a DynamoDB log without QUEUE_URL): nothing to deliver. */
  deliverMessage: DeliverMessage | undefined;
  queue: MessageQueue | undefined;
}

/** The delivery worker: the queue (retries are new jobs), the log, the providers. */
export function workerDeps(parts: Parts, plan: ProviderPlan): WorkerDeps {
  const { service } = parts.settings;
  const queue = messageQueue(parts);
  const leaseMs = deliveryLeaseMs(service, plan);
  const problem = leaseProblem(service, plan);
  if (problem) throw new ConfigError(`Invalid configuration: ${problem}`);
  return {
    logger: logger(parts),
    metrics: metrics(parts),
    queue,
    deliverMessage:
      queue &&
      parts.once('deliverMessage', () =>
        makeDeliverMessage({
          log: messageLog(parts),
          queue,
          providers: providerRegistry(parts, plan),
          clock: clock(parts),
          logger: logger(parts),
          retry: service.delivery.retry,
          leaseMs,
          providerTimeoutMs: service.providerTimeoutMs,
          metrics: metrics(parts),
          suppressions: suppressionGate(parts),
        }),
      ),
  };
}
