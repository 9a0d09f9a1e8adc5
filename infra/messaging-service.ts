import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  type CfnRestApi,
  DomainName,
  EndpointType,
  IdentitySource,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  type MethodDeploymentOptions,
  MethodLoggingLevel,
  type MethodOptions,
  MockIntegration,
  PassthroughBehavior,
  RequestAuthorizer,
  ResponseType,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MESSAGE_TABLE } from '../lib/adapters/dynamodb/message-table.js';
import { providerNames } from '../lib/channels/catalog.js';
import { MAX_RECEIVES } from '../lib/composition/queue.js';
import { UnauthorizedError } from '../lib/domain/errors.js';
import { CHANNELS } from '../lib/domain/message.schema.js';
import {
  API_FUNCTIONS,
  isLambdaFunction,
  type LambdaFunctionName,
  methodsByPath,
  ROUTES,
  routesOf,
} from '../lib/http/route-table.js';
import { OPENAPI_JSON } from '../lib/openapi/served.js';
import { RECEIPT_VARIABLES, readReceiptSettings } from '../lib/receipts/settings.js';
import { ApiFunction, ServiceFunction } from './constructs/api-function.js';
import { ConsoleHosting } from './constructs/console-hosting.js';
import { MessageScheduler } from './constructs/message-scheduler.js';
import { ServiceMonitoring } from './constructs/monitoring.js';
import { OPENAPI_OBJECT_KEY, OpenApiDocument } from './constructs/openapi-document.js';
import { createTables, type ServiceTables } from './constructs/tables.js';
import { RateLimitedWebAcl } from './constructs/web-acl.js';
import { type ObservabilityProps, observabilityEnvironment } from './observability.js';
import { assertSecretsAreReferences, providerGrants, secretGrants } from './provider-grants.js';

/** Requests per second and burst of an API Gateway throttle. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface MessagingServiceProps extends ObservabilityProps {
  /** The stage: names the API stage and the API; `dev` alone may run on the mock providers. */
  stage: string;
  /** Steady-state and burst request rates of the API stage (default 100/200). */
  throttle?: Throttle;
  /**
   * Each webhook method's own throttle (default 50/100): the providers' callbacks do not take the
   * keyed routes' share, nor those the callbacks'. Tenants are kept fair by their keys' limits.
   */
  webhookThrottle?: Throttle;
  /** Retention of every log group: the functions', the API's access and execution logs. */
  logRetention?: RetentionDays;
  /**
   * The provider settings of the functions that call providers (send, and the delivery worker):
   * `EMAIL_PROVIDERS`, `SES_FROM`, `TWILIO_AUTH_TOKEN`... Secrets go in as references
   * (`ssm:/name`, `secretsmanager:id#key`), never as values.
   */
  providerEnvironment?: Readonly<Record<string, string>>;
  /**
   * A stage other than `dev` whose channels would send through the mock (which answers `sent`
   * without sending) is refused unless this is true.
   */
  allowMockProviders?: boolean;
  /**
   * The webhooks' settings (RECEIPT_SETTINGS): `PUBLIC_URL`, `TWILIO_AUTH_TOKEN`, `META_APP_SECRET`,
   * `META_WEBHOOK_VERIFY_TOKEN`, `SES_SNS_TOPIC_ARN`; secrets as references. A webhook without its
   * setting answers 404.
   */
  receiptEnvironment?: Readonly<Record<string, string>>;
  /** Customer-managed KMS keys (ARNs) that the referenced secrets are encrypted with. */
  secretsKmsKeyArns?: readonly string[];
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
  /** Subscribed by email to the alarm topic (the subscription is confirmed from the mail). */
  alarmEmail?: string;
  /**
   * A custom domain for the API (REGIONAL, TLS 1.2 minimum) with its ACM certificate (or its ARN),
   * in the stack's region; `basePath` maps the stage under a path of the domain.
   */
  domain?: { domainName: string; certificate: ICertificate | string; basePath?: string | undefined };
  /**
   * A WAF web ACL on the stage with a rate-based rule: requests per source IP per 5 minutes
   * (true: 30000, the stage's own 100 requests/s over 5 minutes). Off by default (it costs per month).
   */
  waf?: boolean | { requestsPer5Minutes: number };
  /**
   * Create the account's API Gateway CloudWatch role (AWS::ApiGateway::Account): a setting of the
   * account and region, needed once for the API's logs; deploy one stack per account with it.
   */
  apiGatewayAccountRole?: boolean;
  /**
   * Keep the message table's retiring indexes (lib/adapters/dynamodb/message-table.ts) beside the
   * ones replacing them: the first deployment of an index replacement (docs/dynamodb.md, "Migrating").
   */
  keepRetiringIndexes?: boolean;
  /**
   * Message table indexes of a replacement not to declare yet (or any more): with
   * `keepRetiringIndexes`, the steps that add or delete one index each (docs/dynamodb.md, "Migrating").
   */
  holdIndexes?: readonly string[];
  /**
   * The key of the recipients' keyed hashes (erasure), as a reference (`ssm:/name`,
   * `secretsmanager:id#key`). Default: a secret the construct generates (64 characters, never
   * rotated: a new key would no longer match the hashes already written).
   */
  privacyHashKey?: string;
  /**
   * The send function's privacy settings (docs/api.md, Privacy): `MESSAGE_RETENTION_DAYS` (default
   * 90), `MESSAGE_RETENTION_DAYS_BY_TENANT`, `LOG_CONTENT` (`full` | `redacted`).
   */
  privacyEnvironment?: Readonly<Record<string, string>>;
}

