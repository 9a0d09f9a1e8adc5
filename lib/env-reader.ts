/**
 * Reads settings from environment variables with plain checks, collecting one `NAME: message`
 * problem per bad variable. The settings are read once per process, on Lambda at every cold start,
 * where building and first-parsing a zod schema for them was the largest part of a cold start
 * beyond its floor (docs/performance.md). Request bodies are still validated with zod.
 */
export interface EnvReader {
  /** A set (non-empty) variable; `pattern` with its message if given. Undefined if unset or bad. */
  text(name: string, options?: { pattern?: RegExp; message?: string }): string | undefined;
  /** One of `values`. Undefined if unset or bad. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined;
  /** A whole number within [min, max] (of `what`: "milliseconds"...), or the fallback; `hint` replaces every message. */
  wholeNumber(name: string, what: string, min: number, max: number, fallback: number, hint?: string): number;
  /** An absolute http(s) URL. */
  httpUrl(name: string, message: string): string | undefined;
  /** Records a problem found by a check across variables. */
  problem(name: string, message: string): void;
  readonly problems: readonly string[];
}

export function envReader(env: Readonly<Record<string, string | undefined>>): EnvReader {
  const problems: string[] = [];
  const value = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const problem = (name: string, message: string) => {
    problems.push(`${name}: ${message}`);
  };
  return {
    problems,
    problem,
    text(name, options = {}) {
      const raw = value(name);
      if (raw === undefined) return undefined;
      if (options.pattern && !options.pattern.test(raw)) {
        problem(name, options.message ?? 'is not valid');
        return undefined;
      }
      return raw;
    },
    oneOf(name, values) {
      const raw = value(name);
      if (raw === undefined) return undefined;
      if ((values as readonly string[]).includes(raw)) return raw as (typeof values)[number];
      problem(name, `must be one of ${values.join(', ')}`);
      return undefined;
    },
    wholeNumber(name, what, min, max, fallback, hint) {
      const raw = value(name);
      if (raw === undefined) return fallback;
      if (!/^\d+$/.test(raw)) problem(name, hint ?? `must be a whole number of ${what}`);
      else if (Number(raw) < min) problem(name, hint ?? `must be at least ${min}`);
      else if (Number(raw) > max) problem(name, hint ?? `must be at most ${max}`);
      else return Number(raw);
      return fallback;
    },
    httpUrl(name, message) {
      const raw = value(name);
      if (raw === undefined) return undefined;
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
      if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return raw;
      problem(name, message);
      return undefined;
    },
  };
}
