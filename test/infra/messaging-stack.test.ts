import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessagingStack, TABLE_ACTIONS } from '../../infra/messaging-stack.js';
import { createTableInput } from '../../lib/adapters/dynamodb/message-table.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
let template: Template;

beforeAll(() => {
  // No bundling here: the bundles have their own test; this one checks what the stack declares.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new MessagingStack(app, 'Test', { stage: 'test' }));
});

const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
const functionIds = () => {
  const byName: Record<string, string> = {};
  for (const id of Object.keys(resources('AWS::Lambda::Function')))
    byName[id.replace(/Function.*$/, '')] = id;
  return byName;
};

describe('the message table', () => {
  it('is on demand, recoverable, protected from deletion, retained, and ready for TTL', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    });
  });

  it('has the keys and indexes of the definition the adapter and tests use', () => {
    const [table] = Object.values(resources('AWS::DynamoDB::Table'));
    const expected = createTableInput('x');
    const sortByName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[]) =>
      [...items].sort((a, b) =>
        String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
      );
    expect(table?.Properties.KeySchema).toEqual(expected.KeySchema);
    expect(sortByName(table?.Properties.AttributeDefinitions as [])).toEqual(
      sortByName(expected.AttributeDefinitions),
    );
    expect(sortByName(table?.Properties.GlobalSecondaryIndexes as [])).toEqual(
      sortByName(expected.GlobalSecondaryIndexes),
    );
  });
});

describe('the functions', () => {
  it('are Node.js 22 on arm64 with X-Ray, source maps, the DynamoDB log and their own log group', () => {
    const functions = resources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(3);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: 28,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            LOG_STORE: 'dynamodb',
            DYNAMODB_ENDPOINT: '',
            TABLE_NAME: { Ref: expect.stringMatching(/^Messages/) },
          },
        },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) } },
      });
    }
    const groups = Object.values(resources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it.each([
    ['SendMessage', TABLE_ACTIONS.send],
    ['GetMessage', TABLE_ACTIONS.get],
    ['ListMessages', TABLE_ACTIONS.list],
  ])('%s may do exactly its DynamoDB actions, on the table and its indexes only', (name, actions) => {
    const fn = resources('AWS::Lambda::Function')[functionIds()[name] ?? ''];
    const roleId = (fn?.Properties.Role as { 'Fn::GetAtt': string[] } | undefined)?.['Fn::GetAtt'][0];
    expect(roleId).toEqual(expect.any(String));
    const policies = Object.values(resources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    );
    const statements = policies.flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => String(a).startsWith('dynamodb:')));
    expect(dynamo.flatMap((s) => [s.Action].flat()).sort()).toEqual([...actions].sort());
    for (const statement of dynamo) {
      expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
      expect(JSON.stringify(statement.Resource)).toMatch(/Messages[0-9A-F]+/);
    }
    const others = statements
      .flatMap((s) => [s.Action].flat())
      .filter((a) => !String(a).startsWith('dynamodb:'));
    expect(others.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });
});

describe('the API', () => {
  const method = (httpMethod: string, pathPart: string) =>
    Object.values(resources('AWS::ApiGateway::Method')).filter((m) => {
      const resource =
        resources('AWS::ApiGateway::Resource')[(m.Properties.ResourceId as { Ref?: string }).Ref ?? ''];
      return m.Properties.HttpMethod === httpMethod && resource?.Properties.PathPart === pathPart;
    });

  it.each([
    ['POST', 'sendMessage', 'SendMessage'],
    ['GET', 'messages', 'ListMessages'],
    ['GET', '{id}', 'GetMessage'],
  ])('routes %s %s to its function through a proxy integration', (httpMethod, pathPart, fn) => {
    const [found] = method(httpMethod, pathPart);
    expect(found?.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
    expect(JSON.stringify(found?.Properties.Integration)).toContain(functionIds()[fn]);
  });

  it.each([
    ['sendMessage', 'POST'],
    ['messages', 'GET'],
    ['{id}', 'GET'],
  ])('answers other methods on %s with 405 and Allow: %s', (pathPart, allow) => {
    const [any] = method('ANY', pathPart);
    expect(any?.Properties.Integration).toMatchObject({
      Type: 'MOCK',
      IntegrationResponses: [
        {
          StatusCode: '405',
          ResponseParameters: expect.objectContaining({ 'method.response.header.Allow': `'${allow}'` }),
        },
      ],
    });
  });

  it('traces and throttles the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'test',
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })],
    });
  });

  it('answers unknown paths 404 and its own errors in the contract error shape', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"NOT_FOUND"') },
    });
    for (const [type, code] of [
      ['THROTTLED', 'THROTTLED'],
      ['REQUEST_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
      ['DEFAULT_5XX', 'INTERNAL'],
    ]) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseTemplates: {
          'application/json': Match.stringLikeRegexp(`"code":"${code}".*"requestId":"\\$context.requestId"`),
        },
      });
    }
  });

  it('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^Messages') } });
  });
});
