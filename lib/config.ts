import { z } from 'zod';
import { LOG_LEVELS } from './logger.js';

const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^\d+$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a port number'))
    .default(5000),
  DB_PATH: z.string().min(1).default('./data/messages.db'),
  DEFAULT_SUBJECT: z
    .string()
    .min(1)
    .max(998)
    .refine((s) => !/[\r\n]/.test(s), 'must not contain line breaks')
    .default('Message from the messaging service'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  defaultSubject: string;
  logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The service's settings, read once from the environment and frozen. Fails naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    dbPath: e.DB_PATH,
    defaultSubject: e.DEFAULT_SUBJECT,
    logLevel: e.LOG_LEVEL,
  });
}
