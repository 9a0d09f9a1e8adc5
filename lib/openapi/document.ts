import { CallerView, KeyList, KeyView, NewKeyAnswer, SCOPES } from '../domain/api-key.js';
import { BATCH_MAX_MESSAGES, BatchAnswer, SendBatchRequest } from '../domain/batch.schema.js';
import { ErasureJob, ErasureRequest } from '../domain/erasure.js';
import { ErrorBody } from '../domain/error-body.js';
import {
  CHANNEL_REQUESTS,
  CHANNELS,
  CONTENT_LIMITS,
  LIST_LIMIT,
  ListMessagesQuery,
  MessageEvents,
  MessagePage,
  MessageRecord,
} from '../domain/message.schema.js';
import { TWILIO_MESSAGE_ID_PARAM } from '../domain/provider-callbacks.js';
import { GRANULARITIES, MAX_BUCKETS, StatsAnswer } from '../domain/stats.js';
import {
  ListSuppressionsQuery,
  SUPPRESSION_REASONS,
  SuppressionBody,
  SuppressionLifted,
  SuppressionPage,
  SuppressionView,
} from '../domain/suppression.js';
import {
  TEMPLATE_DATA_LIMITS,
  TEMPLATE_LIST_LIMIT,
  TemplateContent,
  TemplatePage,
  TemplateRecord,
} from '../domain/template.js';
import { TEMPLATE_NAME_FORMAT } from '../domain/template-name.js';
import {
  DeliveryPage,
  EndpointList,
  EndpointPatchBody,
  EndpointView,
  NewEndpointAnswer,
  NewEndpointBody,
  RotatedSecretAnswer,
  WebhookDelivery,
  WebhookEvent,
} from '../domain/webhook.js';
import { ReceiptTaken, ROUTE_ANSWERS } from '../http/route-answers.js';
import { ROUTES, type RouteKey } from '../http/route-table.js';
import { built } from '../lazy.js';
import { MetaWebhook } from '../receipts/meta.js';
import { SesEvent, SnsMessage } from '../receipts/ses.js';
import { TwilioInboundForm, TwilioStatusCallbackForm } from '../receipts/twilio-forms.js';
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
  requests.add(built(TemplateContent), { id: 'TemplateRequest' });
  requests.add(built(SendBatchRequest), { id: 'SendBatchRequest' });
  requests.add(built(NewEndpointBody), { id: 'NewWebhookEndpointRequest' });
  requests.add(built(EndpointPatchBody), { id: 'WebhookEndpointPatch' });
  requests.add(built(SuppressionBody), { id: 'SuppressionRequest' });
  requests.add(built(ErasureRequest), { id: 'ErasureRequest' });
  // What the providers POST to the webhooks: the schemas the webhooks read them with, or (Twilio's
  // forms) describe them by.
  requests.add(built(TwilioStatusCallbackForm), { id: 'TwilioStatusCallback' });
  requests.add(built(TwilioInboundForm), { id: 'TwilioInboundMessage' });
  requests.add(built(MetaWebhook), { id: 'MetaWebhook' });
  requests.add(built(SnsMessage), { id: 'SnsMessage' });
  requests.add(built(SesEvent), { id: 'SesEvent' });
  const answers = z.registry<{ id: string }>();
  answers.add(built(MessageRecord), { id: 'MessageRecord' });
  answers.add(built(MessagePage), { id: 'MessagePage' });
  answers.add(built(MessageEvents), { id: 'MessageEvents' });
  answers.add(built(KeyView), { id: 'KeyView' });
  answers.add(built(NewKeyAnswer), { id: 'NewKeyAnswer' });
  answers.add(built(KeyList), { id: 'KeyList' });
  answers.add(built(CallerView), { id: 'CallerView' });
  answers.add(built(TemplateRecord), { id: 'TemplateRecord' });
  answers.add(built(TemplatePage), { id: 'TemplatePage' });
  answers.add(built(StatsAnswer), { id: 'StatsAnswer' });
  answers.add(built(SuppressionView), { id: 'Suppression' });
  answers.add(built(SuppressionPage), { id: 'SuppressionPage' });
  answers.add(built(SuppressionLifted), { id: 'SuppressionLifted' });
  answers.add(built(ErasureJob), { id: 'ErasureJob' });
  answers.add(built(ErrorBody), { id: 'ErrorBody' });
  answers.add(built(BatchAnswer), { id: 'BatchAnswer' });
  answers.add(built(EndpointView), { id: 'WebhookEndpoint' });
  answers.add(built(EndpointList), { id: 'WebhookEndpointList' });
  answers.add(built(NewEndpointAnswer), { id: 'NewWebhookEndpointAnswer' });
  answers.add(built(RotatedSecretAnswer), { id: 'RotatedSecretAnswer' });
  answers.add(built(WebhookDelivery), { id: 'WebhookDelivery' });
  answers.add(built(DeliveryPage), { id: 'WebhookDeliveryPage' });
  answers.add(built(WebhookEvent), { id: 'WebhookEvent' });
  answers.add(built(ReceiptTaken), { id: 'Received' });
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
    properties.template = {
      ...properties.template,
      description:
        'A template of the tenant to render the message from, instead of `content` (and `subject`)',
    };
    properties.data = {
      ...properties.data,
      description: `The template's data: a JSON object of at most ${TEMPLATE_DATA_LIMITS.bytes} bytes and ${TEMPLATE_DATA_LIMITS.depth} levels; every name the template uses must be in it`,
    };
    // Exactly one of the two (a refinement, which JSON Schema says this way).
    (out[name] as Json).oneOf = [{ required: ['content'] }, { required: ['template'] }];
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
  // An SNS notification's Message is a string: for SES, the event's JSON.
  out.SnsMessage = {
    ...out.SnsMessage,
    description:
      "An SNS message as SNS POSTs it (content type text/plain, the body JSON). A Notification's `Message` is the SES event (`SesEvent`), JSON-encoded; a SubscriptionConfirmation is confirmed by visiting its `SubscribeURL`.",
  };
  out.SesEvent = {
    ...out.SesEvent,
    description:
      "An SES event as a configuration set publishes it (`eventType`) or an identity's notifications (`notificationType`): the `Message` of an SNS Notification. Delivery, Bounce (Permanent), Complaint and Reject change a message; the others are acknowledged.",
  };
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
  404: "Not found (another tenant's message, key or template is not found either); (send) the template or its version does not exist",
  405: 'Method not allowed here; `Allow` lists those that are',
  409: 'The idempotency key was used with another body, or its first request is still running; (resend) the message is not failed or undelivered; (cancel) a worker already has the message, or it has ended',
  410: 'The template was deleted: it renders no new message',
  413: 'The body is larger than 256 KiB',
  415: 'The body is not JSON',
  431: 'The request headers are larger than 16 KiB',
  422: 'The provider rejected the message for good; `message` is the failed record',
  429: 'The key is over its rate limit; `Retry-After` says when to try again',
  500: 'An unexpected fault; quote the requestId when reporting it',
  502: 'The provider could not take the message now; worth retrying (`message` is the failed record)',
  503: 'The log, the queue, the idempotency store or the suppression list is unavailable, and nothing was sent; (stats, webhook endpoints) not available on this deployment',
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

