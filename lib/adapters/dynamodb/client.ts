import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../../tracing.js';

/**
 * The DynamoDB client of a container: built once, keeps connections alive, and fails fast enough that
 * a dead table becomes a 503 well within the function's timeout (3 attempts of at most 2 s each).
 */
export function createDocumentClient(options: { endpoint?: string; region?: string } = {}) {
  // Traced before the document client is made from it: the two share one middleware stack.
  const client = traced(
    new DynamoDBClient({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
      maxAttempts: 3,
      requestHandler: {
        connectionTimeout: 1_000,
        requestTimeout: 2_000,
        // Without this the SDK only warns when the request timeout passes, and waits on.
        throwOnRequestTimeout: true,
        httpAgent: { keepAlive: true, maxSockets: 50 },
        httpsAgent: { keepAlive: true, maxSockets: 50 },
      },
    }),
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
