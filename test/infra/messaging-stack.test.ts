import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { FileSystem } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_MEMORY_MB } from '../../bench/capacity/pricing.js';
import { STATS_WINDOW } from '../../infra/messaging-service.js';
import { MessagingStack, type MessagingStackProps } from '../../infra/messaging-stack.js';
import { createIdempotencyTableInput } from '../../lib/adapters/dynamodb/idempotency-table.js';
import {
  createKeyTableInput,
  createRateCounterTableInput,
  RATE_COUNTER_TABLE,
} from '../../lib/adapters/dynamodb/key-table.js';
import {
  createTableInput,
  indexInput,
  MESSAGE_TABLE,
  RETIRING_INDEXES,
} from '../../lib/adapters/dynamodb/message-table.js';
import { createStatsTableInput } from '../../lib/adapters/dynamodb/stats-table.js';
import { createWebhookTableInput, WEBHOOK_TABLE } from '../../lib/adapters/dynamodb/webhook-table.js';
import { MAX_RECEIVES } from '../../lib/composition/queue.js';
import { UnauthorizedError } from '../../lib/domain/errors.js';
import { errorResponse } from '../../lib/http/response.js';
import { createLogger } from '../../lib/logger.js';
import { OPENAPI_JSON } from '../../lib/openapi/served.js';
import { cdkApp } from '../support/cdk-app.js';
import { checkAnswer } from '../support/openapi-validator.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };
/** The one condition a grant has: the keys routes write the message table's layout items only. */
const LAYOUT_ITEMS_ONLY = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['layout#*'] } };

