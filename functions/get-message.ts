import { lambdaDeps } from '../lib/composition/lambda.js';
import { type GetMessageDeps, getMessageDeps } from '../lib/composition/read-messages.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /messages/{id} */
export const createHandler = (deps: Deps<GetMessageDeps>) =>
  apiFunction('getMessage', deps, async (event, { getMessage }, { caller }) =>
    ok(await getMessage(event.pathParameters?.id, caller.tenant)),
  );

export const handler = createHandler(lambdaDeps(getMessageDeps));
