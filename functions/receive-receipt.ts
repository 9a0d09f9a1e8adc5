import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaDeps } from '../lib/composition/lambda.js';
import { receiptDeps } from '../lib/composition/receive-receipt.js';
import { apiFunction } from '../lib/http/api-handler.js';
import { MethodNotAllowedError, RouteNotFoundError } from '../lib/http/errors.js';
import { ok, text } from '../lib/http/response.js';
import type { Logger } from '../lib/logger.js';
import type { Metrics } from '../lib/ports/metrics.js';
import { WebhookNotEnabledError } from '../lib/receipts/errors.js';
import { webhookRequest } from '../lib/receipts/request.js';
import { certificateFetcher, subscriptionConfirmer } from '../lib/receipts/ses.js';
import type { ReceiptSettings } from '../lib/receipts/settings.js';
import { readReceiptSettings } from '../lib/receipts/settings.js';
import type { ConfirmSubscription, FetchCertificate } from '../lib/receipts/source.js';
import { receiptSource } from '../lib/receipts/sources.js';
import type { RecordKeyword } from '../lib/services/record-keyword.js';
import type { RecordReceipt } from '../lib/services/record-receipt.js';

/** What the webhooks need; lib/composition/receive-receipt.ts builds the first five. */
export interface ReceiptDeps {
  logger: Logger;
  metrics?: Metrics;
  recordReceipt: RecordReceipt;
  recordKeyword: RecordKeyword;
  config: { receipts: ReceiptSettings };
  /** SNS's signing certificates (default: fetched over HTTPS, cached per URL). */
  fetchCertificate?: FetchCertificate;
  /** Follows an SNS SubscribeURL (default: a GET over HTTPS). */
  confirmSubscription?: ConfirmSubscription;
}

// Module scope, so that a Lambda container fetches each SNS certificate once.
const defaultFetchCertificate = certificateFetcher();
const defaultConfirmSubscription = subscriptionConfirmer();

const RECEIVED = ok({ received: true } as const);

/**
 * `/webhooks/{provider}`: the providers' delivery receipts, each provider a source
 * (lib/receipts/sources.ts); `/webhooks/twilio/inbound`, the replies to the Twilio number. Each callback is authenticated by its provider's signature before
 * anything in it is read; a provider whose secret is not configured has no webhook (404).
 */
export const createHandler = (deps: () => ReceiptDeps | Promise<ReceiptDeps>) =>
  apiFunction('receiveReceipt', deps, async (event, d, { logger }) => {
    const source = receiptSource(webhookOf(event));
    if (!source) throw new RouteNotFoundError(event.httpMethod, event.path);
    const settings = d.config.receipts;
    if (!source.enabled(settings)) throw new WebhookNotEnabledError(source.provider);
    if (!source.methods.includes(event.httpMethod)) {
      throw new MethodNotAllowedError(event.httpMethod, source.methods);
    }
    // The request's logger, for the webhook's lines and the receipt's.
    const context = { settings, logger, fetchCertificate: d.fetchCertificate ?? defaultFetchCertificate };
    const request = webhookRequest(event, settings.publicUrl);
    const answer = source.parse(await source.verify(request, context), context);
    if (answer.kind === 'challenge') return text(answer.challenge);
    if (answer.kind === 'keyword') {
      if (answer.change) await d.recordKeyword(answer.change, { provider: source.provider, logger });
      return { statusCode: 200, body: answer.reply.body, contentType: answer.reply.contentType };
    }
    if (answer.kind === 'subscription') {
      // The URL carries the subscription's token: log the topic, not the URL.
      await (d.confirmSubscription ?? defaultConfirmSubscription)(answer.subscribeUrl);
      logger.info('SNS subscription confirmed', { provider: source.provider, topicArn: answer.topicArn });
      return RECEIVED;
    }
    for (const receipt of answer.receipts) await d.recordReceipt(receipt, { logger });
    return RECEIVED;
  });

export const handler = createHandler(
  lambdaDeps((parts) => receiptDeps(parts, parts.settings.receipts()), {
    readers: { receipts: readReceiptSettings },
  }),
);

// `/webhooks/twilio` (`/webhooks/twilio/inbound`), or a `{provider}` path parameter if the API maps
// one resource for all.
function webhookOf(event: APIGatewayProxyEvent): string | undefined {
  return (
    event.pathParameters?.provider ?? /^\/webhooks\/([a-z]+(?:\/inbound)?)$/.exec(event.resource ?? '')?.[1]
  );
}
