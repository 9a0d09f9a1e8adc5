import * as z from '../../zod.js';

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An optional `<SERVICE>_REGION` variable; unset leaves the region to the SDK. */
export const optionalAwsRegion = () =>
  z.optional(z.string().check(z.regex(AWS_REGION, 'must be an AWS region such as eu-west-1')));

/**
 * One attempt: SendEmail and SendTextMessage are not idempotent, and the SDK retries a timed-out
 * request, which the provider may already have accepted: a second copy that `attempts` would not
 * count. Retrying is left to failover, which counts every try.
 */
export const AWS_MAX_ATTEMPTS = 1;

/**
 * The options of a provider's AWS SDK client: one attempt, its request cut after `timeoutMs`, the
 * transport's timeout (see transportTimeoutMs: past the call's, so that the caller's abort decides),
 * connections kept alive across invocations.
 */
export function awsClientConfig(region: string | undefined, timeoutMs: number) {
  const requestTimeout = Math.max(1, Math.floor(timeoutMs));
  return {
    ...(region ? { region } : {}),
    maxAttempts: AWS_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: Math.min(1_000, requestTimeout),
      requestTimeout,
      // Without this the SDK only warns when the request timeout passes, and waits on.
      throwOnRequestTimeout: true,
      httpAgent: { keepAlive: true, maxSockets: 50 },
      httpsAgent: { keepAlive: true, maxSockets: 50 },
    },
  };
}
