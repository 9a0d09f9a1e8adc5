import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaDeps } from '../../lib/composition/lambda.js';
import { messageLog } from '../../lib/composition/message-log.js';
import { ConfigError } from '../../lib/config.js';
import { awsSecretSource, resolveSecretReferences, type SecretSource } from '../../lib/secrets.js';

const source = (values: Record<string, string>): SecretSource & { reads: string[] } => {
  const reads: string[] = [];
  const read = async (id: string) => {
    reads.push(id);
    return values[id];
  };
  return { reads, ssmParameter: read, secretString: read };
};

describe('resolveSecretReferences', () => {
  it('replaces ssm: and secretsmanager: references, with an optional JSON key, and leaves the rest', async () => {
    const env = {
      TWILIO_AUTH_TOKEN: 'ssm:/messaging/twilio-token',
      META_ACCESS_TOKEN: 'secretsmanager:messaging/meta#accessToken',
      SMTP_PASSWORD: 'secretsmanager:smtp',
      SMTP_HOST: 'smtp.example.com',
      EMPTY: undefined,
    };
    const secrets = source({
      '/messaging/twilio-token': 'tw-secret',
      'messaging/meta': JSON.stringify({ accessToken: 'EAAG-secret', other: 'x' }),
      smtp: 'smtp-secret',
    });
    expect(await resolveSecretReferences(env, secrets)).toEqual({
      TWILIO_AUTH_TOKEN: 'tw-secret',
      META_ACCESS_TOKEN: 'EAAG-secret',
      SMTP_PASSWORD: 'smtp-secret',
      SMTP_HOST: 'smtp.example.com',
      EMPTY: undefined,
    });
    expect(secrets.reads.sort()).toEqual(['/messaging/twilio-token', 'messaging/meta', 'smtp']);
  });

  it('names every variable it cannot resolve, and never a secret value', async () => {
    const secrets = source({ 'messaging/meta': JSON.stringify({ token: 'EAAG-secret' }) });
    const failing: SecretSource = {
      ...secrets,
      ssmParameter: async () => {
        throw Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
      },
    };
    const error = await resolveSecretReferences(
      { A: 'ssm:/a', B: 'secretsmanager:messaging/meta#accessToken', C: 'secretsmanager:missing' },
      failing,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const text = String((error as Error).message);
    expect(text).toMatch(/A: cannot read ssm:\/a \(AccessDeniedException: User is not authorized\)/);
    expect(text).toMatch(
      /B: cannot read secretsmanager:messaging\/meta \(Error: its JSON has no string "accessToken"\)/,
    );
    expect(text).toMatch(/C: cannot read secretsmanager:missing/);
    expect(text).not.toContain('EAAG-secret');
  });
});

it('does not quote a secret that is not the JSON its reference expects', async () => {
  const error = await resolveSecretReferences(
    { TOKEN: 'secretsmanager:plain#token' },
    source({ plain: 'tok_SUPERSECRET_123' }),
  ).catch((e: unknown) => e);
  expect(String((error as Error).message)).toMatch(
    /TOKEN: cannot read secretsmanager:plain \(Error: its value is not JSON/,
  );
  expect(String((error as Error).message)).not.toContain('SUPERSECRET');
});

describe('awsSecretSource', () => {
  const ssm = mockClient(SSMClient);
  const secretsManager = mockClient(SecretsManagerClient);
  afterEach(() => {
    ssm.reset();
    secretsManager.reset();
  });

  it('reads SecureString parameters decrypted and secrets as strings', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'p-value' } });
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 's-value' });
    const aws = awsSecretSource();
    expect(await aws.ssmParameter('/x')).toBe('p-value');
    expect(await aws.secretString('arn:aws:secretsmanager:eu-west-1:123456789012:secret:y')).toBe('s-value');
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/x',
      WithDecryption: true,
    });
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:y',
    });
  });
});

describe('lambdaDeps', () => {
  it('is built once per execution environment, and a failed start is retried', async () => {
    const getContainer = lambdaDeps((parts) => ({ log: messageLog(parts), close: () => parts.close() }));
    process.env.LOG_STORE = 'sqlite';
    process.env.DB_PATH = ':memory:';
    process.env.PORT = 'not-a-port';
    await expect(getContainer()).rejects.toThrow(/PORT/);
    process.env.PORT = '5000';
    const first = await getContainer();
    expect(await getContainer()).toBe(first);
    await first.close();
  });
});
