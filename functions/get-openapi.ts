import { openApiDeps } from '../lib/composition/get-openapi.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { apiFunction, type Deps, type RouteDeps } from '../lib/http/api-handler.js';
import { OPENAPI_JSON } from '../lib/openapi/served.js';

/**
 * GET /openapi.json: the API's OpenAPI document, without a key. The text `npm run openapi` wrote from
 * the code (lib/openapi/served.ts; a test fails while it is stale), sent as it is: building the
 * document from the schemas, or parsing and serializing it again, on a cold start cost more than
 * loading the whole function (docs/performance.md).
 */
export const createHandler = (deps: Deps<RouteDeps>) =>
  apiFunction('getOpenApi', deps, async () => ({
    statusCode: 200,
    // The document, already serialized: a body with its content type is sent as it is.
    body: OPENAPI_JSON as unknown as Record<string, unknown>,
    contentType: 'application/json; charset=utf-8',
  }));

export const handler = createHandler(lambdaDeps(openApiDeps));
