import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigError } from './config.js';

/**
 * On AWS, a setting's value may be a reference instead of the secret itself:
 * `ssm:<parameter name>` (SecureString decrypted) or `secretsmanager:<secret id>[#<JSON key>]`.
 * They are resolved once, when the container starts, so the secret never sits in the function's
 * configuration or the template.
 */
const REFERENCE = /^(ssm|secretsmanager):([^#]+)(?:#(.+))?$/;

export interface SecretSource {
  ssmParameter(name: string): Promise<string | undefined>;
  secretString(id: string): Promise<string | undefined>;
}

/** The real source: SSM Parameter Store and Secrets Manager, clients built only when needed. */
export function awsSecretSource(): SecretSource {
  const timeouts = {
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
  };
  let ssm: SSMClient | undefined;
  let secrets: SecretsManagerClient | undefined;
  return {
    async ssmParameter(name) {
      ssm ??= new SSMClient({ maxAttempts: 3, ...timeouts });
      const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
      return out.Parameter?.Value;
    },
    async secretString(id) {
      secrets ??= new SecretsManagerClient({ maxAttempts: 3, ...timeouts });
      const out = await secrets.send(new GetSecretValueCommand({ SecretId: id }));
      return out.SecretString;
    },
  };
}

/** `env` with every reference replaced by its value. Fails naming the variable, never the value. */
export async function resolveSecretReferences(
  env: Readonly<Record<string, string | undefined>>,
  source: SecretSource = awsSecretSource(),
): Promise<Record<string, string | undefined>> {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  await Promise.all(
    Object.entries(env).map(async ([variable, value]) => {
      const match = value ? REFERENCE.exec(value) : null;
      if (!match) return;
      const [, kind, id = '', key] = match;
      try {
        const raw = kind === 'ssm' ? await source.ssmParameter(id) : await source.secretString(id);
        if (raw === undefined) throw new Error('it has no string value');
        if (key === undefined) {
          resolved[variable] = raw;
          return;
        }
        const field = (JSON.parse(raw) as Record<string, unknown>)[key];
        if (typeof field !== 'string') throw new Error(`its JSON has no string "${key}"`);
        resolved[variable] = field;
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        problems.push(`${variable}: cannot read ${kind}:${id} (${reason})`);
      }
    }),
  );
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.sort().join('; ')}`);
  return resolved;
}
