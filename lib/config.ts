import * as z from 'zod';
import { type ProviderPlan, planProviders } from './channels/catalog.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';

const Env = z
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
    PROVIDER_TIMEOUT_MS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number of milliseconds')
      .transform(Number)
      .pipe(z.number().min(100, 'must be at least 100').max(120_000, 'must be at most 120000'))
      .default(10_000),
  })
  .refine((env) => (env.LOG_STORE ?? defaultStore(env)) !== 'dynamodb' || env.TABLE_NAME, {
    message: 'is required when the message log is DynamoDB',
    path: ['TABLE_NAME'],
  });

// On Lambda the log is DynamoDB, elsewhere SQLite, unless LOG_STORE says otherwise.
const defaultStore = (env: { AWS_LAMBDA_FUNCTION_NAME?: string | undefined }) =>
  env.AWS_LAMBDA_FUNCTION_NAME ? 'dynamodb' : 'sqlite';

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'dynamodb'; tableName: string; endpoint?: string; region?: string };

export interface Config {
  host: string;
  port: number;
  store: StoreConfig;
  defaultSubject: string;
  logLevel: LogLevel;
  /** Each channel's providers, in order, with their validated settings. */
  providers: ProviderPlan;
  providerTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The service's settings, read once from the environment and frozen. Fails naming each bad variable. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Readonly<Config>> {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(set);
  const providers = await planProviders(set);
  const problems = [
    ...(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []),
    ...providers.problems,
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const store: StoreConfig =
    (e.LOG_STORE ?? defaultStore(e)) === 'dynamodb'
      ? {
          kind: 'dynamodb',
          tableName: e.TABLE_NAME ?? '',
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
  });
}
