import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { lambdaDeps } from '../../../lib/composition/lambda.js';
import { readReceiptSettings } from '../../../lib/receipts/settings.js';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

const BASE = {
  LOG_STORE: 'sqlite',
  DB_PATH: ':memory:',
  LOG_LEVEL: 'silent',
  AWS_REGION: 'eu-west-1',
  TWILIO_AUTH_TOKEN: 'ssm:/messaging/twilio-token',
};

/** Deps that show the token they were built with, and whether they were closed. */
function subject(env: Record<string, string>) {
  let time = 0;
  const closed: string[] = [];
  const getDeps = lambdaDeps(
    (parts) => {
      const token = parts.settings.receipts().twilioAuthToken ?? '';
      parts.onClose(() => closed.push(token));
      return { token };
    },
    { env, now: () => time, readers: { receipts: readReceiptSettings } },
  );
  return {
    getDeps,
    closed,
    advance: (seconds: number) => {
      time += seconds * 1000;
    },
  };
}

const token = (value: string) => ({ Parameter: { Value: value } });

describe('lambdaDeps and rotated secrets', () => {
  it('reads a secret once per TTL (default 5 minutes), and builds anew with a rotated one', async () => {
    ssm.on(GetParameterCommand).resolvesOnce(token('old')).resolves(token('new'));
    const { getDeps, closed, advance } = subject(BASE);

    expect((await getDeps()).token).toBe('old');
    advance(299);
    const first = await getDeps();
    expect(first.token).toBe('old');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);

    advance(1);
    expect((await getDeps()).token).toBe('new');
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(2);
    expect(ssm.commandCalls(GetParameterCommand)[1]?.args[0].input).toEqual({
      Name: '/messaging/twilio-token',
      WithDecryption: true,
    });
    // The old deps' parts were closed once replaced.
    expect(closed).toEqual(['old']);
  });

  it('keeps the deps in hand when the secret has not changed, and when it cannot be read', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce(token('same'))
      .resolvesOnce(token('same'))
      .rejectsOnce(new Error('throttled'))
      .resolves(token('rotated'));
    const { getDeps, closed, advance } = subject({ ...BASE, SECRETS_TTL_SECONDS: '60' });

    const first = await getDeps();
    advance(60);
    expect(await getDeps()).toBe(first);
    advance(60);
    expect(await getDeps()).toBe(first); // the read failed: still serving
    advance(30);
    expect(await getDeps()).toBe(first); // no new read before another TTL
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(3);
    advance(30);
    expect((await getDeps()).token).toBe('rotated');
    expect(closed).toEqual(['same']);
  });

  it('never reads again where nothing is a reference', async () => {
    const { getDeps, advance } = subject({ ...BASE, TWILIO_AUTH_TOKEN: 'plain' });
    const first = await getDeps();
    advance(3600);
    expect(await getDeps()).toBe(first);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
  });

  it("reads the service's settings from the secrets' values, where a setting is a reference", async () => {
    const settingsOf = (env: Record<string, string>) =>
      lambdaDeps((parts) => parts.settings.service, { env })();
    const plain = { ...BASE, TWILIO_AUTH_TOKEN: 'plain', DEFAULT_SUBJECT: 'Plain' };
    expect((await settingsOf(plain)).defaultSubject).toBe('Plain');
    ssm.on(GetParameterCommand, { Name: '/messaging/subject' }).resolves(token('From the store'));
    ssm.on(GetParameterCommand, { Name: '/messaging/twilio-token' }).resolves(token('t1'));
    const settings = await settingsOf({ ...BASE, DEFAULT_SUBJECT: 'ssm:/messaging/subject' });
    expect(settings.defaultSubject).toBe('From the store');
  });

  it('refuses a TTL out of range, naming the variable', async () => {
    ssm.on(GetParameterCommand).resolves(token('x'));
    const { getDeps } = subject({ ...BASE, SECRETS_TTL_SECONDS: '-1' });
    await expect(getDeps()).rejects.toThrow(/SECRETS_TTL_SECONDS/);
  });
});
