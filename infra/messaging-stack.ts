import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AuthorizationType,
  IdentitySource,
  type IResource,
  LambdaIntegration,
  type MethodOptions,
  MockIntegration,
  PassthroughBehavior,
  RequestAuthorizer,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { IDEMPOTENCY_TABLE } from '../lib/adapters/dynamodb/idempotency-table.js';
import { KEY_TABLE, RATE_COUNTER_TABLE } from '../lib/adapters/dynamodb/key-table.js';
import { FILTER_ATTRIBUTES, MESSAGE_TABLE } from '../lib/adapters/dynamodb/message-table.js';
import { MAX_RECEIVES } from '../lib/composition/queue.js';
import { UnauthorizedError } from '../lib/domain/errors.js';
import { API_FUNCTIONS, type ApiFunctionName, methodsByPath, ROUTES } from '../lib/http/route-table.js';
import { RECEIPT_VARIABLES, readReceiptSettings } from '../lib/receipts/settings.js';
import { ApiFunction, ServiceFunction, setServiceFunctionDefaults } from './constructs/api-function.js';
import { type ObservabilityProps, observabilityEnvironment } from './observability.js';
import { assertSecretsAreReferences, providerGrants, secretGrants } from './provider-grants.js';

export interface MessagingStackProps extends StackProps, ObservabilityProps {
  stage: string;
  /** Steady-state and burst request rates of the API stage. */
  throttle?: { rateLimit: number; burstLimit: number };
  logRetention?: RetentionDays;
  /**
   * The provider settings of the functions that call providers (send, and the delivery worker):
   * `EMAIL_PROVIDERS`, `SES_FROM`, `TWILIO_AUTH_TOKEN`... Secrets go in as references
   * (`ssm:/name`, `secretsmanager:id#key`), never as values.
   */
  providerEnvironment?: Readonly<Record<string, string>>;
  /**
   * The webhooks' settings (RECEIPT_SETTINGS): `PUBLIC_URL`, `TWILIO_AUTH_TOKEN`, `META_APP_SECRET`,
   * `META_WEBHOOK_VERIFY_TOKEN`, `SES_SNS_TOPIC_ARN`; secrets as references. A webhook without its
   * setting answers 404.
   */
  receiptEnvironment?: Readonly<Record<string, string>>;
  /** `async`: every send is queued (202); `sync` (default): only those with `Prefer: respond-async`. */
  deliveryMode?: 'sync' | 'async';
  /**
   * How many worker invocations SQS runs at once (2 to 1000; default 5): with the batch size, it caps
   * the rate at which a burst reaches the providers' rate limits.
   */
  workerMaxConcurrency?: number;
  /**
   * An SNS topic for SES events, subscribed to `POST /webhooks/ses` and listened to by the receipt
   * function. The SES configuration set's event destination must then point to this topic
   * (output SesEventsTopicArn; see docs/receipts.md): the stack does not create one.
   */
  sesEvents?: boolean;
  /**
   * How long API Gateway caches the authorizer's answer for a key (0 to 3600 seconds; default 60).
   * A revoked key keeps working for up to as long; 0 checks the key on every request.
   */
  authorizerCacheSeconds?: number;
}

// The DynamoDB actions each function needs, and no others.
export const TABLE_ACTIONS = {
  send: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'],
  get: ['dynamodb:GetItem'],
  list: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
  events: ['dynamodb:GetItem'],
  // Query: the lookup by provider message id, on its index.
  receipts: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  worker: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
} as const;

// The key store's actions of the authorizer: read the key, record its last use (lastUsedAt).
export const API_KEY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'] as const;
// The keys routes: create, read (for revoke), revoke, and list a tenant's keys on `byTenant`.
export const KEY_MANAGEMENT_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
] as const;
// The rate limiter's one action, a conditional ADD per window: the routes that check a key's limits.
export const RATE_COUNTER_ACTIONS = ['dynamodb:UpdateItem'] as const;

// The idempotency store's actions (send only): claim, read the holder, complete, release.
export const IDEMPOTENCY_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** A route table function's entry point. */
const entryOf = (name: ApiFunctionName) => `functions/${API_FUNCTIONS[name].file}.ts`;

/** The receipt function's variables: the webhooks' settings (lib/receipts/settings.ts), no others. */
export const RECEIPT_SETTINGS = RECEIPT_VARIABLES;

/**
 * The worker's timeout. Its claims expire after as long (DELIVERY_LEASE_MS): a claim older than that
 * belongs to an invocation that was stopped. SQS hides a received job for 6 times as long, as AWS
 * advises for a Lambda event source, so that a job is not handed out again while a retried batch runs.
 */
export const WORKER_TIMEOUT = Duration.seconds(60);
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(6 * WORKER_TIMEOUT.toSeconds());

