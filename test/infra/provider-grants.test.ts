import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MessagingStack } from '../../infra/messaging-stack.js';
import { NO_BUNDLING } from '../support/cdk.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

/** CloudFormation's `Fn::Join` of ARNs, rendered as in the standard partition. */
const render = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object') {
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) {
      const text = (part: unknown) =>
        typeof part === 'string'
          ? part
          : (part as { Ref?: string }).Ref === 'AWS::Partition'
            ? 'aws'
            : JSON.stringify(part);
      return join[1].map(text).join(join[0]);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
  }
  return value;
};

function synth(providerEnvironment?: Record<string, string>, receiptEnvironment?: Record<string, string>) {
  const app = new App({ context: NO_BUNDLING });
  const stack = new MessagingStack(app, 'Test', {
    stage: 'test',
    providerEnvironment,
    receiptEnvironment,
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  const template = Template.fromStack(stack);
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  const functionId = (prefix: string) =>
    Object.keys(resources('AWS::Lambda::Function')).find((id) => id.startsWith(prefix)) ?? '';
  /** The statements of a function's role, other than DynamoDB, SQS and X-Ray (the stack test's). */
  const providerStatements = (prefix: string) => {
    const fn = resources('AWS::Lambda::Function')[functionId(prefix)];
    const role = (fn?.Properties.Role as { 'Fn::GetAtt': string[] } | undefined)?.['Fn::GetAtt'][0];
    expect(role).toEqual(expect.any(String));
    return Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => ![s.Action].flat().every((a) => /^(dynamodb|sqs|xray):/.test(a)))
      .map(render);
  };
  const environment = (prefix: string) =>
    (
      resources('AWS::Lambda::Function')[functionId(prefix)]?.Properties.Environment as
        | { Variables: Record<string, unknown> }
        | undefined
    )?.Variables;
  return { providerStatements, environment };
}

const ALL = [
  'SendMessage',
  'GetMessage',
  'ListMessages',
  'ListMessageEvents',
  'ReceiveReceipt',
  'DeliverMessages',
];

describe('provider grants', () => {
  // The first synth of a process loads most of aws-cdk-lib: tens of seconds on a busy machine.
  it('grants nothing beyond the log when every channel uses the mock', { timeout: 90_000 }, () => {
    const stack = synth();
    for (const fn of ALL) expect(stack.providerStatements(fn)).toEqual([]);
  });

  it('grants exactly what the configured providers need, to send and the worker only', () => {
    const env = {
      EMAIL_PROVIDERS: 'ses,smtp',
      SES_FROM: 'Acme <noreply@acme.example>',
      SES_CONFIGURATION_SET: 'tracking',
      SMTP_HOST: 'smtp.acme.example',
      SMTP_PASSWORD: 'ssm:/messaging/smtp-password',
      SMS_PROVIDERS: 'twilio,aws',
      TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken',
      WHATSAPP_PROVIDERS: 'meta',
      META_ACCESS_TOKEN: 'secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:meta-AbCdEf',
    };
    const stack = synth(env);
    const expected = [
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: [
          'arn:aws:ses:eu-west-1:123456789012:identity/acme.example',
          'arn:aws:ses:eu-west-1:123456789012:configuration-set/tracking',
        ],
      },
      { Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/messaging/smtp-password',
      },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:messaging/twilio-??????',
      },
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:meta-AbCdEf',
      },
    ];
    // The worker makes the calls for queued sends, with the same settings.
    for (const fn of ['SendMessage', 'DeliverMessages']) {
      expect(stack.providerStatements(fn)).toEqual(expected);
      expect(stack.environment(fn)).toMatchObject(env);
    }
    for (const fn of ['GetMessage', 'ListMessages', 'ListMessageEvents', 'ReceiveReceipt']) {
      expect(stack.providerStatements(fn)).toEqual([]);
      expect(stack.environment(fn)).not.toHaveProperty('EMAIL_PROVIDERS');
    }
  });

  it('scopes SMS sending to the origination identity when it is an ARN', () => {
    const identity = 'arn:aws:sms-voice:eu-west-1:123456789012:phone-number/phone-abc';
    const stack = synth({ SMS_PROVIDERS: 'aws', AWS_SMS_ORIGINATION_IDENTITY: identity });
    for (const fn of ['SendMessage', 'DeliverMessages']) {
      expect(stack.providerStatements(fn)).toEqual([
        { Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: identity },
      ]);
    }
  });

  it.each(['TWILIO_AUTH_TOKEN', 'META_ACCESS_TOKEN', 'SMTP_PASSWORD', 'META_APP_SECRET'])(
    'refuses %s given as a value',
    (name) => {
      expect(() => synth({ [name]: 'the-secret-itself' })).toThrow(new RegExp(`${name} must be a reference`));
    },
  );

  it('grants the receipt function read access to its own referenced secrets, and nothing else', () => {
    const stack = synth(
      { SMS_PROVIDERS: 'twilio', TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken' },
      {
        TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken',
        META_APP_SECRET: 'ssm:/messaging/meta-app-secret',
        PUBLIC_URL: 'https://api.acme.example',
      },
    );
    expect(stack.providerStatements('ReceiveReceipt')).toEqual([
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:messaging/twilio-??????',
      },
      {
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: 'arn:aws:ssm:eu-west-1:123456789012:parameter/messaging/meta-app-secret',
      },
    ]);
    expect(stack.environment('ReceiveReceipt')).not.toHaveProperty('SMS_PROVIDERS');
    expect(stack.environment('SendMessage')).not.toHaveProperty('META_APP_SECRET');
  });

  it('refuses SES without an identity to scope it to', () => {
    expect(() => synth({ EMAIL_PROVIDERS: 'ses' })).toThrow(/SES_FROM/);
  });
});
