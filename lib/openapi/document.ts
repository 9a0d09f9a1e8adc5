import { CallerView, KeyList, KeyView, NewKeyAnswer, SCOPES } from '../domain/api-key.js';
import { BATCH_MAX_MESSAGES, BatchAnswer, SendBatchRequest } from '../domain/batch.schema.js';
import { ErrorBody } from '../domain/error-body.js';
import {
  CHANNEL_REQUESTS,
  CONTENT_LIMITS,
  LIST_LIMIT,
  ListMessagesQuery,
  MessageEvents,
  MessagePage,
  MessageRecord,
} from '../domain/message.schema.js';
import { ROUTES, type RouteKey } from '../http/route-table.js';
import { built } from '../lazy.js';
import { NewKeyBody } from '../services/manage-keys.js';
import * as z from '../zod.js';
import { EXAMPLES } from './examples.js';

/** A JSON value of the document; the OpenAPI shape itself is checked by the linter and the tests. */
type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

// The schemas of the document, from the zod schemas that validate requests and type the answers.
// Requests are described as sent (`io: 'input'`), answers as produced.
function componentSchemas(): Record<string, Json> {
  const requests = z.registry<{ id: string }>();
  requests.add(built(CHANNEL_REQUESTS.email), { id: 'EmailRequest' });
  requests.add(built(CHANNEL_REQUESTS.sms), { id: 'SmsRequest' });
  requests.add(built(CHANNEL_REQUESTS.whatsapp), { id: 'WhatsappRequest' });
  requests.add(built(NewKeyBody), { id: 'NewKeyRequest' });
  requests.add(built(SendBatchRequest), { id: 'SendBatchRequest' });
  const answers = z.registry<{ id: string }>();
  answers.add(built(MessageRecord), { id: 'MessageRecord' });
  answers.add(built(MessagePage), { id: 'MessagePage' });
  answers.add(built(MessageEvents), { id: 'MessageEvents' });
  answers.add(built(KeyView), { id: 'KeyView' });
  answers.add(built(NewKeyAnswer), { id: 'NewKeyAnswer' });
  answers.add(built(KeyList), { id: 'KeyList' });
  answers.add(built(CallerView), { id: 'CallerView' });
  answers.add(built(ErrorBody), { id: 'ErrorBody' });
  answers.add(built(BatchAnswer), { id: 'BatchAnswer' });
  const options = {
    target: 'draft-2020-12',
    // Refinements and transforms (a recipient's normal form, content limits) have no JSON Schema;
    // the channel's limits are added below from the same constants the refinements use.
    unrepresentable: 'any',
    uri: (id: string) => `#/components/schemas/${id}`,
  } as const;
  const out = {
    ...(z.toJSONSchema(requests, { ...options, io: 'input' }).schemas as Record<string, Json>),
    ...(z.toJSONSchema(answers, { ...options, io: 'output' }).schemas as Record<string, Json>),
  };
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.$id;
  }
  for (const [name, channel] of [
    ['EmailRequest', 'email'],
    ['SmsRequest', 'sms'],
    ['WhatsappRequest', 'whatsapp'],
  ] as const) {
    const properties = out[name]?.properties as Record<string, Json>;
    properties.content = { ...properties.content, minLength: 1, maxLength: CONTENT_LIMITS[channel] };
    properties.recipient = {
      ...properties.recipient,
      description:
        channel === 'email'
          ? 'An email address (no display name, at most 254 characters); stored with its domain lower-cased'
          : 'A phone number in E.164 format, e.g. +14155550123; stored normalized',
    };
    properties.sendAt = {
      ...properties.sendAt,
      format: 'date-time',
      description:
        'Send at this ISO-8601 instant (with an offset), not before: the message is logged `scheduled` and queued (202). Not in the past, at most 30 days ahead.',
    };
  }
  // Each message of a batch is validated on its own (a bad one fails alone), as /sendMessage's body.
  const batch = out.SendBatchRequest?.properties as Record<string, Json>;
  batch.messages = { ...batch.messages, items: ref('SendMessageRequest') };
  out.SendMessageRequest = {
    oneOf: [ref('EmailRequest'), ref('SmsRequest'), ref('WhatsappRequest')],
    discriminator: {
      propertyName: 'type',
      mapping: {
        email: '#/components/schemas/EmailRequest',
        sms: '#/components/schemas/SmsRequest',
        whatsapp: '#/components/schemas/WhatsappRequest',
      },
    },
  };
  out.Received = {
    type: 'object',
    properties: { received: { type: 'boolean', const: true } },
    required: ['received'],
    additionalProperties: false,
  };
  return out;
}

