import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { readProviderPlan } from '../lib/composition/provider-settings.js';
import { type SendDeps, sendDeps } from '../lib/composition/send-message.js';
import { deadlineOf } from '../lib/deadline.js';
import type { ErrorBody } from '../lib/domain/error-body.js';
import { AppError, ForbiddenError } from '../lib/domain/errors.js';
import type { MessageRecord } from '../lib/domain/message.schema.js';
import { apiFunction, type Deps } from '../lib/http/api-handler.js';
import { prefers, publicPath } from '../lib/http/headers.js';
import { idempotency } from '../lib/http/middlewares/idempotency.js';
import { errorResponse, ok } from '../lib/http/response.js';
import type { RouteAnswer } from '../lib/http/route-answers.js';

export { STATUS_WRITE_RESERVE_MS } from '../lib/deadline.js';

/** 200 with the outcome, or 202 with the queued (or scheduled) record and its `Location`. */
function answer(
  event: APIGatewayProxyEvent,
  record: MessageRecord,
  respondAsync: boolean,
): RouteAnswer<'POST /sendMessage'> {
  if (record.status !== 'queued' && record.status !== 'scheduled') return ok(record);
  return {
    statusCode: 202,
    headers: {
      location: publicPath(event, `/messages/${encodeURIComponent(record.id)}`),
      ...(respondAsync ? { 'preference-applied': 'respond-async' } : {}),
    },
    body: record,
  };
}

/**
 * POST /messages/batch: 207 with one result per message, in order: `{status: 202, message}` for a
 * queued (or scheduled) one, `{status, error}` (the error body that message alone got) for another.
 * DELETE /messages/{id}: 200 with the canceled record.
 * POST /sendMessage: 200 with the outcome, or 202 with the queued record and its `Location` where the
 * send service queued it (the deployment is asynchronous, or the caller sent `Prefer: respond-async`).
 * An `Idempotency-Key` makes either route safe to retry; keys are the caller's tenant's.
 * POST /messages/{id}/resend: the same answers, for a new message with a failed one's channel,
 * recipient and content; it reads that message, so the key needs `messages:read` as well.
 */
export const createHandler = (deps: Deps<SendDeps>) =>
  apiFunction('sendMessage', deps, {
    'POST /sendMessage': {
      use: (d) => [idempotency(d)],
      route: async (event, { sendMessage }, { caller, context, logger }) => {
        const respondAsync = prefers(event, 'respond-async');
        const record = await sendMessage(event.body, {
          respondAsync,
          tenant: caller.tenant,
          deadline: deadlineOf(context),
          logger,
        });
        return answer(event, record, respondAsync);
      },
    },
    'POST /messages/batch': {
      use: (d) => [idempotency(d)],
      route: async (event, { sendBatch }, { caller, requestId, logger }) => {
        const results = await sendBatch(event.body, { tenant: caller.tenant, logger });
        return {
          statusCode: 207,
          body: {
            results: results.map((result) => {
              if (!(result instanceof AppError)) return { status: 202, message: result };
              const { statusCode, body } = errorResponse(result, requestId, logger);
              return { status: statusCode, ...(body as ErrorBody) };
            }),
          },
        };
      },
    },
    'DELETE /messages/{id}': async (event, { cancelMessage }, { caller, logger }) =>
      ok(await cancelMessage(event.pathParameters?.id ?? '', { tenant: caller.tenant, logger })),
    'POST /messages/{id}/resend': {
      // A resend takes an Idempotency-Key too: a retry whose first answer was lost resends once.
      use: (d) => [idempotency(d)],
      route: async (event, { resendMessage }, { caller, context, logger }) => {
        if (!caller.scopes.includes('messages:read')) throw new ForbiddenError('messages:read');
        const respondAsync = prefers(event, 'respond-async');
        const record = await resendMessage(event.pathParameters?.id ?? '', {
          respondAsync,
          tenant: caller.tenant,
          deadline: deadlineOf(context),
          logger,
        });
        return answer(event, record, respondAsync);
      },
    },
  });

export const handler = createHandler(
  lambdaDeps(async (parts) => sendDeps(parts, await parts.settings.providers()), {
    readers: { providers: readProviderPlan },
  }),
);
