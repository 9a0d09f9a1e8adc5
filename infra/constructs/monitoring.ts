import { Duration, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type LogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CHANNELS } from '../../lib/domain/message.schema.js';

export interface ServiceMonitoringProps {
  stage: string;
  /** The functions' metrics namespace and service name (docs/operations.md, the metric contract). */
  namespace: string;
  service: string;
  api: RestApi;
  accessLogs: LogGroup;
  functions: Readonly<Record<string, IFunction>>;
  /** The authorizer: its Lambda errors count every refused key, so it is watched through API Gateway. */
  authorizer: IFunction;
  queue: Queue;
  deadLetters: Queue;
  /** An alarm per dead-letter queue: a job in it. */
  deadLetterAlarms: readonly Alarm[];
  tables: readonly Table[];
  /** The functions that read a DynamoDB stream, by name: how far behind each is, alarmed. */
  streamConsumers?: Readonly<Record<string, IFunction>>;
  /** The status webhooks' dead-letter queue: a delivery in it is alarmed. */
  webhookDeadLetters?: Queue;
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The DynamoDB operations the functions call: the alarms' metric math stays within 10 metrics. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
];

/** A metric of the service's contract (lib/ports/metrics.ts), under one of its dimension sets. */
const contractMetric = (
  props: Pick<ServiceMonitoringProps, 'namespace' | 'service'>,
  metricName: string,
  dimensions: Record<string, string> = {},
  statistic = 'Sum',
) =>
  new Metric({
    namespace: props.namespace,
    metricName,
    dimensionsMap: { service: props.service, ...dimensions },
    statistic,
    period: FIVE_MINUTES,
  });

/** The metric filter's metric: API Gateway's 5xx answers when the authorizer failed (not a refused key). */
export const AUTHORIZER_FAILURES_METRIC = 'AuthorizerFailures';

/**
 * The service's alarms, each notifying one SNS topic (and its email, if given) when it fires and when
 * it clears, and its dashboard. Thresholds and their reasons: docs/operations.md.
 */
