import { createLogger } from '../../logger.js';
import type { ApiMiddleware, Deps, RouteDeps } from '../api-handler.js';
import { InvalidJsonError } from '../errors.js';
import { errorResponse } from '../response.js';

const fallbackLogger = createLogger();

/**
 * The one place where an error becomes an HTTP answer: the contract's error body, with the headers
 * the error supplies (`Allow`, `Retry-After`). Only AppErrors below 500 show their message. The JSON
 * parser's errors are named first: jsonRequest already passed, so what it throws is about the JSON.
 */
export const errorAnswer = (deps: Deps<RouteDeps>): ApiMiddleware => ({
  onError: async (request) => {
    if (
      (request.error?.cause as { package?: string } | undefined)?.package === '@middy/http-json-body-parser'
    ) {
      request.error = new InvalidJsonError(request.error);
    }
    const { invocation } = request.context;
    // Even when the dependencies themselves failed to build (bad settings), answer and log the fault.
    const logger =
      invocation.logger ??
      (await Promise.resolve()
        .then(deps)
        .then(
          (d) => d.logger.child({ requestId: invocation.requestId }),
          () => fallbackLogger.child({ requestId: invocation.requestId }),
        ));
    request.response = errorResponse(request.error, invocation.requestId, logger);
  },
});
