import { ArnFormat, type Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { providerNames } from '../lib/channels/catalog.js';
import { parseSecretReference } from '../lib/secrets.js';

const isArn = (value: string) => value.startsWith('arn:');

/**
 * Exactly what the configured providers need on AWS, from the provider settings (the environment of
 * the functions that call providers: send and the delivery worker): SES sending on its identity (and
 * configuration set), SMS sending, and reading each referenced secret. Nothing at all when every
 * channel uses the mock or non-AWS vendors without secret references.
 */
export function providerGrants(stack: Stack, env: Readonly<Record<string, string>>): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const arn = (service: string, resource: string, resourceName: string) =>
    stack.formatArn({ service, resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });

  if (providerNames(env, 'email').includes('ses')) {
    const from = env.SES_FROM ?? '';
    const identity = env.SES_IDENTITY ?? /@([^>\s]+)>?\s*$/.exec(from)?.[1];
    if (!identity)
      throw new Error('SES needs SES_FROM (or SES_IDENTITY) to scope ses:SendEmail to its identity');
    const resources = [arn('ses', 'identity', identity)];
    if (env.SES_CONFIGURATION_SET) resources.push(arn('ses', 'configuration-set', env.SES_CONFIGURATION_SET));
    statements.push(new PolicyStatement({ actions: ['ses:SendEmail'], resources }));
  }

  if (providerNames(env, 'sms').includes('aws')) {
    // Scoped to the origination identity and configuration set when they are given as ARNs;
    // a bare phone number or sender id cannot be turned into one, so then any identity.
    const scoped = [env.AWS_SMS_ORIGINATION_IDENTITY, env.AWS_SMS_CONFIGURATION_SET].filter(
      (value): value is string => value !== undefined && isArn(value),
    );
    const bare = env.AWS_SMS_ORIGINATION_IDENTITY !== undefined && !isArn(env.AWS_SMS_ORIGINATION_IDENTITY);
    statements.push(
      new PolicyStatement({
        actions: ['sms-voice:SendTextMessage'],
        resources: scoped.length > 0 && !bare ? scoped : ['*'],
      }),
    );
  }

  return [...statements, ...secretGrants(stack, env)];
}

/** Reading each parameter or secret that a setting of `env` references, and nothing else. */
export function secretGrants(stack: Stack, env: Readonly<Record<string, string>>): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const value of Object.values(env)) {
    const reference = parseSecretReference(value);
    if (!reference) continue;
    const { kind, id } = reference;
    if (kind === 'ssm') {
      const resource = isArn(id)
        ? id
        : stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: id.replace(/^\//, ''),
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          });
      statements.push(new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [resource] }));
    } else {
      // A secret's ARN ends in a random 6-character suffix that its name does not carry.
      const resource = isArn(id)
        ? id
        : stack.formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `${id}-??????`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          });
      statements.push(
        new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resource] }),
      );
    }
  }
  return statements;
}

/**
 * Settings that hold credentials (the providers', and the webhooks' verification secrets): on AWS they
 * must be references, so no secret lands in a template.
 */
export const SECRET_SETTINGS = [
  'TWILIO_AUTH_TOKEN',
  'META_ACCESS_TOKEN',
  'SMTP_PASSWORD',
  'META_APP_SECRET',
  'META_WEBHOOK_VERIFY_TOKEN',
] as const;

export function assertSecretsAreReferences(env: Readonly<Record<string, string>>): void {
  for (const name of SECRET_SETTINGS) {
    const value = env[name];
    if (value !== undefined && !parseSecretReference(value)) {
      throw new Error(
        `${name} must be a reference (ssm:/name or secretsmanager:id#key), not the secret itself`,
      );
    }
  }
}
