import { type ProviderPlan, planProviders } from './channels/catalog.js';
import { TENANT_FORMAT } from './domain/api-key.js';
import { CHANNELS } from './domain/message.schema.js';
import type { RetryPolicy } from './domain/retry-policy.js';
import { type EnvReader, envReader } from './env-reader.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  parseTenantDays,
  type RetentionPolicy,
} from './privacy/retention.js';
import { type ReceiptSettings, ReceiptSettingsError, readReceiptSettings } from './receipts/settings.js';

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const TABLE_HINT = 'must be a DynamoDB table name';
// A CloudWatch namespace or dimension value: printable ASCII; `AWS/` is AWS's own namespaces'.
const METRIC_NAME = /^(?!AWS\/)[A-Za-z0-9 ._#:/-]{1,255}$/;
const METRIC_NAME_HINT = 'must be 1 to 255 of A-Z a-z 0-9 . _ - # : / and spaces, not starting with AWS/';

/** The service's own variables, read with plain checks (lib/env-reader.ts says why). */
function readEnv(r: EnvReader) {
  const table = (name: string) => r.text(name, { pattern: TABLE_NAME, message: TABLE_HINT });
  const e = {
    HOST: r.text('HOST') ?? '127.0.0.1',
    PORT: r.wholeNumber('PORT', 'port', 0, 65535, 5000, 'must be a port number'),
    LOG_STORE: r.oneOf('LOG_STORE', ['sqlite', 'dynamodb'] as const),
    DB_PATH: r.text('DB_PATH') ?? './data/messages.db',
    TABLE_NAME: table('TABLE_NAME'),
    DYNAMODB_ENDPOINT: r.httpUrl('DYNAMODB_ENDPOINT', 'must be an http(s) URL'),
    AWS_REGION: r.text('AWS_REGION'),
    AWS_LAMBDA_FUNCTION_NAME: r.text('AWS_LAMBDA_FUNCTION_NAME'),
    DEFAULT_SUBJECT:
      r.text('DEFAULT_SUBJECT', {
        pattern: /^[^\r\n]{1,998}$/,
        message: 'must be at most 998 characters, without line breaks',
      }) ?? 'Message from the messaging service',
    LOG_LEVEL: r.oneOf('LOG_LEVEL', LOG_LEVELS) ?? 'info',
    PROVIDER_TIMEOUT_MS: r.wholeNumber('PROVIDER_TIMEOUT_MS', 'milliseconds', 100, 120_000, 10_000),
    IDEMPOTENCY_TABLE_NAME: table('IDEMPOTENCY_TABLE_NAME'),
    DELIVERY_MODE: r.oneOf('DELIVERY_MODE', ['sync', 'async'] as const) ?? 'sync',
    QUEUE_URL: r.httpUrl('QUEUE_URL', 'must be an SQS queue URL'),
    SQS_ENDPOINT: r.httpUrl('SQS_ENDPOINT', 'must be an http(s) URL'),
    RETRY_MAX_ATTEMPTS: r.wholeNumber('RETRY_MAX_ATTEMPTS', 'attempts', 1, 50, 5),
    RETRY_BASE_DELAY_MS: r.wholeNumber('RETRY_BASE_DELAY_MS', 'milliseconds', 1, 900_000, 1_000),
    // SQS delays a message by at most 15 minutes.
    RETRY_MAX_DELAY_MS: r.wholeNumber('RETRY_MAX_DELAY_MS', 'milliseconds', 1, 900_000, 300_000),
    // 0: unset (derived from the provider timeout).
    DELIVERY_LEASE_MS: r.wholeNumber('DELIVERY_LEASE_MS', 'milliseconds', 1_000, 3_600_000, 0),
    WORKER_CONCURRENCY: r.wholeNumber('WORKER_CONCURRENCY', 'workers', 1, 64, 4),
    AUTH: r.oneOf('AUTH', ['off', 'required'] as const),
    KEYS_TABLE_NAME: table('KEYS_TABLE_NAME'),
    METADATA_TABLE_NAME: table('METADATA_TABLE_NAME'),
    TEMPLATES_TABLE_NAME: table('TEMPLATES_TABLE_NAME'),
    RATE_COUNTER_TABLE_NAME: table('RATE_COUNTER_TABLE_NAME'),
    // The stats counters on DynamoDB (GET /stats, and the stream consumer that moves them).
    STATS_TABLE_NAME: table('STATS_TABLE_NAME'),
    SUPPRESSIONS_TABLE_NAME: table('SUPPRESSIONS_TABLE_NAME'),
    ERASURE_TABLE_NAME: table('ERASURE_TABLE_NAME'),
    // Status webhooks on DynamoDB: the endpoints and deliveries, and the queue of deliveries (AWS).
    WEBHOOKS_TABLE_NAME: table('WEBHOOKS_TABLE_NAME'),
    WEBHOOK_QUEUE_URL: r.httpUrl('WEBHOOK_QUEUE_URL', 'must be an SQS queue URL'),
    // The console's origin when it is hosted apart from the API (CloudFront): the API allows it (CORS).
    CORS_ORIGIN: r.text('CORS_ORIGIN', {
      pattern: /^https?:\/\/[^/\s]+$/,
      message: 'must be an origin: https://host, no path',
    }),
    // The console's built files, served by the local host; `off` serves none.
    CONSOLE_DIR: r.text('CONSOLE_DIR') ?? 'dist/console',
    METRICS: r.oneOf('METRICS', ['emf', 'off'] as const),
    METRICS_NAMESPACE:
      r.text('METRICS_NAMESPACE', { pattern: METRIC_NAME, message: METRIC_NAME_HINT }) ?? 'Messaging',
    POWERTOOLS_SERVICE_NAME:
      r.text('POWERTOOLS_SERVICE_NAME', { pattern: METRIC_NAME, message: METRIC_NAME_HINT }) ?? 'messaging',
    TRACING: r.oneOf('TRACING', ['on', 'off'] as const) ?? 'off',
    // Where status webhooks may go: `public` (https, public addresses), or `loopback` (also this machine).
    WEBHOOK_URLS: r.oneOf('WEBHOOK_URLS', ['public', 'loopback'] as const),
    SECRETS_TTL_SECONDS: r.wholeNumber('SECRETS_TTL_SECONDS', 'seconds', 0, 86_400, 300),
    MESSAGE_RETENTION_DAYS: r.wholeNumber(
      'MESSAGE_RETENTION_DAYS',
      'days',
      1,
      MAX_RETENTION_DAYS,
      DEFAULT_RETENTION_DAYS,
    ),
    MESSAGE_RETENTION_DAYS_BY_TENANT: tenantDays(r),
    LOG_CONTENT: r.oneOf('LOG_CONTENT', ['full', 'redacted'] as const) ?? 'full',
    // The key of the recipients' keyed hashes (erasure); a secret, so usually an ssm:/secretsmanager: reference.
    PRIVACY_HASH_KEY: r.text('PRIVACY_HASH_KEY', {
      pattern: /^.{16,}$/s,
      message: 'must be at least 16 characters (a random secret)',
    }),
  };
  // The checks across variables, each against a variable that was itself valid.
  const store = e.LOG_STORE ?? defaultStore(e);
  // On Lambda authentication cannot be turned off: a deployed API without it sends from your accounts.
  if (e.AWS_LAMBDA_FUNCTION_NAME && e.AUTH === 'off') r.problem('AUTH', 'cannot be off on AWS Lambda');
  if (e.AWS_LAMBDA_FUNCTION_NAME && e.WEBHOOK_URLS === 'loopback')
    r.problem('WEBHOOK_URLS', 'cannot be loopback on AWS Lambda');
  // Redacted content is not kept anywhere, the queue included: a worker would have nothing to send.
  if (e.DELIVERY_MODE === 'async' && e.LOG_CONTENT === 'redacted') {
    r.problem(
      'DELIVERY_MODE',
      'cannot be async with LOG_CONTENT=redacted (the content is not kept for a worker)',
    );
  }
  if (e.DELIVERY_MODE === 'async' && !e.QUEUE_URL && store !== 'sqlite') {
    r.problem(
      'DELIVERY_MODE',
      'needs a queue: QUEUE_URL, or the SQLite log (whose database holds the offline queue)',
    );
  }
  return e;
}

function tenantDays(r: EnvReader): Record<string, number> {
  const value = r.text('MESSAGE_RETENTION_DAYS_BY_TENANT');
  if (value === undefined) return {};
  const parsed = parseTenantDays(value, (tenant) => TENANT_FORMAT.test(tenant));
  if (typeof parsed === 'object') return parsed;
  r.problem('MESSAGE_RETENTION_DAYS_BY_TENANT', parsed);
  return {};
}

/**
 * The checks of a whole service in one process (the local host): every table its parts need. A
 * Lambda builds only some parts, and each part's builder checks its own table (lib/composition/).
 */
function checkWholeService(r: EnvReader, e: ReturnType<typeof readEnv>) {
  const store = e.LOG_STORE ?? defaultStore(e);
  if (
    !(e.AWS_LAMBDA_FUNCTION_NAME && e.AUTH === 'off') &&
    (e.AUTH ?? defaultAuth(e)) === 'required' &&
    store === 'dynamodb' &&
    !(e.KEYS_TABLE_NAME && e.RATE_COUNTER_TABLE_NAME)
  ) {
    r.problem(
      'AUTH',
      'KEYS_TABLE_NAME and RATE_COUNTER_TABLE_NAME are required when authentication is on DynamoDB',
    );
  }
  if (store === 'dynamodb' && !e.TABLE_NAME)
    r.problem('TABLE_NAME', 'is required when the message log is DynamoDB');
}

// On Lambda authentication is required; locally it is off until AUTH=required.
const defaultAuth = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'required' : 'off';

// On Lambda metrics go to CloudWatch (EMF on stdout); locally they stay off until METRICS=emf.
const defaultMetrics = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'emf' : 'off';

// On Lambda the log is DynamoDB, elsewhere SQLite, unless LOG_STORE says otherwise.
const defaultStore = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'dynamodb' : 'sqlite';

/** The key of the recipients' hashes offline when PRIVACY_HASH_KEY is unset: known to all, so no secret. */
export const DEV_PRIVACY_HASH_KEY = 'local-development-privacy-key';

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'dynamodb';
      tableName: string;
      /** Unset: this deployment refuses `Idempotency-Key` (503) rather than ignore it. */
      idempotencyTableName?: string;
      keysTableName?: string;
      /** The metadata index: needed by the functions that log messages or list them by metadata. */
      metadataTableName?: string;
      /** Unset: templated sends and the /templates routes answer that there are none (503). */
      templatesTableName?: string;
      rateCounterTableName?: string;
      /** Unset: GET /stats answers 503 STATS_UNAVAILABLE (no stream consumer keeps counters). */
      statsTableName?: string;
      /** Unset: no recipient is suppressed, and the suppressions routes are not served (500 at start). */
      suppressionsTableName?: string;
      /** Unset: the privacy routes refuse to start (lib/composition/manage-privacy.ts). */
      erasureTableName?: string;
      /** Unset: the webhook endpoint routes answer 503 WEBHOOKS_UNAVAILABLE. */
      webhooksTableName?: string;
      endpoint?: string;
      region?: string;
    };

