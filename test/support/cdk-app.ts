import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';

/** cdk.json's context: the feature flags `cdk synth` runs with, so the tests see the same template. */
export const CDK_JSON_CONTEXT: Readonly<Record<string, unknown>> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

/**
 * An app as `cdk synth` makes it (cdk.json's context), without bundling: the bundles have their own
 * test; these check what the stack declares. Assets are left where they are rather than copied per
 * synth (the console's deployment carries CDK's large AWS CLI layer, whose copy made each synth
 * seconds slower).
 */
export const cdkApp = (context: Record<string, unknown> = {}) =>
  new App({
    context: {
      ...CDK_JSON_CONTEXT,
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
      ...context,
    },
  });
