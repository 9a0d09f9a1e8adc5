import type { APIGatewayProxyEvent, DynamoDBRecord, SQSRecord } from 'aws-lambda';
import type { MessageStreamWindowEvent } from '../../lib/adapters/dynamodb/message-stream.js';

/** One SQS record as Lambda's event source mapping hands it over. */
export function sqsRecord(sqsMessageId: string, body: string, receiveCount = 1): SQSRecord {
  return {
    messageId: sqsMessageId,
    receiptHandle: `handle-${sqsMessageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1764237600000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764237600100',
    },
    messageAttributes: {},
    md5OfBody: '0',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:messaging-dev-delivery',
    awsRegion: 'eu-west-1',
  };
}

/** A provider's call to `/webhooks/{provider}` as API Gateway's proxy integration hands it over. */
export const webhookEvent = (
  provider: string,
  httpMethod: string,
  overrides: Partial<APIGatewayProxyEvent> = {},
): APIGatewayProxyEvent =>
  ({
    resource: '/webhooks/{provider}',
    path: `/webhooks/${provider}`,
    httpMethod,
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { provider },
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', stage: 'dev' },
    ...overrides,
  }) as APIGatewayProxyEvent;

/** A tumbling window's invocation of the stats consumer, as Lambda's event source mapping makes it. */
export const windowEvent = (
  shardId: string,
  records: DynamoDBRecord[],
  options: { state?: Record<string, string>; final?: boolean } = {},
): MessageStreamWindowEvent => ({
  Records: records,
  shardId,
  eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/messages/stream/2026-03-01T00:00:00.000',
  window: { start: '2026-03-01T09:00:00Z', end: '2026-03-01T09:00:30Z' },
  state: options.state ?? {},
  isFinalInvokeForWindow: options.final ?? true,
  isWindowTerminatedEarly: false,
});
