import { lambdaDeps } from '../lib/composition/lambda.js';
import { type TemplatesDeps, templatesDeps } from '../lib/composition/manage-templates.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/**
 * PUT, GET, DELETE /templates/{name} and GET /templates: a `templates:manage` key manages its own
 * tenant's templates. Each PUT answers the new version (201); a deleted template renders no new send.
 */
export const createHandler = (deps: Deps<TemplatesDeps>) =>
  apiFunction('manageTemplates', deps, {
    'PUT /templates/{name}': async (event, { manageTemplates }, { caller }) => ({
      statusCode: 201,
      body: await manageTemplates.put(caller.tenant, event.pathParameters?.name, event.body),
    }),
    'GET /templates': async (event, { manageTemplates }, { caller }) =>
      ok(await manageTemplates.list(caller.tenant, event.queryStringParameters)),
    'GET /templates/{name}': async (event, { manageTemplates }, { caller }) =>
      ok(await manageTemplates.get(caller.tenant, event.pathParameters?.name, event.queryStringParameters)),
    'DELETE /templates/{name}': async (event, { manageTemplates }, { caller }) =>
      ok(await manageTemplates.delete(caller.tenant, event.pathParameters?.name)),
  });

export const handler = createHandler(lambdaDeps(templatesDeps));
