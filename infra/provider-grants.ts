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
export function providerGrants(
  stack: Stack,
  env: Readonly<Record<string, string>>,
  secretKeyArns: readonly string[] = [],
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  // In the provider's own region when its settings name one (the SDK client is built for it there):
  // a grant in the stack's region would be AccessDenied at run time.
  const arn = (service: string, region: string | undefined, resource: string, resourceName: string) =>
    stack.formatArn({
      service,
      resource,
      resourceName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      ...(region ? { region } : {}),
    });

  if (providerNames(env, 'email').includes('ses')) {
    const from = env.SES_FROM ?? '';
    const identity = env.SES_IDENTITY ?? /@([^>\s]+)>?\s*$/.exec(from)?.[1];
    if (!identity)
      throw new Error('SES needs SES_FROM (or SES_IDENTITY) to scope ses:SendEmail to its identity');
    const region = env.SES_REGION;
    const resources = [arn('ses', region, 'identity', identity)];
    if (env.SES_CONFIGURATION_SET)
      resources.push(arn('ses', region, 'configuration-set', env.SES_CONFIGURATION_SET));
    statements.push(new PolicyStatement({ actions: ['ses:SendEmail'], resources }));
  }

  if (providerNames(env, 'sms').includes('aws')) {
    // Scoped to the origination identity when it is given as an ARN; a bare phone number or sender
    // id cannot be turned into one, so then any identity. A configuration set named in the request
    // is authorized too: by name it lives in the SMS region.
    const identity = env.AWS_SMS_ORIGINATION_IDENTITY;
    const configurationSet = env.AWS_SMS_CONFIGURATION_SET;
    const resources =
      identity !== undefined && isArn(identity)
        ? [
            identity,
            ...(configurationSet === undefined
              ? []
              : [
                  isArn(configurationSet)
                    ? configurationSet
                    : arn('sms-voice', env.AWS_SMS_REGION, 'configuration-set', configurationSet),
                ]),
          ]
        : ['*'];
    statements.push(new PolicyStatement({ actions: ['sms-voice:SendTextMessage'], resources }));
  }

  return [...statements, ...secretGrants(stack, env, secretKeyArns)];
}

/**
 * Reading each parameter or secret that a setting of `env` references, and nothing else; with
 * `secretKeyArns` (the customer-managed KMS keys those secrets are encrypted with), kms:Decrypt on
 * those keys, only through the stores that hold the references (kms:ViaService).
 */
export function secretGrants(
  stack: Stack,
  env: Readonly<Record<string, string>>,
  secretKeyArns: readonly string[] = [],
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const viaServices = new Set<string>();
  for (const value of Object.values(env)) {
    const reference = parseSecretReference(value);
    if (!reference) continue;
    const { kind, id } = reference;
    // A reference by ARN may name another region; by name it is read in the function's region.
    const region = isArn(id) ? id.split(':')[3] : stack.region;
    viaServices.add(`${kind}.${region}.${stack.urlSuffix}`);
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
  if (viaServices.size > 0 && secretKeyArns.length > 0) {
    for (const key of secretKeyArns) {
      if (!/^arn:[^:]+:kms:[^:]*:[^:]*:key\/.+$/.test(key))
        throw new Error(
          `secretsKmsKeyArns: ${JSON.stringify(key)} is not a KMS key ARN (arn:...:kms:...:key/...)`,
        );
    }
    statements.push(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [...secretKeyArns],
        conditions: { StringEquals: { 'kms:ViaService': [...viaServices].sort() } },
      }),
    );
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
  'PRIVACY_HASH_KEY',
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
