import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidJsonError, PayloadTooLargeError } from '../http/errors.js';
import { header } from '../http/headers.js';
import { MAX_BODY_BYTES } from '../http/middlewares/body-limit.js';
import type { WebhookRequest } from './source.js';

/**
 * The webhook request of an API Gateway event. The URL and the body are worked out when a source
 * reads them: only Twilio signs the URL, and Meta's GET ignores its body. Reading `body` throws
 * PayloadTooLargeError (413) for one over the limit.
 */
export function webhookRequest(event: APIGatewayProxyEvent, publicUrl: string | undefined): WebhookRequest {
  return {
    method: event.httpMethod,
    get url() {
      return requestUrl(event, publicUrl);
    },
    header: (name) => header(event, name),
    query: event.queryStringParameters ?? {},
    get body() {
      return rawBody(event);
    },
  };
}

function rawBody(event: APIGatewayProxyEvent): Buffer {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return bytes;
}

/**
 * The URL the provider called, which Twilio's signature covers: PUBLIC_URL and the route's path, or
 * else the request's own scheme, host and path (with the stage, which an execute-api URL carries but
 * API Gateway leaves out of `path`); then the query string, if any.
 */
export function requestUrl(event: APIGatewayProxyEvent, publicUrl: string | undefined): string {
  let url: string;
  if (publicUrl !== undefined) {
    const routePath = event.resource.replace(
      /\{(\w+)\+?\}/g,
      (_, name: string) => event.pathParameters?.[name] ?? '',
    );
    url = `${publicUrl}${routePath}`;
  } else {
    const proto = header(event, 'x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
    const host = header(event, 'host') ?? 'localhost';
    const stage = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?$/i.test(host)
      ? `/${event.requestContext.stage}`
      : '';
    url = `${proto}://${host}${stage}${event.path}`;
  }
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(name, value);
  }
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

/** A callback body's JSON; throws InvalidJsonError (400) when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InvalidJsonError(error);
  }
}
