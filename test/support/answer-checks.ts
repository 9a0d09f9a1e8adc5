import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// The answers of the service that a test received, checked against the OpenAPI document; the setup
// file (validate-answers.setup.ts) fails the test that received one the document does not describe.
// Fetched answers are noted by its fetch wrapper; answers that bypass fetch (a raw node:http request,
// a Lambda bundle's proxy result, a browser page's request) are noted by their tests through these.

let problems: string[] = [];

/** Checks one answer of the service; a mismatch fails the running test when it ends. */
export async function noteAnswer(
  method: string,
  pathname: string,
  answer: { status: number; headers: Headers; body: string },
): Promise<void> {
  // Loaded on first use: imported up front, the document's modules would be cached before a unit
  // test's vi.mock of one of them could apply.
  const { checkAnswer } = await import('./openapi-validator.js');
  const found = checkAnswer(method.toUpperCase(), pathname, answer);
  if (found?.length) problems.push(...found);
}

/** A Lambda proxy result of an API route, for the event it answered (its resource names the route). */
export const noteProxyResult = (event: APIGatewayProxyEvent, result: APIGatewayProxyResult): Promise<void> =>
  noteAnswer(event.httpMethod, event.resource || event.path, {
    status: result.statusCode,
    headers: new Headers(
      Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)] as [string, string]),
    ),
    body: result.body,
  });

/** The problems noted since the last call. */
export function takeProblems(): string[] {
  const seen = problems;
  problems = [];
  return seen;
}
