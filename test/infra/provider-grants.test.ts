import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MessagingStack } from '../../infra/messaging-stack.js';
import { cdkApp } from '../support/cdk-app.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

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
            : (part as { Ref?: string }).Ref === 'AWS::URLSuffix'
              ? 'amazonaws.com'
              : JSON.stringify(part);
      return join[1].map(text).join(join[0]);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
  }
  return value;
};

function synth(
  providerEnvironment?: Record<string, string>,
  receiptEnvironment?: Record<string, string>,
  secretsKmsKeyArns?: string[],
) {
  const stack = new MessagingStack(cdkApp(), 'Test', {
    stage: 'test',
    allowMockProviders: true,
    providerEnvironment,
    receiptEnvironment,
    secretsKmsKeyArns,
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  const template = Template.fromStack(stack);
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  const functionId = (prefix: string) =>
    Object.keys(resources('AWS::Lambda::Function')).find((id) => id.startsWith(prefix)) ?? '';
  /**
   * Each action of a function's role on each resource, other than DynamoDB, SQS, X-Ray and the
   * generated hash key (the stack test's), as `action resource` (with ` if <condition>`), sorted: the same whatever way CDK groups
   * the statements (cdk.json's @aws-cdk/aws-iam:minimizePolicies merges them).
   */
  const providerStatements = (prefix: string) => {
    const fn = resources('AWS::Lambda::Function')[functionId(prefix)];
    const role = (fn?.Properties.Role as { 'Fn::GetAtt': string[] } | undefined)?.['Fn::GetAtt'][0];
    expect(role).toEqual(expect.any(String));
    const grants = Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .flatMap((statement) => {
        expect(statement.Effect).toBe('Allow');
        const condition = statement.Condition ? ` if ${JSON.stringify(render(statement.Condition))}` : '';
        return (
          [statement.Action]
            .flat()
            // The log, the queue, traces and the scheduler (messaging-stack.test.ts checks those).
            .filter((action) => !/^(dynamodb|sqs|xray|scheduler):/.test(action) && action !== 'iam:PassRole')
            .flatMap((action) =>
              [render(statement.Resource)]
                .flat()
                // The generated hash key, read by every reader of the suppression list: the stack test's.
                .filter((resource) => !JSON.stringify(resource).includes('PrivacyHashKey'))
                .map((resource) => `${action} ${resource}${condition}`),
            )
        );
      });
    return [...new Set(grants)].sort();
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

// The first synth of a process loads most of aws-cdk-lib and CDK's validation schemas: tens of
// seconds on a busy machine.
describe('provider grants', { timeout: 90_000 }, () => {
  it('grants nothing beyond the log when every channel uses the mock', () => {
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
      'ses:SendEmail arn:aws:ses:eu-west-1:123456789012:identity/acme.example',
      'ses:SendEmail arn:aws:ses:eu-west-1:123456789012:configuration-set/tracking',
      'sms-voice:SendTextMessage *',
      'ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/messaging/smtp-password',
      'secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:123456789012:secret:messaging/twilio-??????',
      'secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:123456789012:secret:meta-AbCdEf',
    ].sort();
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
      expect(stack.providerStatements(fn)).toEqual([`sms-voice:SendTextMessage ${identity}`]);
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
      'secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:123456789012:secret:messaging/twilio-??????',
      'ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/messaging/meta-app-secret',
    ]);
    expect(stack.environment('ReceiveReceipt')).not.toHaveProperty('SMS_PROVIDERS');
    expect(stack.environment('SendMessage')).not.toHaveProperty('META_APP_SECRET');
  });

  it('refuses SES without an identity to scope it to', () => {
    expect(() => synth({ EMAIL_PROVIDERS: 'ses' })).toThrow(/SES_FROM/);
  });

  it("grants SES and SMS in the provider's region when SES_REGION or AWS_SMS_REGION names another", () => {
    const identity = 'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-abc';
    const stack = synth({
      EMAIL_PROVIDERS: 'ses',
      SES_FROM: 'noreply@acme.example',
      SES_CONFIGURATION_SET: 'tracking',
      SES_REGION: 'us-west-2',
      SMS_PROVIDERS: 'aws',
      AWS_SMS_ORIGINATION_IDENTITY: identity,
      AWS_SMS_CONFIGURATION_SET: 'sms-events',
      AWS_SMS_REGION: 'us-east-1',
    });
    for (const fn of ['SendMessage', 'DeliverMessages']) {
      expect(stack.providerStatements(fn)).toEqual(
        [
          'ses:SendEmail arn:aws:ses:us-west-2:123456789012:identity/acme.example',
          'ses:SendEmail arn:aws:ses:us-west-2:123456789012:configuration-set/tracking',
          `sms-voice:SendTextMessage ${identity}`,
          // The request names the configuration set: it is authorized as well, in the SMS region.
          'sms-voice:SendTextMessage arn:aws:sms-voice:us-east-1:123456789012:configuration-set/sms-events',
        ].sort(),
      );
    }
  });

  it('lets only the functions that read secrets decrypt them with the given KMS keys, through those stores', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const stack = synth(
      {
        SMS_PROVIDERS: 'twilio',
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
        TWILIO_FROM: '+14155550100',
        TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken',
        SMTP_PASSWORD: 'ssm:/messaging/smtp-password',
      },
      { META_APP_SECRET: 'secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:meta-AbCdEf' },
      [key],
    );
    const decrypt = (via: string[]) =>
      `kms:Decrypt ${key} if ${JSON.stringify({ StringEquals: { 'kms:ViaService': via } })}`;
    for (const fn of ['SendMessage', 'DeliverMessages']) {
      expect(stack.providerStatements(fn)).toContain(
        decrypt(['secretsmanager.eu-west-1.amazonaws.com', 'ssm.eu-west-1.amazonaws.com']),
      );
    }
    // A secret referenced by ARN is read in its own region.
    expect(stack.providerStatements('ReceiveReceipt')).toContain(
      decrypt(['secretsmanager.us-east-1.amazonaws.com']),
    );
    for (const fn of ['GetMessage', 'ListMessages', 'ListMessageEvents'])
      expect(stack.providerStatements(fn)).toEqual([]);
    // No reference, no key grant.
    expect(synth({}, {}, [key]).providerStatements('SendMessage')).toEqual([]);
    expect(() => synth({ SMTP_PASSWORD: 'ssm:/x' }, {}, ['alias/secrets'])).toThrow(/not a KMS key ARN/);
  });
});
