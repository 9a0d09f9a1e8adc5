import { CallerView, KeyList, KeyView, NewKeyAnswer } from '../domain/api-key.js';
import { ErasureJob } from '../domain/erasure.js';
import { MessageEvents, MessagePage, MessageRecord } from '../domain/message.schema.js';
import { StatsAnswer } from '../domain/stats.js';
import { SuppressionLifted, SuppressionPage, SuppressionView } from '../domain/suppression.js';
import { TemplatePage, TemplateRecord } from '../domain/template.js';
import {
  DeliveryPage,
  EndpointList,
  EndpointView,
  NewEndpointAnswer,
  RotatedSecretAnswer,
  WebhookDelivery,
} from '../domain/webhook.js';
import { lazy } from '../lazy.js';
import * as z from '../zod.js';
import type { RouteKey } from './route-table.js';

/** A webhook's answer once the callback is taken (or ignored, if late or unknown). */
export const ReceiptTaken = /* @__PURE__ */ lazy(() => z.object({ received: z.literal(true) }));

/** Meta's verification challenge, echoed as plain text. */
export const ChallengeEcho = /* @__PURE__ */ lazy(() => z.string());

/** The empty TwiML an inbound Twilio message is answered (no reply). */
export const TwimlAnswer = /* @__PURE__ */ lazy(() => z.string());

/** The OpenAPI document itself: an object the linter, not this schema, checks. */
export const OpenApiText = /* @__PURE__ */ lazy(() => z.record(z.string(), z.unknown()));

/**
 * Every successful answer of every route, by status: the schema its body is. The OpenAPI document
 * describes these answers from it, and a route's handler is typed from it (`RouteAnswer`), so an
 * answer the document does not describe is a type error. Functions import its types only: the
 * schemas stay out of their bundles.
 */
export const ROUTE_ANSWERS = {
  'POST /sendMessage': { 200: MessageRecord, 202: MessageRecord },
  'POST /messages/{id}/resend': { 200: MessageRecord, 202: MessageRecord },
  'GET /messages': { 200: MessagePage },
  'GET /messages/{id}': { 200: MessageRecord },
  'GET /messages/{id}/events': { 200: MessageEvents },
  'POST /keys': { 201: NewKeyAnswer },
  'GET /keys': { 200: KeyList },
  'DELETE /keys/{id}': { 200: KeyView },
  'GET /me': { 200: CallerView },
  'POST /erasures': { 202: ErasureJob },
  'GET /erasures/{id}': { 200: ErasureJob },
  'POST /webhooks/twilio': { 200: ReceiptTaken },
  'POST /webhooks/twilio/inbound': { 200: TwimlAnswer },
  'GET /webhooks/meta': { 200: ChallengeEcho },
  'POST /webhooks/meta': { 200: ReceiptTaken },
  'POST /webhooks/ses': { 200: ReceiptTaken },
  'GET /openapi.json': { 200: OpenApiText },
  'GET /stats': { 200: StatsAnswer },
  'GET /suppressions': { 200: SuppressionPage },
  'PUT /suppressions/{recipient}': { 200: SuppressionView },
  'DELETE /suppressions/{recipient}': { 200: SuppressionLifted },
  'PUT /templates/{name}': { 201: TemplateRecord },
  'GET /templates': { 200: TemplatePage },
  'GET /templates/{name}': { 200: TemplateRecord },
  'DELETE /templates/{name}': { 200: TemplateRecord },
  'POST /webhook-endpoints': { 201: NewEndpointAnswer },
  'GET /webhook-endpoints': { 200: EndpointList },
  'GET /webhook-endpoints/{id}': { 200: EndpointView },
  'PATCH /webhook-endpoints/{id}': { 200: EndpointView },
  'DELETE /webhook-endpoints/{id}': { 200: EndpointView },
  'POST /webhook-endpoints/{id}/rotate-secret': { 200: RotatedSecretAnswer },
  'GET /webhook-endpoints/{id}/deliveries': { 200: DeliveryPage },
  'POST /webhook-endpoints/{id}/deliveries/{deliveryId}/retry': { 200: WebhookDelivery },
} as const satisfies Record<RouteKey, Partial<Record<200 | 201 | 202, z.ZodMiniType>>>;

type Answers = typeof ROUTE_ANSWERS;

/**
 * What one route's handler may answer: one of its statuses with that status's body (a union over
 * the routes of a function that serves several with one handler). Errors are thrown, not answered.
 */
export type RouteAnswer<K extends RouteKey> = K extends RouteKey
  ? {
      [S in keyof Answers[K] & number]: {
        statusCode: S;
        body: z.output<Answers[K][S]>;
        headers?: Record<string, string>;
        /** Set for a body that is not JSON (a webhook's challenge): the body is then sent as is. */
        contentType?: string;
      };
    }[keyof Answers[K] & number]
  : never;