// The component name of each answer schema, as componentSchemas registers them.
const ANSWER_NAMES = new Map<unknown, string>([
  [MessageRecord, 'MessageRecord'],
  [MessagePage, 'MessagePage'],
  [MessageEvents, 'MessageEvents'],
  [KeyView, 'KeyView'],
  [NewKeyAnswer, 'NewKeyAnswer'],
  [KeyList, 'KeyList'],
  [CallerView, 'CallerView'],
  [ReceiptTaken, 'Received'],
  [StatsAnswer, 'StatsAnswer'],
  [EndpointView, 'WebhookEndpoint'],
  [EndpointList, 'WebhookEndpointList'],
  [NewEndpointAnswer, 'NewWebhookEndpointAnswer'],
  [RotatedSecretAnswer, 'RotatedSecretAnswer'],
  [WebhookDelivery, 'WebhookDelivery'],
  [DeliveryPage, 'WebhookDeliveryPage'],
  [SuppressionView, 'Suppression'],
  [SuppressionPage, 'SuppressionPage'],
  [SuppressionLifted, 'SuppressionLifted'],
  [ErasureJob, 'ErasureJob'],
  [TemplateRecord, 'TemplateRecord'],
  [TemplatePage, 'TemplatePage'],
  [BatchAnswer, 'BatchAnswer'],
]);

/** A route's success answer: its schema is the one ROUTE_ANSWERS gives, which types the handler too. */
function jsonAnswer<K extends RouteKey>(
  key: K,
  status: keyof (typeof ROUTE_ANSWERS)[K] & number,
  description: string,
  examples: Record<string, unknown>,
  headers: Json = {},
) {
  const schema = (ROUTE_ANSWERS[key] as Record<number, unknown>)[status];
  const name = ANSWER_NAMES.get(schema);
  if (!name) throw new Error(`${key} ${status}: its answer schema has no component name`);
  return {
    description,
    headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' }, ...headers },
    content: {
      'application/json': {
        schema: ref(name),
        examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
      },
    },
  };
}

/** The id of the resend in the examples. */
const RESEND_ID = '01JDQ8A2B3C4D5E6F7G8H9J0KM';

