import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Logger } from '../logger.js';
import { toApiGatewayEvent } from './api-gateway-event.js';
import type { ApiHandler } from './api-handler.js';
import { MethodNotAllowedError, PayloadTooLargeError, RouteNotFoundError } from './errors.js';
import { errorResponse, toProxyResult } from './response.js';
import type { StaticSite } from './static-site.js';

/** A route as API Gateway knows it: method, resource path with `{param}` segments, and its handler. */
export interface LocalRoute {
  method: string;
  path: string;
  handler: ApiHandler;
}

export interface LocalServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

// API Gateway's own payload limit: above it the request never reaches a handler.
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
// API Gateway takes at most 10 KB of headers; node:http's default (16 KB) is close to it.
const MAX_HEADER_BYTES = 16 * 1024;

type Match = { route: LocalRoute; params: Record<string, string> | null } | { allow: string[] } | undefined;

function matchRoute(routes: readonly LocalRoute[], method: string, pathname: string): Match {
  const segments = pathname.split('/').slice(1);
  const allow: string[] = [];
  for (const route of routes) {
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) {
        if (segment === '') return false;
        try {
          params[part.slice(1, -1)] = decodeURIComponent(segment);
        } catch {
          return false; // malformed percent-encoding: no route matches it
        }
        return true;
      }
      return part === segment;
    });
    if (!fits) continue;
    if (route.method === method) return { route, params: Object.keys(params).length ? params : null };
    allow.push(route.method);
  }
  return allow.length ? { allow: allow.sort() } : undefined; // sorted, as the stack's 405 mocks list them
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// No getRemainingTimeInMillis: a local request has no Lambda time limit, so middy sets no early
// timeout and the send handler no deadline.
function lambdaContext(requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:local',
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: 'local',
    logStreamName: 'local',
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } as Omit<Context, 'getRemainingTimeInMillis'> as Context;
}

/**
 * The offline host of the Lambda handlers: turns each HTTP request into the API Gateway event the
 * deployed API would send, calls the same handler, and writes back its result. Answers 404/405 with
 * the contract's error body for requests no route takes, as the deployed API does.
 */
export async function startLocalServer(options: {
  routes: readonly LocalRoute[];
  host: string;
  port: number;
  logger: Logger;
  /** The console's built files, served at paths no route takes (`/`, `/assets/...`). */
  site?: StaticSite | undefined;
}): Promise<LocalServer> {
  const { routes, logger, site } = options;
  let draining = false;

  const serve = async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    let result: APIGatewayProxyResult;
    try {
      const match = matchRoute(routes, method, url.pathname);
      // A route's path always answers the API; a file only where no route is.
      const file = !match && (method === 'GET' || method === 'HEAD') ? site?.get(url.pathname) : undefined;
      if (file) {
        res.writeHead(200, { ...file.headers, 'x-request-id': requestId });
        res.end(method === 'HEAD' ? undefined : file.body);
        return;
      }
      if (!match) throw new RouteNotFoundError(method, url.pathname);
      if ('allow' in match) throw new MethodNotAllowedError(method, match.allow);
      const body = await readBody(req, GATEWAY_MAX_BODY_BYTES);
      if (body === undefined) throw new PayloadTooLargeError(GATEWAY_MAX_BODY_BYTES);
      const event = toApiGatewayEvent({
        req,
        url,
        body,
        resource: match.route.path,
        pathParameters: match.params,
        requestId,
      });
      result = await match.route.handler(event, lambdaContext(requestId));
    } catch (error) {
      result = toProxyResult(errorResponse(error, requestId, logger.child({ requestId })), requestId);
    }
    const headers: Record<string, string> = { 'x-request-id': requestId };
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
    if (draining) headers.connection = 'close';
    res.writeHead(result.statusCode, headers).end(result.body);
    logger.info('request', {
      requestId,
      method,
      path: url.pathname,
      status: result.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    });
  };

  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    void serve(req, res, randomUUID());
  });
  // Requests node:http refuses before any handler (oversized headers, malformed HTTP) still get the
  // contract's error body, as API Gateway's own refusals do.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const requestId = randomUUID();
    const body = JSON.stringify({
      error: {
        code: tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
        message: tooLarge ? `Request headers are over ${MAX_HEADER_BYTES} bytes` : 'Malformed HTTP request',
        requestId,
      },
    });
    logger.info('request refused', { requestId, status: tooLarge ? 431 : 400, code: error.code });
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        draining = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
