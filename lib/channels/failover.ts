import { type Logger, maskRecipient } from '../logger.js';
import { type Metrics, NO_METRICS } from '../ports/metrics.js';
import type { OutboundMessage, Provider, SendResult } from '../ports/provider.js';

/** The outcome of handing a message to a channel: the last provider tried, its answer, and how many tried. */
export interface Delivery {
  /** Null when no provider could be called at all (no time was left). */
  provider: string | null;
  result: SendResult;
  attempts: number;
}

/** One provider call, aborted after `timeoutMs`; a throw or a timeout is a retryable failure. */
export async function sendWithTimeout(
  provider: Provider,
  message: OutboundMessage,
  timeoutMs: number,
): Promise<SendResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${provider.name} did not answer within ${timeoutMs} ms`));
      resolve({
        accepted: false,
        code: 'TIMEOUT',
        message: `${provider.name} did not answer within ${timeoutMs} ms`,
        retryable: true,
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      provider.send(message, { signal: controller.signal }).catch(
        (error: unknown): SendResult => ({
          accepted: false,
          code: 'PROVIDER_ERROR',
          message: error instanceof Error ? error.message : `${provider.name} failed`,
          retryable: true,
        }),
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Below this much time left, no provider call is started. */
export const MIN_CALL_MS = 250;

/**
 * Failover: tries the channel's providers in order. A retryable failure moves on to the next one; an
 * acceptance or a permanent rejection ends it (another vendor would reject the same address too).
 * Each call gets `timeoutMs`, or less if `deadline` (epoch ms) comes first: no call runs past it, so
 * that the caller keeps the time to record the outcome.
 */
export async function deliver(
  providers: readonly Provider[],
  message: OutboundMessage,
  options: { timeoutMs: number; logger: Logger; metrics?: Metrics; deadline?: number },
): Promise<Delivery> {
  const { metrics = NO_METRICS } = options;
  let last: Delivery | undefined;
  for (const [index, provider] of providers.entries()) {
    const left = options.deadline === undefined ? Number.POSITIVE_INFINITY : options.deadline - Date.now();
    if (left < MIN_CALL_MS) {
      options.logger.warn('no time left for another provider', {
        messageId: message.id,
        next: provider.name,
      });
      return (
        last ?? {
          provider: null,
          attempts: 0,
          result: {
            accepted: false,
            code: 'DEADLINE',
            message: 'No time was left to call a provider',
            retryable: true,
          },
        }
      );
    }
    const started = performance.now();
    const result = await sendWithTimeout(provider, message, Math.min(options.timeoutMs, Math.floor(left)));
    const durationMs = Math.round(performance.now() - started);
    logAttempt(options.logger, provider, message, result, durationMs);
    metrics.add('ProviderLatency', { provider: provider.name }, durationMs);
    last = { provider: provider.name, result, attempts: index + 1 };
    if (result.accepted || !result.retryable) return last;
    if (index < providers.length - 1) {
      metrics.add('ProviderFailover', { channel: message.type });
      options.logger.warn('provider failed, trying the next one', {
        messageId: message.id,
        provider: provider.name,
        errorCode: result.code,
        next: providers[index + 1]?.name,
      });
    }
  }
  if (!last) throw new Error(`no provider is configured for ${message.type}`);
  return last;
}

/**
 * The one line of a provider attempt, whichever the provider. Vendor messages may quote the address:
 * the line carries the code only, never the message, the content, the subject or the full recipient.
 */
function logAttempt(
  logger: Logger,
  provider: Provider,
  message: OutboundMessage,
  result: SendResult,
  durationMs: number,
): void {
  logger[result.accepted ? 'info' : 'warn']('provider send', {
    provider: provider.name,
    channel: provider.channel,
    messageId: message.id,
    recipient: maskRecipient(message.recipient),
    accepted: result.accepted,
    ...(result.accepted
      ? { providerMessageId: result.providerMessageId }
      : { errorCode: result.code, retryable: result.retryable }),
    durationMs,
  });
}