export class ServiceMonitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    const { api, namespace } = props;
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Messaging ${props.stage} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      const email = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(email).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          "Alarm notifications by email: a notification that cannot be delivered is still in the alarm's history and state, which the dashboard shows.",
      });
    }
    const action = new SnsAction(this.topic);
    const watch = (alarm: Alarm) => {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
      return alarm;
    };
    for (const alarm of props.deadLetterAlarms) watch(alarm);

    // The API: the share of 5xx answers, once there is traffic enough for a share to mean something.
    const requests = api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    watch(
      new MathExpression({
        expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
        usingMetrics: { requests, errors: serverErrors },
        label: 'API 5xx (%)',
        period: FIVE_MINUTES,
      }).createAlarm(this, 'Api5xxRate', {
        alarmDescription:
          'More than 5% of API answers are 5xx (2 of the last 3 five-minute periods, at least 20 requests each)',
        threshold: 5,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const latencyP99 = api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    watch(
      latencyP99.createAlarm(this, 'ApiLatencyP99', {
        alarmDescription: 'API p99 latency above 5 s for 15 minutes: a provider is close to its 10 s timeout',
        threshold: 5000,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    for (const [name, fn] of Object.entries(props.functions)) {
      // Every route answers its errors itself: a Lambda error is a crash, a timeout or a failed start.
      // (Not the authorizer's, whose refused keys are Lambda errors too: see AuthorizerFailures.)
      if (fn !== props.authorizer) {
        watch(
          fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(this, `${name}Errors`, {
            alarmDescription: `${name}: 3 or more Lambda errors (crash, timeout, failed start) in 5 minutes`,
            threshold: 3,
            comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
        );
      }
      watch(
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(this, `${name}Throttles`, {
          alarmDescription: `${name}: invocations refused for concurrency (the account's limit is reached)`,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    // API Gateway's answer when the authorizer failed (threw anything but "Unauthorized", timed out,
    // or answered a malformed policy), counted from the access log's errorType.
    const authorizerFailures = new MetricFilter(this, 'AuthorizerFailuresFilter', {
      logGroup: props.accessLogs,
      metricNamespace: namespace,
      metricName: AUTHORIZER_FAILURES_METRIC,
      filterPattern: FilterPattern.any(
        FilterPattern.stringValue('$.errorType', '=', 'AUTHORIZER_FAILURE'),
        FilterPattern.stringValue('$.errorType', '=', 'AUTHORIZER_CONFIGURATION_ERROR'),
      ),
      metricValue: '1',
    }).metric({ period: FIVE_MINUTES, statistic: 'Sum' });
    watch(
      authorizerFailures.createAlarm(this, 'AuthorizerErrors', {
        alarmDescription:
          'The API key authorizer failed 3 or more times in 5 minutes (keyed routes answer 500)',
        threshold: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    watch(
      props.queue
        .metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' })
        .createAlarm(this, 'QueueOldestMessageAge', {
          alarmDescription:
            'A delivery job has waited over 20 minutes (longer than any retry delay): the worker is behind or failing',
          threshold: 1200,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
    );

    if (props.webhookDeadLetters) {
      watch(
        props.webhookDeadLetters
          .metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' })
          .createAlarm(this, 'WebhookDeadLetters', {
            alarmDescription:
              'Status webhook deliveries in their dead-letter queue: the delivery function kept failing on them (its errors say why); move them back with an SQS redrive once fixed',
            threshold: 0,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 1,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
      );
    }

    // Status webhooks failing for everyone: attempts fail and not one, to any tenant's endpoint,
    // succeeds. One tenant's broken endpoint cannot fire it while any other endpoint answers 2xx
    // (docs/operations.md says why not a ratio).
    watch(
      new MathExpression({
        expression: 'IF(FILL(delivered, 0) == 0, FILL(failed, 0), 0)',
        usingMetrics: {
          delivered: contractMetric(props, 'WebhookDelivered'),
          failed: contractMetric(props, 'WebhookAttemptFailed'),
        },
        label: 'webhook attempts failed, none delivered',
        period: FIVE_MINUTES,
      }).createAlarm(this, 'WebhooksFailing', {
        alarmDescription:
          'Status webhooks: 10 or more attempts failed and none was delivered, to any endpoint, in each of 3 five-minute periods: the sender cannot reach anyone (egress, DNS, signing); failures by class on the dashboard',
        threshold: 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    for (const [name, fn] of Object.entries(props.streamConsumers ?? {})) {
      watch(
        fn
          .metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' })
          .createAlarm(this, `${name}IteratorAge`, {
            alarmDescription: `${name} is over 10 minutes behind its stream in two periods in a row: its windows keep failing (its errors say why), or it cannot keep up; records older than 24 hours are lost`,
            threshold: 600_000,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 2,
            treatMissingData: TreatMissingData.NOT_BREACHING,
          }),
      );
    }

    // The contract's ratio: MessageFailed / (MessageSent + MessageFailed) per channel, with volume.
    for (const channel of CHANNELS) {
      watch(
        new MathExpression({
          // FILL: a period without a MessageSent point (every send failing) must read as 100%, and
          // arithmetic on two series keeps only the timestamps both have.
          expression:
            'IF(FILL(sent, 0) + FILL(failed, 0) >= 10, 100 * FILL(failed, 0) / (FILL(sent, 0) + FILL(failed, 0)), 0)',
          usingMetrics: {
            sent: contractMetric(props, 'MessageSent', { channel }),
            failed: contractMetric(props, 'MessageFailed', { channel }),
          },
          label: `${channel} failed (%)`,
          period: FIVE_MINUTES,
        }).createAlarm(this, `ProviderFailureRatio${channel[0]?.toUpperCase()}${channel.slice(1)}`, {
          alarmDescription: `More than 20% of ${channel} messages failed for 15 minutes (at least 10 per 5 minutes): its providers are failing`,
          threshold: 20,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    for (const table of props.tables) {
      const tableId = table.node.id;
      watch(
        new Alarm(this, `${tableId}Throttled`, {
          metric: table.metricThrottledRequestsForOperations({
            operations: TABLE_OPERATIONS,
            period: FIVE_MINUTES,
            statistic: 'Sum',
          }),
          alarmDescription: `${tableId}: DynamoDB throttled requests in two five-minute periods in a row`,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      watch(
        new Alarm(this, `${tableId}SystemErrors`, {
          metric: table.metricSystemErrorsForOperations({
            operations: TABLE_OPERATIONS,
            period: FIVE_MINUTES,
            statistic: 'Sum',
          }),
          alarmDescription: `${tableId}: DynamoDB system errors (500) in two five-minute periods in a row`,
          threshold: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 2,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }

    this.dashboard = this.buildDashboard(props, { requests, serverErrors, authorizerFailures });
  }

  private buildDashboard(
    props: ServiceMonitoringProps,
    shared: { requests: Metric; serverErrors: Metric; authorizerFailures: Metric },
  ): Dashboard {
    const { api, namespace, service } = props;
    const search = (label: string, dimensions: string, metricName: string, statistic = 'Sum') =>
      new MathExpression({
        expression: `SEARCH('{${namespace},${dimensions}} service="${service}" MetricName="${metricName}"', '${statistic}', 300)`,
        label,
        usingMetrics: {},
        period: FIVE_MINUTES,
      });
    const functions = Object.entries(props.functions);
    const perFunction = (metric: (fn: IFunction) => IMetric) => functions.map(([, fn]) => metric(fn));
    const graph = (title: string, left: IMetric[], right: IMetric[] = [], width = 8) =>
      new GraphWidget({ title, left, right, width, height: 6 });
    const dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(3),
    });
    dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    dashboard.addWidgets(
      graph(
        'API requests and errors',
        [shared.requests.with({ label: 'requests' })],
        [
          api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: '4xx' }),
          shared.serverErrors.with({ label: '5xx' }),
        ],
      ),
      graph('Messages accepted (by channel, mode)', [
        search('accepted', 'service,channel,mode', 'MessageAccepted'),
      ]),
      graph('Refused: 401/403 and 429', [
        search('auth rejected', 'service,status', 'AuthRejected'),
        search('rate limited', 'service', 'RateLimited'),
      ]),
    );
    dashboard.addWidgets(
      graph('Sent and failed (by channel, provider)', [
        search('sent', 'service,channel,provider', 'MessageSent'),
        search('failed', 'service,channel,provider,errorClass', 'MessageFailed'),
      ]),
      graph('Delivered and undelivered (receipts)', [
        search('delivered', 'service,channel,provider', 'MessageDelivered'),
        search('undelivered', 'service,channel,provider', 'MessageUndelivered'),
      ]),
      graph('Failovers, retries, dead letters, replays', [
        search('failover', 'service,channel', 'ProviderFailover'),
        search('retry', 'service,channel', 'DeliveryRetry'),
        search('dead-lettered', 'service', 'DeadLettered'),
        search('idempotent replay', 'service', 'IdempotentReplay'),
      ]),
    );
    dashboard.addWidgets(
      graph(
        'API latency (ms)',
        ['p50', 'p90', 'p99'].map((statistic) =>
          api.metricLatency({ period: FIVE_MINUTES, statistic, label: `latency ${statistic}` }),
        ),
        ['p50', 'p99'].map((statistic) =>
          api.metricIntegrationLatency({
            period: FIVE_MINUTES,
            statistic,
            label: `integration ${statistic}`,
          }),
        ),
      ),
      graph('Provider call latency (ms, by provider)', [
        search('p50', 'service,provider', 'ProviderLatency', 'p50'),
        search('p99', 'service,provider', 'ProviderLatency', 'p99'),
      ]),
      graph(
        'Function duration p99 (ms)',
        perFunction((fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })),
      ),
    );
    dashboard.addWidgets(
      graph(
        'Delivery queue',
        [
          props.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'visible' }),
          props.queue.metricApproximateNumberOfMessagesNotVisible({
            period: FIVE_MINUTES,
            label: 'in flight',
          }),
          props.deadLetters.metricApproximateNumberOfMessagesVisible({
            period: FIVE_MINUTES,
            statistic: 'Maximum',
            label: 'dead letters',
          }),
        ],
        [
          props.queue.metricApproximateAgeOfOldestMessage({
            period: FIVE_MINUTES,
            statistic: 'Maximum',
            label: 'oldest (s)',
          }),
        ],
      ),
      graph('Function errors', [
        ...perFunction((fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })),
        shared.authorizerFailures.with({ label: 'authorizer failures (API)' }),
      ]),
      graph('Throttles (Lambda, DynamoDB)', [
        ...perFunction((fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })),
        // Throttle events per table (the alarms' per-operation metrics would share ids across tables).
        ...props.tables.flatMap((table) =>
          ['ReadThrottleEvents', 'WriteThrottleEvents'].map((metricName) =>
            table.metric(metricName, {
              period: FIVE_MINUTES,
              statistic: 'Sum',
              label: `${table.node.id} ${metricName}`,
            }),
          ),
        ),
      ]),
    );
    // Status webhooks, across every tenant (no tenant or endpoint dimension, by contract).
    const webhooks = (metricName: string, label: string, statistic = 'Sum') =>
      contractMetric(props, metricName, {}, statistic).with({ label });
    dashboard.addWidgets(
      graph(
        'Webhooks: delivered, gave up, endpoints disabled',
        [
          webhooks('WebhookDelivered', 'delivered'),
          webhooks('WebhookGaveUp', 'gave up'),
          webhooks('WebhookEndpointDisabled', 'endpoints disabled'),
        ],
        props.webhookDeadLetters
          ? [
              props.webhookDeadLetters.metricApproximateNumberOfMessagesVisible({
                period: FIVE_MINUTES,
                statistic: 'Maximum',
                label: 'dead letters',
              }),
            ]
          : [],
      ),
      graph('Webhook attempts failed (by class)', [
        search('failed', 'service,failureClass', 'WebhookAttemptFailed'),
      ]),
      graph('Webhook latency (ms)', [
        webhooks('WebhookLatency', 'p50', 'p50'),
        webhooks('WebhookLatency', 'p99', 'p99'),
      ]),
    );
    // What the bill follows: invocations and their duration, DynamoDB capacity, requests.
    dashboard.addWidgets(
      graph(
        'Cost: Lambda invocations and duration',
        perFunction((fn) => fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' })),
        perFunction((fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'Sum' })),
        12,
      ),
      graph(
        'Cost: DynamoDB consumed capacity',
        props.tables.map((table) =>
          table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES, label: `${table.node.id} read` }),
        ),
        props.tables.map((table) =>
          table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES, label: `${table.node.id} write` }),
        ),
        12,
      ),
    );
    return dashboard;
  }
}
