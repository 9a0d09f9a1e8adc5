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