function synth(props: Partial<MessagingStackProps> = {}) {
  const app = cdkApp();
  const template = Template.fromStack(
    new MessagingStack(app, 'Test', { stage: 'test', allowMockProviders: true, ...props }),
  );
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  /** The one resource of `type` whose logical id starts with `prefix`, with its id. */
  const resource = (type: string, prefix: string) => {
    const found = Object.entries(resources(type)).filter(([id]) => id.startsWith(prefix));
    expect(found.map(([id]) => id)).toHaveLength(1);
    const [id, value] = found[0] as [string, Resource];
    return { id, ...value };
  };
  const fn = (name: string) => resource('AWS::Lambda::Function', `${name}Function`);
  const environment = (name: string) =>
    (fn(name).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  const statements = (name: string) => {
    const roleId = (fn(name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    expect(roleId).toEqual(expect.any(String));
    return Object.values(resources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  /** Each action the function may do, with what on: the resources' construct ids, or `*`. */
  const grants = (name: string) => {
    const byAction: Record<string, string[]> = {};
    for (const statement of statements(name)) {
      expect(statement.Effect).toBe('Allow');
      const text = JSON.stringify(statement.Resource);
      const on =
        statement.Resource === '*'
          ? ['*']
          : [...new Set([...text.matchAll(/"([A-Za-z]+?)[0-9A-F]{8}"/g)].map((m) => m[1] as string))];
      for (const action of [statement.Action].flat()) {
        byAction[action] = [...new Set([...(byAction[action] ?? []), ...on])].sort();
      }
    }
    return byAction;
  };
  /**
   * Each resource the function's role may act on, with its actions: a table or queue by its construct
   * id (`Messages`), a table's indexes as `Messages/index/*`, `*` for any resource; anything else as
   * its template text, so that it shows.
   */
  const actionsOn = (name: string) => {
    const byResource: Record<string, string[]> = {};
    for (const statement of statements(name)) {
      const { Condition, ...unconditional } = statement;
      expect(Object.keys(unconditional).sort()).toEqual(['Action', 'Effect', 'Resource']);
      if (Condition !== undefined) expect(Condition).toEqual(LAYOUT_ITEMS_ONLY);
      expect(statement.Effect).toBe('Allow');
      for (const target of [statement.Resource].flat()) {
        const on = resourceName(target);
        byResource[on] = [...new Set([...(byResource[on] ?? []), ...[statement.Action].flat()])].sort();
      }
    }
    return byResource;
  };
  /** The ARNs of the managed policies of the function's role (in the aws partition); it has no inline policy. */
  const managedPolicies = (name: string) => {
    const roleId = (fn(name).Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] ?? '';
    const role = resources('AWS::IAM::Role')[roleId];
    if (!role) throw new Error(`${name}: no role ${roleId}`);
    expect(role.Properties.Policies).toBeUndefined();
    return (role.Properties.ManagedPolicyArns as { 'Fn::Join': [string, unknown[]] }[]).map((arn) => {
      const [separator, parts] = arn['Fn::Join'];
      const text = (part: unknown) =>
        typeof part === 'string'
          ? part
          : (part as { Ref?: string }).Ref === 'AWS::Partition'
            ? 'aws'
            : JSON.stringify(part);
      return parts.map(text).join(separator);
    });
  };
  return { template, resources, resource, fn, environment, statements, grants, actionsOn, managedPolicies };
}

/** A construct id without its hash, from `{ Fn::GetAtt: [id, 'Arn'] }`, with what a join appends. */
function resourceName(target: unknown): string {
  if (target === '*') return '*';
  const arnOf = (value: unknown) => {
    const [id, attribute] = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'] ?? [];
    return attribute === 'Arn' ? /^([A-Za-z]+?)[0-9A-F]{8}$/.exec(id ?? '')?.[1] : undefined;
  };
  // The schedules of the service's schedule group (its name is checked with the scheduler).
  if (/:scheduler:.*:schedule\/[A-Za-z0-9-]+\/\*"\]\]}$/.test(JSON.stringify(target)))
    return 'schedule/<group>/*';
  const join = (target as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const [first, ...rest] = join?.[0] === '' ? join[1] : [target];
  const id = arnOf(first);
  if (id !== undefined && rest.every((part) => typeof part === 'string')) return [id, ...rest].join('');
  return JSON.stringify(target);
}

let stack: ReturnType<typeof synth>;
// The first synth of a process loads most of aws-cdk-lib and CDK's validation schemas: tens of
// seconds on a busy machine.
beforeAll(() => {
  stack = synth();
}, 90_000);

const FUNCTIONS = [
  'SendMessage',
  'GetMessage',
  'ListMessages',
  'ListMessageEvents',
  'ReceiveReceipt',
  'DeliverMessages',
  'ScheduleMessages',
  'Authorize',
  'ManageKeys',
  'ManageWebhooks',
  'ManageSuppressions',
  'ManagePrivacy',
  'ManageTemplates',
  'GetStats',
  'CountStats',
  'DispatchWebhooks',
  'DeliverWebhooks',
];
// The routes that check a key's scope and limits: they count requests in the rate counters.
const LIMITED = [
  'GetStats',
  'SendMessage',
  'GetMessage',
  'ListMessages',
  'ListMessageEvents',
  'ManageKeys',
  'ManageWebhooks',
  'ManageSuppressions',
  'ManagePrivacy',
  'ManageTemplates',
];

/**
 * What each function's role may do, written out here rather than taken from the stack's constants, so
 * that a wrong constant fails: by resource (a table or queue by construct id, a table's indexes as
 * `.../index/*`, `*` for any), its actions, sorted. Each is what the function's code calls:
 * - the message log (DynamoDbMessageLog): create PutItem, updateStatus UpdateItem, both reading the
 *   item (GetItem) when their condition fails; get and listEvents GetItem; findByProviderMessageId
 *   Query on byProviderMessageId, then GetItem; list Query on an index, then BatchGetItem.
 *   Query on the table itself comes with the index grant (CDK's table.grant), though no call needs it.
 * - the idempotency store (send only): begin PutItem then GetItem, complete UpdateItem, release DeleteItem.
 * - the key store: the authorizer get (GetItem) and touch (UpdateItem, lastUsedAt); the keys routes
 *   create PutItem, get GetItem, revoke UpdateItem, list Query on byTenant.
 * - the template store: a templated send's get (GetItem); the templates routes put (PutItem for the
 *   version, UpdateItem for the head), get GetItem, delete UpdateItem, list Query on byTenant.
 * - the rate limiter (the routes that check a key, not the authorizer): UpdateItem (a conditional ADD).
 * - a batch send's records (createMany): BatchWriteItem, send only.
 * - the scheduler (schedule-messages only): CreateSchedule on the schedules of the service's group,
 *   and PassRole of the role they run as (messages scheduled beyond SQS's 15 minutes); send only
 *   puts those on the scheduling queue (SendMessage), which schedule-messages consumes.
 * - the suppression list: senders get (GetItem) before a send and add (UpdateItem) after an opt-out
 *   rejection; the receipts add (GetItem of the plain and hashed entry, UpdateItem) and lift
 *   (UpdateItem, DeleteItem); the routes all of those, and list (Query on byTenantShard); erasure
 *   moves an entry to its hash (GetItem, UpdateItem, DeleteItem). Every function that reads the list
 *   reads the hash key too (erased entries are kept under it).
 * - the queue: SendMessage from send (queued sends) and the worker (retries); the rest of the worker's
 *   SQS actions are the event source mapping's, as CDK's SqsEventSource grants them (Lambda's poller
 *   uses ReceiveMessage, DeleteMessage and GetQueueAttributes; ChangeMessageVisibility and GetQueueUrl
 *   come with CDK's grantConsumeMessages).
 * - X-Ray (tracing is active): PutTraceSegments, PutTelemetryRecords, on any resource.
 */
/** The functions that read the suppression list, so the hash key its erased entries are kept under. */
const HASH_KEY_READERS = [
  'SendMessage',
  'DeliverMessages',
  'ReceiveReceipt',
  'ManageSuppressions',
  'ManagePrivacy',
];

const ROLE_ACTIONS: Record<string, Record<string, string[]>> = {
  SendMessage: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:BatchWriteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    MessageMetadata: ['dynamodb:BatchWriteItem'],
    IdempotencyKeys: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    RateCounters: ['dynamodb:UpdateItem'],
    Suppressions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    Templates: ['dynamodb:GetItem'],
    DeliveryQueue: ['sqs:SendMessage'],
    SchedulingQueue: ['sqs:SendMessage'],
    '{"Ref":"PrivacyHashKeyF00FC5AA"}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  GetMessage: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:GetItem'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  ListMessages: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:BatchGetItem', 'dynamodb:Query'],
    'Messages/index/*': ['dynamodb:Query'],
    MessageMetadata: ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  ListMessageEvents: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:GetItem'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  ReceiveReceipt: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    'Messages/index/*': ['dynamodb:Query'],
    Suppressions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
    '{"Ref":"PrivacyHashKeyF00FC5AA"}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  DeliverMessages: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    Suppressions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    DeliveryQueue: [
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
      'sqs:SendMessage',
    ],
    '{"Ref":"PrivacyHashKeyF00FC5AA"}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  // The scheduling queue's consumer: no table; jobs due within 15 minutes to the delivery queue.
  ScheduleMessages: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    DeliveryQueue: ['sqs:SendMessage'],
    SchedulingQueue: [
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ],
    'schedule/<group>/*': ['scheduler:CreateSchedule'],
    MessageSchedulerRole: ['iam:PassRole'],
  },
  // Nothing on the message log, whose name its configuration requires all the same.
  Authorize: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    ApiKeys: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  },
  // And a new key's rate to its tenant's list layout: UpdateItem of the message table's layout items.
  ManageKeys: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    ApiKeys: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    'ApiKeys/index/*': ['dynamodb:Query'],
    Messages: ['dynamodb:UpdateItem'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  // The endpoints and their deliveries: a page fetched by BatchGetItem, a deleted endpoint's
  // deliveries by BatchWriteItem; the index of an endpoint's deliveries, and of their ids.
  ManageWebhooks: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Webhooks: [
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ],
    'Webhooks/index/*': ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  ManageSuppressions: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Suppressions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    'Suppressions/index/*': ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
    '{"Ref":"PrivacyHashKeyF00FC5AA"}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  // Erasure: the recipient's messages listed (Query on byTenantRecipient, BatchGetItem), each read and
  // rewritten (GetItem, UpdateItem); the idempotency answers of each found on byMessage and deleted;
  // the job recorded and read; the generated hash key read.
  ManagePrivacy: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Messages: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    'Messages/index/*': ['dynamodb:Query'],
    IdempotencyKeys: ['dynamodb:DeleteItem', 'dynamodb:Query'],
    'IdempotencyKeys/index/*': ['dynamodb:Query'],
    Erasures: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    Suppressions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
    Webhooks: ['dynamodb:Query', 'dynamodb:UpdateItem'],
    'Webhooks/index/*': ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
    '{"Ref":"PrivacyHashKeyF00FC5AA"}': ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
  },
  ManageTemplates: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Templates: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    'Templates/index/*': ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  // GET /stats reads the counters; the stats consumer reads the message stream and adds to them.
  GetStats: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Stats: ['dynamodb:Query'],
    RateCounters: ['dynamodb:UpdateItem'],
  },
  // ListStreams takes no resource; the others only the message table's stream.
  CountStats: {
    '*': ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Stats: ['dynamodb:UpdateItem'],
    '{"Fn::GetAtt":["Messages804FA4EB","StreamArn"]}': [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ],
  },
  // The webhook fan-out: the message stream in, a tenant's endpoints read (Query), deliveries added
  // (PutItem) and queued.
  DispatchWebhooks: {
    '*': ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Webhooks: ['dynamodb:PutItem', 'dynamodb:Query'],
    'Webhooks/index/*': ['dynamodb:Query'],
    WebhookQueue: ['sqs:SendMessage'],
    '{"Fn::GetAtt":["Messages804FA4EB","StreamArn"]}': [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ],
  },
  // The webhook delivery function: a delivery read and saved, an earlier one of its message looked
  // for (Query), its endpoint read and marked; the queue consumed, a retry hidden (visibility).
  DeliverWebhooks: {
    '*': ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
    Webhooks: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
    'Webhooks/index/*': ['dynamodb:Query'],
    WebhookQueue: [
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ],
  },
};
const sortByName = <T extends { AttributeName?: string; IndexName?: string }>(items: T[]) =>
  [...items].sort((a, b) =>
    String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)),
  );

/** A synthesized table has the keys and indexes of its definition (the adapter's and the tests'). */
function expectDefinition(
  table: { Properties: Record<string, unknown> },
  expected: Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes'>,
) {
  expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
  expect(sortByName(table.Properties.AttributeDefinitions as [])).toEqual(
    sortByName(expected.AttributeDefinitions ?? []),
  );
  expect(sortByName(table.Properties.GlobalSecondaryIndexes as [])).toEqual(
    sortByName(expected.GlobalSecondaryIndexes ?? []),
  );
}

describe('the webhook table', () => {
  it('has the keys, indexes and TTL of the definition the adapter and tests use, kept as the log is', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'Webhooks');
    const expected = createWebhookTableInput('x');
    expectDefinition(table, expected);
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: WEBHOOK_TABLE.ttlAttribute, Enabled: true },
      },
    });
  });
});

describe('the message table', () => {
  it('is on demand, recoverable, protected from deletion, retained, and ready for TTL', () => {
    expect(stack.resource('AWS::DynamoDB::Table', 'Messages')).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
  });

  it('has the keys and indexes of the definition the adapter and tests use', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'Messages');
    const expected = createTableInput('x');
    expectDefinition(table, expected);
    expect(
      (table.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName),
    ).toEqual(expect.arrayContaining(Object.keys(MESSAGE_TABLE.indexes)));
    // Receipts read their message by the id our callbacks carry: no provider-id index to write.
    expect(
      (table.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName),
    ).not.toContain('byProviderId');
  });

  it('replaces byTimeShard and byStatusClass with byList and byRareStatus one index a deployment (docs/dynamodb.md, "Migrating")', () => {
    type Index = ReturnType<typeof indexInput>;
    const indexesOf = (template: ReturnType<typeof synth>) =>
      template.resource('AWS::DynamoDB::Table', 'Messages').Properties.GlobalSecondaryIndexes as Index[];
    const { byTimeShard, byStatusClass } = RETIRING_INDEXES;
    // What the previous release deployed.
    let previous: Index[] = [
      indexInput('byTimeShard', byTimeShard),
      indexInput('byStatusClass', byStatusClass),
      indexInput('byTenantRecipient', MESSAGE_TABLE.indexes.byTenantRecipient),
    ];
    // The context of each `cdk deploy`, in order, and the one index it adds (+) or deletes (-).
    const steps: [Partial<MessagingStackProps>, string][] = [
      [{ keepRetiringIndexes: true, holdIndexes: ['byRareStatus'] }, '+byList'],
      [{ keepRetiringIndexes: true }, '+byRareStatus'],
      [{ keepRetiringIndexes: true, holdIndexes: ['byStatusClass'] }, '-byStatusClass'],
      [{}, '-byTimeShard'],
    ];
    for (const [context, change] of steps) {
      const indexes = indexesOf(Object.keys(context).length === 0 ? stack : synth(context));
      const names = (list: Index[]) => new Set(list.map((index) => index.IndexName));
      const added = indexes.filter((index) => !names(previous).has(index.IndexName));
      const deleted = previous.filter((index) => !names(indexes).has(index.IndexName));
      expect([...added.map((i) => `+${i.IndexName}`), ...deleted.map((i) => `-${i.IndexName}`)]).toEqual([
        change,
      ]);
      // The indexes both declare are declared alike (a changed one would be a second change).
      const kept = previous.filter((index) => names(indexes).has(index.IndexName));
      expect(sortByName(indexes.filter((index) => names(previous).has(index.IndexName)))).toEqual(
        sortByName(kept),
      );
      previous = indexes;
    }
    // The last step is the plain deployment: the definition the adapter and the tests use.
    expect(sortByName(previous)).toEqual(sortByName(createTableInput('x').GlobalSecondaryIndexes));
  });

  it('holds back only indexes of a replacement: an unknown or a lasting one fails the synth', () => {
    expect(() => synth({ holdIndexes: ['byTimeShards'] })).toThrow(/holdIndexes: "byTimeShards"/);
    expect(() => synth({ holdIndexes: ['byTenantRecipient'] })).toThrow(/not an index being replaced/);
  });
});

