import { describe, expect, it } from 'vitest';
import { apiFunction, type RouteDeps } from '../../../lib/http/api-handler.js';
import { ok } from '../../../lib/http/response.js';
import { ROUTE_ANSWERS } from '../../../lib/http/route-answers.js';
import { ROUTES, routeKey } from '../../../lib/http/route-table.js';
import { createLogger } from '../../../lib/logger.js';
import { openApiDocument } from '../../../lib/openapi/document.js';
import { EXAMPLES } from '../../../lib/openapi/examples.js';

const deps = (): RouteDeps => ({ logger: createLogger({ level: 'silent' }) });
const document = openApiDocument() as {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

describe('the routes answer types', () => {
  it('are the success answers the document lists, route by route', () => {
    for (const route of ROUTES) {
      const documented = Object.keys(
        document.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {},
      )
        .filter((status) => status.startsWith('2'))
        .map(Number);
      const typed = Object.keys(ROUTE_ANSWERS[routeKey(route) as keyof typeof ROUTE_ANSWERS]).map(Number);
      expect(typed, routeKey(route)).toEqual(documented);
    }
  });

  // The assertions of this one are the compiler's: each @ts-expect-error fails `npm run typecheck`
  // when its answer stops being a type error. (An extra field is caught at run time instead, by the
  // answer checks of test/support/validate-answers.setup.ts.)
  it('make an answer the document does not describe a type error', () => {
    const record = EXAMPLES.records.email;
    // Each handler below is refused by the compiler; the directive fails the type check if one is not.
    apiFunction('getMessage', deps, async () => ok(record));
    // @ts-expect-error a page is not a message record
    apiFunction('getMessage', deps, async () => ok({ items: [record], nextCursor: null }));
    // @ts-expect-error a record without its required fields
    apiFunction('getMessage', deps, async () => ok({ id: record.id, status: record.status }));
    // @ts-expect-error a status GET /messages/{id} never answers
    apiFunction('getMessage', deps, async () => ({ statusCode: 201 as const, body: record }));
    apiFunction('manageKeys', deps, {
      // @ts-expect-error POST /keys answers 201, not 200
      'POST /keys': async () => ok({ apiKey: EXAMPLES.apiKey, key: EXAMPLES.key }),
      'GET /keys': async () => ok({ items: [EXAMPLES.key] }),
      'DELETE /keys/{id}': async () => ok(EXAMPLES.key),
      // @ts-expect-error a key list is not the caller
      'GET /me': async () => ok({ items: [EXAMPLES.key] }),
    });
  });
});
