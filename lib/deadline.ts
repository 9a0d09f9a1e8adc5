import type { Context } from 'aws-lambda';

// Time kept back from a Lambda's timeout to record the outcome once the providers are done: the log
// client's 3 attempts of 2 s, and a margin.
export const STATUS_WRITE_RESERVE_MS = 7_000;

/**
 * The instant (epoch ms) after which no provider call may start or run, so that the outcome can still
 * be written before Lambda stops the function. None locally: a local request has no time limit.
 */
export const deadlineOf = (
  context: Pick<Context, 'getRemainingTimeInMillis'> | undefined,
): number | undefined =>
  context?.getRemainingTimeInMillis
    ? Date.now() + context.getRemainingTimeInMillis() - STATUS_WRITE_RESERVE_MS
    : undefined;

/**
 * How much longer than a provider call's deadline a transport's own timers run (nodemailer's, an SDK
 * client's request timeout): the failover's deadline must fire first and decide the outcome, also
 * when a busy event loop runs both timers late. The transport's timers are only a backstop that tears
 * down what a caller that never aborts would leave open.
 */
export const TRANSPORT_TIMEOUT_MARGIN_MS = 1_000;

/** The timeout a provider's transport gets for calls whose deadline is `callTimeoutMs`. */
export const transportTimeoutMs = (callTimeoutMs: number): number =>
  callTimeoutMs + TRANSPORT_TIMEOUT_MARGIN_MS;