describe('the idempotency table', () => {
  it('is on demand, recoverable, retained, expires its keys by TTL, and has the adapter keys', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'IdempotencyKeys');
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      },
    });
    const expected = createIdempotencyTableInput('x');
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(expected.AttributeDefinitions);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
  });
});

describe('the API keys table', () => {
  it('is on demand, recoverable, protected from deletion and retained', () => {
    expect(stack.resource('AWS::DynamoDB::Table', 'ApiKeys')).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });

  it('has the key and the byTenant index of the definition the adapter and tests use', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'ApiKeys');
    const expected = createKeyTableInput('x');
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect(sortByName(table.Properties.AttributeDefinitions as [])).toEqual(
      sortByName(expected.AttributeDefinitions),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(expected.GlobalSecondaryIndexes[0]?.KeySchema).toEqual([
      { AttributeName: 'tenant', KeyType: 'HASH' },
      { AttributeName: 'createdAt', KeyType: 'RANGE' },
    ]);
    expect(table.Properties.TimeToLiveSpecification).toBeUndefined();
  });
});

describe('the stats table and its consumer', () => {
  it('is on demand, recoverable, protected and retained, with the keys of the definition the adapter uses', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'Stats');
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
    const expected = createStatsTableInput('x');
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect(sortByName(table.Properties.AttributeDefinitions as [])).toEqual(
      sortByName(expected.AttributeDefinitions),
    );
  });

  it('reads the message table stream, old and new images, one window per shard at a time, retried until it succeeds', () => {
    const messages = stack.resource('AWS::DynamoDB::Table', 'Messages');
    expect(messages.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const mapping = stack.resource('AWS::Lambda::EventSourceMapping', 'CountStatsFunction');
    expect(mapping.Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': [messages.id, 'StreamArn'] },
      FunctionName: { Ref: stack.fn('CountStats').id },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1000,
      ParallelizationFactor: 1,
      TumblingWindowInSeconds: STATS_WINDOW.toSeconds(),
      MaximumRetryAttempts: -1,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'] }) }] },
    });
  });
});

describe('the rate counters table', () => {
  it('is on demand, deletes its counters by TTL, and is not kept past the stack', () => {
    const table = stack.resource('AWS::DynamoDB::Table', 'RateCounters');
    expect(table).toMatchObject({
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: RATE_COUNTER_TABLE.ttlAttribute, Enabled: true },
      },
    });
    expect(RATE_COUNTER_TABLE.ttlAttribute).toBe('expiresAt');
    expect(table.Properties.DeletionProtectionEnabled).not.toBe(true);
    const expected = createRateCounterTableInput('x');
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(expected.AttributeDefinitions);
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
  });
});

describe('the delivery queue (and the scheduling queue)', () => {
  it.each(['Delivery', 'Scheduling'])(
    '%s: is encrypted, TLS only, and sends a job to the dead-letter queue after MAX_RECEIVES receives',
    (name) => {
      const queue = stack.resource('AWS::SQS::Queue', `${name}Queue`);
      const dlq = stack.resource('AWS::SQS::Queue', `${name}DeadLetters`);
      expect(queue.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlq.id, 'Arn'] },
          maxReceiveCount: MAX_RECEIVES,
        },
      });
      expect(MAX_RECEIVES).toBe(10);
      expect(dlq.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      for (const id of [queue.id, dlq.id]) {
        stack.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Action: 'sqs:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
    },
  );

  it('hides a received job for 6 times the worker timeout', () => {
    const timeout = stack.fn('DeliverMessages').Properties.Timeout as number;
    expect(timeout).toBe(60);
    expect(stack.resource('AWS::SQS::Queue', 'DeliveryQueue').Properties.VisibilityTimeout).toBe(6 * timeout);
  });

  it.each(['Delivery', 'Scheduling'])(
    '%s: raises an alarm as soon as the dead-letter queue holds a job',
    (name) => {
      const dlq = stack.resource('AWS::SQS::Queue', `${name}DeadLetters`);
      expect(stack.resource('AWS::CloudWatch::Alarm', `${name}DeadLettersAlarm`).Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq.id, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
      });
    },
  );

  it('invokes the worker with batches of 10, partial failures, and bounded concurrency', () => {
    const mapping = stack.resource('AWS::Lambda::EventSourceMapping', 'DeliverMessagesFunction');
    expect(mapping.Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id, 'Arn'] },
      FunctionName: { Ref: stack.fn('DeliverMessages').id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    const other = synth({ workerMaxConcurrency: 3 });
    expect(
      other.resource('AWS::Lambda::EventSourceMapping', 'DeliverMessagesFunction').Properties.ScalingConfig,
    ).toEqual({ MaximumConcurrency: 3 });
  });

  it('invokes schedule-messages with batches of 10 from the scheduling queue, partial failures, hiding a job for 6 times its timeout', () => {
    const queue = stack.resource('AWS::SQS::Queue', 'SchedulingQueue');
    expect(stack.resource('AWS::Lambda::EventSourceMapping', 'ScheduleMessagesFunction').Properties).toEqual({
      EventSourceArn: { 'Fn::GetAtt': [queue.id, 'Arn'] },
      FunctionName: { Ref: stack.fn('ScheduleMessages').id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    expect(queue.Properties.VisibilityTimeout).toBe(
      6 * (stack.fn('ScheduleMessages').Properties.Timeout as number),
    );
  });

  it.each([1, 1001, 2.5])('refuses a worker concurrency of %s', (workerMaxConcurrency) => {
    expect(() => synth({ workerMaxConcurrency })).toThrow(/workerMaxConcurrency/);
  });

  it('outputs the queue URL and the dead-letter queue ARN, for the redrive', () => {
    stack.template.hasOutput('QueueUrl', {
      Value: { Ref: stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id },
    });
    stack.template.hasOutput('DeadLetterQueueArn', {
      Value: { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryDeadLetters').id, 'Arn'] },
    });
    stack.template.hasOutput('SchedulingDeadLetterQueueArn', {
      Value: { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'SchedulingDeadLetters').id, 'Arn'] },
    });
  });
});