const REPLAYED = {
  'Idempotent-Replayed': {
    description: '`true` on an answer replayed for a repeated Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** The `Idempotency-Key` header of a route that sends: the same key with `same` replays the first answer. */
const idempotencyKey = (same: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: `Makes the call safe to retry: the same key with ${same} answers the first answer (with \`Idempotent-Replayed: true\`) without sending again. Kept 24 hours, per tenant.`,
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
  example: '5f0c6f0e-8a4b-4c39-9a4e-1f8c8d0c2b7a',
});

/** The cursor of the lists that page with an opaque `nextCursor` and nothing else. */
const cursorParameter = {
  name: 'cursor',
  in: 'query',
  required: false,
  description: "The previous page's `nextCursor`",
  schema: { type: 'string' },
};

const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id`,
  schema: { type: 'string', minLength: 1 },
  example:
    what === 'key' ? EXAMPLES.key.id : what === 'erasure' ? EXAMPLES.erasure.id : EXAMPLES.records.email.id,
});

const templateName = {
  name: 'name',
  in: 'path',
  required: true,
  description: "The template's name: lower-case letters, digits, `.`, `_`, `-`",
  schema: { type: 'string', pattern: TEMPLATE_NAME_FORMAT.source },
  example: 'password-reset',
};

const endpointParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: "The webhook endpoint's id",
  schema: { type: 'string', minLength: 1 },
  example: EXAMPLES.webhooks.endpoint.id,
};

/**
 * The query parameters of a list query schema: each described, `limit` and `cursor` as paging,
 * `schemas` where the JSON Schema of a transform says nothing useful, and an example where given.
 * `metadata` (gathered from `metadata.<key>` parameters, which OpenAPI cannot name) is described on
 * its operation instead.
 */
function queryParametersOf(
  query: z.ZodMiniType,
  descriptions: Record<string, string>,
  schemas: Record<string, Json> = {},
  examples: Record<string, unknown> = {},
) {
  const json = z.toJSONSchema(query, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Json;
  const all: Record<string, string> = {
    ...descriptions,
    limit: `Page size, 1 to ${LIST_LIMIT.max}`,
    cursor: "The previous page's `nextCursor`",
  };
  const { metadata: _metadata, ...props } = json.properties as Record<string, Json>;
  return Object.entries(props).map(([name, schema]) => {
    const { default: _default, ...rest } = schema;
    const example = examples[name];
    return {
      name,
      in: 'query',
      required: false,
      description: all[name] ?? name,
      ...(example === undefined ? {} : { example }),
      schema:
        name === 'limit'
          ? { type: 'integer', minimum: 1, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default }
          : (schemas[name] ?? rest),
    };
  });
}

// Each route's operation, by `METHOD /path`; a route of ROUTES without one is a type error.
function operations(errorBody: Json): Record<RouteKey, Json> {
  const scoped = (scope: string) => ({ security: [{ ApiKey: [] }], 'x-scope': scope });
  const queryParameters = queryParametersOf(
    built(ListMessagesQuery),
    {
      type: 'Only this channel',
      status: 'Only this status',
      recipient: 'Only this recipient (normalized as sends are)',
      from: 'Created at or after this ISO-8601 instant or date',
      to: 'Created before this ISO-8601 instant or date (after `from`)',
    },
    {
      from: { type: 'string', examples: ['2026-11-27T10:00:00Z', '2026-11-27'] },
      to: { type: 'string', examples: ['2026-11-27T10:00:00Z', '2026-11-27'] },
    },
    EXAMPLES.listQuery,
  );
  const suppressionQueryParameters = queryParametersOf(
    built(ListSuppressionsQuery),
    {
      recipient: 'Only this recipient (an email address or E.164 number)',
      channel: 'Only entries covering this channel',
      reason: `Only this reason (${SUPPRESSION_REASONS.join(', ')})`,
    },
    { recipient: { type: 'string', examples: ['+14155550123', 'user@example.com'] } },
  );
  const recipientParameter = {
    name: 'recipient',
    in: 'path',
    required: true,
    description: 'An email address (lower-cased) or an E.164 phone number, percent-encoded (`+` as `%2B`)',
    schema: { type: 'string', minLength: 1 },
    example: '+14155550123',
  };
  const { receipts } = EXAMPLES;
  const received = (key: 'POST /webhooks/twilio' | 'POST /webhooks/meta' | 'POST /webhooks/ses') =>
    jsonAnswer(key, 200, 'The receipt is taken (or ignored, if late or unknown)', {
      received: { received: true },
    });
  const signatureHeader = (name: string, description: string, example: string) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string', minLength: 1 },
    example,
  });
  const twilioSignature = signatureHeader(
    'X-Twilio-Signature',
    "Twilio's signature: base64 HMAC-SHA1, keyed with the auth token, of the URL Twilio called followed by each form parameter's name and value, sorted by name",
    receipts.twilioSignature,
  );
  const form = (schema: string, examples: Record<string, unknown>) => ({
    required: true,
    content: {
      'application/x-www-form-urlencoded': {
        schema: ref(schema),
        examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
      },
    },
  });
  const webhook = (summary: string, description: string) => ({
    tags: ['Webhooks'],
    summary,
    description: `${description} Authenticated by the provider's signature; 404 until its secret is set.`,
    security: [],
  });
  const { records } = EXAMPLES;
  return {
    'POST /sendMessage': {
      tags: ['Messages'],
      operationId: 'sendMessage',
      summary: 'Send a message by email, SMS or WhatsApp',
      description:
        'Logs the message and hands it to the channel provider. Synchronous by default (200 with the outcome); with `Prefer: respond-async` (or a deployment with `DELIVERY_MODE=async`) queued (202). The message is `content` (and an email `subject`), or a `template` of the tenant rendered with `data` (Mustache; HTML-escaped in an email `html` part only): the record keeps `template`, `templateVersion` and what it rendered.',
      ...scoped('messages:send'),
      parameters: [
        idempotencyKey('the same body'),
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
          'POST /sendMessage',
          200,
          'Sent: the record, `sent`',
          {
            email: records.email,
            sms: records.sms,
            whatsapp: records.whatsapp,
            passwordReset: records.passwordReset,
          },
          REPLAYED,
        ),
        202: jsonAnswer(
          'POST /sendMessage',
          202,
          'Queued: the record, `queued` (or `scheduled`, with a `sendAt`)',
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
          404: ['TEMPLATE_NOT_FOUND'],
          409: ['IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'],
          410: ['TEMPLATE_DELETED'],
          422: ['PROVIDER_REJECTED', 'RECIPIENT_SUPPRESSED'],
          502: ['PROVIDER_UNAVAILABLE'],
          503: [
            'LOG_UNAVAILABLE',
            'QUEUE_UNAVAILABLE',
            'IDEMPOTENCY_UNAVAILABLE',
            'SUPPRESSIONS_UNAVAILABLE',
          ],
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
        idempotencyKey('the same message id'),
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
        200: jsonAnswer(
          'POST /messages/{id}/resend',
          200,
          'Sent: the new record, `sent`, with `resendOf`',
          { resent: { ...records.email, id: RESEND_ID, resendOf: records.email.id } },
          REPLAYED,
        ),
        202: jsonAnswer(
          'POST /messages/{id}/resend',
          202,
          'Queued: the new record, `queued`, with `resendOf`',
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
          400: ['VALIDATION_ERROR'],
          ...AUTH,
          404: ['NOT_FOUND'],
          409: ['NOT_RESENDABLE', 'IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'],
          422: ['PROVIDER_REJECTED', 'RECIPIENT_SUPPRESSED'],
          502: ['PROVIDER_UNAVAILABLE'],
          503: [
            'LOG_UNAVAILABLE',
            'QUEUE_UNAVAILABLE',
            'IDEMPOTENCY_UNAVAILABLE',
            'SUPPRESSIONS_UNAVAILABLE',
          ],
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
      parameters: [idempotencyKey('the same body')],
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
          'POST /messages/batch',
          207,
          'One result per message, in order',
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
          REPLAYED,
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
        200: jsonAnswer('DELETE /messages/{id}', 200, 'The record, `canceled`', {
          canceled: records.canceled,
        }),
        ...errorResponses(errorBody, { ...AUTH, 404: ['NOT_FOUND'], 409: ['NOT_CANCELABLE'] }),
      },
    },
    'GET /messages': {
      tags: ['Messages'],
      operationId: 'listMessages',
      summary: 'List the tenant messages, newest first, filtered and paged',
      description:
        'Besides the parameters below, one `metadata.<key>=<value>` parameter (e.g. `metadata.orderId=123`) lists only the messages sent with that metadata pair; a second one is a 400 naming both.',
      ...scoped('messages:read'),
      parameters: queryParameters,
      responses: {
        200: jsonAnswer('GET /messages', 200, 'One page', {
          page: { items: [records.email], nextCursor: null },
        }),
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
        200: jsonAnswer('GET /messages/{id}', 200, 'The record', { email: records.email }),
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
        200: jsonAnswer('GET /messages/{id}/events', 200, 'The events', { email: EXAMPLES.events }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'GET /stats': {
      tags: ['Messages'],
      operationId: 'getStats',
      summary: 'Message counts per time bucket, channel and status',
      description:
        "How many of the tenant messages created in each hour or day (UTC) of the range are of each channel and now in each status: the console's overview. Kept as counters moved by the status writes themselves (offline in the same transaction; on AWS from the table's stream, within about a minute), so a range of a year answers without reading the log. The range is widened to whole buckets; counts of zero are left out.",
      ...scoped('messages:read'),
      parameters: [
        {
          name: 'from',
          in: 'query',
          required: true,
          description:
            'Messages created at or after this ISO-8601 instant or date (down to its bucket start)',
          schema: { type: 'string' },
          example: '2026-11-27T09:00:00Z',
        },
        {
          name: 'to',
          in: 'query',
          required: true,
          description: `Messages created before this ISO-8601 instant or date (up to its bucket end); at most ${MAX_BUCKETS.hour} hours or ${MAX_BUCKETS.day} days after \`from\``,
          schema: { type: 'string' },
          example: '2026-11-27T11:00:00Z',
        },
        {
          name: 'bucket',
          in: 'query',
          required: false,
          description: "The buckets' width: an hour or a day (UTC); the answer's `granularity`",
          schema: { type: 'string', enum: [...GRANULARITIES], default: 'hour' },
          example: 'hour',
        },
      ],
      responses: {
        200: jsonAnswer('GET /stats', 200, 'The counts of the range', { hours: EXAMPLES.stats }),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], ...AUTH, 503: ['STATS_UNAVAILABLE'] }),
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
        201: jsonAnswer('POST /keys', 201, 'The key record, and the key itself, shown this once only', {
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
        200: jsonAnswer('GET /keys', 200, 'The keys', { keys: { items: [EXAMPLES.key] } }),
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
        200: jsonAnswer('DELETE /keys/{id}', 200, 'The revoked key', {
          revoked: { ...EXAMPLES.key, revokedAt: EXAMPLES.at },
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'POST /webhook-endpoints': {
      tags: ['Webhook endpoints'],
      operationId: 'createWebhookEndpoint',
      summary: 'Subscribe an endpoint to status events; its signing secret is shown this once',
      description:
        'The URL must be https:// and resolve only to public addresses (locally, http:// and https:// to this machine are allowed too); a 400 naming `url` says why not. At most 20 endpoints per tenant.',
      ...scoped('webhooks:manage'),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('NewWebhookEndpointRequest'),
            examples: { orders: { value: EXAMPLES.webhooks.newEndpoint } },
          },
        },
      },
      responses: {
        201: jsonAnswer(
          'POST /webhook-endpoints',
          201,
          'The endpoint, and its secret, shown this once only',
          {
            orders: { endpoint: EXAMPLES.webhooks.endpoint, secret: EXAMPLES.webhooks.secret },
          },
        ),
        ...errorResponses(errorBody, { ...JSON_BODY, ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'GET /webhook-endpoints': {
      tags: ['Webhook endpoints'],
      operationId: 'listWebhookEndpoints',
      summary: 'The tenant endpoints (never their secrets)',
      ...scoped('webhooks:manage'),
      responses: {
        200: jsonAnswer('GET /webhook-endpoints', 200, 'The endpoints', {
          endpoints: { items: [EXAMPLES.webhooks.endpoint] },
        }),
        ...errorResponses(errorBody, { ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'GET /webhook-endpoints/{id}': {
      tags: ['Webhook endpoints'],
      operationId: 'getWebhookEndpoint',
      summary: 'One endpoint of the tenant',
      ...scoped('webhooks:manage'),
      parameters: [endpointParameter],
      responses: {
        200: jsonAnswer('GET /webhook-endpoints/{id}', 200, 'The endpoint', {
          endpoint: EXAMPLES.webhooks.endpoint,
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'PATCH /webhook-endpoints/{id}': {
      tags: ['Webhook endpoints'],
      operationId: 'updateWebhookEndpoint',
      summary: 'Change its url, events, description, or enable or disable it',
      description:
        'Enabling an endpoint the service disabled (`disabledReason: FAILING`) forgets its failures.',
      ...scoped('webhooks:manage'),
      parameters: [endpointParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('WebhookEndpointPatch'),
            examples: { disable: { value: { enabled: false } } },
          },
        },
      },
      responses: {
        200: jsonAnswer('PATCH /webhook-endpoints/{id}', 200, 'The endpoint as changed', {
          disabled: { ...EXAMPLES.webhooks.endpoint, enabled: false },
        }),
        ...errorResponses(errorBody, {
          ...JSON_BODY,
          404: ['NOT_FOUND'],
          ...AUTH,
          503: ['WEBHOOKS_UNAVAILABLE'],
        }),
      },
    },
    'DELETE /webhook-endpoints/{id}': {
      tags: ['Webhook endpoints'],
      operationId: 'deleteWebhookEndpoint',
      summary: 'Delete an endpoint and its deliveries',
      ...scoped('webhooks:manage'),
      parameters: [endpointParameter],
      responses: {
        200: jsonAnswer('DELETE /webhook-endpoints/{id}', 200, 'The endpoint as it was', {
          endpoint: EXAMPLES.webhooks.endpoint,
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'POST /webhook-endpoints/{id}/rotate-secret': {
      tags: ['Webhook endpoints'],
      operationId: 'rotateWebhookSecret',
      summary: 'A new signing secret, shown this once; the old one also signs for 24 hours',
      ...scoped('webhooks:manage'),
      parameters: [endpointParameter],
      responses: {
        200: jsonAnswer('POST /webhook-endpoints/{id}/rotate-secret', 200, 'The new secret', {
          rotated: { secret: EXAMPLES.webhooks.secret, previousSecretExpiresAt: EXAMPLES.at },
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'GET /webhook-endpoints/{id}/deliveries': {
      tags: ['Webhook endpoints'],
      operationId: 'listWebhookDeliveries',
      summary: 'The endpoint deliveries, newest first: attempts, last status, latency, error, next retry',
      ...scoped('webhooks:manage'),
      parameters: [
        endpointParameter,
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: `Page size, 1 to ${LIST_LIMIT.max}`,
          schema: { type: 'integer', minimum: 1, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default },
        },
        cursorParameter,
      ],
      responses: {
        200: jsonAnswer('GET /webhook-endpoints/{id}/deliveries', 200, 'One page', {
          page: { items: [EXAMPLES.webhooks.delivery], nextCursor: null },
        }),
        ...errorResponses(errorBody, {
          400: ['VALIDATION_ERROR'],
          404: ['NOT_FOUND'],
          ...AUTH,
          503: ['WEBHOOKS_UNAVAILABLE'],
        }),
      },
    },
    'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry': {
      tags: ['Webhook endpoints'],
      operationId: 'retryWebhookDelivery',
      summary: 'Send one delivery again now, whatever its state; answers it as that attempt left it',
      ...scoped('webhooks:manage'),
      parameters: [
        endpointParameter,
        {
          name: 'deliveryId',
          in: 'path',
          required: true,
          description: "The delivery's id",
          schema: { type: 'string', minLength: 1 },
          example: EXAMPLES.webhooks.delivery.id,
        },
      ],
      responses: {
        200: jsonAnswer(
          'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry',
          200,
          'The delivery after the attempt',
          {
            delivered: EXAMPLES.webhooks.delivery,
          },
        ),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH, 503: ['WEBHOOKS_UNAVAILABLE'] }),
      },
    },
    'POST /erasures': {
      tags: ['Privacy'],
      operationId: 'createErasure',
      summary: 'Erase every message of the tenant to one recipient',
      description:
        "Runs within the request: each of the tenant's messages to the recipient gets its recipient replaced by a keyed hash (`recipientHash`), its content, subject and error message by `[erased]`, its events' details cleared; its kept idempotency answers are deleted; a message still queued is failed first (`RECIPIENT_ERASED`). Afterwards nothing is found by the recipient on any route. `incomplete`: the request's time ran out first; post the same erasure again to go on.",
      ...scoped('privacy:manage'),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('ErasureRequest'),
            examples: { phone: { value: EXAMPLES.erasureRequest } },
          },
        },
      },
      responses: {
        202: jsonAnswer('POST /erasures', 202, 'The erasure job, done', { phone: EXAMPLES.erasure }),
        ...errorResponses(errorBody, { ...JSON_BODY, ...AUTH }),
      },
    },
    'GET /erasures/{id}': {
      tags: ['Privacy'],
      operationId: 'getErasure',
      summary: 'An erasure job: its status and how many messages it erased',
      ...scoped('privacy:manage'),
      parameters: [idParameter('erasure')],
      responses: {
        200: jsonAnswer('GET /erasures/{id}', 200, 'The erasure job', { phone: EXAMPLES.erasure }),
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
        200: jsonAnswer('GET /me', 200, 'The caller', {
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
    'PUT /templates/{name}': {
      tags: ['Templates'],
      operationId: 'putTemplate',
      summary: 'Store a new version of a template of the tenant',
      description:
        'Every PUT stores a new immutable version (1 for a new name, and after a DELETE the next number: the template is live again). A variant per channel, at least one: email `subject`, `text` and optional `html` (sent multipart), sms `text`, whatsapp `text` or a Meta-approved `metaTemplate` whose body `parameters` are rendered from the data. Every field is a Mustache template (no partials); a field that does not parse is a 400 naming it.',
      ...scoped('templates:manage'),
      parameters: [templateName],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('TemplateRequest'),
            examples: { passwordReset: { value: EXAMPLES.template.body } },
          },
        },
      },
      responses: {
        201: jsonAnswer('PUT /templates/{name}', 201, 'The version stored', {
          passwordReset: EXAMPLES.template.record,
        }),
        ...errorResponses(errorBody, { ...JSON_BODY, ...AUTH }),
      },
    },
    'GET /templates': {
      tags: ['Templates'],
      operationId: 'listTemplates',
      summary: 'The live templates of the tenant, each its latest version, by name',
      ...scoped('templates:manage'),
      parameters: [
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: `Page size, 1 to ${TEMPLATE_LIST_LIMIT.max}`,
          schema: {
            type: 'integer',
            minimum: 1,
            maximum: TEMPLATE_LIST_LIMIT.max,
            default: TEMPLATE_LIST_LIMIT.default,
          },
        },
        cursorParameter,
      ],
      responses: {
        200: jsonAnswer('GET /templates', 200, 'One page', {
          page: { items: [EXAMPLES.template.record], nextCursor: null },
        }),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], ...AUTH }),
      },
    },
    'GET /templates/{name}': {
      tags: ['Templates'],
      operationId: 'getTemplate',
      summary: 'A template: its latest version, or `?version=`',
      description:
        'A deleted template is still answered, with its `deletedAt`: the messages sent from it name its versions.',
      ...scoped('templates:manage'),
      parameters: [
        templateName,
        {
          name: 'version',
          in: 'query',
          required: false,
          description: 'A version; the latest by default',
          schema: { type: 'integer', minimum: 1 },
          example: 1,
        },
      ],
      responses: {
        200: jsonAnswer('GET /templates/{name}', 200, 'The version', {
          passwordReset: EXAMPLES.template.record,
        }),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'DELETE /templates/{name}': {
      tags: ['Templates'],
      operationId: 'deleteTemplate',
      summary: 'Delete a template: new sends naming it are refused (410); messages sent keep their version',
      ...scoped('templates:manage'),
      parameters: [templateName],
      responses: {
        200: jsonAnswer('DELETE /templates/{name}', 200, 'The latest version, deleted', {
          deleted: { ...EXAMPLES.template.record, deletedAt: EXAMPLES.at },
        }),
        ...errorResponses(errorBody, { 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'GET /suppressions': {
      tags: ['Suppressions'],
      operationId: 'listSuppressions',
      summary: 'The tenant suppression list, newest first, filtered and paged',
      ...scoped('suppressions:manage'),
      parameters: suppressionQueryParameters,
      responses: {
        200: jsonAnswer('GET /suppressions', 200, 'One page', {
          page: { items: [EXAMPLES.suppression, EXAMPLES.bounced], nextCursor: null },
        }),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], ...AUTH }),
      },
    },
    'PUT /suppressions/{recipient}': {
      tags: ['Suppressions'],
      operationId: 'putSuppression',
      summary: 'Suppress a recipient on some channels (added to those it has)',
      description:
        'Adds the channels (default: every channel of the recipient kind: `email` for an address, `sms` and `whatsapp` for a number) to the entry, which is made if absent; the reason (default `manual`) and the source (this key) replace the entry ones. Sends to the recipient on those channels then fail with `RECIPIENT_SUPPRESSED`.',
      ...scoped('suppressions:manage'),
      parameters: [recipientParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('SuppressionRequest'),
            examples: {
              manual: { value: { channels: ['sms', 'whatsapp'], reason: 'manual' } },
              defaults: { summary: 'Every channel, reason manual', value: {} },
            },
          },
        },
      },
      responses: {
        200: jsonAnswer('PUT /suppressions/{recipient}', 200, 'The entry as it now is', {
          manual: EXAMPLES.suppression,
        }),
        ...errorResponses(errorBody, { ...JSON_BODY, ...AUTH }),
      },
    },
    'DELETE /suppressions/{recipient}': {
      tags: ['Suppressions'],
      operationId: 'liftSuppression',
      summary: 'Lift a suppression, on every channel or one',
      ...scoped('suppressions:manage'),
      parameters: [
        recipientParameter,
        {
          name: 'channel',
          in: 'query',
          required: false,
          description: 'Lift this channel only; the entry stays for the others',
          schema: { type: 'string', enum: [...CHANNELS] },
        },
      ],
      responses: {
        200: jsonAnswer(
          'DELETE /suppressions/{recipient}',
          200,
          'What is left of the entry (`remaining` null: the recipient is no longer suppressed)',
          {
            gone: { recipient: '+14155550123', remaining: null },
            sms: {
              recipient: '+14155550123',
              remaining: { ...EXAMPLES.suppression, channels: ['whatsapp'] },
            },
          },
        ),
        ...errorResponses(errorBody, { 400: ['VALIDATION_ERROR'], 404: ['NOT_FOUND'], ...AUTH }),
      },
    },
    'POST /webhooks/twilio/inbound': {
      ...webhook(
        'Twilio inbound message: STOP and START keywords',
        "The Twilio number's incoming-message webhook, signed as the status callback. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (any case, spaces ignored) suppress the sender on SMS in the deployment inbound tenant (`TWILIO_INBOUND_TENANT`); START and UNSTOP lift that; any other message changes nothing. 404 until `TWILIO_AUTH_TOKEN` is set.",
      ),
      operationId: 'twilioInbound',
      parameters: [twilioSignature],
      requestBody: form('TwilioInboundMessage', receipts.twilioInbound),
      responses: {
        200: {
          description: 'Empty TwiML: no reply (Twilio sends its own opt-out confirmations)',
          headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' } },
          content: { 'text/xml': { schema: { type: 'string' }, example: '<Response/>' } },
        },
        ...errorResponses(errorBody, { ...WEBHOOK, 403: ['INVALID_SIGNATURE'] }),
      },
    },
    'POST /webhooks/twilio': {
      ...webhook(
        'Twilio status callback',
        `Twilio's message status callback, form-encoded: the URL the service gives with each SMS and WhatsApp message, our id in its \`${TWILIO_MESSAGE_ID_PARAM}\` parameter. 404 until \`TWILIO_AUTH_TOKEN\` is set.`,
      ),
      operationId: 'twilioReceipt',
      parameters: [
        {
          name: TWILIO_MESSAGE_ID_PARAM,
          in: 'query',
          required: false,
          description:
            'Our message id, as the service put it in the callback URL (signed with it); without it the message is looked up by MessageSid',
          schema: { type: 'string' },
          example: receipts.twilioMessageId,
        },
        twilioSignature,
      ],
      requestBody: form('TwilioStatusCallback', receipts.twilio),
      responses: {
        200: received('POST /webhooks/twilio'),
        ...errorResponses(errorBody, { ...WEBHOOK, 400: ['VALIDATION_ERROR'], 403: ['INVALID_SIGNATURE'] }),
      },
    },
    'GET /webhooks/meta': {
      ...webhook(
        'Meta verification challenge',
        'Meta checks the webhook when it is configured: the challenge is echoed when `hub.verify_token` is `META_WEBHOOK_VERIFY_TOKEN`. 404 until that is set.',
      ),
      operationId: 'metaChallenge',
      parameters: Object.entries(EXAMPLES.metaChallenge).map(([name, example]) => ({
        name,
        in: 'query',
        required: true,
        schema: { type: 'string' },
        example,
      })),
      responses: {
        200: {
          description: 'The challenge, echoed',
          headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' } },
          content: {
            'text/plain': { schema: { type: 'string' }, example: EXAMPLES.metaChallenge['hub.challenge'] },
          },
        },
        ...errorResponses(errorBody, { ...WEBHOOK }),
      },
    },
    'POST /webhooks/meta': {
      ...webhook(
        'Meta (WhatsApp Cloud API) status webhook',
        "The Cloud API's webhook, JSON: each status of `entry[].changes[].value.statuses[]` is a receipt, found by our id (`biz_opaque_callback_data`, which the service sends) or by the status `id`. Inbound messages and other fields on the same webhook are acknowledged and left. 404 until `META_APP_SECRET` is set.",
      ),
      operationId: 'metaReceipt',
      parameters: [
        signatureHeader(
          'X-Hub-Signature-256',
          '`sha256=` and the hex HMAC-SHA256, keyed with the app secret, of the exact body bytes',
          receipts.metaSignature,
        ),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('MetaWebhook'),
            examples: Object.fromEntries(
              Object.entries(receipts.meta).map(([name, value]) => [name, { value }]),
            ),
          },
        },
      },
      responses: {
        200: received('POST /webhooks/meta'),
        ...errorResponses(errorBody, { ...WEBHOOK, 400: ['INVALID_JSON'] }),
      },
    },
    'POST /webhooks/ses': {
      ...webhook(
        'SES events through SNS',
        "SNS's HTTPS subscription to the topics of `SES_SNS_TOPIC_ARN`: the message's signature (in the body) is checked with SNS's certificate, fetched from `SigningCertURL` on an SNS host. A SubscriptionConfirmation from a configured topic is confirmed; a Notification carries an SES event (`SesEvent`) in `Message`. 404 until `SES_SNS_TOPIC_ARN` is set.",
      ),
      operationId: 'sesReceipt',
      requestBody: {
        required: true,
        content: Object.fromEntries(
          // SNS sends text/plain; a JSON body is read the same.
          ['text/plain', 'application/json'].map((type) => [
            type,
            {
              schema: ref('SnsMessage'),
              examples: Object.fromEntries(
                Object.entries(receipts.ses).map(([name, value]) => [name, { value }]),
              ),
            },
          ]),
        ),
      },
      responses: {
        200: received('POST /webhooks/ses'),
        ...errorResponses(errorBody, { ...WEBHOOK, 400: ['INVALID_JSON'] }),
      },
    },
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
      { name: 'Privacy', description: "A tenant erases a person's messages (`privacy:manage`)" },
      { name: 'Templates', description: 'A tenant manages its own message templates (`templates:manage`)' },
      { name: 'Webhooks', description: "Providers' delivery receipts, signature-checked" },
      {
        name: 'Webhook endpoints',
        description:
          'A tenant subscribes its own HTTPS endpoints to status events (`webhooks:manage`); each event is a signed POST of `WebhookEvent` (docs/webhooks.md)',
      },
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

/**
 * lib/openapi/served.ts, as `npm run openapi` writes it: the document minified, in a string, that the
 * local server answers (lib/host/openapi-route.ts) and the stack deploys to S3 for API Gateway.
 */
export const servedModuleText = (): string =>
  [
    '// Written by `npm run openapi` from lib/openapi/document.ts: do not edit. The OpenAPI document,',
    '// minified, that GET /openapi.json serves (a test fails while it is stale): sent as it is by the',
    '// local server, and deployed by the stack to the S3 object API Gateway answers it from.',
    `export const OPENAPI_JSON = ${JSON.stringify(JSON.stringify(openApiDocument()))};`,
    '',
  ].join('\n');