// The DynamoDB actions each function needs, and no others.
export const TABLE_ACTIONS = {
  // BatchWriteItem: a batch send's records (DynamoDbMessageLog.createMany).
  send: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem'],
  get: ['dynamodb:GetItem'],
  list: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
  events: ['dynamodb:GetItem'],
  // Query: the lookup by provider message id, on its index.
  receipts: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  worker: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  // Erasure: the recipient's messages on their index (and the page's records), each read and rewritten.
  privacy: ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  // A new key's rate sets its tenant's list layout (a conditional update), on layout items only.
  layouts: ['dynamodb:UpdateItem'],
} as const;

/** The keys routes may write the layout items of the message table (`layout#<tenant>`), no message. */
export const LAYOUT_ITEMS_ONLY = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [MESSAGE_TABLE.layoutId('*')] },
};

// GET /stats reads a range of counters per shard; the stream consumer adds to them.
export const STATS_ACTIONS = {
  read: ['dynamodb:Query'],
  count: ['dynamodb:UpdateItem'],
} as const;

/**
 * The stats consumer's window: each stream shard's changes are summed for this long, then added in
 * one write per counter item (docs/dynamodb.md): the counts lag the log by at most about as much.
 */
export const STATS_WINDOW = Duration.seconds(30);
// The metadata index: written (one item per pair) by the sends, read by the list.
export const METADATA_ACTIONS = { send: ['dynamodb:BatchWriteItem'], list: ['dynamodb:Query'] } as const;

// The key store's actions of the authorizer: read the key, record its last use (lastUsedAt).
export const API_KEY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'] as const;
// The keys routes: create, read (for revoke), revoke, and list a tenant's keys on `byTenant`.
export const KEY_MANAGEMENT_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
] as const;
// The templates routes: a version put and the head moved, reads, the delete, and the list on `byTenant`.
export const TEMPLATE_MANAGEMENT_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:Query',
] as const;
// A templated send reads its template, nothing more.
export const TEMPLATE_READ_ACTIONS = ['dynamodb:GetItem'] as const;
// The rate limiter's one action, a conditional ADD per window: the routes that check a key's limits.
export const RATE_COUNTER_ACTIONS = ['dynamodb:UpdateItem'] as const;

// The idempotency store's actions (send only): claim, read the holder, complete, release.
export const IDEMPOTENCY_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

// The suppression list's actions. Senders read an entry before each send and add one when a
// provider's rejection says the recipient opted out; the receipts add (bounces, complaints,
// opt-outs) and lift (START); the /suppressions routes do all, and list a tenant's on its index.
export const SUPPRESSION_CHECK_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'] as const;
export const SUPPRESSION_RECEIPT_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;
// Erasure moves the recipient's entry to its keyed hash: read, written under the hash, deleted.
export const SUPPRESSION_ERASURE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;
export const SUPPRESSION_MANAGEMENT_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
] as const;
// Erasure deletes the kept answers of the erased messages, found on the idempotency table's index.
export const IDEMPOTENCY_ERASURE_ACTIONS = ['dynamodb:Query', 'dynamodb:DeleteItem'] as const;
// Erasure jobs: recorded once, read by id.
export const ERASURE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:GetItem'] as const;
// Status webhooks (docs/webhooks.md): the routes manage endpoints and read deliveries (a page is
// fetched by BatchGetItem, an endpoint's deliveries deleted with it by BatchWriteItem); the fan-out
// lists a tenant's endpoints and adds deliveries; the delivery function reads and saves a delivery,
// looks for an earlier one of its message (Query), and marks its endpoint failing or healthy.
export const WEBHOOK_ACTIONS = {
  manage: [
    'dynamodb:PutItem',
    'dynamodb:GetItem',
    'dynamodb:DeleteItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
  ],
  dispatch: ['dynamodb:Query', 'dynamodb:PutItem'],
  deliver: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  // Erasure: the tenant's endpoints and each one's deliveries of a message listed, their copies rewritten.
  erase: ['dynamodb:Query', 'dynamodb:UpdateItem'],
} as const;

/** A route table function's entry point. */
const entryOf = (name: LambdaFunctionName) => `functions/${API_FUNCTIONS[name].file}.ts`;

/** The receipt function's variables: the webhooks' settings (lib/receipts/settings.ts), no others. */
export const RECEIPT_SETTINGS = RECEIPT_VARIABLES;

/**
 * The worker's timeout. Its claims expire after as long (DELIVERY_LEASE_MS): a claim older than that
 * belongs to an invocation that was stopped. SQS hides a received job for 6 times as long, as AWS
 * advises for a Lambda event source, so that a job is not handed out again while a retried batch runs.
 */
export const WORKER_TIMEOUT = Duration.seconds(60);
export const QUEUE_VISIBILITY_TIMEOUT = Duration.seconds(6 * WORKER_TIMEOUT.toSeconds());

/** schedule-messages' timeout: a batch of 10 CreateSchedule calls, each with its SDK retries. */
export const SCHEDULER_TIMEOUT = Duration.seconds(30);