describe('the functions', () => {
  it("have the memory size the bench's cost per message is computed for", () => {
    for (const name of FUNCTIONS) {
      expect(stack.fn(name).Properties.MemorySize).toBe(LAMBDA_MEMORY_MB);
    }
  });

  it('are Node.js 22 on arm64 with X-Ray, source maps, the DynamoDB log and their own log group', () => {
    const functions = stack.resources('AWS::Lambda::Function');
    // Besides CDK's own for the console's deployment (test/infra/console-hosting.test.ts).
    const cdks = Object.keys(functions).filter((id) =>
      /^Custom(S3AutoDeleteObjects|CDKBucketDeployment)/.test(id),
    );
    expect(Object.keys(functions)).toHaveLength(FUNCTIONS.length + cdks.length);
    expect(cdks).toHaveLength(2);
    const messages = { Ref: expect.stringMatching(/^Messages/) };
    const keys = { Ref: stack.resource('AWS::DynamoDB::Table', 'ApiKeys').id };
    const counters = { Ref: stack.resource('AWS::DynamoDB::Table', 'RateCounters').id };
    const stats = { Ref: stack.resource('AWS::DynamoDB::Table', 'Stats').id };
    const metadata = { Ref: stack.resource('AWS::DynamoDB::Table', 'MessageMetadata').id };
    const suppressions = { Ref: stack.resource('AWS::DynamoDB::Table', 'Suppressions').id };
    const templates = { Ref: stack.resource('AWS::DynamoDB::Table', 'Templates').id };
    const webhooks = { Ref: stack.resource('AWS::DynamoDB::Table', 'Webhooks').id };
    // Each function is named only the tables it builds a store for: the keyed routes count requests
    // (their key comes from the authorizer), the authorizer and the keys routes read the keys.
    const tables: Record<string, Record<string, unknown>> = {
      SendMessage: {
        TABLE_NAME: messages,
        METADATA_TABLE_NAME: metadata,
        RATE_COUNTER_TABLE_NAME: counters,
        SUPPRESSIONS_TABLE_NAME: suppressions,
        TEMPLATES_TABLE_NAME: templates,
      },
      GetMessage: { TABLE_NAME: messages, RATE_COUNTER_TABLE_NAME: counters },
      ListMessages: {
        TABLE_NAME: messages,
        METADATA_TABLE_NAME: metadata,
        RATE_COUNTER_TABLE_NAME: counters,
      },
      ListMessageEvents: { TABLE_NAME: messages, RATE_COUNTER_TABLE_NAME: counters },
      ReceiveReceipt: { TABLE_NAME: messages, SUPPRESSIONS_TABLE_NAME: suppressions },
      DeliverMessages: { TABLE_NAME: messages, SUPPRESSIONS_TABLE_NAME: suppressions },
      Authorize: { KEYS_TABLE_NAME: keys },
      ManageKeys: { TABLE_NAME: messages, KEYS_TABLE_NAME: keys, RATE_COUNTER_TABLE_NAME: counters },
      ManageWebhooks: { WEBHOOKS_TABLE_NAME: webhooks, RATE_COUNTER_TABLE_NAME: counters },
      ManageSuppressions: { SUPPRESSIONS_TABLE_NAME: suppressions, RATE_COUNTER_TABLE_NAME: counters },
      ManagePrivacy: {
        TABLE_NAME: messages,
        SUPPRESSIONS_TABLE_NAME: suppressions,
        RATE_COUNTER_TABLE_NAME: counters,
        ERASURE_TABLE_NAME: { Ref: stack.resource('AWS::DynamoDB::Table', 'Erasures').id },
        WEBHOOKS_TABLE_NAME: webhooks,
      },
      ManageTemplates: { TEMPLATES_TABLE_NAME: templates, RATE_COUNTER_TABLE_NAME: counters },
      GetStats: { STATS_TABLE_NAME: stats, RATE_COUNTER_TABLE_NAME: counters },
      CountStats: { STATS_TABLE_NAME: stats },
      DispatchWebhooks: { WEBHOOKS_TABLE_NAME: webhooks },
      DeliverWebhooks: { WEBHOOKS_TABLE_NAME: webhooks },
    };
    for (const name of FUNCTIONS) {
      expect(stack.fn(name).Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: ['DeliverMessages', 'CountStats', 'DispatchWebhooks'].includes(name)
          ? 60
          : ['DeliverWebhooks', 'ScheduleMessages'].includes(name)
            ? 30
            : 28,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            LOG_STORE: 'dynamodb',
            DYNAMODB_ENDPOINT: '',
            ...tables[name],
          },
        },
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(`^${name}FunctionLogs`) } },
      });
      const named = Object.keys(stack.environment(name)).filter((v) => v.endsWith('TABLE_NAME'));
      expect(named.filter((v) => v !== 'IDEMPOTENCY_TABLE_NAME').sort()).toEqual(
        Object.keys(tables[name] ?? {}).sort(),
      );
    }
    const groups = Object.entries(stack.resources('AWS::Logs::LogGroup'));
    expect(groups.filter(([id]) => /^[A-Za-z]+FunctionLogs/.test(id))).toHaveLength(FUNCTIONS.length);
    // And the API's access and execution logs, and the console's deployment function's (CDK's):
    // every log group is kept 30 days.
    expect(groups).toHaveLength(FUNCTIONS.length + 3);
    for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('give send the queue, the delivery mode (sync by default) and the idempotency table', () => {
    const env = stack.environment('SendMessage');
    expect(env).toMatchObject({
      QUEUE_URL: { Ref: stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id },
      DELIVERY_MODE: 'sync',
      IDEMPOTENCY_TABLE_NAME: { Ref: stack.resource('AWS::DynamoDB::Table', 'IdempotencyKeys').id },
    });
    expect(synth({ deliveryMode: 'async' }).environment('SendMessage').DELIVERY_MODE).toBe('async');
    expect(() => synth({ deliveryMode: 'later' as 'async' })).toThrow(/deliveryMode/);
  });

  it('give the worker the queue for retries and a claim lease of its own timeout', () => {
    const worker = stack.fn('DeliverMessages');
    expect(stack.environment('DeliverMessages')).toMatchObject({
      QUEUE_URL: { Ref: stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id },
      DELIVERY_LEASE_MS: String((worker.Properties.Timeout as number) * 1000),
    });
  });

  it("give every function that reads the suppression list the privacy function's hash key (erased entries are kept under it)", () => {
    const key = stack.environment('ManagePrivacy').PRIVACY_HASH_KEY;
    expect(key).toBeDefined();
    const readers = [
      'SendMessage',
      'DeliverMessages',
      'ReceiveReceipt',
      'ManageSuppressions',
      'ManagePrivacy',
    ];
    for (const name of readers) {
      expect(stack.environment(name), name).toHaveProperty('SUPPRESSIONS_TABLE_NAME');
      expect(stack.environment(name).PRIVACY_HASH_KEY, name).toEqual(key);
    }
    for (const name of ['GetMessage', 'ListMessages', 'ManageKeys', 'Authorize', 'GetStats'])
      expect(stack.environment(name), name).not.toHaveProperty('PRIVACY_HASH_KEY');
  });

  it('give the idempotency table and the delivery settings to no other function', () => {
    for (const name of ['GetMessage', 'ListMessages', 'ListMessageEvents', 'ReceiveReceipt', 'Authorize']) {
      const env = stack.environment(name);
      for (const variable of ['QUEUE_URL', 'DELIVERY_MODE', 'IDEMPOTENCY_TABLE_NAME', 'DELIVERY_LEASE_MS'])
        expect(env, `${name} ${variable}`).not.toHaveProperty(variable);
    }
    expect(stack.environment('DeliverMessages')).not.toHaveProperty('IDEMPOTENCY_TABLE_NAME');
  });

  it("each have a role of their own, with the basic execution policy and the stack's policy only", () => {
    expect(Object.keys(ROLE_ACTIONS).sort()).toEqual([...FUNCTIONS].sort());
    expect(stack.resources('AWS::IAM::ManagedPolicy')).toEqual({});
    const roles = FUNCTIONS.map((name) => stack.fn(name).Properties.Role);
    expect(new Set(roles.map((role) => JSON.stringify(role))).size).toBe(FUNCTIONS.length);
    for (const name of FUNCTIONS) {
      expect(stack.managedPolicies(name), name).toEqual([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      ]);
    }
  });

  it.each(Object.entries(ROLE_ACTIONS))(
    '%s may do exactly its actions, on its resources only',
    (name, expected) => {
      expect(stack.actionsOn(name)).toEqual(expected);
      for (const statement of stack.statements(name)) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
        // X-Ray and DynamoDB's ListStreams take no resource.
        if (![statement.Action].flat().every((a) => a.startsWith('xray:') || a === 'dynamodb:ListStreams'))
          expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
      }
    },
  );

  it('let only the authorizer and the keys routes touch the keys table, and only the limited routes the counters', () => {
    for (const name of LIMITED) expect(stack.actionsOn(name).RateCounters).toEqual(['dynamodb:UpdateItem']);
    expect(stack.actionsOn('Authorize').ApiKeys).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    const keys = stack.resource('AWS::DynamoDB::Table', 'ApiKeys').id;
    const counters = stack.resource('AWS::DynamoDB::Table', 'RateCounters').id;
    for (const name of FUNCTIONS) {
      const text = JSON.stringify(stack.statements(name).map((s) => s.Resource));
      expect(text.includes(keys), `${name} on ApiKeys`).toBe(name === 'Authorize' || name === 'ManageKeys');
      expect(text.includes(counters), `${name} on RateCounters`).toBe(LIMITED.includes(name));
    }
    // Item actions on the table itself: GetItem and UpdateItem cannot read an index.
    const [statement, ...others] = stack
      .statements('Authorize')
      .filter((s) => JSON.stringify(s).includes(keys));
    expect(others).toEqual([]);
    expect(statement?.Resource).toEqual({ 'Fn::GetAtt': [keys, 'Arn'] });
  });

  it("let the keys routes update the message table's layout items (`layout#<tenant>`) and no message", () => {
    const messages = stack.resource('AWS::DynamoDB::Table', 'Messages').id;
    const onMessages = stack
      .statements('ManageKeys')
      .filter((s) => JSON.stringify(s.Resource).includes(messages));
    expect(onMessages).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Resource: { 'Fn::GetAtt': [messages, 'Arn'] },
        Condition: LAYOUT_ITEMS_ONLY,
      }),
    ]);
    // The id every layout item has: the condition matches it, and no message id (a ULID) can.
    expect(MESSAGE_TABLE.layoutId('acme')).toMatch(/^layout#/);
  });

  it('let the receipt function query the message table by provider message id', () => {
    const query = stack
      .statements('ReceiveReceipt')
      .find((s) => [s.Action].flat().includes('dynamodb:Query'));
    expect(JSON.stringify(query?.Resource)).toMatch(/Messages[0-9A-F]{8}.*\/index\/\*/);
  });

  it('do not read secrets, send email or SMS unless configured (but for the readers of the hash key)', () => {
    for (const name of FUNCTIONS) {
      const actions = Object.keys(stack.grants(name));
      expect(actions.filter((a) => /^(ses|sms-voice|ssm):/.test(a))).toEqual([]);
      // The one secret: the generated hash key, to the functions that read the suppression list.
      const secrets = Object.entries(stack.actionsOn(name)).filter(([, on]) =>
        on.some((a) => a.startsWith('secretsmanager:')),
      );
      expect(secrets.map(([resource]) => resource)).toEqual(
        HASH_KEY_READERS.includes(name) ? ['{"Ref":"PrivacyHashKeyF00FC5AA"}'] : [],
      );
    }
  });
});