/**
 * Where jobs go: the SQLite database's own queue offline, SQS on AWS; none for a DynamoDB log without
 * QUEUE_URL (then every send is synchronous, `Prefer: respond-async` included).
 */
export type QueueConfig =
  | { kind: 'sqlite' }
  | { kind: 'sqs'; url: string; endpoint?: string; region?: string }
  | { kind: 'none' };

export interface DeliveryConfig {
  /** `async`: every request is queued; `sync`: only those with `Prefer: respond-async`. */
  mode: 'sync' | 'async';
  queue: QueueConfig;
  retry: RetryPolicy;
  /** How long a worker's claim on a message holds before another worker may take it over. */
  leaseMs: number;
  /** Jobs the in-process worker handles at once (offline). */
  concurrency: number;
}

/** The settings every function may read: cheap to read, no provider's or webhook's among them. */
export interface ServiceSettings {
  host: string;
  port: number;
  /** On DynamoDB, a table a part needs but the environment does not name is checked where it is built. */
  store: StoreConfig;
  defaultSubject: string;
  logLevel: LogLevel;
  providerTimeoutMs: number;
  /** `leaseMs` when DELIVERY_LEASE_MS sets it; else derived from the providers (`deliveryLeaseMs`). */
  delivery: Omit<DeliveryConfig, 'leaseMs'> & { leaseMs?: number };
  /** `required`: every route but the webhooks needs an API key (always, on Lambda). */
  auth: 'off' | 'required';
  /** The one browser origin allowed to read the API's answers (the hosted console); null: none. */
  corsOrigin: string | null;
  /** `emf`: CloudWatch embedded metric format on stdout (on Lambda by default); `off` (locally). */
  metrics: { kind: 'emf' | 'off'; namespace: string; serviceName: string };
  /** Traces of the AWS SDK and provider calls (X-Ray, through Powertools' Tracer). */
  tracing: boolean;
  /** How long a secret read from SSM or Secrets Manager is used before it is read again. */
  secretsTtlMs: number;
  /** Where status webhooks may go (lib/webhooks/url-policy.ts): `public` on Lambda, `loopback` locally. */
  webhookUrls: 'public' | 'loopback';
  /** The queue of webhook deliveries on AWS (WEBHOOK_QUEUE_URL): the stream's fan-out fills it. */
  webhookQueue: Extract<QueueConfig, { kind: 'sqs' }> | null;
  /** How long messages are kept (MESSAGE_RETENTION_DAYS, and per tenant). */
  retention: RetentionPolicy;
  /** `redacted`: message content and subject are never stored, only their length and SHA-256. */
  logContent: 'full' | 'redacted';
  /**
   * PRIVACY_HASH_KEY; unset, DEV_PRIVACY_HASH_KEY offline and null on Lambda (the privacy function
   * then refuses to start).
   */
  privacyHashKey: string | null;
}

