import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessagingService } from '../../infra/messaging-service.js';
import { MessagingStack, type MessagingStackProps } from '../../infra/messaging-stack.js';
import { CDK_JSON_CONTEXT, cdkApp } from '../support/cdk-app.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

function synth(props: Partial<MessagingStackProps> = {}) {
  const template = Template.fromStack(
    new MessagingStack(cdkApp(), 'Ops', { stage: 'test', allowMockProviders: true, ...props }),
  );
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  /** The alarms by logical id without the construct path's `Monitoring` and hash. */
  const alarms = () =>
    Object.fromEntries(
      Object.entries(resources('AWS::CloudWatch::Alarm')).map(([id, alarm]) => [
        id.replace(/^Monitoring/, '').replace(/[0-9A-F]{8}$/, ''),
        alarm.Properties,
      ]),
    );
  const one = (type: string) => {
    const all = Object.entries(resources(type));
    expect(all).toHaveLength(1);
    const [id, resource] = all[0] as [string, Resource];
    return { id, ...resource };
  };
  return { template, resources, alarms, one };
}

const FUNCTIONS = [
  'sendMessage',
  'listMessages',
  'getMessage',
  'listMessageEvents',
  'manageKeys',
  'manageWebhooks',
  'manageSuppressions',
  'managePrivacy',
  'manageTemplates',
  'receiveReceipt',
  'getStats',
  'authorize',
  'deliverMessages',
  'scheduleMessages',
  'countStats',
  'dispatchWebhooks',
  'deliverWebhooks',
];

let stack: ReturnType<typeof synth>;
// The first synth of a process loads CDK's validation schemas: seconds on a busy machine.
beforeAll(() => {
  stack = synth();
}, 60_000);

