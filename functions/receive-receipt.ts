import type { APIGatewayProxyEvent } from 'aws-lambda';
import { getContainer } from '../lib/container.js';
import { ValidationError } from '../lib/domain/errors.js';
import { apiHandler } from '../lib/http/api-handler.js';
import {
  InvalidJsonError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  RouteNotFoundError,
} from '../lib/http/errors.js';
import { header } from '../lib/http/headers.js';
import { MAX_BODY_BYTES } from '../lib/http/middlewares/body-limit.js';
import { type ApiResponse, ok, text } from '../lib/http/response.js';
import type { Logger } from '../lib/logger.js';
import {
  InvalidSignatureError,
  UnsupportedReceiptMediaTypeError,
  WebhookNotEnabledError,
  WebhookVerificationError,
} from '../lib/receipts/errors.js';
import {
  metaReceipt,
  metaVerificationChallenge,
  parseMetaStatuses,
  verifyMetaSignature,
} from '../lib/receipts/meta.js';
import {
  type ConfirmSubscription,
  certificateFetcher,
  type FetchCertificate,
  isTrustedSubscribeUrl,
  parseSesEvent,
  SnsMessage,
  sesEventType,
  sesReceipt,
  subscriptionConfirmer,
  verifySnsMessage,
} from '../lib/receipts/ses.js';
import type { ReceiptSettings } from '../lib/receipts/settings.js';
import { parseTwilioCallback, twilioReceipt, verifyTwilioSignature } from '../lib/receipts/twilio.js';
import type { RecordReceipt } from '../lib/services/record-receipt.js';

/** What the webhooks need; the container provides the first three. */
export interface ReceiptDeps {
  logger: Logger;
  recordReceipt: RecordReceipt;
  config: { receipts: ReceiptSettings };
  /** SNS's signing certificates (default: fetched over HTTPS, cached per URL). */
  fetchCertificate?: FetchCertificate;
  /** Follows an SNS SubscribeURL (default: a GET over HTTPS). */
  confirmSubscription?: ConfirmSubscription;
}

// Module scope, so that a Lambda container fetches each SNS certificate once.
const defaultFetchCertificate = certificateFetcher();
const defaultConfirmSubscription = subscriptionConfirmer();

const ROUTES = new Map<string, readonly string[]>([
  ['twilio', ['POST']],
  ['meta', ['GET', 'POST']],
  ['ses', ['POST']],
]);
const RECEIVED = ok({ received: true });

/**
 * `POST /webhooks/twilio`, `GET|POST /webhooks/meta`, `POST /webhooks/ses`: the providers' delivery
 * receipts. Each callback is authenticated by its provider's signature before anything in it is read;
 * a provider whose secret is not configured has no webhook (404).
 */
export const createHandler = (deps: () => ReceiptDeps | Promise<ReceiptDeps>) =>
  apiHandler(deps, { jsonBody: false }, async (event, container, { logger }) => {
    // The request's logger, for the webhook's lines and the receipt's.
    const d: ReceiptDeps = {
      ...container,
      logger,
      recordReceipt: (receipt) => container.recordReceipt(receipt, { logger }),
    };
    const provider = providerOf(event);
    const allowed = provider === undefined ? undefined : ROUTES.get(provider);
    if (provider === undefined || allowed === undefined) {
      throw new RouteNotFoundError(event.httpMethod, event.path);
    }
    const settings = d.config.receipts;
    if (!enabled(provider, settings)) throw new WebhookNotEnabledError(provider);
    if (!allowed.includes(event.httpMethod)) throw new MethodNotAllowedError(event.httpMethod, allowed);
    if (provider === 'meta' && event.httpMethod === 'GET') return metaVerification(event, settings);

    const body = rawBody(event);
    switch (provider) {
      case 'twilio':
        return twilioCallback(event, body, d);
      case 'meta':
        return metaCallback(event, body, d);
      default:
        return snsCallback(body, d);
    }
  });

export const handler = createHandler(getContainer);

const enabled = (provider: string, s: ReceiptSettings): boolean =>
  provider === 'twilio'
    ? s.twilioAuthToken !== undefined
    : provider === 'meta'
      ? s.metaAppSecret !== undefined || s.metaVerifyToken !== undefined
      : s.sesTopicArns !== undefined;

// `/webhooks/twilio`, or a `{provider}` path parameter if the API maps one resource for all.
function providerOf(event: APIGatewayProxyEvent): string | undefined {
  return event.pathParameters?.provider ?? /^\/webhooks\/([a-z]+)$/.exec(event.resource ?? '')?.[1];
}

// The body's bytes as sent: the signatures are over them, not over a re-encoding.
function rawBody(event: APIGatewayProxyEvent): Buffer {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return bytes;
}

