import { lambdaDeps } from '../lib/composition/lambda.js';
import { type StatsDeps, statsDeps } from '../lib/composition/stats.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { ok } from '../lib/http/response.js';

/** GET /stats */
export const createHandler = (deps: Deps<StatsDeps>) =>
  apiFunction('getStats', deps, async (event, { readStats }, { caller }) =>
    ok(await readStats(event.queryStringParameters, caller.tenant)),
  );

export const handler = createHandler(lambdaDeps((parts) => statsDeps(parts)));
