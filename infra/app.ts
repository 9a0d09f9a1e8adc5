import { App } from 'aws-cdk-lib';
import { MessagingStack } from './messaging-stack.js';

// Stage from `-c stage=prod` or STAGE; account and region from the CLI's profile at deploy time.
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? process.env.STAGE ?? 'dev');
if (!/^[a-z][a-z0-9-]{0,20}$/.test(stage)) throw new Error(`stage ${JSON.stringify(stage)}: use a-z, 0-9, -`);

// The send function's provider settings, from `-c providers='{"EMAIL_PROVIDERS":"ses",...}'` or the
// `providers` object in cdk.json's context. Secrets as references only (see README).
const providers = app.node.tryGetContext('providers') ?? {};
const providerEnvironment: Record<string, string> =
  typeof providers === 'string' ? JSON.parse(providers) : providers;

new MessagingStack(app, `Messaging-${stage}`, {
  stage,
  providerEnvironment,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: `Messaging service (${stage})`,
});
