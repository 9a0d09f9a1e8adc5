import { lambdaDeps } from '../lib/composition/lambda.js';
import { type SuppressionsDeps, suppressionsDeps } from '../lib/composition/manage-suppressions.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/**
 * GET /suppressions, PUT /suppressions/{recipient}, DELETE /suppressions/{recipient}: a
 * `suppressions:manage` key sees and changes its own tenant's suppression list.
 */
export const createHandler = (deps: Deps<SuppressionsDeps>) =>
  apiFunction('manageSuppressions', deps, {
    'GET /suppressions': async (event, { manageSuppressions }, { caller }) =>
      ok(await manageSuppressions.list(event.queryStringParameters, caller.tenant)),
    'PUT /suppressions/{recipient}': async (event, { manageSuppressions }, { caller }) =>
      ok(await manageSuppressions.put(event.pathParameters?.recipient, event.body, caller)),
    'DELETE /suppressions/{recipient}': async (event, { manageSuppressions }, { caller }) =>
      ok(
        await manageSuppressions.lift(
          event.pathParameters?.recipient,
          event.queryStringParameters,
          caller.tenant,
        ),
      ),
  });

export const handler = createHandler(lambdaDeps(suppressionsDeps));
