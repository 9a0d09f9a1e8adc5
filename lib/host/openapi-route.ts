import { apiFunction, type Deps, type RouteDeps } from '../http/api-handler.js';
import { OPENAPI_JSON } from '../openapi/served.js';

/**
 * GET /openapi.json on the local server: the text `npm run openapi` wrote from the code
 * (lib/openapi/served.ts; a test fails while it is stale), sent as it is. On AWS no Lambda serves it:
 * API Gateway reads the same text from S3 (infra/constructs/openapi-document.ts).
 */
export const openApiHandler = (deps: Deps<RouteDeps>) =>
  apiFunction('getOpenApi', deps, async () => ({
    statusCode: 200,
    // The document, already serialized: a body with its content type is sent as it is.
    body: OPENAPI_JSON as unknown as Record<string, unknown>,
    contentType: 'application/json; charset=utf-8',
  }));