/**
 * A queue and its dead-letter queue (SQS-encrypted, TLS only), with an alarm on a job in the latter.
 * A job goes there after as many receives as the offline queue allows (lib/composition/queue.ts).
 */
function queueWithDeadLetters(
  scope: Construct,
  name: string,
  options: { visibilityTimeout: Duration; alarmDescription: string },
) {
  const deadLetters = new Queue(scope, `${name}DeadLetters`, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new Queue(scope, `${name}Queue`, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: options.visibilityTimeout,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
  });
  Validations.of(deadLetters).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'This is the dead-letter queue: its jobs are moved back by npm run redrive once the cause is fixed.',
  });
  const alarm = deadLetters
    .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
    .createAlarm(scope, `${name}DeadLettersAlarm`, {
      alarmDescription: options.alarmDescription,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  return { queue, deadLetters, alarm };
}

/**
 * The webhook delivery function's timeout: a batch's attempts run at once, each within 10 s. A
 * delivery is received once per attempt (9 at most) and once per wait behind an earlier event of its
 * message: after this many receives it is dead (its dead-letter queue is alarmed).
 */
export const WEBHOOK_DELIVERY_TIMEOUT = Duration.seconds(30);
export const WEBHOOK_MAX_RECEIVES = 30;

/**
 * The contract's error body, for answers API Gateway gives without calling a function. `message` is
 * a VTL expression that yields a JSON string: API Gateway's own message, or a quoted text.
 */
const errorTemplate = (code: string, message = '$context.error.messageString') =>
  `{"error":{"code":"${code}","message":${message},"requestId":"$context.requestId"}}`;

/**
 * The messaging service on AWS, as a construct a CDK app can hold in any stack: REST API -> one
 * Lambda per route -> the DynamoDB message log; queued sends go through SQS to the delivery worker
 * (failed jobs to a dead-letter queue); providers' receipts come in on the /webhooks routes, which
 * carry no API key or authorizer since the providers call them (each callback is verified by its
 * provider's signature). Alarms notify an SNS topic; a dashboard shows traffic and outcomes.
 *
 * Every other route needs an API key (`x-api-key`), checked by a Lambda REQUEST authorizer against
 * the ApiKeys table; the routes read the key's tenant, scopes and limits from its context, and count
 * its requests in the RateCounters table.
 *
 * With `sesEvents`, an SNS topic carries SES events to POST /webhooks/ses: point the SES
 * configuration set's event destination (Delivery, Bounce, Complaint, Reject) at that topic
 * (SesEventsTopicArn) and send with that configuration set (SES_CONFIGURATION_SET).
 */
export class MessagingService extends Construct {
  readonly api: RestApi;
  readonly tables: ServiceTables;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;
  /** The status webhooks' deliveries, and those that kept failing to be handled. */
  readonly webhookQueue: Queue;
  readonly webhookDeadLetters: Queue;
  /** Jobs due beyond SQS's 15 minutes, read by schedule-messages; its dead-letter queue, alarmed. */
  readonly schedulingQueue: Queue;
  readonly schedulingDeadLetters: Queue;
  readonly schedulingDeadLetterAlarm: Alarm;
  /** EventBridge Scheduler's group and role for messages scheduled beyond SQS's 15 minutes. */
  readonly scheduler: MessageScheduler;
  readonly functions: Readonly<
    Record<
      | LambdaFunctionName
      | 'authorize'
      | 'deliverMessages'
      | 'scheduleMessages'
      | 'countStats'
      | 'dispatchWebhooks'
      | 'deliverWebhooks',
      ServiceFunction
    >
  >;
  readonly monitoring: ServiceMonitoring;
  readonly accessLogs: LogGroup;
  readonly sesTopic?: Topic;
  readonly domain?: DomainName;
  /** The web console on CloudFront, the one origin the API allows (infra/constructs/console-hosting.ts). */
  readonly console: ConsoleHosting;
  /** GET /openapi.json, answered by API Gateway from S3 without a Lambda. */
  readonly openApiDocument: OpenApiDocument;

  constructor(scope: Construct, id: string, props: MessagingServiceProps) {
    super(scope, id);
    const stack = Stack.of(this);
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
    const metricsNamespace = props.metricsNamespace ?? 'Messaging';
    // The `service` dimension of every metric (POWERTOOLS_SERVICE_NAME).
    const serviceName = props.serviceName ?? 'messaging';
    if (!/^[A-Za-z0-9._/#:-]{1,255}$/.test(metricsNamespace))
      throw new Error(
        `metricsNamespace ${JSON.stringify(metricsNamespace)}: use letters, digits and . _ / # : -`,
      );

    const providerEnvironment = props.providerEnvironment ?? {};
    assertSecretsAreReferences(providerEnvironment);
    refuseMockProviders(props.stage, providerEnvironment, props.allowMockProviders === true);
    const secretKeys = props.secretsKmsKeyArns ?? [];

    const tables = createTables(this, {
      keepRetiringIndexes: props.keepRetiringIndexes === true,
      holdIndexes: props.holdIndexes ?? [],
    });
    this.tables = tables;
    Validations.of(tables.rateCounters).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Counters of the current second and day, deleted by TTL after their window: a restore would bring back expired windows, and losing them only resets the windows in progress.',
    });

    const delivery = queueWithDeadLetters(this, 'Delivery', {
      visibilityTimeout: QUEUE_VISIBILITY_TIMEOUT,
      alarmDescription:
        'Delivery jobs in the dead-letter queue: fix the cause, then npm run redrive (DLQ_ARN = output DeadLetterQueueArn)',
    });
    const { queue, deadLetters } = delivery;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.deadLetterAlarm = delivery.alarm;
    // Jobs due beyond SQS's 15 minutes, on their way to EventBridge Scheduler (schedule-messages).
    const scheduling = queueWithDeadLetters(this, 'Scheduling', {
      visibilityTimeout: Duration.seconds(6 * SCHEDULER_TIMEOUT.toSeconds()),
      alarmDescription:
        'Scheduled messages whose schedule could not be created are in the scheduling dead-letter queue: fix the cause (its errors say why), then npm run redrive with DLQ_ARN = output SchedulingDeadLetterQueueArn',
    });
    this.schedulingQueue = scheduling.queue;
    this.schedulingDeadLetters = scheduling.deadLetters;
    this.schedulingDeadLetterAlarm = scheduling.alarm;
    const sendToQueue = new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] });

    // Every function's environment beyond its own settings: one place, read by every function below.
    const sharedEnvironment = observabilityEnvironment({ ...props, metricsNamespace, serviceName });
    const settings = (entry: string, environment: Record<string, string> = {}) => ({
      entry,
      logRetention,
      environment: { ...sharedEnvironment, ...environment },
    });

    // The recipients' keyed hash (erasure): the privacy function writes it, and every function that
    // reads the suppression list looks erased entries up by it (docs/privacy.md).
    let privacyHashKey = props.privacyHashKey;
    let generatedHashKey: Secret | undefined;
    if (privacyHashKey === undefined) {
      const generated = new Secret(this, 'PrivacyHashKey', {
        description: "The key of the recipients' keyed hashes (erasure); never rotate it",
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
      Validations.of(generated).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          "The key of the erased recipients' hashes: a rotated key would no longer match the hashes already written (docs/api.md, Privacy).",
      });
      privacyHashKey = `secretsmanager:${generated.secretArn}`;
      generatedHashKey = generated;
    }
    const privacyEnvironment = { PRIVACY_HASH_KEY: privacyHashKey };
    assertSecretsAreReferences(privacyEnvironment);
    const readsHashKey = <F extends ApiFunction | ServiceFunction>(fn: F): F => {
      // The generated secret's ARN is known only at deployment: granted by the secret itself.
      if (generatedHashKey) generatedHashKey.grantRead(fn);
      else
        for (const statement of secretGrants(stack, privacyEnvironment, secretKeys))
          fn.addToRolePolicy(statement);
      return fn;
    };

    // The senders give Twilio each message's status callback, our id in its URL (docs/receipts.md).
    const publicUrl = props.receiptEnvironment?.PUBLIC_URL;
    const callbackEnvironment: Record<string, string> = publicUrl ? { PUBLIC_URL: publicUrl } : {};
    const send = new ApiFunction(
      this,
      'SendMessageFunction',
      settings(entryOf('sendMessage'), {
        ...providerEnvironment,
        ...callbackEnvironment,
        ...props.privacyEnvironment,
        ...privacyEnvironment,
        QUEUE_URL: queue.queueUrl,
        SCHEDULING_QUEUE_URL: scheduling.queue.queueUrl,
        DELIVERY_MODE: deliveryMode,
      }),
    )
      .bindTable(tables.messages, TABLE_ACTIONS.send)
      .bindTable(tables.metadata, METADATA_ACTIONS.send, 'METADATA_TABLE_NAME')
      .bindTable(tables.idempotency, IDEMPOTENCY_ACTIONS, 'IDEMPOTENCY_TABLE_NAME')
      .bindTable(tables.suppressions, SUPPRESSION_CHECK_ACTIONS, 'SUPPRESSIONS_TABLE_NAME')
      .bindTable(tables.templates, TEMPLATE_READ_ACTIONS, 'TEMPLATES_TABLE_NAME');
    send.addToRolePolicy(sendToQueue);
    readsHashKey(send);
    // Messages scheduled more than 15 minutes ahead (SQS's longest delay): send puts them on the
    // scheduling queue; schedule-messages, alone allowed to, makes each an EventBridge schedule.
    send.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [scheduling.queue.queueArn] }),
    );
    this.scheduler = new MessageScheduler(this, 'MessageScheduler', { queue, deadLetters });
    const scheduleMessages = new ServiceFunction(this, 'ScheduleMessagesFunction', {
      // A job that has come within 15 minutes of its time goes to the delivery queue itself.
      ...settings('functions/schedule-messages.ts', { QUEUE_URL: queue.queueUrl }),
      timeout: SCHEDULER_TIMEOUT,
    });
    scheduleMessages.addToRolePolicy(sendToQueue);
    this.scheduler.grantCreate(scheduleMessages);
    scheduleMessages.addEventSource(
      new SqsEventSource(scheduling.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );
    Validations.of(scheduleMessages).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source takes no on-failure destination: a job that keeps failing goes to the scheduling queue's dead-letter queue after 10 receives (alarmed).",
    });
    const providerStatements = providerGrants(stack, providerEnvironment, secretKeys);
    for (const statement of providerStatements) send.addToRolePolicy(statement);

    // The worker calls the providers for queued sends: their settings and grants, as send has them.
    const worker = new ServiceFunction(this, 'DeliverMessagesFunction', {
      ...settings('functions/deliver-messages.ts', {
        ...providerEnvironment,
        ...callbackEnvironment,
        // Retries are new jobs, sent with their backoff as delay.
        ...privacyEnvironment,
        QUEUE_URL: queue.queueUrl,
        DELIVERY_LEASE_MS: String(WORKER_TIMEOUT.toMilliseconds()),
      }),
      timeout: WORKER_TIMEOUT,
    })
      .bindTable(tables.messages, TABLE_ACTIONS.worker)
      .bindTable(tables.suppressions, SUPPRESSION_CHECK_ACTIONS, 'SUPPRESSIONS_TABLE_NAME');
    worker.addToRolePolicy(sendToQueue);
    readsHashKey(worker);
    for (const statement of providerStatements) worker.addToRolePolicy(statement);
    if (providerStatements.some((statement) => statement.resources.includes('*'))) {
      for (const fn of [send, worker]) {
        if (!fn.role) continue;
        Validations.of(fn.role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'sms-voice:SendTextMessage with AWS_SMS_ORIGINATION_IDENTITY given as a bare number or sender id (or none): only an ARN can scope it (README, AWS SMS settings); and X-Ray, which takes no resource.',
        });
      }
    }
    const workerSource = new SqsEventSource(queue, {
      batchSize: 10,
      reportBatchItemFailures: true,
      maxConcurrency: workerMaxConcurrency,
    });
    worker.addEventSource(workerSource);
    Validations.of(worker).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source takes no on-failure destination: a job that keeps failing goes to the queue's dead-letter queue after 10 receives (alarmed).",
    });

    const get = new ApiFunction(this, 'GetMessageFunction', settings(entryOf('getMessage'))).bindTable(
      tables.messages,
      TABLE_ACTIONS.get,
    );
    const list = new ApiFunction(this, 'ListMessagesFunction', settings(entryOf('listMessages')))
      .bindTable(tables.messages, TABLE_ACTIONS.list)
      .bindTable(tables.metadata, METADATA_ACTIONS.list, 'METADATA_TABLE_NAME');
    const listEvents = new ApiFunction(
      this,
      'ListMessageEventsFunction',
      settings(entryOf('listMessageEvents')),
    ).bindTable(tables.messages, TABLE_ACTIONS.events);

    const receiptEnvironment = { ...props.receiptEnvironment };
    checkReceiptEnvironment(receiptEnvironment);
    // Signature version 2 (SHA256withRSA), as docs/receipts.md advises.
    const sesTopic = props.sesEvents
      ? new Topic(this, 'SesEvents', { displayName: 'SES events', signatureVersion: '2', enforceSSL: true })
      : undefined;
    this.sesTopic = sesTopic;
    if (sesTopic) {
      // SES publishes the configuration set's events; only on behalf of this account.
      sesTopic.grantPublish(
        new ServicePrincipal('ses.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': stack.account },
        }),
      );
      receiptEnvironment.SES_SNS_TOPIC_ARN = [receiptEnvironment.SES_SNS_TOPIC_ARN, sesTopic.topicArn]
        .filter(Boolean)
        .join(',');
    }
    const receipts = new ApiFunction(
      this,
      'ReceiveReceiptFunction',
      settings(entryOf('receiveReceipt'), { ...receiptEnvironment, ...privacyEnvironment }),
    )
      .bindTable(tables.messages, TABLE_ACTIONS.receipts)
      .bindTable(tables.suppressions, SUPPRESSION_RECEIPT_ACTIONS, 'SUPPRESSIONS_TABLE_NAME');
    for (const statement of secretGrants(stack, receiptEnvironment, secretKeys))
      receipts.addToRolePolicy(statement);
    readsHashKey(receipts);

    // GET /stats reads the counters; the stats consumer moves them from the message table's stream.
    const stats = new ApiFunction(this, 'GetStatsFunction', settings(entryOf('getStats'))).bindTable(
      tables.stats,
      STATS_ACTIONS.read,
      'STATS_TABLE_NAME',
    );
    const countStats = new ServiceFunction(this, 'CountStatsFunction', {
      ...settings('functions/count-stats.ts'),
      timeout: Duration.seconds(60),
    }).bindTable(tables.stats, STATS_ACTIONS.count, 'STATS_TABLE_NAME');
    countStats.addEventSource(
      new DynamoEventSource(tables.messages, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 1000,
        // One batch per stream shard at a time (the default), which the counters' positions need;
        // the window names the shard and carries the sums (functions/count-stats.ts).
        parallelizationFactor: 1,
        tumblingWindow: STATS_WINDOW,
        // A failed window is retried until it succeeds (records live 24 hours in the stream): the
        // counters skip what they already hold, and giving up would make them drift from the log.
        retryAttempts: -1,
        // Only what can move a count: new messages and changes (a removal leaves the counts).
        filters: [{ pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }],
      }),
    );
    Validations.of(countStats).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'The stats consumer retries a failed window until it succeeds rather than drop it to a destination: a dropped window would make the counts drift from the log. Its errors and its iterator age (lag) are alarmed.',
    });

    // Checks x-api-key for every route but the webhooks: reads the keys table, records a key's last use.
    const authorizerFunction = new ApiFunction(
      this,
      'AuthorizeFunction',
      settings('functions/authorize.ts'),
    ).bindTable(tables.keys, API_KEY_ACTIONS, 'KEYS_TABLE_NAME');
    // A keys:manage key manages its own tenant's keys; a new key's rate may slot its tenant's list.
    const manageKeys = new ApiFunction(this, 'ManageKeysFunction', settings(entryOf('manageKeys')))
      .bindTable(tables.keys, KEY_MANAGEMENT_ACTIONS, 'KEYS_TABLE_NAME')
      .bindTable(tables.messages, TABLE_ACTIONS.layouts, 'TABLE_NAME', LAYOUT_ITEMS_ONLY);
    // Status webhook endpoints: a webhooks:manage key manages its tenant's; a retry is sent from here.
    const manageWebhooks = new ApiFunction(
      this,
      'ManageWebhooksFunction',
      settings(entryOf('manageWebhooks')),
    ).bindTable(tables.webhooks, WEBHOOK_ACTIONS.manage, 'WEBHOOKS_TABLE_NAME');
    // Their sender (docs/webhooks.md): the message table's stream -> the fan-out -> the webhook
    // queue -> the delivery function, which posts and retries by hiding the delivery until it is due.
    const webhookDeadLetters = new Queue(this, 'WebhookDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(webhookDeadLetters).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        "This is the webhook queue's dead-letter queue: its deliveries are moved back (SQS redrive) once the cause is fixed.",
    });
    const webhookQueue = new Queue(this, 'WebhookQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(6 * WEBHOOK_DELIVERY_TIMEOUT.toSeconds()),
      // The retries span about 23 hours, each wait hidden at most 12 hours: kept four days.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: webhookDeadLetters, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    });
    this.webhookQueue = webhookQueue;
    this.webhookDeadLetters = webhookDeadLetters;
    const webhookEnvironment = { WEBHOOK_QUEUE_URL: webhookQueue.queueUrl };
    const dispatchWebhooks = new ServiceFunction(this, 'DispatchWebhooksFunction', {
      ...settings('functions/dispatch-webhooks.ts', webhookEnvironment),
      timeout: Duration.seconds(60),
    }).bindTable(tables.webhooks, WEBHOOK_ACTIONS.dispatch, 'WEBHOOKS_TABLE_NAME');
    dispatchWebhooks.addToRolePolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [webhookQueue.queueArn] }),
    );
    dispatchWebhooks.addEventSource(
      new DynamoEventSource(tables.messages, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        // One batch per stream shard at a time: a message's changes are queued in their order.
        parallelizationFactor: 1,
        // A failed batch is handed again until it succeeds: what it added is not added twice.
        retryAttempts: -1,
        filters: [{ pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }],
      }),
    );
    Validations.of(dispatchWebhooks).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'The webhook fan-out retries a failed batch until it succeeds rather than drop status changes to a destination; its errors and its iterator age are alarmed.',
    });
    const deliverWebhooks = new ServiceFunction(this, 'DeliverWebhooksFunction', {
      ...settings('functions/deliver-webhooks.ts', webhookEnvironment),
      timeout: WEBHOOK_DELIVERY_TIMEOUT,
    }).bindTable(tables.webhooks, WEBHOOK_ACTIONS.deliver, 'WEBHOOKS_TABLE_NAME');
    // The event source grants receiving, deleting and ChangeMessageVisibility (the retries' waits).
    deliverWebhooks.addEventSource(
      new SqsEventSource(webhookQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );
    Validations.of(deliverWebhooks).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source takes no on-failure destination: a delivery that keeps failing to be handled goes to the webhook queue's dead-letter queue (alarmed).",
    });
    // A suppressions:manage key sees and changes its own tenant's suppression list.
    const manageSuppressions = new ApiFunction(
      this,
      'ManageSuppressionsFunction',
      settings(entryOf('manageSuppressions'), privacyEnvironment),
    ).bindTable(tables.suppressions, SUPPRESSION_MANAGEMENT_ACTIONS, 'SUPPRESSIONS_TABLE_NAME');
    readsHashKey(manageSuppressions);
    // Erasure: the log and the idempotency answers rewritten, the suppression entry moved to the
    // hash, the jobs recorded.
    const managePrivacy = readsHashKey(
      new ApiFunction(this, 'ManagePrivacyFunction', settings(entryOf('managePrivacy'), privacyEnvironment)),
    )
      .bindTable(tables.messages, TABLE_ACTIONS.privacy)
      .bindTable(tables.suppressions, SUPPRESSION_ERASURE_ACTIONS, 'SUPPRESSIONS_TABLE_NAME')
      .bindTable(tables.idempotency, IDEMPOTENCY_ERASURE_ACTIONS, 'IDEMPOTENCY_TABLE_NAME')
      .bindTable(tables.erasures, ERASURE_ACTIONS, 'ERASURE_TABLE_NAME')
      .bindTable(tables.webhooks, WEBHOOK_ACTIONS.erase, 'WEBHOOKS_TABLE_NAME');
    // A templates:manage key manages its own tenant's templates.
    const manageTemplates = new ApiFunction(
      this,
      'ManageTemplatesFunction',
      settings(entryOf('manageTemplates')),
    ).bindTable(tables.templates, TEMPLATE_MANAGEMENT_ACTIONS, 'TEMPLATES_TABLE_NAME');
    // Only the keyed routes count requests against the key's limits; the worker and the webhooks
    // have no key. (A route's key itself comes from the authorizer: they need no keys table.)
    const scoped = new Set(
      ROUTES.filter((route) => route.scope)
        .map((route) => route.function)
        .filter(isLambdaFunction),
    );
    const byName: Record<LambdaFunctionName, ApiFunction> = {
      sendMessage: send,
      listMessages: list,
      getMessage: get,
      listMessageEvents: listEvents,
      manageKeys,
      manageWebhooks,
      manageSuppressions,
      managePrivacy,
      manageTemplates,
      receiveReceipt: receipts,
      getStats: stats,
    };
    for (const name of scoped) {
      byName[name].bindTable(tables.rateCounters, RATE_COUNTER_ACTIONS, 'RATE_COUNTER_TABLE_NAME');
    }
    this.functions = {
      ...byName,
      authorize: authorizerFunction,
      deliverMessages: worker,
      scheduleMessages,
      countStats,
      dispatchWebhooks,
      deliverWebhooks,
    };
    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: authorizerFunction,
      // A request without the header is answered 401 by API Gateway, without invoking the function.
      identitySources: [IdentitySource.header('x-api-key')],
      resultsCacheTtl: Duration.seconds(authorizerCacheSeconds),
    });

    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };
    const webhookThrottle = props.webhookThrottle ?? { rateLimit: 50, burstLimit: 100 };
    // The webhooks' own method throttles, keyed `/path/METHOD` as API Gateway's method settings are.
    const methodOptions: Record<string, MethodDeploymentOptions> = {};
    for (const route of ROUTES.filter(isWebhook)) {
      methodOptions[`${route.path}/${route.method}`] = {
        throttlingRateLimit: webhookThrottle.rateLimit,
        throttlingBurstLimit: webhookThrottle.burstLimit,
      };
    }
    // One JSON line per request; never a body, a header or the key itself (only its id).
    this.accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention });
    const api = new RestApi(this, 'Api', {
      restApiName: `messaging-${props.stage}`,
      // Regional: callers are services in or near the region; CloudFront only where the console needs it.
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: props.apiGatewayAccountRole === true,
      // Every method needs a key unless it says otherwise (the webhooks, the 405 answers).
      defaultMethodOptions: { authorizer, authorizationType: AuthorizationType.CUSTOM },
      description:
        'Messaging service: POST /sendMessage, GET /messages, GET /messages/{id}, GET /messages/{id}/events, /keys, /suppressions, /webhooks/{twilio,meta,ses}',
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        methodOptions,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: ACCESS_LOG_FORMAT,
        // Execution logs of errors only, without request or response data (message content).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
      },
    });
    this.api = api;
    // API Gateway creates the execution log group itself, kept forever: made here first, with the
    // functions' retention.
    const executionLogs = new LogGroup(this, 'ApiExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${props.stage}`,
      retention: logRetention,
    });
    api.deploymentStage.node.addDependency(executionLogs);

    // Path parameters are required: an empty `{id}` never reaches a function.
    const validator = api.addRequestValidator('ParameterValidator', { validateRequestParameters: true });
    Validations.of(api.node.defaultChild as CfnRestApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        "Request parameters are validated by API Gateway; bodies by the functions against the zod schemas, which answer the contract's 400 naming each field (docs/api.md). An API Gateway model would be a second copy of the schema answering another error body.",
    });
    const pathParameters = (path: string) => {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      return names.length === 0
        ? {}
        : {
            requestParameters: Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true])),
          };
    };

    // The route table (lib/http/route-table.ts) makes the API: each path's resources, each route's
    // method (open where the route has no scope: the providers call the webhooks), and a 405 with
    // `Allow` for any other method on a path.
    const integrations = new Map<LambdaFunctionName, LambdaIntegration>();
    const integrationOf = (name: LambdaFunctionName) => {
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
      // GET /openapi.json is API Gateway's own, from S3: made with the bucket, below.
      if (!isLambdaFunction(route.function)) continue;
      const resource = api.root.resourceForPath(route.path);
      const method = resource.addMethod(route.method, integrationOf(route.function), {
        ...(route.scope ? {} : open),
        requestValidator: validator,
        ...pathParameters(route.path),
      });
      if (route.scope) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason:
            "Callers are services holding the service's own API keys, checked by the Lambda REQUEST authorizer (keys table: tenant, scopes, limits, revocation); there are no user pool users.",
        });
      } else if (isWebhook(route)) {
        Validations.of(method).acknowledge(
          {
            id: 'AwsSolutions-APIG4',
            reason:
              "A provider's delivery callback: the provider cannot send our API key; the function verifies the provider's signature over the exact request (403 otherwise).",
          },
          {
            id: 'AwsSolutions-COG4',
            reason: "A provider's delivery callback, verified by the provider's signature, not a user pool.",
          },
        );
      } else {
        const reason =
          'The route table (lib/http/route-table.ts) gives this route no scope: public by design, it reads no tenant data.';
        Validations.of(method).acknowledge(
          { id: 'AwsSolutions-APIG4', reason },
          { id: 'AwsSolutions-COG4', reason },
        );
      }
    }
    for (const [path, allow] of methodsByPath()) {
      methodNotAllowed(api.root.resourceForPath(path), allow.join(', '), open);
    }
    const ses = api.root.resourceForPath('/webhooks/ses');

    if (sesTopic) {
      // SNS asks the endpoint to confirm at once: the function and the route's invoke permissions must
      // exist by then (the URL already waits for the stage).
      const subscription = sesTopic.addSubscription(
        new UrlSubscription(`${api.url}webhooks/ses`, { protocol: SubscriptionProtocol.HTTPS }),
      );
      subscription.node.addDependency(receipts, ses);
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'SNS retries the HTTPS delivery by its delivery policy; a receipt still lost leaves its message sent, as README (Delivery receipts) says.',
      });
    }

    if (props.domain) {
      // TLS 1.2 at least; REGIONAL, so the certificate is in the stack's region.
      this.domain = new DomainName(this, 'Domain', {
        domainName: props.domain.domainName,
        certificate:
          typeof props.domain.certificate === 'string'
            ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificate)
            : props.domain.certificate,
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
        mapping: api,
        ...(props.domain.basePath ? { basePath: props.domain.basePath } : {}),
      });
    }

    if (props.waf) {
      new RateLimitedWebAcl(this, 'WebAcl', {
        name: `messaging-${props.stage}`,
        requestsPer5Minutes: props.waf === true ? 30_000 : props.waf.requestsPer5Minutes,
        stageArn: api.deploymentStage.stageArn,
      });
    } else {
      Validations.of(api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'WAF is a deployment option (context waf=true) for its monthly cost; without it every keyed route is bounded by its key limits and the stage throttle, the webhooks by their own method throttles.',
      });
    }

    addGatewayResponses(api);
    // The web console on CloudFront, allowed by the API: after the gateway responses, which it
    // gives the console's origin too.
    this.console = new ConsoleHosting(this, 'Console', {
      api,
      functions: [...scoped].map((name) => byName[name]),
      logRetention,
      // The same text the local server answers (lib/openapi/served.ts).
      files: { [OPENAPI_OBJECT_KEY]: OPENAPI_JSON },
    });
    // After the console, whose bucket holds it: the console's page does not read it, so it needs
    // neither a preflight nor the console's origin.
    const [openApiRoute] = routesOf('getOpenApi');
    if (!openApiRoute) throw new Error('The route table has no route for getOpenApi');
    this.openApiDocument = new OpenApiDocument(this, 'OpenApiDocument', {
      resource: api.root.resourceForPath(openApiRoute.path),
      bucket: this.console.bucket,
      options: { ...open, requestValidator: validator },
      errorTemplate: errorTemplate(
        'INTERNAL',
        '"The OpenAPI document could not be read; quote the requestId when reporting it"',
      ),
    });

    this.monitoring = new ServiceMonitoring(this, 'Monitoring', {
      stage: props.stage,
      namespace: metricsNamespace,
      service: serviceName,
      api,
      accessLogs: this.accessLogs,
      functions: this.functions,
      authorizer: authorizerFunction,
      queue,
      deadLetters,
      deadLetterAlarms: [this.deadLetterAlarm, this.schedulingDeadLetterAlarm],
      tables: Object.values(tables),
      streamConsumers: { countStats, dispatchWebhooks },
      webhookDeadLetters,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
  }
}