describe('the message scheduler (messages scheduled beyond 15 minutes)', () => {
  it('has a schedule group of its own, whose schedules only schedule-messages may create', () => {
    const group = stack.resource('AWS::Scheduler::ScheduleGroup', 'MessageSchedulerGroup');
    const name = group.Properties.Name as string;
    expect(name).toMatch(/^[A-Za-z0-9-]+$/);
    const create = stack
      .statements('ScheduleMessages')
      .find((s) => [s.Action].flat().includes('scheduler:CreateSchedule'));
    expect(create?.Action).toBe('scheduler:CreateSchedule');
    expect(JSON.stringify(create?.Resource)).toContain(`:schedule/${name}/*"`);
    for (const other of FUNCTIONS.filter((f) => f !== 'ScheduleMessages')) {
      const actions = Object.keys(stack.grants(other));
      expect(
        actions.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole'),
        other,
      ).toEqual([]);
    }
  });

  it('runs schedules as a role only EventBridge Scheduler of this account and group may assume, that may only send to the queues', () => {
    const role = stack.resource('AWS::IAM::Role', 'MessageSchedulerRole');
    const group = stack.resource('AWS::Scheduler::ScheduleGroup', 'MessageSchedulerGroup');
    expect(role.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': { 'Fn::GetAtt': [group.id, 'Arn'] },
            },
          },
        },
      ],
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = Object.values(stack.resources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role.id),
    );
    const statements = policies.flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    expect(statements).toEqual([
      {
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Resource: expect.arrayContaining([
          { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id, 'Arn'] },
          { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryDeadLetters').id, 'Arn'] },
        ]),
      },
    ]);
  });

  it('tells schedule-messages where schedules go (the group, the role, the queue, the dead-letter queue), and send the scheduling queue', () => {
    const queueUrl = (id: string) => ({ Ref: stack.resource('AWS::SQS::Queue', id).id });
    expect(stack.environment('SendMessage')).toMatchObject({
      QUEUE_URL: queueUrl('DeliveryQueue'),
      SCHEDULING_QUEUE_URL: queueUrl('SchedulingQueue'),
    });
    expect(stack.environment('SendMessage')).not.toHaveProperty('SCHEDULE_GROUP');
    expect(stack.environment('ScheduleMessages')).toMatchObject({
      QUEUE_URL: queueUrl('DeliveryQueue'),
      SCHEDULE_GROUP: stack.resource('AWS::Scheduler::ScheduleGroup', 'MessageSchedulerGroup').Properties
        .Name,
      SCHEDULER_ROLE_ARN: {
        'Fn::GetAtt': [stack.resource('AWS::IAM::Role', 'MessageSchedulerRole').id, 'Arn'],
      },
      QUEUE_ARN: { 'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryQueue').id, 'Arn'] },
      DEAD_LETTER_QUEUE_ARN: {
        'Fn::GetAtt': [stack.resource('AWS::SQS::Queue', 'DeliveryDeadLetters').id, 'Arn'],
      },
    });
    for (const other of FUNCTIONS.filter((f) => f !== 'ScheduleMessages'))
      expect(stack.environment(other), other).not.toHaveProperty('SCHEDULE_GROUP');
    for (const other of FUNCTIONS.filter((f) => f !== 'SendMessage'))
      expect(stack.environment(other), other).not.toHaveProperty('SCHEDULING_QUEUE_URL');
  });
});

