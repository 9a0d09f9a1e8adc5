import type { APIGatewayProxyEvent } from 'aws-lambda';

/** The headers of an API Gateway event: a route's, or an authorizer's. */
interface WithHeaders {
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
}

/** A request header's value by case-insensitive name (API Gateway keeps the caller's spelling). */
export function header(event: WithHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** Every value a header was sent with (one per line the caller sent), by case-insensitive name. */
export function headerValues(event: WithHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  const values = Object.entries(event.multiValueHeaders ?? {})
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, list]) => list ?? []);
  const single = header(event, name);
  return values.length === 0 && single !== undefined ? [single] : values;
}

/** Whether the request asks for `preference` in its `Prefer` header(s) (RFC 7240; tokens, any case). */
export function prefers(event: APIGatewayProxyEvent, preference: string): boolean {
  return headerValues(event, 'prefer')
    .flatMap((value) => value.split(','))
    .some((item) => item.split(';')[0]?.split('=')[0]?.trim().toLowerCase() === preference);
}

/**
 * The path of `resourcePath` as the caller reaches it: behind API Gateway the URL holds the stage
 * (`/prod/sendMessage` for the resource `/sendMessage`), locally it does not.
 */
export function publicPath(event: APIGatewayProxyEvent, resourcePath: string): string {
  const requested = event.requestContext?.path ?? event.path ?? '';
  const prefix = requested.endsWith(event.path)
    ? requested.slice(0, requested.length - event.path.length)
    : '';
  return `${prefix}${resourcePath}`;
}