/** A provider's callback: open (signed by the provider), and throttled on its own. */
const isWebhook = (route: { scope: string | null; path: string }) =>
  route.scope === null && route.path.startsWith('/webhooks/');

/**
 * The access log line: who (key id, tenant: the authorizer's context), what (route, method, status),
 * how long (total and the function's), and API Gateway's own error type, as JSON.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: AccessLogField.contextRequestId(),
    time: AccessLogField.contextRequestTime(),
    keyId: AccessLogField.contextAuthorizerPrincipalId(),
    tenant: AccessLogField.contextAuthorizer('tenant'),
    httpMethod: AccessLogField.contextHttpMethod(),
    route: AccessLogField.contextResourcePath(),
    path: AccessLogField.contextPath(),
    status: AccessLogField.contextStatus(),
    latencyMs: AccessLogField.contextResponseLatency(),
    integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
    responseLength: AccessLogField.contextResponseLength(),
    errorType: AccessLogField.contextErrorResponseType(),
    authorizerError: AccessLogField.contextAuthorizerError(),
    sourceIp: AccessLogField.contextIdentitySourceIp(),
    userAgent: AccessLogField.contextIdentityUserAgent(),
  }),
);

/**
 * A stage other than `dev` must send through real providers: the mock answers `sent` without
 * sending, so a production stage deployed without provider settings would lose every message quietly.
 */
function refuseMockProviders(stage: string, env: Readonly<Record<string, string>>, allowed: boolean) {
  if (stage === 'dev' || allowed) return;
  const mocked = CHANNELS.filter((channel) => providerNames(env, channel).includes('mock'));
  if (mocked.length > 0)
    throw new Error(
      `stage ${stage}: ${mocked.join(', ')} would send through the mock provider, which sends nothing; ` +
        'configure their providers (context providers) or deploy with -c allowMockProviders=true',
    );
}

/** API Gateway's own answers, in the contract's error shape. */
function addGatewayResponses(api: RestApi) {
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
  const method = resource.addMethod(
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
  Validations.of(method).acknowledge(
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'A mock answering 405 with Allow, as the local server does before any key check; it reaches no function or data.',
    },
    { id: 'AwsSolutions-COG4', reason: 'A mock answering 405; it reaches no function or data.' },
  );
}