describe('the alarms', () => {
  it('each notify the alarm topic when they fire and when they clear, the dead-letter alarm too', () => {
    const topic = { Ref: stack.one('AWS::SNS::Topic').id };
    const alarms = stack.alarms();
    expect(Object.keys(alarms)).toContain('DeliveryDeadLettersAlarm');
    expect(Object.keys(alarms)).toContain('SchedulingDeadLettersAlarm');
    for (const [id, alarm] of Object.entries(alarms)) {
      expect(alarm.AlarmActions, id).toEqual([topic]);
      expect(alarm.OKActions, id).toEqual([topic]);
      expect(alarm.TreatMissingData, id).toBe('notBreaching');
    }
  });

  it('are exactly the documented set', () => {
    const names = Object.keys(stack.alarms()).sort();
    const expected = [
      'DeliveryDeadLettersAlarm',
      'SchedulingDeadLettersAlarm',
      'Api5xxRate',
      'ApiLatencyP99',
      'AuthorizerErrors',
      'QueueOldestMessageAge',
      'countStatsIteratorAge',
      'dispatchWebhooksIteratorAge',
      'WebhookDeadLetters',
      'WebhooksFailing',
      ...['Email', 'Sms', 'Whatsapp'].map((c) => `ProviderFailureRatio${c}`),
      // Every function's throttles; every function's errors but the authorizer's (refused keys).
      ...FUNCTIONS.map((f) => `${f}Throttles`),
      ...FUNCTIONS.filter((f) => f !== 'authorize').map((f) => `${f}Errors`),
      ...[
        'Messages',
        'MessageMetadata',
        'IdempotencyKeys',
        'ApiKeys',
        'RateCounters',
        'Stats',
        'Suppressions',
        'Erasures',
        'Templates',
        'Webhooks',
      ].flatMap((t) => [`${t}Throttled`, `${t}SystemErrors`]),
    ].sort();
    expect(names).toEqual(expected);
  });

  it('page on the API: 5xx share over 5% with 20 requests, p99 latency over 5 s', () => {
    const { Api5xxRate, ApiLatencyP99 } = stack.alarms();
    expect(Api5xxRate).toMatchObject({
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    const metrics = Api5xxRate?.Metrics as { Id: string; Expression?: string; MetricStat?: unknown }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe(
      'IF(requests >= 20, 100 * errors / requests, 0)',
    );
    expect(JSON.stringify(metrics)).toContain('"MetricName":"5XXError"');
    expect(JSON.stringify(metrics)).toContain('"MetricName":"Count"');
    expect(ApiLatencyP99).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 5000,
      EvaluationPeriods: 3,
    });
  });

  it("watch each channel's failure ratio through the metric contract's MessageSent and MessageFailed", () => {
    const alarms = stack.alarms();
    for (const [name, channel] of [
      ['Email', 'email'],
      ['Sms', 'sms'],
      ['Whatsapp', 'whatsapp'],
    ]) {
      const alarm = alarms[`ProviderFailureRatio${name}`];
      expect(alarm).toMatchObject({ Threshold: 20, EvaluationPeriods: 3 });
      const metrics = alarm?.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: {
          Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] };
          Stat: string;
        };
      }[];
      // A channel whose every send fails emits no MessageSent at all: the ratio must still be 100%.
      expect(metrics.find((m) => m.Expression)?.Expression).toBe(
        'IF(FILL(sent, 0) + FILL(failed, 0) >= 10, 100 * FILL(failed, 0) / (FILL(sent, 0) + FILL(failed, 0)), 0)',
      );
      const byId = Object.fromEntries(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat]));
      for (const [id, metricName] of [
        ['sent', 'MessageSent'],
        ['failed', 'MessageFailed'],
      ] as const) {
        expect(byId[id]).toEqual({
          Metric: {
            Namespace: 'Messaging',
            MetricName: metricName,
            Dimensions: expect.arrayContaining([
              { Name: 'service', Value: 'messaging' },
              { Name: 'channel', Value: channel },
            ]),
          },
          Period: 300,
          Stat: 'Sum',
        });
        expect(byId[id]?.Metric.Dimensions).toHaveLength(2);
      }
    }
  });

  it("page when webhooks fail for every tenant: failed attempts with no delivery, on the service's totals", () => {
    const alarm = stack.alarms().WebhooksFailing;
    expect(alarm).toMatchObject({
      Threshold: 10,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
    });
    const metrics = alarm?.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] }; Stat: string };
    }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe(
      'IF(FILL(delivered, 0) == 0, FILL(failed, 0), 0)',
    );
    const byId = Object.fromEntries(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat]));
    expect(byId.delivered?.Metric.MetricName).toBe('WebhookDelivered');
    expect(byId.failed?.Metric.MetricName).toBe('WebhookAttemptFailed');
    // The totals across tenants: the service alone, never an endpoint or a failure class.
    for (const stat of [byId.delivered, byId.failed]) {
      expect(stat?.Metric.Dimensions).toEqual([{ Name: 'service', Value: 'messaging' }]);
      expect(stat?.Stat).toBe('Sum');
    }
  });

  it('count authorizer failures from the access log, not from refused keys', () => {
    const filter = stack.one('AWS::Logs::MetricFilter');
    const accessLogs = Object.keys(stack.resources('AWS::Logs::LogGroup')).find((id) =>
      id.startsWith('ApiAccessLogs'),
    );
    expect(filter.Properties).toMatchObject({
      LogGroupName: { Ref: accessLogs },
      FilterPattern:
        '{ ($.errorType = "AUTHORIZER_FAILURE") || ($.errorType = "AUTHORIZER_CONFIGURATION_ERROR") }',
      MetricTransformations: [
        { MetricNamespace: 'Messaging', MetricName: 'AuthorizerFailures', MetricValue: '1' },
      ],
    });
    expect(stack.alarms().AuthorizerErrors).toMatchObject({
      Namespace: 'Messaging',
      MetricName: 'AuthorizerFailures',
      Threshold: 3,
    });
    expect(stack.alarms().authorizeErrors).toBeUndefined();
  });

  it('watch the queue, the functions and the tables with their documented thresholds', () => {
    const alarms = stack.alarms();
    expect(alarms.QueueOldestMessageAge).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Statistic: 'Maximum',
      Threshold: 1200,
    });
    expect(alarms.sendMessageErrors).toMatchObject({
      MetricName: 'Errors',
      Threshold: 3,
      EvaluationPeriods: 1,
    });
    expect(alarms.deliverMessagesThrottles).toMatchObject({ MetricName: 'Throttles', Threshold: 1 });
    // The stats consumer's lag behind the message stream: 10 minutes, twice in a row.
    expect(alarms.countStatsIteratorAge).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: 600_000,
      EvaluationPeriods: 2,
    });
    const throttled = alarms.MessagesThrottled?.Metrics as {
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(new Set(throttled.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : [])))).toEqual(
      new Set(['ThrottledRequests']),
    );
    expect(alarms.MessagesSystemErrors).toMatchObject({ Threshold: 1, EvaluationPeriods: 2 });
    // CloudWatch allows 10 metrics in an alarm's math.
    for (const [id, alarm] of Object.entries(alarms))
      expect(((alarm.Metrics as unknown[] | undefined) ?? []).length, id).toBeLessThanOrEqual(11);
  });

  it('mail the alarm topic only when alarmEmail is given', () => {
    expect(stack.resources('AWS::SNS::Subscription')).toEqual({});
    const other = synth({ alarmEmail: 'ops@acme.example' });
    const topic = other.one('AWS::SNS::Topic').id;
    expect(other.one('AWS::SNS::Subscription').Properties).toEqual({
      Protocol: 'email',
      Endpoint: 'ops@acme.example',
      TopicArn: { Ref: topic },
    });
  });

  it('use the metrics namespace given, which the functions receive as METRICS_NAMESPACE', () => {
    const other = synth({ metricsNamespace: 'Acme/Messaging' });
    expect(JSON.stringify(other.alarms().ProviderFailureRatioSms)).toContain('"Namespace":"Acme/Messaging"');
    // The service's functions; not CDK's own for the console's deployment.
    const functions = Object.entries(other.resources('AWS::Lambda::Function')).filter(
      ([id]) => !/^Custom(S3AutoDeleteObjects|CDKBucketDeployment)/.test(id),
    );
    for (const [, fn] of functions) {
      expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        METRICS_NAMESPACE: 'Acme/Messaging',
        POWERTOOLS_SERVICE_NAME: 'messaging',
      });
    }
    expect(() => synth({ metricsNamespace: 'has spaces' })).toThrow(/metricsNamespace/);
  });
});

