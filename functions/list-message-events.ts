import { lambdaDeps } from '../lib/composition/lambda.js';
import { type ListEventsDeps, listEventsDeps } from '../lib/composition/read-messages.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /messages/{id}/events */
export const createHandler = (deps: Deps<ListEventsDeps>) =>
  apiFunction('listMessageEvents', deps, async (event, { listEvents }, { caller }) =>
    ok(await listEvents(event.pathParameters?.id, caller.tenant)),
  );

export const handler = createHandler(lambdaDeps(listEventsDeps));
