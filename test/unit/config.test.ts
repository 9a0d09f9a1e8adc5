import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_PRIVACY_HASH_KEY, loadConfig, readServiceSettings } from '../../lib/config.js';

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
    const onLambda = await loadConfig({
      AWS_LAMBDA_FUNCTION_NAME: 'send',
      TABLE_NAME: 'messages',
      KEYS_TABLE_NAME: 'keys',
      RATE_COUNTER_TABLE_NAME: 'counters',
    });
    expect(onLambda.store).toEqual({
      kind: 'dynamodb',
      tableName: 'messages',
      keysTableName: 'keys',
      rateCounterTableName: 'counters',
    });
    expect(onLambda.auth).toBe('required');
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

  it('delivers synchronously on the SQLite queue with five attempts and no auth by default', async () => {
    const config = await loadConfig({});
    expect(config.auth).toBe('off');
    expect(config.delivery).toEqual({
      mode: 'sync',
      queue: { kind: 'sqlite' },
      retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 300_000 },
      leaseMs: 15_000, // one provider per channel: its 10 s timeout and 5 s to record the outcome
      concurrency: 4,
    });
    const onSqs = {
      LOG_STORE: 'dynamodb',
      TABLE_NAME: 'messages',
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q',
      DELIVERY_MODE: 'async',
    };
    const queue = { kind: 'sqs', url: onSqs.QUEUE_URL };
    expect((await loadConfig(onSqs)).delivery.queue).toEqual(queue);
    const schedulingUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/s';
    expect((await loadConfig({ ...onSqs, SCHEDULING_QUEUE_URL: schedulingUrl })).delivery.queue).toEqual({
      ...queue,
      schedulingUrl,
    });
    expect((await loadConfig({ LOG_STORE: 'dynamodb', TABLE_NAME: 'messages' })).delivery.queue).toEqual({
      kind: 'none',
    });
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
    [{ AUTH: 'maybe' }, 'AUTH'],
    [{ AWS_LAMBDA_FUNCTION_NAME: 'send', AUTH: 'off', LOG_STORE: 'sqlite' }, 'AUTH'],
    [{ AWS_LAMBDA_FUNCTION_NAME: 'send', TABLE_NAME: 'messages' }, 'AUTH'],
    [{ DELIVERY_MODE: 'async', LOG_STORE: 'dynamodb', TABLE_NAME: 'messages' }, 'DELIVERY_MODE'],
    [{ RETRY_MAX_ATTEMPTS: '0' }, 'RETRY_MAX_ATTEMPTS'],
    [{ RETRY_MAX_DELAY_MS: '900001' }, 'RETRY_MAX_DELAY_MS'],
    [{ QUEUE_URL: 'sqs://queue' }, 'QUEUE_URL'],
    [{ SCHEDULING_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/s' }, 'SCHEDULING_QUEUE_URL'],
    [{ DELIVERY_LEASE_MS: '5000', PROVIDER_TIMEOUT_MS: '5000' }, 'DELIVERY_LEASE_MS'],
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

describe('privacy settings', () => {
  it('keep messages 90 days, log content in full, and hash with the documented dev key offline only', async () => {
    const config = await loadConfig({});
    expect(config.retention).toEqual({ defaultDays: 90, tenantDays: {} });
    expect(config.logContent).toBe('full');
    expect(config.privacyHashKey).toBe(DEV_PRIVACY_HASH_KEY);
    expect(readServiceSettings({ AWS_LAMBDA_FUNCTION_NAME: 'privacy' }).privacyHashKey).toBeNull();
  });

  it('take the deployment retention, per-tenant overrides, redaction and the hash key', async () => {
    const config = await loadConfig({
      MESSAGE_RETENTION_DAYS: '30',
      MESSAGE_RETENTION_DAYS_BY_TENANT: 'acme=7, beta-2 = 365',
      LOG_CONTENT: 'redacted',
      PRIVACY_HASH_KEY: 'a-long-enough-secret',
    });
    expect(config.retention).toEqual({ defaultDays: 30, tenantDays: { acme: 7, 'beta-2': 365 } });
    expect(config.logContent).toBe('redacted');
    expect(config.privacyHashKey).toBe('a-long-enough-secret');
  });

  it('name each bad privacy variable', async () => {
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS: '0' })).rejects.toThrow(
      /MESSAGE_RETENTION_DAYS: must be at least 1/,
    );
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS: '3651' })).rejects.toThrow(/at most 3650/);
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS_BY_TENANT: 'acme:30' })).rejects.toThrow(
      /MESSAGE_RETENTION_DAYS_BY_TENANT: must be tenant=days pairs/,
    );
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS_BY_TENANT: 'Acme=30' })).rejects.toThrow(
      /MESSAGE_RETENTION_DAYS_BY_TENANT/,
    );
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS_BY_TENANT: 'acme=0' })).rejects.toThrow(
      /days must be from 1/,
    );
    await expect(loadConfig({ MESSAGE_RETENTION_DAYS_BY_TENANT: 'acme=1,acme=2' })).rejects.toThrow(
      /names acme twice/,
    );
    await expect(loadConfig({ LOG_CONTENT: 'none' })).rejects.toThrow(
      /LOG_CONTENT: must be one of full, redacted/,
    );
    await expect(loadConfig({ PRIVACY_HASH_KEY: 'short' })).rejects.toThrow(
      /PRIVACY_HASH_KEY: must be at least 16/,
    );
  });

  it('refuse asynchronous delivery with redacted content, which no worker could send', async () => {
    await expect(loadConfig({ LOG_CONTENT: 'redacted', DELIVERY_MODE: 'async' })).rejects.toThrow(
      /DELIVERY_MODE: cannot be async with LOG_CONTENT=redacted/,
    );
  });
});