/**
 * The contract's error body, for answers API Gateway gives without calling a function. `message` is
 * a VTL expression that yields a JSON string: API Gateway's own message, or a quoted text.
 */
const errorTemplate = (code: string, message = '$context.error.messageString') =>
  `{"error":{"code":"${code}","message":${message},"requestId":"$context.requestId"}}`;

/**
 * The messaging service on AWS: REST API -> one Lambda per route -> the DynamoDB message log; queued
 * sends go through SQS to the delivery worker (failed jobs to a dead-letter queue, with an alarm);
 * providers' receipts come in on the /webhooks routes, which carry no API key or authorizer since the
 * providers call them (each callback is verified by its provider's signature).
 *
 * Every other route needs an API key (`x-api-key`), checked by a Lambda REQUEST authorizer against
 * the ApiKeys table; the routes read the key's tenant, scopes and limits from its context, and count
 * its requests in the RateCounters table.
 *
 * With `sesEvents`, an SNS topic carries SES events to POST /webhooks/ses: point the SES
 * configuration set's event destination (Delivery, Bounce, Complaint, Reject) at that topic
 * (output SesEventsTopicArn) and send with that configuration set (SES_CONFIGURATION_SET).
 */
export class MessagingStack extends Stack {
  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    // Metrics and traces: every function's namespace, service name and tracing flag.
    setServiceFunctionDefaults(this, observabilityEnvironment(props));
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const deliveryMode = props.deliveryMode ?? 'sync';
    if (deliveryMode !== 'sync' && deliveryMode !== 'async')
      throw new Error(`deliveryMode ${JSON.stringify(deliveryMode)}: use sync or async`);
    const authorizerCacheSeconds = props.authorizerCacheSeconds ?? 60;
    // API Gateway caches an authorizer's answer for at most an hour.
    if (
      !Number.isInteger(authorizerCacheSeconds) ||
      authorizerCacheSeconds < 0 ||
      authorizerCacheSeconds > 3600
    )
      throw new Error(`authorizerCacheSeconds ${authorizerCacheSeconds}: use a whole number from 0 to 3600`);
    const workerMaxConcurrency = props.workerMaxConcurrency ?? 5;
    // SQS's event source allows 2 to 1000 concurrent invocations.
    if (!Number.isInteger(workerMaxConcurrency) || workerMaxConcurrency < 2 || workerMaxConcurrency > 1000)
      throw new Error(`workerMaxConcurrency ${workerMaxConcurrency}: use a whole number from 2 to 1000`);

    // The tables whose loss would hurt (the log, idempotency answers, the keys): on demand,
    // recoverable to the second, protected from deletion, and kept when the stack goes.
    const durable = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;
    const table = new Table(this, 'Messages', {
      ...durable,
      partitionKey: { name: MESSAGE_TABLE.partitionKey, type: AttributeType.STRING },
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
    const idempotencyTable = new Table(this, 'IdempotencyKeys', {
      ...durable,
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: AttributeType.STRING },
      timeToLiveAttribute: IDEMPOTENCY_TABLE.ttlAttribute,
    });
    // Only hashes of the keys' secrets, but losing them locks every client out: kept as the log is.
    const keysTable = new Table(this, 'ApiKeys', {
      ...durable,
      partitionKey: { name: KEY_TABLE.partitionKey, type: AttributeType.STRING },
    });
    for (const [indexName, index] of Object.entries(KEY_TABLE.indexes)) {
      keysTable.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    // Counters of the current second and day, each deleted by TTL after its window: nothing worth
    // keeping past the stack (losing them resets the windows in progress), hence DESTROY, and no
    // point-in-time recovery.
    const rateCounters = new Table(this, 'RateCounters', {
      partitionKey: { name: RATE_COUNTER_TABLE.partitionKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
      timeToLiveAttribute: RATE_COUNTER_TABLE.ttlAttribute,
    });

    const deadLetters = new Queue(this, 'DeliveryDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const queue = new Queue(this, 'DeliveryQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
      // As many receives as the offline queue allows (lib/container.ts) before a job is dead.
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
    });
    const deadLetterAlarm = deadLetters
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'DeliveryDeadLettersAlarm', {
        alarmDescription:
          'Delivery jobs in the dead-letter queue: fix the cause, then npm run redrive (DLQ_ARN = output DeadLetterQueueArn)',
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    const sendToQueue = new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] });

