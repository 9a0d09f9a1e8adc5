import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A request header's value by case-insensitive name (API Gateway keeps the caller's spelling). */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** Whether the request asks for `preference` in its `Prefer` header(s) (RFC 7240; tokens, any case). */
export function prefers(event: APIGatewayProxyEvent, preference: string): boolean {
  const values = Object.entries(event.multiValueHeaders ?? {})
    .filter(([key]) => key.toLowerCase() === 'prefer')
    .flatMap(([, list]) => list ?? []);
  const single = header(event, 'prefer');
  if (values.length === 0 && single !== undefined) values.push(single);
  return values
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