describe('the dashboard', () => {
  it('shows traffic, outcomes by channel and provider, latency, the queue, errors, throttles and cost', () => {
    const body = JSON.stringify(stack.one('AWS::CloudWatch::Dashboard').Properties.DashboardBody);
    for (const metric of [
      'MessageAccepted',
      'MessageSent',
      'MessageFailed',
      'MessageDelivered',
      'MessageUndelivered',
      'ProviderLatency',
      'ProviderFailover',
      'DeliveryRetry',
      'DeadLettered',
      'IdempotentReplay',
      'AuthRejected',
      'RateLimited',
      'AuthorizerFailures',
      'WebhookDelivered',
      'WebhookAttemptFailed',
      'WebhookGaveUp',
      'WebhookEndpointDisabled',
      'WebhookLatency',
    ])
      expect(body, metric).toContain(metric);
    // Webhook failures split by class, found by SEARCH like the per-provider outcomes.
    expect(body).toContain('{Messaging,service,failureClass}');
    expect(body).toContain('{Messaging,service,channel,provider}');
    for (const metric of [
      'Latency',
      'IntegrationLatency',
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'Invocations',
      'Throttles',
      'ConsumedReadCapacityUnits',
      'ConsumedWriteCapacityUnits',
    ])
      expect(body, metric).toContain(`\\"${metric}\\"`);
    for (const statistic of ['p50', 'p90', 'p99']) expect(body).toContain(statistic);
    expect(body).toContain('"type\\":\\"alarm\\"');
  });
});

describe('the access logs', () => {
  it('are JSON lines with request id, key id, tenant, route, status and latencies', () => {
    const stage = stack.one('AWS::ApiGateway::Stage').Properties;
    const setting = stage.AccessLogSetting as { DestinationArn: unknown; Format: string };
    const group = Object.keys(stack.resources('AWS::Logs::LogGroup')).find((id) =>
      id.startsWith('ApiAccessLogs'),
    );
    expect(JSON.stringify(setting.DestinationArn)).toContain(`"Ref":"${group}"`);
    expect(JSON.parse(setting.Format)).toMatchObject({
      requestId: '$context.requestId',
      keyId: '$context.authorizer.principalId',
      tenant: '$context.authorizer.tenant',
      httpMethod: '$context.httpMethod',
      route: '$context.resourcePath',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integrationLatency',
      errorType: '$context.error.responseType',
    });
    // No header, body or the key itself.
    expect(setting.Format).not.toMatch(/apiKey|requestOverride|body/i);
  });

  it("keep the functions' retention, and so do the execution logs, errors only and without data", () => {
    const other = synth({ logRetention: RetentionDays.ONE_WEEK });
    const groups = other.resources('AWS::Logs::LogGroup');
    for (const group of Object.values(groups)) expect(group.Properties.RetentionInDays).toBe(7);
    const [executionId, execution] =
      Object.entries(groups).find(([id]) => id.startsWith('ApiExecutionLogs')) ?? [];
    expect(JSON.stringify(execution?.Properties.LogGroupName)).toMatch(/API-Gateway-Execution-Logs_.*\/test/);
    const stage = other.one('AWS::ApiGateway::Stage');
    expect(stage.DependsOn).toContain(executionId);
    expect(stage.Properties.MethodSettings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ResourcePath: '/*',
          HttpMethod: '*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ]),
    );
  });
});

