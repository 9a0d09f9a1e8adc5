import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { recordingProviders } from '../support/fake-providers.js';
import { startTestService } from '../support/service.js';
import '../support/dynalite.js'; // fake credentials and region for the SDK

// A DynamoDB endpoint that accepts connections and never answers: the client's own timeouts and
// retries must turn it into a 503 with nothing sent, well within a Lambda's timeout.
let server: Server;
let endpoint: string;
let connections = 0;
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

it('gives up on a silent DynamoDB after 3 attempts of 2 s, answering 503 and sending nothing', async () => {
  const { providers, calls } = recordingProviders();
  const messageLog = new DynamoDbMessageLog(createDocumentClient({ endpoint }), 'messages');
  const service = await startTestService({ overrides: { providers, messageLog } });
  try {
    const started = Date.now();
    const response = await service.post('/sendMessage', {
      type: 'sms',
      recipient: '+14155550123',
      content: 'hello',
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('LOG_UNAVAILABLE');
    expect(calls).toEqual([]);
    expect(connections).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 2_000);
    expect(elapsed).toBeLessThan(12_000);
  } finally {
    await service.close();
  }
}, 20_000);
