import { loadConfig } from '../../lib/config.js';
import type { ContainerOverrides } from '../../lib/host/container.js';
import { startLocalService } from '../../lib/host/local-service.js';
import { createLogger } from '../../lib/logger.js';

export type LogLine = Record<string, unknown> & { msg: string; level: string; requestId?: string };

/** The local service on an ephemeral loopback port, its log lines captured. */
export async function startTestService(
  options: { dbPath?: string; env?: Record<string, string>; overrides?: ContainerOverrides } = {},
) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const config = await loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DB_PATH: options.dbPath ?? ':memory:',
    ...options.env,
  });
  const service = await startLocalService(config, { logger, ...options.overrides });
  const { url } = service;
  return {
    ...service,
    rawLogs: () => lines.join('\n'),
    logs: (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path: string) => fetch(`${url}${path}`),
  };
}

export type TestService = Awaited<ReturnType<typeof startTestService>>;

/** A request to `baseUrl` with an API key, and a JSON body when one is given. */
export const keyedFetch =
  (baseUrl: () => string) =>
  (method: string, path: string, apiKey: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        'x-api-key': apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