/** Everything, checked at once: what the local host runs on. */
export interface Config extends ServiceSettings {
  /** Each channel's providers, in order, with their validated settings. */
  providers: ProviderPlan;
  delivery: DeliveryConfig;
  /** What each provider's callbacks are verified with; a webhook is off until its secret is set. */
  receipts: ReceiptSettings;
  /** The built console the local host serves at `/` (CONSOLE_DIR); null: none. */
  consoleDir: string | null;
}

/** How long a worker's claim holds: as set, or long enough for every provider of a channel to time out, and a margin to record it. */
export const deliveryLeaseMs = (settings: ServiceSettings, providers: ProviderPlan): number =>
  settings.delivery.leaseMs ?? settings.providerTimeoutMs * mostProviders(providers) + 5_000;

const mostProviders = (plan: ProviderPlan) => Math.max(...CHANNELS.map((c) => plan[c].length), 1);

/**
 * Why the lease is too short, or undefined: a claim that lapses while its worker still waits on
 * providers lets a second worker send again.
 */
export function leaseProblem(settings: ServiceSettings, providers: ProviderPlan): string | undefined {
  const longest = settings.providerTimeoutMs * mostProviders(providers);
  return deliveryLeaseMs(settings, providers) > longest
    ? undefined
    : `DELIVERY_LEASE_MS: must be longer than PROVIDER_TIMEOUT_MS times a channel's providers (${longest} ms)`;
}

