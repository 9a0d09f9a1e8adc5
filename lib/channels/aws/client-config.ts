import * as z from 'zod';

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** An optional `<SERVICE>_REGION` variable; unset leaves the region to the SDK. */
export const optionalAwsRegion = () =>
  z.string().regex(AWS_REGION, 'must be an AWS region such as eu-west-1').optional();

export const AWS_MAX_ATTEMPTS = 2;

/**
 * The options of a provider's AWS SDK client: two attempts, each cut short before the provider's
 * timeout (so the retry still fits in it), connections kept alive across invocations.
 */
export function awsClientConfig(region: string | undefined, timeoutMs: number) {
  const requestTimeout = Math.max(1, Math.floor((timeoutMs * 0.9) / AWS_MAX_ATTEMPTS));
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
