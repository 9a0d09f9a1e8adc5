import { Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { MessagingService } from '../../infra/messaging-service.js';
import { MessagingStack, type MessagingStackProps } from '../../infra/messaging-stack.js';
import { cdkApp } from '../support/cdk-app.js';

/** Every option on: each finding it adds must be fixed or acknowledged too. */
const FULL: Omit<MessagingStackProps, 'stage'> = {
  sesEvents: true,
  waf: true,
  alarmEmail: 'ops@acme.example',
  domain: {
    domainName: 'api.acme.example',
    certificate: 'arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100',
  },
  providerEnvironment: {
    EMAIL_PROVIDERS: 'ses',
    SES_FROM: 'noreply@acme.example',
    SMS_PROVIDERS: 'aws,twilio',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_FROM: '+14155550100',
    TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken',
    WHATSAPP_PROVIDERS: 'meta',
    META_PHONE_NUMBER_ID: '1234567890',
    META_ACCESS_TOKEN: 'ssm:/messaging/meta-token',
  },
  receiptEnvironment: { TWILIO_AUTH_TOKEN: 'secretsmanager:messaging/twilio#authToken' },
  secretsKmsKeyArns: ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
};

/**
 * Every finding, warnings and errors, of both packs on `stack`, as `rule at construct path`: empty
 * when each is fixed or acknowledged (Validations.of(construct).acknowledge, next to the resource).
 */
function findings(stack: Stack): string[] {
  const app = stack.node.root;
  return [new AwsSolutionsChecks(app), new ServerlessChecks(app)].flatMap((pack) =>
    pack
      .validateScope(stack)
      .violations.flatMap((violation) =>
        violation.violatingResources.map(
          (resource) => `${violation.ruleName} at ${(resource as { constructPath?: string }).constructPath}`,
        ),
      ),
  );
}

// The first synth of a process loads CDK's validation schemas: seconds on a busy machine.
describe('cdk-nag (AwsSolutions and Serverless)', { timeout: 90_000 }, () => {
  it('finds nothing unacknowledged in the default stack', () => {
    expect(findings(new MessagingStack(cdkApp(), 'Nag', { stage: 'dev' }))).toEqual([]);
  });

  it('finds nothing unacknowledged with every option on (WAF, domain, alarm email, SES events, providers)', () => {
    expect(findings(new MessagingStack(cdkApp(), 'NagFull', { stage: 'prod', ...FULL }))).toEqual([]);
  });

  it('finds nothing unacknowledged in the service inside another stack', () => {
    const stack = new Stack(cdkApp(), 'Platform');
    new MessagingService(stack, 'Messaging', { stage: 'dev' });
    expect(findings(stack)).toEqual([]);
  });

  it('runs as a validation plugin of the app (cdk-nag 3), failing synth on a finding nobody acknowledged', () => {
    const app = cdkApp();
    const stack = new MessagingStack(app, 'NagBad', { stage: 'dev' });
    // A queue without TLS-only access or a dead-letter queue, beside the service.
    new Queue(stack, 'Careless');
    expect(findings(stack)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AwsSolutions-SQS4 at NagBad\/Careless/)]),
    );
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
