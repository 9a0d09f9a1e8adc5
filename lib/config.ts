import * as z from 'zod';
import { type ProviderPlan, planProviders } from './channels/catalog.js';
import { CHANNELS } from './domain/message.schema.js';
import type { RetryPolicy } from './domain/retry-policy.js';
import { lazy } from './lazy.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import { type ReceiptSettings, ReceiptSettingsError, readReceiptSettings } from './receipts/settings.js';

const wholeNumber = (what: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number of ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    .default(fallback);

const Env = /* @__PURE__ */ lazy(() =>
  z
    .object({
      HOST: z.string().min(1).default('127.0.0.1'),
      PORT: z
        .string()
        .regex(/^\d+$/, 'must be a port number')
        .transform(Number)
        .pipe(z.number().max(65535, 'must be a port number'))
        .default(5000),
      LOG_STORE: z.enum(['sqlite', 'dynamodb']).optional(),
      DB_PATH: z.string().min(1).default('./data/messages.db'),
      TABLE_NAME: z
        .string()
        .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
        .optional(),
      DYNAMODB_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      AWS_REGION: z.string().min(1).optional(),
      AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
      DEFAULT_SUBJECT: z
        .string()
        .min(1)
        .max(998)
        .refine((s) => !/[\r\n]/.test(s), 'must not contain line breaks')
        .default('Message from the messaging service'),
      LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
      PROVIDER_TIMEOUT_MS: wholeNumber('milliseconds', 100, 120_000, 10_000),
      IDEMPOTENCY_TABLE_NAME: z
        .string()
        .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
        .optional(),
      DELIVERY_MODE: z.enum(['sync', 'async']).default('sync'),
      QUEUE_URL: z.url({ protocol: /^https?$/, error: 'must be an SQS queue URL' }).optional(),
      SQS_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      RETRY_MAX_ATTEMPTS: wholeNumber('attempts', 1, 50, 5),
      RETRY_BASE_DELAY_MS: wholeNumber('milliseconds', 1, 900_000, 1_000),
      // SQS delays a message by at most 15 minutes.
      RETRY_MAX_DELAY_MS: wholeNumber('milliseconds', 1, 900_000, 300_000),
      DELIVERY_LEASE_MS: wholeNumber('milliseconds', 1_000, 3_600_000, 0).optional(),
      WORKER_CONCURRENCY: wholeNumber('workers', 1, 64, 4),
      AUTH: z.enum(['off', 'required']).optional(),
      KEYS_TABLE_NAME: z
        .string()
        .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
        .optional(),
      RATE_COUNTER_TABLE_NAME: z
        .string()
        .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
        .optional(),
    })
    // On Lambda authentication cannot be turned off: a deployed API without it sends from your accounts.
    .refine((env) => !env.AWS_LAMBDA_FUNCTION_NAME || env.AUTH !== 'off', {
      message: 'cannot be off on AWS Lambda',
      path: ['AUTH'],
    })
    .refine(
      (env) =>
        (env.AUTH ?? defaultAuth(env)) !== 'required' ||
        (env.LOG_STORE ?? defaultStore(env)) !== 'dynamodb' ||
        (env.KEYS_TABLE_NAME && env.RATE_COUNTER_TABLE_NAME),
      {
        message:
          'KEYS_TABLE_NAME and RATE_COUNTER_TABLE_NAME are required when authentication is on DynamoDB',
        path: ['AUTH'],
      },
    )
    .refine((env) => (env.LOG_STORE ?? defaultStore(env)) !== 'dynamodb' || env.TABLE_NAME, {
      message: 'is required when the message log is DynamoDB',
      path: ['TABLE_NAME'],
    })
    .refine(
      (env) =>
        env.DELIVERY_MODE !== 'async' || env.QUEUE_URL || (env.LOG_STORE ?? defaultStore(env)) === 'sqlite',
      {
        message: 'needs a queue: QUEUE_URL, or the SQLite log (whose database holds the offline queue)',
        path: ['DELIVERY_MODE'],
      },
    ),
);

// On Lambda authentication is required; locally it is off until AUTH=required.
const defaultAuth = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'required' : 'off';

// On Lambda the log is DynamoDB, elsewhere SQLite, unless LOG_STORE says otherwise.
const defaultStore = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'dynamodb' : 'sqlite';

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'dynamodb';
      tableName: string;
      /** Unset: this deployment refuses `Idempotency-Key` (503) rather than ignore it. */
      idempotencyTableName?: string;
      keysTableName?: string;
      rateCounterTableName?: string;
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

export interface Config {
  host: string;
  port: number;
  store: StoreConfig;
  defaultSubject: string;
  logLevel: LogLevel;
  /** Each channel's providers, in order, with their validated settings. */
  providers: ProviderPlan;
  providerTimeoutMs: number;
  delivery: DeliveryConfig;
  /** What each provider's callbacks are verified with; a webhook is off until its secret is set. */
  receipts: ReceiptSettings;
  /** `required`: every route but the webhooks needs an API key (always, on Lambda). */
  auth: 'off' | 'required';
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

/** The service's settings, read once from the environment and frozen. Fails naming each bad variable. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Readonly<Config>> {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  // Parsed once per process: compiling zod's fast path for it would cost more than it saves (~5 ms).
  const parsed = Env.safeParse(set, { jitless: true });
  const providers = await planProviders(set);
  let receipts: ReceiptSettings | undefined;
  let receiptProblems: string[] = [];
  try {
    receipts = readReceiptSettings(set);
  } catch (error) {
    if (!(error instanceof ReceiptSettingsError)) throw error;
    receiptProblems = error.problems;
  }
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []),
    ...providers.problems,
    ...receiptProblems,
  ];
  // A claim that lapses while its worker still waits on providers lets a second worker send again.
  if (parsed.success && parsed.data.DELIVERY_LEASE_MS) {
    const longest =
      parsed.data.PROVIDER_TIMEOUT_MS * Math.max(...CHANNELS.map((c) => providers.plan[c].length), 1);
    if (parsed.data.DELIVERY_LEASE_MS <= longest) {
      problems.push(
        `DELIVERY_LEASE_MS: must be longer than PROVIDER_TIMEOUT_MS times a channel's providers (${longest} ms)`,
      );
    }
  }
  if (!parsed.success || !receipts || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const store: StoreConfig =
    (e.LOG_STORE ?? defaultStore(e)) === 'dynamodb'
      ? {
          kind: 'dynamodb',
          tableName: e.TABLE_NAME ?? '',
          ...(e.IDEMPOTENCY_TABLE_NAME ? { idempotencyTableName: e.IDEMPOTENCY_TABLE_NAME } : {}),
          ...(e.KEYS_TABLE_NAME ? { keysTableName: e.KEYS_TABLE_NAME } : {}),
          ...(e.RATE_COUNTER_TABLE_NAME ? { rateCounterTableName: e.RATE_COUNTER_TABLE_NAME } : {}),
          ...(e.DYNAMODB_ENDPOINT ? { endpoint: e.DYNAMODB_ENDPOINT } : {}),
          ...(e.AWS_REGION ? { region: e.AWS_REGION } : {}),
        }
      : { kind: 'sqlite', path: e.DB_PATH };
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    store,
    defaultSubject: e.DEFAULT_SUBJECT,
    logLevel: e.LOG_LEVEL,
    providers: providers.plan,
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    delivery: {
      mode: e.DELIVERY_MODE,
      queue: queueConfig(e, store),
      retry: {
        maxAttempts: e.RETRY_MAX_ATTEMPTS,
        baseDelayMs: e.RETRY_BASE_DELAY_MS,
        maxDelayMs: Math.max(e.RETRY_BASE_DELAY_MS, e.RETRY_MAX_DELAY_MS),
      },
      // Long enough for every provider of a channel to time out, and a margin to record it.
      leaseMs:
        e.DELIVERY_LEASE_MS ||
        e.PROVIDER_TIMEOUT_MS * Math.max(...CHANNELS.map((c) => providers.plan[c].length), 1) + 5_000,
      concurrency: e.WORKER_CONCURRENCY,
    },
    receipts,
    auth: e.AUTH ?? defaultAuth(e),
  });
}