async function twilioCallback(
  event: APIGatewayProxyEvent,
  body: Buffer,
  d: ReceiptDeps,
): Promise<ApiResponse> {
  const { twilioAuthToken = '', publicUrl } = d.config.receipts;
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(header(event, 'content-type') ?? '')) {
    throw new UnsupportedReceiptMediaTypeError('application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(body.toString('utf8'));
  const url = requestUrl(event, publicUrl);
  const signature = header(event, 'x-twilio-signature');
  if (!verifyTwilioSignature({ authToken: twilioAuthToken, url, params, signature })) {
    d.logger.warn('webhook signature refused', { provider: 'twilio', signed: signature !== undefined });
    throw new InvalidSignatureError();
  }
  const callback = parseTwilioCallback(params);
  if (!callback) {
    throw new ValidationError(
      [{ field: 'MessageSid', message: 'a status callback needs MessageSid and MessageStatus' }],
      'Not a Twilio message status callback',
    );
  }
  const receipt = twilioReceipt(callback);
  if (receipt) await d.recordReceipt(receipt);
  else {
    d.logger.debug('receipt changes nothing', {
      provider: 'twilio',
      providerMessageId: callback.messageSid,
      detail: callback.messageStatus,
    });
  }
  return RECEIVED;
}

/**
 * The URL Twilio called, which its signature covers: PUBLIC_URL and the route's path, or else the
 * request's own scheme, host and path (with the stage, which an execute-api URL carries but
 * API Gateway leaves out of `path`); then the query string, if any.
 */
export function requestUrl(event: APIGatewayProxyEvent, publicUrl: string | undefined): string {
  let url: string;
  if (publicUrl !== undefined) {
    const routePath = event.resource.replace(
      /\{(\w+)\+?\}/g,
      (_, name: string) => event.pathParameters?.[name] ?? '',
    );
    url = `${publicUrl}${routePath}`;
  } else {
    const proto = header(event, 'x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
    const host = header(event, 'host') ?? 'localhost';
    const stage = /\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?(:\d+)?$/i.test(host)
      ? `/${event.requestContext.stage}`
      : '';
    url = `${proto}://${host}${stage}${event.path}`;
  }
  const query = new URLSearchParams();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(name, value);
  }
  const search = query.toString();
  return search ? `${url}?${search}` : url;
}

function metaVerification(event: APIGatewayProxyEvent, settings: ReceiptSettings): ApiResponse {
  if (settings.metaVerifyToken === undefined) throw new WebhookNotEnabledError('meta');
  const challenge = metaVerificationChallenge(event.queryStringParameters, settings.metaVerifyToken);
  if (challenge === undefined) throw new WebhookVerificationError();
  return text(challenge);
}

async function metaCallback(event: APIGatewayProxyEvent, body: Buffer, d: ReceiptDeps): Promise<ApiResponse> {
  const { metaAppSecret } = d.config.receipts;
  if (metaAppSecret === undefined) throw new WebhookNotEnabledError('meta');
  const signature = header(event, 'x-hub-signature-256');
  if (!verifyMetaSignature(metaAppSecret, body, signature)) {
    d.logger.warn('webhook signature refused', { provider: 'meta', signed: signature !== undefined });
    throw new InvalidSignatureError();
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InvalidJsonError(error);
  }
  const statuses = parseMetaStatuses(json);
  // Signed by Meta but not understood: refusing it would only make Meta send it again for days.
  if (!statuses) d.logger.warn('webhook payload not understood', { provider: 'meta' });
  // In order: a `delivered` and a `read` of one message often come in one POST.
  for (const status of statuses ?? []) {
    const receipt = metaReceipt(status);
    if (receipt) await d.recordReceipt(receipt);
    else
      d.logger.debug('receipt changes nothing', {
        provider: 'meta',
        providerMessageId: status.id,
        detail: status.status,
      });
  }
  return RECEIVED;
}

async function snsCallback(body: Buffer, d: ReceiptDeps): Promise<ApiResponse> {
  const topics = d.config.receipts.sesTopicArns ?? [];
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InvalidJsonError(error);
  }
  const parsed = SnsMessage.safeParse(json);
  if (!parsed.success) throw new InvalidSignatureError('The body is not a signed SNS message');
  const message = parsed.data;
  // Anyone may subscribe the endpoint to a topic of theirs: refuse those before fetching anything.
  if (!topics.includes(message.TopicArn)) {
    d.logger.warn('SNS message from another topic refused', { provider: 'ses', topicArn: message.TopicArn });
    throw new InvalidSignatureError('The SNS message is not from a configured topic');
  }
  if (!(await verifySnsMessage(message, d.fetchCertificate ?? defaultFetchCertificate))) {
    d.logger.warn('webhook signature refused', { provider: 'ses', type: message.Type });
    throw new InvalidSignatureError();
  }

  if (message.Type === 'SubscriptionConfirmation') {
    if (!isTrustedSubscribeUrl(message.SubscribeURL)) {
      throw new InvalidSignatureError('The SubscribeURL is not an AWS HTTPS URL');
    }
    // The URL carries the subscription's token: log the topic, not the URL.
    await (d.confirmSubscription ?? defaultConfirmSubscription)(message.SubscribeURL);
    d.logger.info('SNS subscription confirmed', { provider: 'ses', topicArn: message.TopicArn });
    return RECEIVED;
  }
  if (message.Type === 'UnsubscribeConfirmation') {
    d.logger.info('SNS subscription ended', { provider: 'ses', topicArn: message.TopicArn });
    return RECEIVED;
  }

  const sesEvent = parseSesEvent(message.Message);
  if (!sesEvent) {
    d.logger.warn('webhook payload not understood', { provider: 'ses', snsMessageId: message.MessageId });
    return RECEIVED;
  }
  const receipt = sesReceipt(sesEvent);
  if (receipt) await d.recordReceipt(receipt);
  else {
    // Complaints matter to whoever watches the sender's reputation; the message itself was delivered.
    const type = sesEventType(sesEvent);
    d.logger[type === 'Complaint' ? 'warn' : 'debug']('receipt changes nothing', {
      provider: 'ses',
      providerMessageId: sesEvent.mail.messageId,
      detail: sesEvent.bounce ? `${type} ${sesEvent.bounce.bounceType}` : type,
    });
  }
  return RECEIVED;
}