describe('the receipt function', () => {
  it('has no webhook settings unless configured: PUBLIC_URL is left to the request', () => {
    const env = stack.environment('ReceiveReceipt');
    for (const name of [
      'PUBLIC_URL',
      'TWILIO_AUTH_TOKEN',
      'META_APP_SECRET',
      'META_WEBHOOK_VERIFY_TOKEN',
      'SES_SNS_TOPIC_ARN',
    ])
      expect(env).not.toHaveProperty(name);
    expect(
      Object.keys(stack.resources('AWS::SNS::Topic')).filter((id) => id.startsWith('SesEvents')),
    ).toEqual([]);
  });

  it('takes the receipts settings, secrets as references, and may read those secrets only', () => {
    const receiptEnvironment = {
      PUBLIC_URL: 'https://api.acme.example/v1',
      TWILIO_AUTH_TOKEN: 'ssm:/messaging/twilio-token',
      META_APP_SECRET: 'secretsmanager:messaging/meta#appSecret',
      META_WEBHOOK_VERIFY_TOKEN: 'secretsmanager:messaging/meta#verifyToken',
    };
    const other = synth({ receiptEnvironment });
    expect(other.environment('ReceiveReceipt')).toMatchObject(receiptEnvironment);
    const grants = other.grants('ReceiveReceipt');
    expect(Object.keys(grants).sort()).toEqual(
      [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
        'ssm:GetParameter',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret',
      ].sort(),
    );
    for (const name of FUNCTIONS.filter((n) => n !== 'ReceiveReceipt')) {
      expect(other.environment(name)).not.toHaveProperty('META_APP_SECRET');
      expect(Object.keys(other.grants(name)).filter((a) => /^ssm:/.test(a))).toEqual([]);
    }
  });

  it.each(['TWILIO_AUTH_TOKEN', 'META_APP_SECRET', 'META_WEBHOOK_VERIFY_TOKEN'])(
    'refuses %s given as a value',
    (name) => {
      expect(() => synth({ receiptEnvironment: { [name]: 'the-secret-itself' } })).toThrow(
        new RegExp(`${name} must be a reference`),
      );
    },
  );

  it('refuses an unknown or malformed setting', () => {
    expect(() => synth({ receiptEnvironment: { TWILIO_TOKEN: 'ssm:/x' } })).toThrow(
      /unknown setting.*TWILIO_TOKEN/,
    );
    expect(() => synth({ receiptEnvironment: { PUBLIC_URL: 'api.acme.example' } })).toThrow(/PUBLIC_URL/);
    expect(() => synth({ receiptEnvironment: { SES_SNS_TOPIC_ARN: 'my-topic' } })).toThrow(
      /SES_SNS_TOPIC_ARN/,
    );
  });

  it('with sesEvents, listens to an SNS topic for SES events subscribed to POST /webhooks/ses', () => {
    const other = synth({ sesEvents: true });
    const topic = other.resource('AWS::SNS::Topic', 'SesEvents');
    expect(topic.Properties.SignatureVersion).toBe('2');
    expect(other.environment('ReceiveReceipt').SES_SNS_TOPIC_ARN).toEqual({ Ref: topic.id });
    const subscription = other.resource('AWS::SNS::Subscription', 'SesEvents');
    expect(subscription.Properties).toMatchObject({ Protocol: 'https', TopicArn: { Ref: topic.id } });
    const endpoint = (subscription.Properties.Endpoint as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(endpoint[0]).toBe('https://');
    expect(endpoint.at(-1)).toBe('/webhooks/ses');
    // Confirmed at once by the function: it and its invoke permission come first.
    expect(subscription.DependsOn).toEqual(
      expect.arrayContaining([
        other.fn('ReceiveReceipt').id,
        expect.stringMatching(/^ApiwebhookssesPOSTApiPermission/),
      ]),
    );
    other.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic.id }],
      PolicyDocument: {
        Statement: [
          // TLS only.
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
    other.template.hasOutput('SesEventsTopicArn', { Value: { Ref: topic.id } });
  });

  it('with sesEvents, listens to a configured topic as well', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:identity-notifications';
    const other = synth({ sesEvents: true, receiptEnvironment: { SES_SNS_TOPIC_ARN: arn } });
    expect(other.environment('ReceiveReceipt').SES_SNS_TOPIC_ARN).toEqual({
      'Fn::Join': ['', [`${arn},`, { Ref: other.resource('AWS::SNS::Topic', 'SesEvents').id }]],
    });
  });
});

