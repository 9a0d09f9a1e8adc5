import { App } from 'aws-cdk-lib';
import { MessagingStack } from './messaging-stack.js';

// Stage from `-c stage=prod` or STAGE; account and region from the CLI's profile at deploy time.
const app = new App();
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

const workerMaxConcurrency = context('workerMaxConcurrency');
const authorizerCacheSeconds = context('authorizerCacheSeconds');
new MessagingStack(app, `Messaging-${stage}`, {
  stage,
  // The provider settings of send and the delivery worker: `-c providers='{"EMAIL_PROVIDERS":"ses",...}'`
  // or `providers` in cdk.json's context. Secrets as references only (see README).
  providerEnvironment: settings('providers'),
  // The webhooks' settings (PUBLIC_URL, TWILIO_AUTH_TOKEN...; docs/receipts.md), secrets as references.
  receiptEnvironment: settings('receipts'),
  deliveryMode: (context('deliveryMode') ?? 'sync') as 'sync' | 'async',
  ...(workerMaxConcurrency === undefined ? {} : { workerMaxConcurrency: Number(workerMaxConcurrency) }),
  sesEvents: context('sesEvents') === 'true',
  // Metrics' namespace (default Messaging) and Powertools' Tracer (off; docs/observability.md).
  ...(context('metricsNamespace') === undefined ? {} : { metricsNamespace: context('metricsNamespace') }),
  tracing: context('tracing') === 'true',
  // How long API Gateway caches a key's check (0 to 3600; default 60): also how long a revoked key lasts.
  ...(authorizerCacheSeconds === undefined ? {} : { authorizerCacheSeconds: Number(authorizerCacheSeconds) }),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: `Messaging service (${stage})`,
});
