import { openApiDeps } from '../lib/composition/get-openapi.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { apiFunction, type Deps, type RouteDeps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';
import { openApiDocument } from '../lib/openapi/document.js';

// Built on the first request and kept for the container's life: it never changes at run time.
let document: Record<string, unknown> | undefined;

/** GET /openapi.json: the API's OpenAPI document, without a key. */
export const createHandler = (deps: Deps<RouteDeps>) =>
  apiFunction('getOpenApi', deps, async () => {
    document ??= openApiDocument();
    return ok(document);
  });

export const handler = createHandler(lambdaDeps(openApiDeps));
