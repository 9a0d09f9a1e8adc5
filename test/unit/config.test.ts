import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config.js';

describe('loadConfig', async () => {
  it('defaults to the prototype port and a SQLite log under ./data', async () => {
    expect(await loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 5000,
      store: { kind: 'sqlite', path: './data/messages.db' },
      defaultSubject: 'Message from the messaging service',
      logLevel: 'info',
      providerTimeoutMs: 10_000,
    });
  });

  it('is frozen', async () => {
    expect(Object.isFrozen(await loadConfig({}))).toBe(true);
  });

  it('takes DynamoDB by default on Lambda, with the table from TABLE_NAME', async () => {
    expect((await loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'send', TABLE_NAME: 'messages' })).store).toEqual({
      kind: 'dynamodb',
      tableName: 'messages',
    });
    expect((await loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'send', LOG_STORE: 'sqlite' })).store.kind).toBe(
      'sqlite',
    );
    expect(
      (
        await loadConfig({
          LOG_STORE: 'dynamodb',
          TABLE_NAME: 'messages',
          DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
          AWS_REGION: 'eu-west-1',
        })
      ).store,
    ).toEqual({
      kind: 'dynamodb',
      tableName: 'messages',
      endpoint: 'http://127.0.0.1:4567',
      region: 'eu-west-1',
    });
  });

  it('treats an empty variable as unset', async () => {
    expect((await loadConfig({ PORT: '', DYNAMODB_ENDPOINT: '', LOG_STORE: '' })).port).toBe(5000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_STORE: 'postgres' }, 'LOG_STORE'],
    [{ LOG_STORE: 'dynamodb' }, 'TABLE_NAME'],
    [{ AWS_LAMBDA_FUNCTION_NAME: 'send' }, 'TABLE_NAME'],
    [{ LOG_STORE: 'dynamodb', TABLE_NAME: 'a b' }, 'TABLE_NAME'],
    [{ DYNAMODB_ENDPOINT: 'localhost:4567' }, 'DYNAMODB_ENDPOINT'],
    [{ DEFAULT_SUBJECT: 'two\r\nlines' }, 'DEFAULT_SUBJECT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j naming %s', async (env, variable) => {
    await expect(loadConfig(env)).rejects.toThrow(ConfigError);
    await expect(loadConfig(env)).rejects.toThrow(new RegExp(`${variable}: `));
  });
});

describe('provider configuration', async () => {
  it('defaults every channel to the mock, with a 10 s timeout', async () => {
    const config = await loadConfig({});
    for (const channel of ['email', 'sms', 'whatsapp'] as const) {
      expect(config.providers[channel].map((p) => p.factory.name)).toEqual(['mock']);
    }
    expect(config.providerTimeoutMs).toBe(10_000);
  });

  it.each([
    [
      { EMAIL_PROVIDERS: 'carrier-pigeon' },
      /EMAIL_PROVIDERS: unknown provider "carrier-pigeon"; known: mock/,
    ],
    [{ SMS_PROVIDERS: 'mock,mock' }, /SMS_PROVIDERS: must be a comma-separated list of distinct/],
    [{ WHATSAPP_PROVIDERS: 'mock,' }, /WHATSAPP_PROVIDERS: must be a comma-separated list/],
    [{ PROVIDER_TIMEOUT_MS: '10' }, /PROVIDER_TIMEOUT_MS: must be at least 100/],
    [{ PROVIDER_TIMEOUT_MS: 'soon' }, /PROVIDER_TIMEOUT_MS: must be a whole number/],
  ])('refuses %j', async (env, message) => {
    await expect(loadConfig(env)).rejects.toThrow(message);
  });

  it('reports every bad variable at once', async () => {
    await expect(loadConfig({ PORT: 'x', EMAIL_PROVIDERS: 'nope' })).rejects.toThrow(
      /PORT: .*; EMAIL_PROVIDERS: /,
    );
  });
});

describe("a selected provider's settings", () => {
  it('are checked at start, naming each missing variable, only for the providers listed', async () => {
    await expect(loadConfig({ EMAIL_PROVIDERS: 'smtp,mock' })).rejects.toThrow(/SMTP_HOST: .*SMTP_FROM: /);
    await expect(loadConfig({ WHATSAPP_PROVIDERS: 'meta' })).rejects.toThrow(
      /META_PHONE_NUMBER_ID: .*META_ACCESS_TOKEN: /,
    );
    // Settings of a provider nobody listed are not read at all.
    await expect(loadConfig({ SMTP_PORT: 'not-a-port' })).resolves.toBeDefined();
  });

  it('end up validated and typed in the plan', async () => {
    const config = await loadConfig({
      SMS_PROVIDERS: 'twilio,aws',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
    });
    expect(config.providers.sms.map((p) => p.factory.name)).toEqual(['twilio', 'aws']);
    expect(config.providers.email.map((p) => p.factory.name)).toEqual(['mock']);
  });
});
