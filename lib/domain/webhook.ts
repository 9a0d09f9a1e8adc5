import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { MessageRecord } from './message.schema.js';
import type { MessageStatus } from './message-status.js';
import { onDemandFields } from './on-demand-fields.js';

/** The events an endpoint may subscribe to: one per status a caller cares about. */
export const WEBHOOK_EVENT_TYPES = [
  'message.queued',
  'message.sent',
  'message.failed',
  'message.delivered',
  'message.undelivered',
  'message.canceled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The event a status change produces; `pending` and `sending` are steps no caller acts on, and
 * `scheduled` is the send's own answer (its 202). `canceled` has one: a subscriber told
 * `message.queued` must learn the message will never be sent.
 */
export const EVENT_OF_STATUS: Partial<Record<MessageStatus, WebhookEventType>> = {
  queued: 'message.queued',
  sent: 'message.sent',
  failed: 'message.failed',
  delivered: 'message.delivered',
  undelivered: 'message.undelivered',
  canceled: 'message.canceled',
};

/** How long a rotated-out secret still signs (both signatures are sent meanwhile). */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** An endpoint whose deliveries have all failed for this long is disabled. */
export const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
export const ENDPOINTS_PER_TENANT = 20;
export const URL_MAX = 2048;

const EventSelection = /* @__PURE__ */ lazy(() =>
  z
    .array(
      z.enum([...WEBHOOK_EVENT_TYPES, '*'], {
        error: `must be one of ${[...WEBHOOK_EVENT_TYPES, '*'].join(', ')}`,
      }),
    )
    .check(z.minLength(1, 'must name at least one event, or `*`')),
);
const Url = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: 'must be a string' })
    .check(z.maxLength(URL_MAX, `must be at most ${URL_MAX} characters`)),
);
const Description = /* @__PURE__ */ lazy(() =>
  z.string().check(z.maxLength(200, 'must be at most 200 characters')),
);

/** `POST /webhook-endpoints`. */
export const NEW_ENDPOINT_FIELDS = /* @__PURE__ */ onDemandFields(
  () => ({
    url: () => built(Url),
    events: () => built(EventSelection),
    description: () => z.optional(built(Description)),
  }),
  ['description'],
  (shape) => z.strictObject(shape),
);
export const NewEndpointBody = /* @__PURE__ */ lazy(() => built(NEW_ENDPOINT_FIELDS.schema));
export type NewEndpointBody = z.infer<typeof NewEndpointBody>;

/** `PATCH /webhook-endpoints/{id}`: any of these. */
export const EndpointPatchBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      url: z.optional(built(Url)),
      events: z.optional(built(EventSelection)),
      enabled: z.optional(z.boolean({ error: 'must be true or false' })),
      description: z.optional(built(Description)),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, 'must change at least one field')),
);
export type EndpointPatchBody = z.infer<typeof EndpointPatchBody>;

/** An endpoint as shown: never its secrets. */
export const EndpointView = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    tenant: z.string(),
    url: z.string(),
    events: z.array(z.enum([...WEBHOOK_EVENT_TYPES, '*'])),
    description: z.nullable(z.string()),
    enabled: z.boolean(),
    /** Why it was disabled by the service (`FAILING`), or null (enabled, or disabled by the caller). */
    disabledReason: z.nullable(z.string()),
    /** Since when every delivery has failed; null once one succeeds. */
    failingSince: z.nullable(z.iso.datetime()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
);
export type EndpointView = z.infer<typeof EndpointView>;

/**
 * An endpoint as stored. The signing secrets are kept as they are: signing needs the secret itself
 * (a hash cannot sign); they never leave the store but in a delivery's signature, nor reach a log.
 */
export type WebhookEndpoint = EndpointView & {
  secret: string;
  /** The secret before the last rotation, valid (and signing) until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
};

/** `POST /webhook-endpoints`: the endpoint, and its secret, shown this once. */
export const NewEndpointAnswer = /* @__PURE__ */ lazy(() =>
  z.object({ endpoint: built(EndpointView), secret: z.string() }),
);
/** `POST /webhook-endpoints/{id}/rotate-secret`: the new secret, shown this once. */
export const RotatedSecretAnswer = /* @__PURE__ */ lazy(() =>
  z.object({ secret: z.string(), previousSecretExpiresAt: z.iso.datetime() }),
);
export const EndpointList = /* @__PURE__ */ lazy(() => z.object({ items: z.array(built(EndpointView)) }));

/** What an endpoint receives: the body of the POST. */
export const WebhookEvent = /* @__PURE__ */ lazy(() =>
  z.object({
    /** The receiver dedupes on it: the same for every attempt of one event to one endpoint. */
    id: z.string(),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    createdAt: z.iso.datetime(),
    data: built(MessageRecord),
  }),
);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

export const DELIVERY_STATES = ['pending', 'succeeded', 'failed'] as const;

/** One event on its way to one endpoint, and where its attempts stand. */
export const WebhookDelivery = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    endpointId: z.string(),
    tenant: z.string(),
    eventId: z.string(),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    messageId: z.string(),
    state: z.enum(DELIVERY_STATES),
    attempts: z.int(),
    /** The last attempt's HTTP status, or null (none yet, or a network error or timeout). */
    lastStatusCode: z.nullable(z.int()),
    lastError: z.nullable(z.string()),
    lastLatencyMs: z.nullable(z.int()),
    /** When the next attempt is due; null once it succeeded or failed for good. */
    nextAttemptAt: z.nullable(z.iso.datetime()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
);
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/**
 * A delivery with what it sends (kept, so that every attempt sends the very same bytes) and its
 * event's place among the message's events (deliveries of one message go in that order).
 */
export type StoredDelivery = WebhookDelivery & { payload: string; eventSeq: number };

/** What a delivery shows of itself. */
export const deliveryView = ({
  payload: _payload,
  eventSeq: _eventSeq,
  ...view
}: StoredDelivery): WebhookDelivery => view;

/**
 * The waits before each retry (about 23 hours in all), each stretched by a random 0 to 40% less
 * or more so that failed deliveries do not come back in step. A delivery is tried once more than
 * there are waits.
 */
export const RETRY_DELAYS_MS = [
  5_000,
  60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  6 * 60 * 60_000,
  7 * 60 * 60_000,
] as const;
export const ATTEMPT_TIMEOUT_MS = 10_000;

export const DeliveryPage = /* @__PURE__ */ lazy(() =>
  z.object({ items: z.array(built(WebhookDelivery)), nextCursor: z.nullable(z.string()) }),
);
export type DeliveryPage = z.infer<typeof DeliveryPage>;

export const subscribes = (endpoint: Pick<EndpointView, 'events' | 'enabled'>, type: WebhookEventType) =>
  endpoint.enabled && (endpoint.events.includes('*') || endpoint.events.includes(type));