// The error codes each route answers, by status; the document lists exactly these.
const AUTH: Record<number, string[]> = {
  401: ['UNAUTHORIZED'],
  403: ['FORBIDDEN'],
  429: ['THROTTLED'],
  500: ['INTERNAL'],
};
const JSON_BODY: Record<number, string[]> = {
  400: ['VALIDATION_ERROR', 'INVALID_JSON'],
  413: ['PAYLOAD_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
};
const WEBHOOK: Record<number, string[]> = {
  403: ['INVALID_SIGNATURE', 'VERIFICATION_FAILED'],
  404: ['NOT_FOUND'],
  405: ['METHOD_NOT_ALLOWED'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  500: ['INTERNAL'],
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid; `details` names each failing field and why',
  401: 'No key, or a malformed, unknown or revoked one',
  403: 'The key lacks the route scope, or (webhooks) the signature does not verify',
  404: "Not found (another tenant's message or key is not found either)",
  405: 'Method not allowed here; `Allow` lists those that are',
  409: 'The idempotency key was used with another body, or its first request is still running; (resend) the message is not failed or undelivered; (cancel) a worker already has the message, or it has ended',
  413: 'The body is larger than 256 KiB',
  415: 'The body is not JSON',
  431: 'The request headers are larger than 16 KiB',
  422: 'The provider rejected the message for good; `message` is the failed record',
  429: 'The key is over its rate limit; `Retry-After` says when to try again',
  500: 'An unexpected fault; quote the requestId when reporting it',
  502: 'The provider could not take the message now; worth retrying (`message` is the failed record)',
  503: 'The log, the queue or the idempotency store is unavailable; nothing was sent',
};

const HEADERS = {
  requestId: {
    description: 'The request id, also on every log line about the request',
    schema: { type: 'string' },
  },
  retryAfter: {
    description: 'Seconds until the rate limit window ends',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  allow: { description: 'The methods the path answers', schema: { type: 'string' } },
};

function errorResponses(errorBody: Json, codes: Record<number, string[]>): Json {
  const out: Json = {};
  for (const [status, list] of Object.entries(codes)) {
    out[status] = {
      description: ERROR_DESCRIPTIONS[Number(status)] ?? 'An error',
      headers: {
        'x-request-id': { $ref: '#/components/headers/RequestId' },
        ...(status === '429' ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
        ...(status === '405' ? { Allow: { $ref: '#/components/headers/Allow' } } : {}),
      },
      content: {
        'application/json': {
          schema: withCodes(errorBody, list),
          example: EXAMPLES.error(Number(status), list[0] ?? 'INTERNAL'),
        },
      },
    };
  }
  return out;
}

// The error body with `code` narrowed to the codes of one route and status.
function withCodes(errorBody: Json, codes: string[]): Json {
  const properties = errorBody.properties as { error: Json & { properties: Json } };
  return {
    ...errorBody,
    properties: {
      ...properties,
      error: {
        ...properties.error,
        properties: { ...properties.error.properties, code: { type: 'string', enum: codes } },
      },
    },
  };
}

const jsonAnswer = (
  description: string,
  schema: string,
  examples: Record<string, unknown>,
  headers: Json = {},
) => ({
  description,
  headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' }, ...headers },
  content: {
    'application/json': {
      schema: ref(schema),
      examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
    },
  },
});

/** The id of the resend in the examples. */
const RESEND_ID = '01JDQ8A2B3C4D5E6F7G8H9J0KM';

const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id`,
  schema: { type: 'string', minLength: 1 },
  example: what === 'key' ? EXAMPLES.key.id : EXAMPLES.records.email.id,
});

/** The `Idempotency-Key` header of a send route. */
const idempotencyKey = (description: string, example: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description,
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
  example,
});

// Each route's operation, by `METHOD /path`; a route of ROUTES without one is a type error.
function operations(errorBody: Json): Record<RouteKey, Json> {
  const scoped = (scope: string) => ({ security: [{ ApiKey: [] }], 'x-scope': scope });
  const listQuery = z.toJSONSchema(built(ListMessagesQuery), {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  const queryProps = listQuery.properties as Record<string, Json>;
  const queryDescriptions: Record<string, string> = {
    type: 'Only this channel',
    status: 'Only this status',
    recipient: 'Only this recipient (normalized as sends are)',
    from: 'Created at or after this ISO-8601 instant or date',
    to: 'Created before this ISO-8601 instant or date (after `from`)',
    limit: `Page size, 1 to ${LIST_LIMIT.max}`,
    cursor: "The previous page's `nextCursor`",
  };
  const queryParameters = Object.entries(queryProps).map(([name, schema]) => {
    const { default: _default, ...rest } = schema;
    return {
      name,
      in: 'query',
      required: false,
      description: queryDescriptions[name] ?? name,
      schema:
        name === 'limit'
          ? { type: 'integer', minimum: 1, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default }
          : name === 'from' || name === 'to'
            ? { type: 'string', examples: ['2026-11-27T10:00:00Z', '2026-11-27'] }
            : rest,
    };
  });
  const webhook = (summary: string, answers: Json = {}) => ({
    tags: ['Webhooks'],
    summary,
    description: 'Called by the provider, authenticated by its signature; 404 until its secret is set.',
    security: [],
    requestBody: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': { schema: { type: 'object' } },
        'application/json': { schema: { type: 'object' } },
        'text/plain': { schema: { type: 'string' } },
      },
    },
    responses: {
      200: jsonAnswer('The receipt is taken (or ignored, if late or unknown)', 'Received', {
        received: { received: true },
      }),
      ...errorResponses(errorBody, { ...WEBHOOK }),
      ...answers,
    },
  });
  const { records } = EXAMPLES;
  return {
    'POST /sendMessage': {
      tags: ['Messages'],
      operationId: 'sendMessage',
      summary: 'Send a message by email, SMS or WhatsApp',
      description:
        'Logs the message and hands it to the channel provider. Synchronous by default (200 with the outcome); with `Prefer: respond-async` (or a deployment with `DELIVERY_MODE=async`) queued (202).',
      ...scoped('messages:send'),
      parameters: [
        idempotencyKey(
          'Makes the send safe to retry: the same key with the same body answers the first answer (with `Idempotent-Replayed: true`) without sending again. Kept 24 hours, per tenant.',
          '5f0c6f0e-8a4b-4c39-9a4e-1f8c8d0c2b7a',
        ),
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          description: '`respond-async`: queue the message and answer 202 at once',
          schema: { type: 'string' },
          example: 'respond-async',
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('SendMessageRequest'),
            examples: Object.fromEntries(
              Object.entries(EXAMPLES.sends).map(([name, { summary, body }]) => [
                name,
                { summary, value: body },
              ]),
            ),
          },
        },
      },
      responses: {
        200: jsonAnswer(
          'Sent: the record, `sent`',
          'MessageRecord',
          {
            email: records.email,
            sms: records.sms,
            whatsapp: records.whatsapp,
          },
          {
            'Idempotent-Replayed': {
              description: '`true` on an answer replayed for a repeated Idempotency-Key',
              schema: { type: 'string', enum: ['true'] },
            },
          },
        ),
        202: jsonAnswer(
          'Queued: the record, `queued` (or `scheduled`, with a `sendAt`)',
          'MessageRecord',
          { queued: records.queued, scheduled: records.scheduled },
          {
            Location: { description: 'The message: `/messages/{id}`', schema: { type: 'string' } },
            'Preference-Applied': {
              description: '`respond-async` when asked for',
              schema: { type: 'string' },
            },
          },
        ),
        ...errorResponses(errorBody, {
          ...JSON_BODY,
          400: ['VALIDATION_ERROR', 'UNSUPPORTED_TYPE', 'INVALID_JSON'],
          ...AUTH,
          409: ['IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'],
          422: ['PROVIDER_REJECTED'],
          502: ['PROVIDER_UNAVAILABLE'],
          503: ['LOG_UNAVAILABLE', 'QUEUE_UNAVAILABLE', 'IDEMPOTENCY_UNAVAILABLE'],
        }),
      },
    },
    'POST /messages/{id}/resend': {
      tags: ['Messages'],
      operationId: 'resendMessage',
      summary: 'Send a failed or undelivered message again, as a new message linked to it',
      description:
        "Sends a new message with the original's channel, recipient, subject and content, as `POST /sendMessage` would (no body; `Prefer: respond-async` honoured). The new record's `resendOf` is the original's id; the original's `resentAs` lists its resends, oldest first. The key needs `messages:read` as well, since the original is read (403 naming the missing scope).",
      ...scoped('messages:send'),
      parameters: [
        idParameter('message'),
        {
          name: 'Prefer',
          in: 'header',
          required: false,
          description: '`respond-async`: queue the new message and answer 202 at once',
          schema: { type: 'string' },
          example: 'respond-async',
        },
      ],
      responses: {
        200: jsonAnswer('Sent: the new record, `sent`, with `resendOf`', 'MessageRecord', {
          resent: { ...records.email, id: RESEND_ID, resendOf: records.email.id },
        }),
        202: jsonAnswer(
          'Queued: the new record, `queued`, with `resendOf`',
          'MessageRecord',
          { queued: { ...records.queued, id: RESEND_ID, resendOf: records.email.id } },
          {
            Location: { description: 'The new message: `/messages/{id}`', schema: { type: 'string' } },
            'Preference-Applied': {
              description: '`respond-async` when asked for',
              schema: { type: 'string' },
            },
          },
        ),
        ...errorResponses(errorBody, {
          ...AUTH,
          404: ['NOT_FOUND'],
          409: ['NOT_RESENDABLE'],
          422: ['PROVIDER_REJECTED'],
          502: ['PROVIDER_UNAVAILABLE'],
          503: ['LOG_UNAVAILABLE', 'QUEUE_UNAVAILABLE'],
        }),
      },
    },
    'POST /messages/batch': {
      tags: ['Messages'],
      operationId: 'sendBatch',
      summary: `Send up to ${BATCH_MAX_MESSAGES} messages in one call, each queued (always asynchronous)`,
      description:
        'Each message is validated on its own, as the body of `POST /sendMessage` (`sendAt` included): 207 with one result per message, in order, `{status: 202, message}` (the record, `queued` or `scheduled`) or `{status, error}` (the error body that message alone got: 400 invalid, 503 not logged or not queued). Valid messages are queued even when others fail. An `Idempotency-Key` covers the whole batch.',
      ...scoped('messages:send'),
      parameters: [
        idempotencyKey(
          'Makes the batch safe to retry: the same key with the same body answers the first answer (with `Idempotent-Replayed: true`) without queueing anything again. Kept 24 hours, per tenant.',
          '0b6f4f1e-2c1d-4a8e-9d52-6c1e9a7b3f10',
        ),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('SendBatchRequest'),
            examples: { mixed: { summary: 'Queued, scheduled, and one invalid', value: EXAMPLES.batch } },
          },
        },
      },
      responses: {
        207: jsonAnswer(
          'One result per message, in order',
          'BatchAnswer',
          {
            mixed: {
              results: [
                {
                  status: 202,
                  message: {
                    ...records.queued,
                    type: 'sms',
                    recipient: '+14155550123',
                    subject: null,
                    content: 'Your order has shipped',
                  },
                },
                {
                  status: 202,
                  message: { ...records.scheduled, content: 'Your appointment is tomorrow at 10:00.' },
                },
                {
                  status: 400,
                  error: {
                    code: 'VALIDATION_ERROR',
                    message: 'Request body is invalid',
                    details: [
                      {
                        field: 'recipient',
                        message: 'must be a phone number in E.164 format, e.g. +14155550123',
                      },
                    ],
                    requestId: EXAMPLES.error(400, 'VALIDATION_ERROR').error.requestId,
                  },
                },
              ],
            },
          },
          {
            'Idempotent-Replayed': {
              description: '`true` on an answer replayed for a repeated Idempotency-Key',
              schema: { type: 'string', enum: ['true'] },
            },
          },
        ),
        ...errorResponses(errorBody, {
          ...JSON_BODY,
          ...AUTH,
          409: ['IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'],
          503: ['QUEUE_UNAVAILABLE', 'IDEMPOTENCY_UNAVAILABLE'],
        }),
      },
    },
    'DELETE /messages/{id}': {
      tags: ['Messages'],
      operationId: 'cancelMessage',
      summary: 'Cancel a scheduled or queued message',
      description:
        'Moves a `scheduled` or `queued` message to `canceled` (with its event); it is then never sent. A message a worker already has (`sending`) or that has ended is a 409. Canceling a canceled message answers it again.',
      ...scoped('messages:send'),
      parameters: [idParameter('message')],
      responses: {
        200: jsonAnswer('The record, `canceled`', 'MessageRecord', { canceled: records.canceled }),
        ...errorResponses(errorBody, { ...AUTH, 404: ['NOT_FOUND'], 409: ['NOT_CANCELABLE'] }),
      },
    },
    'GET /messages': {
      tags: ['Messages'],
      operationId: 'listMessages',
      summary: 'List the tenant messages, newest first, filtered and paged',
      ...scoped('messages:read'),
      parameters: queryParameters,
      responses: {
        200: jsonAnswer('One page', 'MessagePage', { page: { items: [records.email], nextCursor: null } }),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], ...AUTH }),
      },
    },
    'GET /messages/{id}': {
      tags: ['Messages'],
      operationId: 'getMessage',
      summary: 'One message',
      ...scoped('messages:read'),
      parameters: [idParameter('message')],
      responses: {
        200: jsonAnswer('The record', 'MessageRecord', { email: records.email }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'GET /messages/{id}/events': {
      tags: ['Messages'],
      operationId: 'listMessageEvents',
      summary: 'The statuses a message took, oldest first',
      ...scoped('messages:read'),
      parameters: [idParameter('message')],
      responses: {
        200: jsonAnswer('The events', 'MessageEvents', { email: EXAMPLES.events }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'POST /keys': {
      tags: ['Keys'],
      operationId: 'createKey',
      summary: 'Create a key of the caller tenant, within the caller key scopes and limits',
      ...scoped('keys:manage'),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('NewKeyRequest'),
            examples: { billing: { value: EXAMPLES.newKey } },
          },
        },
      },
      responses: {
        201: jsonAnswer('The key record, and the key itself, shown this once only', 'NewKeyAnswer', {
          billing: { apiKey: EXAMPLES.apiKey, key: EXAMPLES.key },
        }),
        ...errorResponses(errorBody, { ...JSON_BODY, ...AUTH }),
      },
    },
    'GET /keys': {
      tags: ['Keys'],
      operationId: 'listKeys',
      summary: 'The tenant keys (never the keys themselves)',
      ...scoped('keys:manage'),
      responses: {
        200: jsonAnswer('The keys', 'KeyList', { keys: { items: [EXAMPLES.key] } }),
        ...errorResponses(errorBody, { ...AUTH }),
      },
    },
    'DELETE /keys/{id}': {
      tags: ['Keys'],
      operationId: 'revokeKey',
      summary: 'Revoke a key of the tenant (within 60 seconds on AWS)',
      ...scoped('keys:manage'),
      parameters: [idParameter('key')],
      responses: {
        200: jsonAnswer('The revoked key', 'KeyView', {
          revoked: { ...EXAMPLES.key, revokedAt: EXAMPLES.at },
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'GET /me': {
      tags: ['Keys'],
      operationId: 'getMe',
      summary: 'The caller key: its tenant, scopes and limits (any valid key)',
      description:
        'Answers any valid key whatever its scopes, so that a client can tell a wrong key (401) from a key that lacks a route scope. With authentication off, `keyId` and `name` are null, the tenant is `default` and every scope is listed.',
      ...scoped('any'),
      responses: {
        200: jsonAnswer('The caller', 'CallerView', {
          key: {
            keyId: EXAMPLES.key.id,
            name: EXAMPLES.key.name,
            tenant: EXAMPLES.key.tenant,
            scopes: EXAMPLES.key.scopes,
            limits: EXAMPLES.key.limits,
            authentication: 'required',
          },
        }),
        ...errorResponses(errorBody, { 401: ['UNAUTHORIZED'], 429: ['THROTTLED'], 500: ['INTERNAL'] }),
      },
    },
    'POST /webhooks/twilio': { ...webhook('Twilio status callback'), operationId: 'twilioReceipt' },
    'GET /webhooks/meta': {
      ...webhook('Meta verification challenge'),
      operationId: 'metaChallenge',
      requestBody: undefined,
      parameters: ['hub.mode', 'hub.verify_token', 'hub.challenge'].map((name) => ({
        name,
        in: 'query',
        required: true,
        schema: { type: 'string' },
      })),
      responses: {
        200: {
          description: 'The challenge, echoed',
          headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' } },
          content: { 'text/plain': { schema: { type: 'string' }, example: '1158201444' } },
        },
        ...errorResponses(errorBody, { ...WEBHOOK }),
      },
    },
    'POST /webhooks/meta': {
      ...webhook('Meta (WhatsApp Cloud API) status webhook'),
      operationId: 'metaReceipt',
    },
    'POST /webhooks/ses': { ...webhook('SES events through SNS'), operationId: 'sesReceipt' },
    'GET /openapi.json': {
      tags: ['Reference'],
      operationId: 'getOpenApi',
      summary: 'This document',
      security: [],
      responses: {
        200: {
          description: 'The OpenAPI document',
          headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' } },
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        ...errorResponses(errorBody, { 500: ['INTERNAL'] }),
      },
    },
  };
}

/** The API's OpenAPI 3.1 document, built from the route table and the zod schemas. */
export function openApiDocument(): Json {
  const schemas = componentSchemas();
  const byKey = operations(schemas.ErrorBody as Json);
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}` as RouteKey;
    const { requestBody, ...operation } = byKey[key];
    const responses = {
      ...(operation.responses as Json),
      // The local server's own answer, before any handler (API Gateway has its own limit).
      431: { $ref: '#/components/responses/HeadersTooLarge' },
    };
    const path = paths[route.path] ?? {};
    paths[route.path] = path;
    path[route.method.toLowerCase()] = {
      ...operation,
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Messaging service',
      version: '0.1.0',
      description:
        'Send a message by email, SMS or WhatsApp over one HTTP API, and read the log of every message. The prose contract is docs/api.md.',
    },
    servers: [{ url: 'http://127.0.0.1:5000', description: 'npm start' }],
    tags: [
      { name: 'Messages', description: 'Send messages and read the log' },
      { name: 'Keys', description: 'A tenant manages its own API keys (`keys:manage`)' },
      { name: 'Webhooks', description: "Providers' delivery receipts, signature-checked" },
      { name: 'Reference', description: 'This document' },
    ],
    security: [{ ApiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        ApiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: `A key \`msk_<id>_<secret>\` with the route's scope (${SCOPES.join(', ')}). Locally, needed only with AUTH=required.`,
        },
      },
      responses: {
        HeadersTooLarge: (
          errorResponses(schemas.ErrorBody as Json, { 431: ['HEADERS_TOO_LARGE'] }) as Json
        )[431],
      },
      headers: {
        RequestId: HEADERS.requestId,
        RetryAfter: HEADERS.retryAfter,
        Allow: HEADERS.allow,
      },
      schemas,
    },
  };
}

/** The document as `docs/openapi.json` holds it: two-space JSON, one final newline. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
