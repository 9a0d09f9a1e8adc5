import { lambdaDeps } from '../lib/composition/lambda.js';
import { type PrivacyDeps, privacyDeps } from '../lib/composition/manage-privacy.js';
import { deadlineOf } from '../lib/deadline.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/**
 * POST /erasures: every message of the caller's tenant to a recipient erased, inline; 202 with the
 * job. GET /erasures/{id}: the job. A function of its own (not the keys'): it alone writes the log's
 * recipients and contents, deletes idempotency answers and holds PRIVACY_HASH_KEY.
 */
export const createHandler = (deps: Deps<PrivacyDeps>) =>
  apiFunction('managePrivacy', deps, {
    'POST /erasures': async (event, { eraseRecipient }, { caller, context }) => ({
      statusCode: 202,
      body: await eraseRecipient(event.body, { tenant: caller.tenant, deadline: deadlineOf(context) }),
    }),
    'GET /erasures/{id}': async (event, { getErasure }, { caller }) =>
      ok(await getErasure(event.pathParameters?.id, caller.tenant)),
  });

export const handler = createHandler(lambdaDeps(privacyDeps));
