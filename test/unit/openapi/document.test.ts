import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../lib/http/route-table.js';
import { openApiDocument, openApiText, servedModuleText } from '../../../lib/openapi/document.js';
import { EXAMPLES } from '../../../lib/openapi/examples.js';
import { clientTypesText } from '../../../scripts/openapi-client-types.js';
import { checkAnswer } from '../../support/openapi-validator.js';

const document = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers({
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': 'r1',
    ...headers,
  }),
  body: JSON.stringify(body),
});

describe('the OpenAPI document', () => {
  it('is what docs/openapi.json holds (run `npm run openapi` after changing the API)', () => {
    const committed = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'docs', 'openapi.json'),
      'utf8',
    );
    expect(committed).toBe(openApiText());
  });

  it('is what lib/openapi/served.ts holds for GET /openapi.json (run `npm run openapi`)', () => {
    const committed = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'lib', 'openapi', 'served.ts'),
      'utf8',
    );
    expect(committed).toBe(servedModuleText());
  });

  it("generates the client's types that client/src/schema.ts holds", async () => {
    const committed = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'client', 'src', 'schema.ts'),
      'utf8',
    );
    expect(committed).toBe(await clientTypesText(openApiText()));
  });

  it('has an operation for every route of the route table, and no other', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});

// The check every HTTP test runs on each answer (test/support/validate-answers.setup.ts) must fail
// on what the document does not describe.
describe('checking an answer against the document', () => {
  const record = EXAMPLES.records.email;

  it('accepts a documented answer', () => {
    expect(checkAnswer('GET', `/messages/${record.id}`, json(200, record))).toEqual([]);
  });

  it('refuses a record with a field the document does not have', () => {
    expect(checkAnswer('GET', `/messages/${record.id}`, json(200, { ...record, colour: 'red' }))).toEqual([
      expect.stringContaining('does not match the document'),
    ]);
  });

  it('refuses a status the document does not list for the route', () => {
    expect(checkAnswer('GET', '/keys', json(422, EXAMPLES.error(422, 'PROVIDER_REJECTED')))).toEqual([
      'GET /keys answered 422: the document lists no such status',
    ]);
  });

  it('refuses an error code the route does not answer with that status', () => {
    expect(
      checkAnswer('GET', `/messages/${record.id}`, json(404, EXAMPLES.error(404, 'IDEMPOTENCY_CONFLICT'))),
    ).toEqual([expect.stringContaining('does not match the document')]);
  });

  it('refuses a 429 without its Retry-After and a 202 without its Location', () => {
    expect(checkAnswer('GET', '/messages', json(429, EXAMPLES.error(429, 'THROTTLED')))).toEqual([
      'GET /messages answered 429: no Retry-After header',
    ]);
    expect(checkAnswer('POST', '/sendMessage', json(202, EXAMPLES.records.queued))).toEqual([
      'POST /sendMessage answered 202: no Location header',
    ]);
  });

  it('leaves alone a path the document does not have', () => {
    expect(checkAnswer('GET', '/nowhere', json(404, {}))).toBeUndefined();
  });
});
