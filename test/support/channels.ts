import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { deliver } from '../../lib/channels/failover.js';
import { createLogger } from '../../lib/logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../lib/ports/provider.js';

/** A failed send, as a provider answers it. */
export const rejected = (code: string, message: string, retryable: boolean): SendResult => ({
  accepted: false,
  code,
  message,
  retryable,
});

/**
 * `deliverIt` sends as the service does: through failover, which writes the one line of the attempt;
 * `lines` holds what was written.
 */
export function deliverWithLogs(provider: Provider, defaultMessage: OutboundMessage) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const deliverIt = (message: OutboundMessage = defaultMessage) =>
    deliver([provider], message, { timeoutMs: 5_000, logger });
  return { lines, deliverIt };
}

/**
 * Local HTTP servers for the suite it is called in: `listen(handler)` starts one on an ephemeral
 * loopback port, hands `handler` each request once its body is read, and answers the server's base
 * URL. After each test, the servers started are closed and their connections cut.
 */
export function localHttpServers() {
  const open: Server[] = [];
  afterEach(async () => {
    const closing = open.splice(0);
    for (const server of closing) server.closeAllConnections();
    await Promise.all(closing.map((server) => new Promise((resolve) => server.close(resolve))));
  });
  return async function listen(
    handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  ): Promise<string> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => handler(req, res, body));
    });
    open.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
}
