import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type IResource,
  LambdaIntegration,
  MockIntegration,
  PassthroughBehavior,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FILTER_ATTRIBUTES, MESSAGE_TABLE } from '../lib/adapters/dynamodb/message-table.js';
import { ApiFunction } from './constructs/api-function.js';
import { assertSecretsAreReferences, providerGrants } from './provider-grants.js';

export interface MessagingStackProps extends StackProps {
  stage: string;
  /** Steady-state and burst request rates of the API stage. */
  throttle?: { rateLimit: number; burstLimit: number };
  logRetention?: RetentionDays;
  /**
   * The send function's provider settings: `EMAIL_PROVIDERS`, `SES_FROM`, `TWILIO_AUTH_TOKEN`...
   * Secrets go in as references (`ssm:/name`, `secretsmanager:id#key`), never as values.
   */
  providerEnvironment?: Readonly<Record<string, string>>;
}

// The DynamoDB actions each function needs, and no others.
export const TABLE_ACTIONS = {
  send: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'],
  get: ['dynamodb:GetItem'],
  list: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
} as const;

/**
 * The contract's error body, for answers API Gateway gives without calling a function. `message` is
 * a VTL expression that yields a JSON string: API Gateway's own message, or a quoted text.
 */
const errorTemplate = (code: string, message = '$context.error.messageString') =>
  `{"error":{"code":"${code}","message":${message},"requestId":"$context.requestId"}}`;

/** The messaging service on AWS: REST API -> one Lambda per route -> the DynamoDB message log. */
export class MessagingStack extends Stack {
  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;

    const table = new Table(this, 'Messages', {
      partitionKey: { name: MESSAGE_TABLE.partitionKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: MESSAGE_TABLE.ttlAttribute,
    });
    for (const [indexName, index] of Object.entries(MESSAGE_TABLE.indexes)) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: MESSAGE_TABLE.sortAttribute, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: FILTER_ATTRIBUTES.filter((name) => name !== index.partitionKey),
      });
    }

    const providerEnvironment = props.providerEnvironment ?? {};
    assertSecretsAreReferences(providerEnvironment);
    const send = new ApiFunction(this, 'SendMessageFunction', {
      entry: 'functions/send-message.ts',
      logRetention,
      environment: { ...providerEnvironment },
    }).bindTable(table, TABLE_ACTIONS.send);
    for (const statement of providerGrants(this, providerEnvironment)) send.addToRolePolicy(statement);
    const get = new ApiFunction(this, 'GetMessageFunction', {
      entry: 'functions/get-message.ts',
      logRetention,
    }).bindTable(table, TABLE_ACTIONS.get);
    const list = new ApiFunction(this, 'ListMessagesFunction', {
      entry: 'functions/list-messages.ts',
      logRetention,
    }).bindTable(table, TABLE_ACTIONS.list);

    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };
    const api = new RestApi(this, 'Api', {
      restApiName: `messaging-${props.stage}`,
      description: 'Messaging service: POST /sendMessage, GET /messages, GET /messages/{id}',
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
      },
    });

    const sendMessage = api.root.addResource('sendMessage');
    sendMessage.addMethod('POST', new LambdaIntegration(send));
    const messages = api.root.addResource('messages');
    messages.addMethod('GET', new LambdaIntegration(list));
    const message = messages.addResource('{id}');
    message.addMethod('GET', new LambdaIntegration(get));
    for (const [resource, allow] of [
      [sendMessage, 'POST'],
      [messages, 'GET'],
      [message, 'GET'],
    ] as const) {
      methodNotAllowed(resource, allow);
    }

    // API Gateway answers an unknown path with 403 "Missing Authentication Token"; the contract says 404.
    api.addGatewayResponse('NotFound', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: {
        'application/json': errorTemplate('NOT_FOUND', '"No route for $context.httpMethod $context.path"'),
      },
    });
    api.addGatewayResponse('TooLarge', {
      type: ResponseType.REQUEST_TOO_LARGE,
      statusCode: '413',
      templates: { 'application/json': errorTemplate('PAYLOAD_TOO_LARGE') },
    });
    api.addGatewayResponse('Throttled', {
      type: ResponseType.THROTTLED,
      statusCode: '429',
      templates: { 'application/json': errorTemplate('THROTTLED') },
    });
    api.addGatewayResponse('Default4xx', {
      type: ResponseType.DEFAULT_4XX,
      // API Gateway's own reason (ACCESS_DENIED, BAD_REQUEST_BODY...) stands as the code.
      templates: { 'application/json': errorTemplate('$context.error.responseType') },
    });
    api.addGatewayResponse('Default5xx', {
      type: ResponseType.DEFAULT_5XX,
      templates: { 'application/json': errorTemplate('INTERNAL') },
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url, description: 'Base URL of the API stage' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The DynamoDB message log' });
  }
}

/** Any other method on a route answers 405 with `Allow`, as the local server does. */
function methodNotAllowed(resource: IResource, allow: string) {
  resource.addMethod(
    'ANY',
    new MockIntegration({
      // Any content type: the answer is 405 whatever the body is.
      passthroughBehavior: PassthroughBehavior.WHEN_NO_MATCH,
      requestTemplates: { 'application/json': '{"statusCode": 405}' },
      integrationResponses: [
        {
          statusCode: '405',
          responseParameters: {
            'method.response.header.Allow': `'${allow}'`,
            'method.response.header.x-request-id': 'context.requestId',
          },
          responseTemplates: {
            'application/json': errorTemplate(
              'METHOD_NOT_ALLOWED',
              `"Method $context.httpMethod is not allowed here; allowed: ${allow}"`,
            ),
          },
        },
      ],
    }),
    {
      methodResponses: [
        {
          statusCode: '405',
          responseParameters: {
            'method.response.header.Allow': true,
            'method.response.header.x-request-id': true,
          },
        },
      ],
    },
  );
}