function queueConfig(
  e: { QUEUE_URL?: string | undefined; SQS_ENDPOINT?: string | undefined; AWS_REGION?: string | undefined },
  store: StoreConfig,
): QueueConfig {
  if (e.QUEUE_URL)
    return {
      kind: 'sqs',
      url: e.QUEUE_URL,
      ...(e.SQS_ENDPOINT ? { endpoint: e.SQS_ENDPOINT } : {}),
      ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
    };
  return store.kind === 'sqlite' ? { kind: 'sqlite' } : { kind: 'none' };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

// An empty variable means "unset", as in most shells' `VAR= cmd`.
const setVariables = (env: Readonly<Record<string, string | undefined>>) =>
  Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')) as Record<string, string>;

function toSettings(e: ReturnType<typeof readEnv>): ServiceSettings {
  const store: StoreConfig =
    (e.LOG_STORE ?? defaultStore(e)) === 'dynamodb'
      ? {
          kind: 'dynamodb',
          tableName: e.TABLE_NAME ?? '',
          ...(e.IDEMPOTENCY_TABLE_NAME ? { idempotencyTableName: e.IDEMPOTENCY_TABLE_NAME } : {}),
          ...(e.KEYS_TABLE_NAME ? { keysTableName: e.KEYS_TABLE_NAME } : {}),
          ...(e.METADATA_TABLE_NAME ? { metadataTableName: e.METADATA_TABLE_NAME } : {}),
          ...(e.TEMPLATES_TABLE_NAME ? { templatesTableName: e.TEMPLATES_TABLE_NAME } : {}),
          ...(e.RATE_COUNTER_TABLE_NAME ? { rateCounterTableName: e.RATE_COUNTER_TABLE_NAME } : {}),
          ...(e.STATS_TABLE_NAME ? { statsTableName: e.STATS_TABLE_NAME } : {}),
          ...(e.SUPPRESSIONS_TABLE_NAME ? { suppressionsTableName: e.SUPPRESSIONS_TABLE_NAME } : {}),
          ...(e.ERASURE_TABLE_NAME ? { erasureTableName: e.ERASURE_TABLE_NAME } : {}),
          ...(e.WEBHOOKS_TABLE_NAME ? { webhooksTableName: e.WEBHOOKS_TABLE_NAME } : {}),
          ...(e.DYNAMODB_ENDPOINT ? { endpoint: e.DYNAMODB_ENDPOINT } : {}),
          ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
        }
      : { kind: 'sqlite', path: e.DB_PATH };
  return {
    host: e.HOST,
    port: e.PORT,
    store,
    defaultSubject: e.DEFAULT_SUBJECT,
    logLevel: e.LOG_LEVEL,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    delivery: {
      mode: e.DELIVERY_MODE,
      queue: queueConfig(e, store),
      retry: {
        maxAttempts: e.RETRY_MAX_ATTEMPTS,
        baseDelayMs: e.RETRY_BASE_DELAY_MS,
        maxDelayMs: Math.max(e.RETRY_BASE_DELAY_MS, e.RETRY_MAX_DELAY_MS),
      },
      ...(e.DELIVERY_LEASE_MS ? { leaseMs: e.DELIVERY_LEASE_MS } : {}),
      concurrency: e.WORKER_CONCURRENCY,
    },
    auth: e.AUTH ?? defaultAuth(e),
    corsOrigin: e.CORS_ORIGIN ?? null,
    webhookUrls: e.WEBHOOK_URLS ?? (e.AWS_LAMBDA_FUNCTION_NAME ? 'public' : 'loopback'),
    webhookQueue: e.WEBHOOK_QUEUE_URL
      ? {
          kind: 'sqs',
          url: e.WEBHOOK_QUEUE_URL,
          ...(e.SQS_ENDPOINT ? { endpoint: e.SQS_ENDPOINT } : {}),
          ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
        }
      : null,
    metrics: {
      kind: e.METRICS ?? defaultMetrics(e),
      namespace: e.METRICS_NAMESPACE,
      serviceName: e.POWERTOOLS_SERVICE_NAME,
    },
    tracing: e.TRACING === 'on',
    secretsTtlMs: e.SECRETS_TTL_SECONDS * 1000,
    retention: { defaultDays: e.MESSAGE_RETENTION_DAYS, tenantDays: e.MESSAGE_RETENTION_DAYS_BY_TENANT },
    logContent: e.LOG_CONTENT,
    // Offline, a documented key that is no secret, so that erasure works out of the box; on Lambda none.
    privacyHashKey: e.PRIVACY_HASH_KEY ?? (e.AWS_LAMBDA_FUNCTION_NAME ? null : DEV_PRIVACY_HASH_KEY),
  };
}

/**
 * The settings every function reads (no provider's, no webhook's), frozen; fails naming each bad
 * variable. What a part needs beyond them is read and checked by the part's builder.
 */
export function readServiceSettings(
  env: Readonly<Record<string, string | undefined>>,
): Readonly<ServiceSettings> {
  const reader = envReader(setVariables(env));
  const e = readEnv(reader);
  if (reader.problems.length > 0)
    throw new ConfigError(`Invalid configuration: ${reader.problems.join('; ')}`);
  return Object.freeze(toSettings(e));
}

/** The service's settings, read once from the environment and frozen. Fails naming each bad variable. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Readonly<Config>> {
  const set = setVariables(env);
  const reader = envReader(set);
  const e = readEnv(reader);
  checkWholeService(reader, e);
  const providers = await planProviders(set);
  let receipts: ReceiptSettings | undefined;
  let receiptProblems: string[] = [];
  try {
    receipts = readReceiptSettings(set);
  } catch (error) {
    if (!(error instanceof ReceiptSettingsError)) throw error;
    receiptProblems = error.problems;
  }
  const problems = [...reader.problems, ...providers.problems, ...receiptProblems];
  if (reader.problems.length === 0) {
    const problem = leaseProblem(toSettings(e), providers.plan);
    if (problem) problems.push(problem);
  }
  if (!receipts || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const settings = toSettings(e);
  return Object.freeze({
    ...settings,
    providers: providers.plan,
    delivery: { ...settings.delivery, leaseMs: deliveryLeaseMs(settings, providers.plan) },
    receipts,
    consoleDir: e.CONSOLE_DIR === 'off' ? null : e.CONSOLE_DIR,
  });
}