describe('the API', () => {
  /** The methods on a path part; `parent/part` where the part alone is ambiguous (`{id}`). */
  const method = (httpMethod: string, pathSpec: string) => {
    const [parentPart, pathPart] = pathSpec.includes('/') ? pathSpec.split('/') : [undefined, pathSpec];
    const resources = stack.resources('AWS::ApiGateway::Resource');
    return Object.entries(stack.resources('AWS::ApiGateway::Method'))
      .filter(([, m]) => {
        const resource = resources[(m.Properties.ResourceId as { Ref?: string }).Ref ?? ''];
        const parent = resources[(resource?.Properties.ParentId as { Ref?: string } | undefined)?.Ref ?? ''];
        return (
          m.Properties.HttpMethod === httpMethod &&
          resource?.Properties.PathPart === pathPart &&
          (parentPart === undefined || parent?.Properties.PathPart === parentPart)
        );
      })
      .map(([, m]) => m);
  };
  const ROUTES = [
    ['POST', 'sendMessage', 'SendMessage'],
    ['POST', 'resend', 'SendMessage'],
    ['POST', 'batch', 'SendMessage'],
    ['GET', 'messages', 'ListMessages'],
    ['GET', 'messages/{id}', 'GetMessage'],
    ['DELETE', 'messages/{id}', 'SendMessage'],
    ['GET', 'events', 'ListMessageEvents'],
    ['POST', 'keys', 'ManageKeys'],
    ['GET', 'keys', 'ManageKeys'],
    ['DELETE', 'keys/{id}', 'ManageKeys'],
    ['GET', 'me', 'ManageKeys'],
    ['POST', 'webhook-endpoints', 'ManageWebhooks'],
    ['GET', 'webhook-endpoints', 'ManageWebhooks'],
    ['GET', '{id}', 'ManageWebhooks'],
    ['PATCH', '{id}', 'ManageWebhooks'],
    ['DELETE', '{id}', 'ManageWebhooks'],
    ['POST', 'rotate-secret', 'ManageWebhooks'],
    ['GET', 'deliveries', 'ManageWebhooks'],
    ['POST', 'retry', 'ManageWebhooks'],
    ['GET', 'suppressions', 'ManageSuppressions'],
    ['PUT', '{recipient}', 'ManageSuppressions'],
    ['DELETE', '{recipient}', 'ManageSuppressions'],
    ['POST', 'erasures', 'ManagePrivacy'],
    ['GET', 'erasures/{id}', 'ManagePrivacy'],
    ['PUT', '{name}', 'ManageTemplates'],
    ['GET', 'templates', 'ManageTemplates'],
    ['GET', '{name}', 'ManageTemplates'],
    ['DELETE', '{name}', 'ManageTemplates'],
    ['POST', 'twilio', 'ReceiveReceipt'],
    ['POST', 'inbound', 'ReceiveReceipt'],
    ['GET', 'meta', 'ReceiveReceipt'],
    ['POST', 'meta', 'ReceiveReceipt'],
    ['POST', 'ses', 'ReceiveReceipt'],
    ['GET', 'stats', 'GetStats'],
  ] as const;

  it.each(ROUTES)('routes %s %s to its function through a proxy integration', (httpMethod, pathPart, fn) => {
    // `{id}` is a path part of /messages, /keys and /webhook-endpoints: the function tells them apart.
    const found = method(httpMethod, pathPart).filter((m) =>
      JSON.stringify(m.Properties.Integration).includes(stack.fn(fn).id),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY' });
    expect(JSON.stringify(found[0]?.Properties.Integration)).toContain(stack.fn(fn).id);
  });

  it('has exactly these routes, and the 405 mocks', () => {
    const all = Object.values(stack.resources('AWS::ApiGateway::Method'))
      .filter((m) => m.Properties.HttpMethod !== 'OPTIONS')
      .map((m) => {
        const resource =
          stack.resources('AWS::ApiGateway::Resource')[
            (m.Properties.ResourceId as { Ref?: string }).Ref ?? ''
          ];
        return `${m.Properties.HttpMethod} ${resource?.Properties.PathPart}`;
      });
    const anys = [
      'sendMessage',
      'messages',
      '{id}',
      'events',
      'resend',
      'batch',
      'keys',
      '{id}',
      'me',
      'webhook-endpoints',
      '{id}',
      'rotate-secret',
      'deliveries',
      'retry',
      'suppressions',
      '{recipient}',
      'erasures',
      '{id}',
      'templates',
      '{name}',
      'twilio',
      'inbound',
      'meta',
      'ses',
      'openapi.json',
      'stats',
    ].map((p) => `ANY ${p}`);
    // GET /openapi.json is API Gateway's own, from S3 (below).
    const routed = [...ROUTES.map(([m, p]) => `${m} ${p.split('/').at(-1)}`), 'GET openapi.json'];
    expect(all.sort()).toEqual([...routed, ...anys].sort());
    // The events resource is under /messages/{id}, the webhooks under /webhooks.
    const parents = Object.fromEntries(
      Object.entries(stack.resources('AWS::ApiGateway::Resource')).map(([id, r]) => [id, r.Properties]),
    );
    const path = (part: string) => {
      const segments: string[] = [];
      let current = Object.values(parents).find((p) => p.PathPart === part);
      while (current) {
        segments.unshift(String(current.PathPart));
        current = parents[(current.ParentId as { Ref?: string }).Ref ?? ''];
      }
      return `/${segments.join('/')}`;
    };
    expect(path('events')).toBe('/messages/{id}/events');
    expect(path('resend')).toBe('/messages/{id}/resend');
    expect(path('batch')).toBe('/messages/batch');
    for (const provider of ['twilio', 'meta', 'ses']) expect(path(provider)).toBe(`/webhooks/${provider}`);
    expect(path('inbound')).toBe('/webhooks/twilio/inbound');
    expect(path('{recipient}')).toBe('/suppressions/{recipient}');
  });

  /** Every method with its resource's full path. */
  const methods = () => {
    const resources = stack.resources('AWS::ApiGateway::Resource');
    const pathOf = (id: string | undefined): string => {
      const resource = id === undefined ? undefined : resources[id];
      if (!resource) return '';
      return `${pathOf((resource.Properties.ParentId as { Ref?: string }).Ref)}/${resource.Properties.PathPart}`;
    };
    // The console's CORS preflights (OPTIONS) are tested with it (test/infra/console-hosting.test.ts).
    return Object.values(stack.resources('AWS::ApiGateway::Method'))
      .filter((m) => m.Properties.HttpMethod !== 'OPTIONS')
      .map((m) => ({
        httpMethod: String(m.Properties.HttpMethod),
        path: pathOf((m.Properties.ResourceId as { Ref?: string }).Ref),
        properties: m.Properties,
      }));
  };

  it('checks x-api-key with a REQUEST authorizer, its answer cached 60 seconds per key', () => {
    const authorizer = stack.resource('AWS::ApiGateway::Authorizer', 'ApiKeyAuthorizer');
    expect(authorizer.Properties).toMatchObject({
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 60,
    });
    expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(stack.fn('Authorize').id);
    // API Gateway may invoke the function, as this authorizer only.
    const permissions = Object.values(stack.resources('AWS::Lambda::Permission')).filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) ===
        JSON.stringify({ 'Fn::GetAtt': [stack.fn('Authorize').id, 'Arn'] }),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.Properties).toMatchObject({ Principal: 'apigateway.amazonaws.com' });
    expect(JSON.stringify(permissions[0]?.Properties.SourceArn)).toContain(`/authorizers/`);
  });

  it.each([0, 3600])('caches the authorizer answer for authorizerCacheSeconds %s', (seconds) => {
    const other = synth({ authorizerCacheSeconds: seconds });
    expect(
      other.resource('AWS::ApiGateway::Authorizer', 'ApiKeyAuthorizer').Properties
        .AuthorizerResultTtlInSeconds,
    ).toBe(seconds);
  });

  it.each([-1, 3601, 1.5])('refuses an authorizer cache of %s seconds', (authorizerCacheSeconds) => {
    expect(() => synth({ authorizerCacheSeconds })).toThrow(/authorizerCacheSeconds/);
  });

  it('puts the authorizer on every route but the webhooks and /openapi.json; the 405 answers need no key', () => {
    const authorizerId = stack.resource('AWS::ApiGateway::Authorizer', 'ApiKeyAuthorizer').id;
    const all = methods();
    // The routes to functions, GET /openapi.json (from S3), the 405 mocks.
    expect(all).toHaveLength(ROUTES.length + 1 + 26);
    const keyed = all.filter(
      (m) => !m.path.startsWith('/webhooks/') && m.path !== '/openapi.json' && m.httpMethod !== 'ANY',
    );
    expect(keyed.map((m) => `${m.httpMethod} ${m.path}`).sort()).toEqual(
      [
        'DELETE /keys/{id}',
        'DELETE /messages/{id}',
        'POST /messages/batch',
        'DELETE /suppressions/{recipient}',
        'GET /suppressions',
        'PUT /suppressions/{recipient}',
        'GET /keys',
        'GET /me',
        'GET /messages',
        'GET /messages/{id}',
        'GET /messages/{id}/events',
        'GET /stats',
        'GET /erasures/{id}',
        'POST /erasures',
        'POST /keys',
        'POST /messages/{id}/resend',
        'POST /sendMessage',
        'DELETE /templates/{name}',
        'GET /templates',
        'GET /templates/{name}',
        'PUT /templates/{name}',
        'DELETE /webhook-endpoints/{id}',
        'GET /webhook-endpoints',
        'GET /webhook-endpoints/{id}',
        'GET /webhook-endpoints/{id}/deliveries',
        'PATCH /webhook-endpoints/{id}',
        'POST /webhook-endpoints',
        'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry',
        'POST /webhook-endpoints/{id}/rotate-secret',
      ].sort(),
    );
    for (const m of all) {
      if (keyed.includes(m)) {
        expect(m.properties, `${m.httpMethod} ${m.path}`).toMatchObject({
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        // Locally the method is checked before the key: 405 with or without one, as here.
        expect(m.properties.AuthorizationType, `${m.httpMethod} ${m.path}`).toBe('NONE');
        expect(m.properties.AuthorizerId, `${m.httpMethod} ${m.path}`).toBeUndefined();
      }
    }
  });

  it('leaves the webhooks open to the providers: no authorizer, no API key', () => {
    for (const [httpMethod, pathPart] of ROUTES.filter(([, , fn]) => fn === 'ReceiveReceipt')) {
      const [found] = method(httpMethod, pathPart);
      expect(found?.Properties.AuthorizationType).toBe('NONE');
      expect(found?.Properties.AuthorizerId).toBeUndefined();
      expect(found?.Properties.ApiKeyRequired).not.toBe(true);
    }
    for (const m of methods().filter((m) => m.path.startsWith('/webhooks/')))
      expect(m.properties.AuthorizationType).toBe('NONE');
  });

  it('answers a refused key 401 with the body the functions give, and a denied route 403', () => {
    /** The body of a gateway response, as API Gateway renders it for request `r-1`. */
    const body = (type: string, statusCode: string) => {
      const [response, ...others] = Object.values(stack.resources('AWS::ApiGateway::GatewayResponse')).filter(
        (r) => r.Properties.ResponseType === type,
      );
      expect(others).toEqual([]);
      expect(response?.Properties.StatusCode).toBe(statusCode);
      const templates = (response?.Properties.ResponseTemplates ?? {}) as Record<string, string>;
      return JSON.parse(
        String(templates['application/json']).replaceAll('$context.requestId', 'r-1'),
      ) as unknown;
    };
    const functions401 = errorResponse(new UnauthorizedError(), 'r-1', createLogger({ level: 'silent' }));
    expect(functions401.statusCode).toBe(401);
    expect(body('UNAUTHORIZED', '401')).toEqual(functions401.body);
    expect(body('UNAUTHORIZED', '401')).toEqual({
      error: {
        code: 'UNAUTHORIZED',
        message: 'A valid API key is required in the x-api-key header',
        requestId: 'r-1',
      },
    });
    expect(body('ACCESS_DENIED', '403')).toEqual({
      error: { code: 'FORBIDDEN', message: expect.any(String), requestId: 'r-1' },
    });
  });

  it.each([
    ['sendMessage', 'POST'],
    ['messages', 'GET'],
    ['messages/{id}', 'DELETE, GET'],
    ['keys/{id}', 'DELETE'],
    ['batch', 'POST'],
    ['events', 'GET'],
    ['twilio', 'POST'],
    ['meta', 'GET, POST'],
    ['ses', 'POST'],
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
    stack.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'test',
      TracingEnabled: true,
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ]),
    });
  });

  it('answers unknown paths 404 and its own errors in the contract error shape', () => {
    stack.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"code":"NOT_FOUND"') },
    });
    for (const [type, code] of [
      ['THROTTLED', 'THROTTLED'],
      ['REQUEST_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
      ['DEFAULT_5XX', 'INTERNAL'],
    ]) {
      stack.template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseTemplates: {
          'application/json': Match.stringLikeRegexp(`"code":"${code}".*"requestId":"\\$context.requestId"`),
        },
      });
    }
  });

  it('outputs the API URL and the tables names', () => {
    stack.template.hasOutput('ApiUrl', {});
    stack.template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('^Messages') } });
    stack.template.hasOutput('IdempotencyTableName', {
      Value: { Ref: Match.stringLikeRegexp('^IdempotencyKeys') },
    });
    stack.template.hasOutput('KeysTableName', {
      Value: { Ref: stack.resource('AWS::DynamoDB::Table', 'ApiKeys').id },
    });
    stack.template.hasOutput('RateCounterTableName', {
      Value: { Ref: stack.resource('AWS::DynamoDB::Table', 'RateCounters').id },
    });
  });
});

