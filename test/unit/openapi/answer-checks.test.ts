import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../lib/openapi/examples.js';
import { noteAnswer, noteProxyResult, takeProblems } from '../../support/answer-checks.js';

// The checks of answers that bypass fetch: a Lambda proxy result is matched to its route by the
// event's resource, a raw answer by its path. (takeProblems here keeps the setup file's check quiet.)
const event = { httpMethod: 'GET', resource: '/messages/{id}', path: '/messages/x' } as APIGatewayProxyEvent;
const headers = { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1' };

describe('answers checked outside fetch', () => {
  it('accepts a proxy result the document describes', async () => {
    await noteProxyResult(event, { statusCode: 200, headers, body: JSON.stringify(EXAMPLES.records.email) });
    expect(takeProblems()).toEqual([]);
  });

  it('reports a proxy result with a field, a status or a header the document does not have', async () => {
    await noteProxyResult(event, {
      statusCode: 200,
      headers,
      body: JSON.stringify({ ...EXAMPLES.records.email, secret: 'x' }),
    });
    await noteProxyResult(event, { statusCode: 201, headers, body: '{}' });
    await noteProxyResult(event, {
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EXAMPLES.error(404, 'NOT_FOUND')),
    });
    const problems = takeProblems();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/GET \/messages\/\{id\} answered 200: the body does not match/);
    expect(problems[1]).toMatch(/answered 201: the document lists no such status/);
    expect(problems[2]).toMatch(/answered 404: no x-request-id header/);
  });

  it('reports a raw answer whose error code the route does not list', async () => {
    await noteAnswer('POST', '/sendMessage', {
      status: 400,
      headers: new Headers(headers),
      body: JSON.stringify(EXAMPLES.error(400, 'NOT_A_CODE')),
    });
    expect(takeProblems()).toEqual([
      expect.stringMatching(/POST \/sendMessage answered 400: the body does not match/),
    ]);
  });
});
