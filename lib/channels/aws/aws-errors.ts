import type { SendResult } from '../../ports/provider.js';

/** What the mapping reads of an AWS SDK v3 exception, or of the Node.js error under one. */
export interface AwsErrorLike {
  name?: unknown;
  message?: unknown;
  Message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Credentials and authorization: a configuration fault, not a passing one. */
export const AWS_CREDENTIAL_EXCEPTIONS = [
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
] as const;

/** Throttling, service faults, timeouts and aborts, as any AWS service or the SDK names them. */
export const AWS_RETRYABLE_EXCEPTIONS = [
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
] as const;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** What one AWS service adds to the shared mapping. */
export interface AwsServiceErrors {
  /** Exception names another attempt gets the same answer to. */
  permanent: ReadonlySet<string>;
  /** Exception names another attempt may get through. */
  retryable: ReadonlySet<string>;
  /** The code of an exception that is not a bare socket error; its name by default. */
  code?: (name: string, error: AwsErrorLike) => string;
  /** Where the exception's text may be, the first non-empty one wins; `message` by default. */
  messageFields?: readonly ('message' | 'Message')[];
}

/**
 * Maps what an AWS SDK client's `send` threw to a result: the exception name (or the errno code of
 * a bare socket error) as the code, its message, and whether another attempt may succeed. The
 * service's lists decide first; otherwise throttling, 5xx, timeouts and network failures are
 * retryable, and any other exception of the client's fault (4xx) is not.
 */
export function mapAwsError(error: unknown, service: AwsServiceErrors): SendResult {
  const e: AwsErrorLike = typeof error === 'object' && error !== null ? (error as AwsErrorLike) : {};
  const name = typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const networkCode = typeof e.code === 'string' && NETWORK_CODES.has(e.code) ? e.code : undefined;
  // A bare socket error is known by its errno code; anything named (TimeoutError...) by its name.
  const generic = name === 'Error' || name === 'AggregateError';
  const code = generic && networkCode ? networkCode : service.code ? service.code(name, e) : name;
  const text = (service.messageFields ?? ['message'])
    .map((field) => e[field])
    .find((m): m is string => typeof m === 'string' && m !== '');
  const message = text ?? (error instanceof Error ? name : String(error));
  const retryable = service.permanent.has(name)
    ? false
    : service.retryable.has(name) ||
      networkCode !== undefined ||
      e.$retryable !== undefined ||
      e.$fault === 'server' ||
      (status !== undefined && (status >= 500 || status === 429)) ||
      // An SDK exception of the client's fault that is not listed: the request itself is wrong.
      !(e.$fault === 'client' || (status !== undefined && status >= 400));
  return { accepted: false, code, message, retryable };
}

/**
 * Runs one AWS SDK send and maps its outcome: accepted with the MessageId it answered, a retryable
 * failure when it answered none, or what `mapError` makes of what it threw.
 */
export async function awsSendResult(
  service: string,
  send: () => Promise<{ MessageId?: string | undefined }>,
  mapError: (error: unknown) => SendResult,
): Promise<SendResult> {
  try {
    const output = await send();
    return output.MessageId
      ? { accepted: true, providerMessageId: output.MessageId }
      : {
          accepted: false,
          code: 'MissingMessageId',
          message: `${service} answered without a MessageId`,
          retryable: true,
        };
  } catch (error) {
    return mapError(error);
  }
}