describe('GET /openapi.json: API Gateway reads the document from S3, no Lambda', () => {
  const documentMethod = () => {
    const resources = stack.resources('AWS::ApiGateway::Resource');
    const found = Object.values(stack.resources('AWS::ApiGateway::Method')).filter(
      (m) =>
        m.Properties.HttpMethod === 'GET' &&
        resources[(m.Properties.ResourceId as { Ref: string }).Ref]?.Properties.PathPart === 'openapi.json',
    );
    expect(found).toHaveLength(1);
    return found[0]?.Properties as Record<string, unknown> & { Integration: Record<string, unknown> };
  };
  type IntegrationResponse = {
    StatusCode: string;
    SelectionPattern?: string;
    ResponseParameters: Record<string, string>;
    ResponseTemplates?: Record<string, string>;
  };
  const bucketId = () => stack.resource('AWS::S3::Bucket', 'ConsoleFiles').id;

  it('is an S3 GetObject of <console bucket>/openapi.json, without a key, as a role', () => {
    const method = documentMethod();
    expect(method).toMatchObject({ AuthorizationType: 'NONE', ApiKeyRequired: false });
    expect(method.Integration).toMatchObject({ Type: 'AWS', IntegrationHttpMethod: 'GET' });
    const uri = (method.Integration.Uri as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(uri.slice(-3)).toEqual([':s3:path/', { Ref: bucketId() }, '/openapi.json']);
    // No function serves it: none in the integration, none named for it, no invoke permission on it.
    const functions = Object.keys(stack.resources('AWS::Lambda::Function'));
    expect(functions.filter((id) => JSON.stringify(method).includes(id))).toEqual([]);
    expect(functions.filter((id) => id.startsWith('GetOpenApi'))).toEqual([]);
    const permissions = Object.values(stack.resources('AWS::Lambda::Permission')).filter((p) =>
      JSON.stringify(p.Properties.SourceArn ?? '').includes('/openapi.json'),
    );
    expect(permissions).toEqual([]);
  });

  it('takes a role that may read that one object only, and that only API Gateway may take', () => {
    const roleId = (documentMethod().Integration.Credentials as { 'Fn::GetAtt': [string, string] })[
      'Fn::GetAtt'
    ][0];
    const role = stack.resources('AWS::IAM::Role')[roleId];
    expect(role?.Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } },
      ],
    });
    expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role?.Properties.Policies).toBeUndefined();
    const statements = Object.values(stack.resources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statements).toEqual([
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId(), 'Arn'] }, '/openapi.json']] },
      },
    ]);
  });

  it('deploys into that bucket the very text the local server serves', () => {
    const deployment = stack.resource('Custom::CDKBucketDeployment', 'ConsoleDeployment').Properties;
    expect(deployment.DestinationBucketName).toEqual({ Ref: bucketId() });
    // CloudFront serves the bucket too: its copy is invalidated with each deployment.
    expect(deployment.DistributionPaths).toContain('/openapi.json');
    // Source.data's file is gone once bound (the test app stages no asset): an asset is named by the
    // fingerprint of its files, so the served text, written alone as openapi.json, must be named so.
    const dir = mkdtempSync(join(tmpdir(), 'openapi-asset-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), OPENAPI_JSON);
      expect(deployment.SourceObjectKeys).toContain(`${FileSystem.fingerprint(dir)}.zip`);
      writeFileSync(join(dir, 'openapi.json'), `${OPENAPI_JSON} `);
      expect(deployment.SourceObjectKeys).not.toContain(`${FileSystem.fingerprint(dir)}.zip`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("answers as the OpenAPI document says: 200 with the document, S3's failures as the contract's 500", () => {
    const method = documentMethod();
    const responses = method.Integration.IntegrationResponses as IntegrationResponse[];
    // What API Gateway sends for an integration response: its mapped headers, its template or the
    // object's bytes.
    const answer = (response: IntegrationResponse | undefined, objectBody: string) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(response?.ResponseParameters ?? {})) {
        const header = name.replace('method.response.header.', '');
        if (value === 'context.requestId') headers.set(header, 'r-1');
        else if (value.startsWith("'")) headers.set(header, value.slice(1, -1));
        else if (value === 'integration.response.header.ETag') headers.set(header, '"etag"');
        else throw new Error(`unexpected mapping ${value}`);
      }
      const template = response?.ResponseTemplates?.['application/json'];
      const body = template === undefined ? objectBody : template.replaceAll('$context.requestId', 'r-1');
      return { status: Number(response?.StatusCode), headers, body };
    };
    // S3's answer picks the integration response: a 2xx the one without a pattern, any 4xx or 5xx
    // (a missing object, a refused read, S3 unavailable) the error's.
    const select = (status: number) =>
      responses.find(
        (r) => r.SelectionPattern && new RegExp(`^(?:${r.SelectionPattern})$`).test(String(status)),
      ) ?? responses.find((r) => r.SelectionPattern === undefined);
    const ok = answer(select(200), OPENAPI_JSON);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(ok.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(checkAnswer('GET', '/openapi.json', ok)).toEqual([]);
    const xml = '<?xml version="1.0"?><Error><Code>SlowDown</Code></Error>';
    for (const status of [403, 404, 500, 503]) {
      const failed = answer(select(status), xml);
      expect(failed.status).toBe(500);
      expect(JSON.parse(failed.body)).toEqual({
        error: { code: 'INTERNAL', message: expect.stringContaining('requestId'), requestId: 'r-1' },
      });
      expect(checkAnswer('GET', '/openapi.json', failed)).toEqual([]);
    }
    // Each status mapped is one the method declares, with the headers it maps.
    const declared = method.MethodResponses as {
      StatusCode: string;
      ResponseParameters: Record<string, boolean>;
    }[];
    for (const response of responses) {
      const methodResponse = declared.find((d) => d.StatusCode === response.StatusCode);
      expect(Object.keys(methodResponse?.ResponseParameters ?? {}).sort()).toEqual(
        Object.keys(response.ResponseParameters).sort(),
      );
    }
  });
});

describe('metrics and traces', () => {
  const ALL = [
    'SendMessage',
    'DeliverMessages',
    'GetMessage',
    'ListMessages',
    'ListMessageEvents',
    'ReceiveReceipt',
    'Authorize',
    'ManageKeys',
  ];

  it("gives every function the metrics' namespace and service, and tracing off by default", () => {
    const { environment } = synth();
    for (const name of ALL) {
      expect(environment(name), name).toMatchObject({
        METRICS_NAMESPACE: 'Messaging',
        POWERTOOLS_SERVICE_NAME: 'messaging',
        TRACING: 'off',
      });
    }
  });

  it('takes the namespace and tracing from the stack, with X-Ray active on each function', () => {
    const { environment, fn } = synth({ metricsNamespace: 'Acme/Messaging', tracing: true });
    for (const name of ALL) {
      expect(environment(name), name).toMatchObject({ METRICS_NAMESPACE: 'Acme/Messaging', TRACING: 'on' });
      expect(fn(name).Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });
});
