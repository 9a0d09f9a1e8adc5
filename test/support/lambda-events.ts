import type { APIGatewayProxyEvent, SQSRecord } from 'aws-lambda';

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
