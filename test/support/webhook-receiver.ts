import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A status webhook receiver on 127.0.0.1: records each request, answers with `answer(n)` (the
 * status of the n-th request, from 0), or holds the request open while `hold(n)` is true.
 */
export async function webhookReceiver(
  options: { answer?: (n: number) => number; hold?: (n: number) => boolean } = {},
) {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const behaviour = { answer: options.answer ?? (() => 200), hold: options.hold ?? (() => false) };
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const n = received.length;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const wake of waiters.splice(0)) wake();
      if (behaviour.hold(n)) {
        held.push(res);
        return;
      }
      res.writeHead(behaviour.answer(n)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    behaviour,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} webhooks arrived`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
