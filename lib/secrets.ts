import { ConfigError } from './config.js';
import { traced } from './tracing.js';

/**
 * On AWS, a setting's value may be a reference instead of the secret itself:
 * `ssm:<parameter name>` (SecureString decrypted) or `secretsmanager:<secret id>[#<JSON key>]`.
 * They are resolved when the container starts, and again once older than SECRETS_TTL_SECONDS (so that
 * a rotated secret is taken up without a redeploy; lib/composition/lambda.ts), so the secret never
 * sits in the function's configuration or the template.
 */
const REFERENCE = /^(ssm|secretsmanager):([^#]+)(?:#(.+))?$/;

export interface SecretReference {
  kind: 'ssm' | 'secretsmanager';
  id: string;
  /** The JSON key to read from the secret, if any. */
  key?: string;
}

/** The reference a setting's value makes, or undefined for a plain value. The stack reads it too. */
export function parseSecretReference(value: string | undefined): SecretReference | undefined {
  const match = value ? REFERENCE.exec(value) : null;
  if (!match) return undefined;
  const [, kind, id = '', key] = match;
  return { kind: kind as SecretReference['kind'], id, ...(key === undefined ? {} : { key }) };
}

export interface SecretSource {
  ssmParameter(name: string): Promise<string | undefined>;
  secretString(id: string): Promise<string | undefined>;
}

/**
 * The real source: SSM Parameter Store and Secrets Manager, their SDKs loaded and clients built only
 * when a reference needs them. A Lambda bundle whose function has no reference leaves both SDKs out
 * (the bundler defines `process.env.MESSAGING_BUNDLE_SECRETS` as "false"; see infra/bundling.ts).
 */
export function awsSecretSource(): SecretSource {
  const config = {
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true },
  };
  const unbundled = async (): Promise<never> => {
    throw new Error('secret references were left out of this build; deploy with them configured');
  };
  let ssm: Promise<(name: string) => Promise<string | undefined>> | undefined;
  let secrets: Promise<(id: string) => Promise<string | undefined>> | undefined;
  return {
    async ssmParameter(name) {
      ssm ??=
        process.env.MESSAGING_BUNDLE_SECRETS === 'false'
          ? unbundled()
          : import('@aws-sdk/client-ssm').then(({ SSMClient, GetParameterCommand }) => {
              const client = traced(new SSMClient(config));
              return async (n: string) =>
                (await client.send(new GetParameterCommand({ Name: n, WithDecryption: true }))).Parameter
                  ?.Value;
            });
      return (await ssm)(name);
    },
    async secretString(id) {
      secrets ??=
        process.env.MESSAGING_BUNDLE_SECRETS === 'false'
          ? unbundled()
          : import('@aws-sdk/client-secrets-manager').then(
              ({ SecretsManagerClient, GetSecretValueCommand }) => {
                const client = traced(new SecretsManagerClient(config));
                return async (i: string) =>
                  (await client.send(new GetSecretValueCommand({ SecretId: i }))).SecretString;
              },
            );
      return (await secrets)(id);
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
      const reference = parseSecretReference(value);
      if (!reference) return;
      const { kind, id, key } = reference;
      try {
        const raw = kind === 'ssm' ? await source.ssmParameter(id) : await source.secretString(id);
        if (raw === undefined) throw new Error('it has no string value');
        if (key === undefined) {
          resolved[variable] = raw;
          return;
        }
        // A parse error quotes the text it could not parse, which is the secret: never pass it on.
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch {
          throw new Error(`its value is not JSON, so it has no "${key}"`);
        }
        const field =
          json !== null && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
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
