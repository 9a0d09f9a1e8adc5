import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { MessagingStack } from './messaging-stack.js';

// Stage from `-c stage=prod` or STAGE; account and region from the CLI's profile at deploy time.
const app = new App();
// AWS's own rules (cdk-nag 3, a validation plugin): synth fails on a finding neither fixed nor
// acknowledged next to its resource (docs/operations.md lists the acknowledgements).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
const stage = String(app.node.tryGetContext('stage') ?? process.env.STAGE ?? 'dev');
if (!/^[a-z][a-z0-9-]{0,20}$/.test(stage)) throw new Error(`stage ${JSON.stringify(stage)}: use a-z, 0-9, -`);

// An object in cdk.json's context, or a JSON string from `-c name='{...}'`.
const settings = (name: string): Record<string, string> => {
  const value = app.node.tryGetContext(name) ?? {};
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${name}: must be an object of settings`);
  for (const [key, setting] of Object.entries(parsed)) {
    if (typeof setting !== 'string') throw new Error(`${name}.${key}: must be a string`);
  }
  return parsed as Record<string, string>;
};
// `-c` values arrive as strings, cdk.json's as JSON values.
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  return value === undefined ? undefined : String(value);
};
const flag = (name: string) => context(name) === 'true';
const number = (name: string) => {
  const value = context(name);
  return value === undefined ? undefined : Number(value);
};
const list = (name: string) =>
  (context(name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const workerMaxConcurrency = number('workerMaxConcurrency');
const authorizerCacheSeconds = number('authorizerCacheSeconds');
const wafRequestsPer5Minutes = number('wafRequestsPer5Minutes');
const alarmEmail = context('alarmEmail');
const domainName = context('domainName');
const certificateArn = context('certificateArn');
if ((domainName === undefined) !== (certificateArn === undefined))
  throw new Error(
    'domainName and certificateArn: give both (a custom domain needs its ACM certificate) or neither',
  );
new MessagingStack(app, `Messaging-${stage}`, {
  stage,
  // The provider settings of send and the delivery worker: `-c providers='{"EMAIL_PROVIDERS":"ses",...}'`
  // or `providers` in cdk.json's context. Secrets as references only (see README).
  providerEnvironment: settings('providers'),
  allowMockProviders: flag('allowMockProviders'),
  // The webhooks' settings (PUBLIC_URL, TWILIO_AUTH_TOKEN...; docs/receipts.md), secrets as references.
  receiptEnvironment: settings('receipts'),
  secretsKmsKeyArns: list('secretsKmsKeyArns'),
  deliveryMode: (context('deliveryMode') ?? 'sync') as 'sync' | 'async',
  ...(workerMaxConcurrency === undefined ? {} : { workerMaxConcurrency }),
  sesEvents: flag('sesEvents'),
  // Powertools' Tracer (off; docs/observability.md).
  tracing: flag('tracing'),
  // How long API Gateway caches a key's check (0 to 3600; default 60): also how long a revoked key lasts.
  ...(authorizerCacheSeconds === undefined ? {} : { authorizerCacheSeconds }),
  ...(alarmEmail === undefined ? {} : { alarmEmail }),
  // A custom domain (REGIONAL, TLS 1.2) with its ACM certificate in the stack's region.
  ...(domainName === undefined || certificateArn === undefined
    ? {}
    : { domain: { domainName, certificate: certificateArn, basePath: context('domainBasePath') } }),
  waf: flag('waf')
    ? wafRequestsPer5Minutes === undefined
      ? true
      : { requestsPer5Minutes: wafRequestsPer5Minutes }
    : false,
  apiGatewayAccountRole: flag('apiGatewayAccountRole'),
  // An index replacement, one index a deployment (docs/dynamodb.md, "Migrating"): the old indexes
  // stay (`-c keepRetiringIndexes=true`), and some not declared yet or any more (`-c holdIndexes=a,b`).
  keepRetiringIndexes: flag('keepRetiringIndexes'),
  holdIndexes: list('holdIndexes'),
  ...(context('metricsNamespace') === undefined ? {} : { metricsNamespace: context('metricsNamespace') }),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: `Messaging service (${stage})`,
});
