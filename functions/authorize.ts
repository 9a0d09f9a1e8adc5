import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type AuthorizerDeps, authorizerDeps } from '../lib/composition/authorize.js';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { UnauthorizedError } from '../lib/domain/errors.js';
import { toAuthorizerContext } from '../lib/http/authorize.js';
import { header } from '../lib/http/headers.js';
import { countRefusal } from '../lib/http/middlewares/authorization.js';

/**
 * The API's Lambda REQUEST authorizer: checks `x-api-key` against the keys table and hands the key's
 * id, tenant, scopes and limits to the routes (requestContext.authorizer). API Gateway caches the
 * answer per key (the stack's `authorizerCacheSeconds`), so the policy allows every route of the
 * stage: each route checks its own scope, and the rate limits, on every request.
 * A bad key throws "Unauthorized", which API Gateway answers 401 (with the contract's error body).
 */
export const createHandler = (deps: () => AuthorizerDeps | Promise<AuthorizerDeps>) =>
  middy<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>().handler(async (event) => {
    const { authenticate, logger, metrics } = await deps();
    const requestId = event.requestContext?.requestId ?? 'authorizer';
    let principal: Awaited<ReturnType<typeof authenticate>>;
    try {
      principal = await authenticate(header(event, 'x-api-key'), { logger: logger.child({ requestId }) });
    } catch (error) {
      if (metrics) countRefusal(metrics, error);
      if (error instanceof UnauthorizedError) throw new Error('Unauthorized');
      throw error;
    } finally {
      metrics?.flush();
    }
    // arn:aws:execute-api:{region}:{account}:{api}/{stage}/{method}/{path} -> every route of the stage
    const [api, stage] = event.methodArn.split('/');
    return {
      principalId: principal.keyId,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `${api}/${stage}/*/*` }],
      },
      context: toAuthorizerContext(principal),
    };
  });

export const handler = createHandler(lambdaDeps(authorizerDeps));
