import { lambdaDeps } from '../lib/composition/lambda.js';
import { type ListMessagesDeps, listMessagesDeps } from '../lib/composition/read-messages.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /messages */
export const createHandler = (deps: Deps<ListMessagesDeps>) =>
  apiFunction('listMessages', deps, async (event, { listMessages }, { caller }) =>
    ok(await listMessages(event.queryStringParameters, caller.tenant)),
  );

export const handler = createHandler(lambdaDeps(listMessagesDeps));
