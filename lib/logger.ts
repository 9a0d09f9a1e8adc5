export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  /**
   * The same logger, its every line also carrying `fields`: a request's handler makes one with the
   * request id and passes it down that request's calls. (Not an AsyncLocalStorage: its promise hooks
   * tax every promise of the process, ~15% of the local server's throughput; docs/performance.md.)
   */
  child(fields: Fields): Logger;
}

const serialize = (value: unknown): unknown =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;

/** One JSON line per event. Callers log ids, statuses and masked recipients, never bodies or secrets. */
export function createLogger(options: { level?: LogLevel; write?: (line: string) => void } = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const withFields = (base: Fields): Logger => {
    const at =
      (level: Exclude<LogLevel, 'silent'>) =>
      (msg: string, fields: Fields = {}): void => {
        if (LOG_LEVELS.indexOf(level) < threshold) return;
        const entry: Fields = { time: new Date().toISOString(), level, msg, ...base };
        for (const [key, value] of Object.entries(fields)) entry[key] = serialize(value);
        write(JSON.stringify(entry));
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (fields) => withFields({ ...base, ...fields }),
    };
  };
  return withFields({});
}

/** `u***@example.com`, `+1******0123`: enough to tell messages apart, not enough to contact anyone. */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.length <= 6) return '***';
  return `${recipient.slice(0, 2)}${'*'.repeat(recipient.length - 6)}${recipient.slice(-4)}`;
}