    const providerEnvironment = props.providerEnvironment ?? {};
    assertSecretsAreReferences(providerEnvironment);
    const send = new ApiFunction(this, 'SendMessageFunction', {
      entry: entryOf('sendMessage'),
      logRetention,
      environment: { ...providerEnvironment, QUEUE_URL: queue.queueUrl, DELIVERY_MODE: deliveryMode },
    })
      .bindTable(table, TABLE_ACTIONS.send)
      .bindTable(idempotencyTable, IDEMPOTENCY_ACTIONS, 'IDEMPOTENCY_TABLE_NAME');
    send.addToRolePolicy(sendToQueue);
    for (const statement of providerGrants(this, providerEnvironment)) send.addToRolePolicy(statement);

    // The worker calls the providers for queued sends: their settings and grants, as send has them.
    const worker = new ServiceFunction(this, 'DeliverMessagesFunction', {
      entry: 'functions/deliver-messages.ts',
      logRetention,
      timeout: WORKER_TIMEOUT,
      environment: {
        ...providerEnvironment,
        // Retries are new jobs, sent with their backoff as delay.
        QUEUE_URL: queue.queueUrl,
        DELIVERY_LEASE_MS: String(WORKER_TIMEOUT.toMilliseconds()),
      },
    }).bindTable(table, TABLE_ACTIONS.worker);
    worker.addToRolePolicy(sendToQueue);
    for (const statement of providerGrants(this, providerEnvironment)) worker.addToRolePolicy(statement);
    worker.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: workerMaxConcurrency,
      }),
    );

    const get = new ApiFunction(this, 'GetMessageFunction', {
      entry: entryOf('getMessage'),
      logRetention,
    }).bindTable(table, TABLE_ACTIONS.get);
    const list = new ApiFunction(this, 'ListMessagesFunction', {
      entry: entryOf('listMessages'),
      logRetention,
    }).bindTable(table, TABLE_ACTIONS.list);
    const listEvents = new ApiFunction(this, 'ListMessageEventsFunction', {
      entry: entryOf('listMessageEvents'),
      logRetention,
    }).bindTable(table, TABLE_ACTIONS.events);

    const receiptEnvironment = { ...props.receiptEnvironment };
    checkReceiptEnvironment(receiptEnvironment);
    // Signature version 2 (SHA256withRSA), as docs/receipts.md advises.
    const sesTopic = props.sesEvents
      ? new Topic(this, 'SesEvents', { displayName: 'SES events', signatureVersion: '2' })
      : undefined;
    if (sesTopic) {
      // SES publishes the configuration set's events; only on behalf of this account.
      sesTopic.grantPublish(
        new ServicePrincipal('ses.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': this.account },
        }),
      );
      receiptEnvironment.SES_SNS_TOPIC_ARN = [receiptEnvironment.SES_SNS_TOPIC_ARN, sesTopic.topicArn]
        .filter(Boolean)
        .join(',');
    }
    const receipts = new ApiFunction(this, 'ReceiveReceiptFunction', {
      entry: entryOf('receiveReceipt'),
      logRetention,
      environment: receiptEnvironment,
    }).bindTable(table, TABLE_ACTIONS.receipts);
    for (const statement of secretGrants(this, receiptEnvironment)) receipts.addToRolePolicy(statement);

    // Checks x-api-key for every route but the webhooks: reads the keys table, records a key's last use.
    const authorizerFunction = new ApiFunction(this, 'AuthorizeFunction', {
      entry: 'functions/authorize.ts',
      logRetention,
    }).bindTable(keysTable, API_KEY_ACTIONS, 'KEYS_TABLE_NAME');
    // A keys:manage key manages its own tenant's keys.
    const manageKeys = new ApiFunction(this, 'ManageKeysFunction', {
      entry: entryOf('manageKeys'),
      logRetention,
    }).bindTable(keysTable, KEY_MANAGEMENT_ACTIONS, 'KEYS_TABLE_NAME');
    // Only the keyed routes count requests against the key's limits; the worker and the webhooks
    // have no key. (A route's key itself comes from the authorizer: they need no keys table.)
    const scoped = new Set(ROUTES.filter((route) => route.scope).map((route) => route.function));
    const byName: Record<ApiFunctionName, ApiFunction> = {
      sendMessage: send,
      listMessages: list,
      getMessage: get,
      listMessageEvents: listEvents,
      manageKeys,
      receiveReceipt: receipts,
    };
    for (const name of scoped) {
      byName[name].bindTable(rateCounters, RATE_COUNTER_ACTIONS, 'RATE_COUNTER_TABLE_NAME');
    }
    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: authorizerFunction,
      // A request without the header is answered 401 by API Gateway, without invoking the function.
      identitySources: [IdentitySource.header('x-api-key')],
      resultsCacheTtl: Duration.seconds(authorizerCacheSeconds),
    });

    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };
    const api = new RestApi(this, 'Api', {
      restApiName: `messaging-${props.stage}`,
      // Every method needs a key unless it says otherwise (the webhooks, the 405 answers).
      defaultMethodOptions: { authorizer, authorizationType: AuthorizationType.CUSTOM },
      description:
        'Messaging service: POST /sendMessage, GET /messages, GET /messages/{id}, GET /messages/{id}/events, /keys, /webhooks/{twilio,meta,ses}',
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
      },
    });

    // The route table (lib/http/route-table.ts) makes the API: each path's resources, each route's
    // method (open where the route has no scope: the providers call the webhooks), and a 405 with
    // `Allow` for any other method on a path.
    const integrations = new Map<ApiFunctionName, LambdaIntegration>();
    const integrationOf = (name: ApiFunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new LambdaIntegration(byName[name]);
        integrations.set(name, integration);
      }
      return integration;
    };
    // Providers call these without any credential of ours: open, unlike the API's default.
    const open: MethodOptions = { authorizationType: AuthorizationType.NONE, apiKeyRequired: false };
    for (const route of ROUTES) {
      const resource = api.root.resourceForPath(route.path);
      resource.addMethod(route.method, integrationOf(route.function), route.scope ? undefined : open);
    }
    for (const [path, allow] of methodsByPath()) {
      methodNotAllowed(api.root.resourceForPath(path), allow.join(', '), open);
    }
    const ses = api.root.resourceForPath('/webhooks/ses');

    if (sesTopic) {
      // SNS asks the endpoint to confirm at once: the function and the route's invoke permissions must
      // exist by then (the URL already waits for the stage).
      sesTopic
        .addSubscription(
          new UrlSubscription(`${api.url}webhooks/ses`, { protocol: SubscriptionProtocol.HTTPS }),
        )
        .node.addDependency(receipts, ses);
    }

    // API Gateway answers an unknown path with 403 "Missing Authentication Token"; the contract says 404.
    api.addGatewayResponse('NotFound', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: {
        'application/json': errorTemplate('NOT_FOUND', '"No route for $context.httpMethod $context.path"'),
      },
    });
    // A missing, malformed, unknown, wrong or revoked key: one body, the one the functions give.
    api.addGatewayResponse('Unauthorized', {
      type: ResponseType.UNAUTHORIZED,
      statusCode: '401',
      templates: {
        'application/json': errorTemplate('UNAUTHORIZED', JSON.stringify(new UnauthorizedError().message)),
      },
    });
    // The authorizer allows every route to a good key (each route checks its scope): this is only
    // the answer to a policy that does not cover the route.
    api.addGatewayResponse('AccessDenied', {
      type: ResponseType.ACCESS_DENIED,
      statusCode: '403',
      templates: {
        'application/json': errorTemplate('FORBIDDEN', '"This API key may not call this route"'),
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
    new CfnOutput(this, 'IdempotencyTableName', {
      value: idempotencyTable.tableName,
      description: 'The DynamoDB idempotency keys',
    });
    new CfnOutput(this, 'KeysTableName', {
      value: keysTable.tableName,
      description: 'The DynamoDB API keys (KEYS_TABLE_NAME of npm run keys)',
    });
    new CfnOutput(this, 'RateCounterTableName', {
      value: rateCounters.tableName,
      description: "The DynamoDB counters of the keys' rate limits",
    });
    new CfnOutput(this, 'QueueUrl', { value: queue.queueUrl, description: 'The delivery queue (QUEUE_URL)' });
    new CfnOutput(this, 'DeadLetterQueueArn', {
      value: deadLetters.queueArn,
      description:
        'The delivery jobs that failed 10 times: DLQ_ARN=<this> QUEUE_URL=<QueueUrl> npm run redrive',
    });
    new CfnOutput(this, 'DeadLetterAlarmName', {
      value: deadLetterAlarm.alarmName,
      description: 'In alarm while the dead-letter queue holds jobs',
    });
    if (sesTopic) {
      new CfnOutput(this, 'SesEventsTopicArn', {
        value: sesTopic.topicArn,
        description: "Point the SES configuration set's event destination (SNS) at this topic",
      });
    }
  }
}

/**
 * The receipt settings are checked at synth as the function checks them at start: a misspelt name
 * would otherwise leave its webhook silently off (404), and a secret must be a reference.
 */
function checkReceiptEnvironment(env: Readonly<Record<string, string>>) {
  const unknown = Object.keys(env).filter((name) => !(RECEIPT_SETTINGS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(
      `receipts: unknown setting(s) ${unknown.join(', ')}; known: ${RECEIPT_SETTINGS.join(', ')}`,
    );
  assertSecretsAreReferences(env);
  readReceiptSettings(env);
}

/**
 * Any other method on a route answers 405 with `Allow`, as the local server does: with or without a
 * key (`options` opens it), since locally the method is checked before the key.
 */
function methodNotAllowed(resource: IResource, allow: string, options: MethodOptions) {
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
      ...options,
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