describe('the API', () => {
  it('is REGIONAL', () => {
    expect(stack.one('AWS::ApiGateway::RestApi').Properties.EndpointConfiguration).toEqual({
      Types: ['REGIONAL'],
    });
    expect(stack.resources('AWS::ApiGateway::DomainName')).toEqual({});
  });

  it('gives each webhook method its own throttle, apart from the stage-wide one', () => {
    const settings = stack.one('AWS::ApiGateway::Stage').Properties.MethodSettings as Record<
      string,
      unknown
    >[];
    const webhooks = settings.filter((s) => String(s.ResourcePath).startsWith('/~1webhooks'));
    expect(webhooks.map((s) => `${s.HttpMethod} ${s.ResourcePath}`).sort()).toEqual(
      [
        'POST /~1webhooks~1twilio',
        'POST /~1webhooks~1twilio~1inbound',
        'GET /~1webhooks~1meta',
        'POST /~1webhooks~1meta',
        'POST /~1webhooks~1ses',
      ].sort(),
    );
    for (const s of webhooks) expect(s).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const other = synth({ webhookThrottle: { rateLimit: 5, burstLimit: 10 } });
    const twilio = (
      other.one('AWS::ApiGateway::Stage').Properties.MethodSettings as Record<string, unknown>[]
    ).find((s) => s.ResourcePath === '/~1webhooks~1twilio');
    expect(twilio).toMatchObject({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
  });

  it('validates the request parameters of every route', () => {
    const validator = stack.one('AWS::ApiGateway::RequestValidator');
    expect(validator.Properties).toMatchObject({ ValidateRequestParameters: true });
    // The 405 mocks and the console's CORS preflights (mocks too) take no parameters.
    const routes = Object.values(stack.resources('AWS::ApiGateway::Method')).filter(
      (m) => m.Properties.HttpMethod !== 'ANY' && m.Properties.HttpMethod !== 'OPTIONS',
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const m of routes) expect(m.Properties.RequestValidatorId).toEqual({ Ref: validator.id });
    const withId = routes.filter((m) => m.Properties.RequestParameters);
    const id = { 'method.request.path.id': true };
    const parameters = withId.map((m) => JSON.stringify(m.Properties.RequestParameters)).sort();
    expect(parameters).toEqual(
      [
        // GET and DELETE /messages/{id}, its events, its resend, DELETE /keys/{id}, GET /erasures/{id};
        // GET, PATCH and DELETE /webhook-endpoints/{id}, its rotate-secret and its deliveries
        ...Array(11).fill(JSON.stringify(id)),
        // a delivery's retry
        JSON.stringify({ ...id, 'method.request.path.deliveryId': true }),
        // PUT and DELETE /suppressions/{recipient}
        ...Array(2).fill(JSON.stringify({ 'method.request.path.recipient': true })),
        // PUT, GET and DELETE /templates/{name}
        ...Array(3).fill(JSON.stringify({ 'method.request.path.name': true })),
      ].sort(),
    );
  });

  it('takes a custom domain only with TLS 1.2 at least, REGIONAL, mapped to the stage', () => {
    const certificate = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';
    const other = synth({ domain: { domainName: 'api.acme.example', certificate, basePath: 'v1' } });
    expect(other.one('AWS::ApiGateway::DomainName').Properties).toMatchObject({
      DomainName: 'api.acme.example',
      SecurityPolicy: 'TLS_1_2',
      RegionalCertificateArn: certificate,
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    expect(other.one('AWS::ApiGateway::BasePathMapping').Properties).toMatchObject({ BasePath: 'v1' });
    other.template.hasOutput('DomainTarget', {});
  });

  it('puts a WAF web ACL with a per-IP rate rule on the stage only when asked', () => {
    expect(stack.resources('AWS::WAFv2::WebACL')).toEqual({});
    const other = synth({ waf: { requestsPer5Minutes: 6000 } });
    const acl = other.one('AWS::WAFv2::WebACL');
    expect(acl.Properties.Scope).toBe('REGIONAL');
    expect(acl.Properties.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: { Limit: 6000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 },
          },
        }),
      ]),
    );
    const association = other.one('AWS::WAFv2::WebACLAssociation').Properties;
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [acl.id, 'Arn'] });
    expect(JSON.stringify(association.ResourceArn)).toContain('/stages/');
    expect(() => synth({ waf: { requestsPer5Minutes: 10 } })).toThrow(/requestsPer5Minutes/);
  });
});

