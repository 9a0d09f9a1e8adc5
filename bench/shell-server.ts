// The local server's own shell: the same HTTP host (routing, the API Gateway event, the request log
// line) around handlers that answer at once, without middy, validation, the log or a provider. What
// the service's throughput is measured against besides the bare node:http ceiling. Prints its URL on
// stderr, as the service does.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { startLocalServer } from '../lib/http/local-server.js';
import { ROUTES } from '../lib/http/route-table.js';
import { createLogger } from '../lib/logger.js';

const empty = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: '{"ok":true}',
});
const server = await startLocalServer({
  routes: ROUTES.map((route) => ({ method: route.method, path: route.path, handler: empty })),
  host: '127.0.0.1',
  port: 0,
  logger: createLogger({ level: 'info' }),
});
console.error(`shell listening on ${server.url}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