describe('the mock providers', () => {
  it('are refused on a stage other than dev unless allowMockProviders', () => {
    const build =
      (stage: string, props: Partial<MessagingStackProps> = {}) =>
      () =>
        new MessagingStack(cdkApp(), 'Mocks', { stage, ...props });
    expect(build('prod')).toThrow(/stage prod: email, sms, whatsapp would send through the mock provider/);
    expect(build('prod')).toThrow(/allowMockProviders=true/);
    // A mock as a fallback answers `sent` too.
    const real = {
      EMAIL_PROVIDERS: 'ses',
      SES_FROM: 'noreply@acme.example',
      SMS_PROVIDERS: 'aws',
      WHATSAPP_PROVIDERS: 'meta',
      META_PHONE_NUMBER_ID: '1',
      META_ACCESS_TOKEN: 'ssm:/meta-token',
    };
    expect(build('prod', { providerEnvironment: { ...real, SMS_PROVIDERS: 'aws,mock' } })).toThrow(
      /stage prod: sms would send/,
    );
    expect(build('prod', { providerEnvironment: real })).not.toThrow();
    expect(build('prod', { allowMockProviders: true })).not.toThrow();
    expect(build('dev')).not.toThrow();
  });
});

describe('the feature flags', () => {
  it("are cdk.json's: every flag recommended by the installed aws-cdk-lib, at its recommended value", () => {
    for (const [flag, value] of Object.entries(CURRENTLY_RECOMMENDED_FLAGS))
      expect(CDK_JSON_CONTEXT[flag], flag).toEqual(value);
    expect(CDK_JSON_CONTEXT['@aws-cdk/aws-apigateway:disableCloudWatchRole']).toBe(true);
  });

  it("leave API Gateway's account settings alone unless asked: no AWS::ApiGateway::Account per stage", () => {
    expect(stack.resources('AWS::ApiGateway::Account')).toEqual({});
    const roles = Object.values(stack.resources('AWS::IAM::Role'));
    expect(JSON.stringify(roles)).not.toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    const other = synth({ apiGatewayAccountRole: true });
    expect(Object.keys(other.resources('AWS::ApiGateway::Account'))).toHaveLength(1);
  });
});

describe('the MessagingService construct', () => {
  it('builds the service inside another, unrelated stack, beside its resources', () => {
    const app = cdkApp();
    const platform = new Stack(app, 'Platform');
    new Bucket(platform, 'Reports', { enforceSSL: true });
    const service = new MessagingService(platform, 'Messaging', {
      stage: 'dev',
      alarmEmail: 'ops@acme.example',
    });
    const template = Template.fromStack(platform);
    // Beside Reports, the console's bucket; beside its functions, CDK's two for the console's files.
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.resourceCountIs('AWS::Lambda::Function', 19);
    template.resourceCountIs('AWS::DynamoDB::Table', 10);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'messaging-dev' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: 'ops@acme.example' });
    // Its resources are named under its id; its only output is the RestApi's own endpoint.
    // (CDK puts its singleton functions, the console's deployment and auto-delete, at the stack's root.)
    const ids = Object.keys(template.toJSON().Resources).filter(
      (id) =>
        id !== 'Reports' &&
        !id.startsWith('Reports') &&
        !/^Custom(S3AutoDeleteObjects|CDKBucketDeployment)/.test(id),
    );
    for (const id of ids) expect(id).toMatch(/^Messaging/);
    expect(Object.keys(template.toJSON().Outputs ?? {})).toEqual([
      expect.stringMatching(/^MessagingApiEndpoint/),
    ]);
    expect(service.api.restApiName).toBe('messaging-dev');
  });

  it("keeps the app stack's logical ids: the deployed tables and queues are the same resources", () => {
    const ids = Object.keys(stack.template.toJSON().Resources);
    expect(ids).toEqual(
      expect.arrayContaining([
        'Messages804FA4EB',
        'IdempotencyKeysCE587E86',
        'ApiKeys3BB3983D',
        'RateCounters400D4BCE',
        'DeliveryQueueA11633D0',
        'DeliveryDeadLettersB0889D5D',
      ]),
    );
  });
});
