import type { APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createHandler as createAuthorizer } from '../../../functions/authorize.js';
import { createHandler as createWorker } from '../../../functions/deliver-messages.js';
import { deliver } from '../../../lib/channels/failover.js';
import type { AuthorizerDeps } from '../../../lib/composition/authorize.js';
import type { WorkerDeps } from '../../../lib/composition/deliver-messages.js';
import { MAX_RECEIVES } from '../../../lib/composition/queue.js';
import { UnauthorizedError } from '../../../lib/domain/errors.js';
import { createLogger } from '../../../lib/logger.js';
import type { Provider, SendResult } from '../../../lib/ports/provider.js';
import { makeRecordReceipt } from '../../../lib/services/record-receipt.js';
import { FakeMessageLog, messageRecord } from '../../support/fake-message-log.js';
import { sqsRecord } from '../../support/lambda-events.js';
import { recordingMetrics } from '../../support/recording-metrics.js';

const silent = createLogger({ level: 'silent' });
const provider = (name: string, result: SendResult): Provider => ({
  name,
  channel: 'sms',
  send: async () => result,
});
const message = { id: 'm1', type: 'sms', recipient: '+14155550123', content: 'hi', subject: null } as const;

describe('metrics where the events happen', () => {
  it('failover: one latency per provider call, by provider, and a failover per move to the next', async () => {
    const m = recordingMetrics();
    const down = provider('twilio', { accepted: false, code: 'HTTP_503', message: 'down', retryable: true });
    const up = provider('aws', { accepted: true, providerMessageId: 'p-1' });
    await deliver([down, up], message, { timeoutMs: 1_000, logger: silent, metrics: m.metrics });
    expect(m.named('ProviderLatency').map((x) => x.dimensions)).toEqual([
      { provider: 'twilio' },
      { provider: 'aws' },
    ]);
    expect(m.named('ProviderFailover')).toEqual([
      { name: 'ProviderFailover', dimensions: { channel: 'sms' }, value: 1 },
    ]);

    const stop = provider('twilio', { accepted: false, code: '21211', message: 'invalid', retryable: false });
    const n = recordingMetrics();
    await deliver([stop, up], message, { timeoutMs: 1_000, logger: silent, metrics: n.metrics });
    // A permanent rejection ends it: no failover.
    expect(n.named('ProviderFailover')).toEqual([]);
    expect(n.named('ProviderLatency')).toHaveLength(1);
  });

  it('receipts: delivered and undelivered by channel and provider, only when applied; an unmatched one apart', async () => {
    const log = new FakeMessageLog();
    const m = recordingMetrics();
    const record = messageRecord();
    await log.create(record);
    const recordReceipt = makeRecordReceipt({
      log,
      logger: silent,
      clock: () => new Date(),
      metrics: m.metrics,
      lookupRetryDelaysMs: [],
    });
    const receipt = {
      provider: record.provider ?? 'twilio',
      providerMessageId: record.providerMessageId ?? '',
      detail: 'd',
    };
    await recordReceipt({ ...receipt, status: 'undelivered' });
    await recordReceipt({ ...receipt, status: 'delivered' }); // too late: undelivered is final
    await recordReceipt({ ...receipt, providerMessageId: 'unknown', status: 'delivered' });
    expect(m.all()).toEqual([
      {
        name: 'MessageUndelivered',
        dimensions: { channel: record.type, provider: receipt.provider },
        value: 1,
      },
      // A receipt for no message of the log: counted apart, by provider only.
      { name: 'ReceiptUnmatched', dimensions: { provider: receipt.provider }, value: 1 },
    ]);
  });

  it('the worker: a job failing its last receive is dead-lettered; the batch flushes once', async () => {
    const m = recordingMetrics();
    const deps: WorkerDeps = {
      logger: silent,
      metrics: m.metrics,
      queue: undefined,
      deliverMessage: async () => {
        throw new Error('log down');
      },
    };
    const job = JSON.stringify({ messageId: 'm1', attempt: 1 });
    await createWorker(() => deps)(
      {
        Records: [
          sqsRecord('a', job, MAX_RECEIVES - 1),
          sqsRecord('b', job, MAX_RECEIVES),
          sqsRecord('c', 'not json', MAX_RECEIVES + 1),
        ],
      },
      { awsRequestId: 'w' } as Context,
    );
    expect(m.pending()).toEqual([]);
    expect(m.flushed()).toEqual([
      { name: 'DeadLettered', dimensions: {}, value: 1 },
      { name: 'DeadLettered', dimensions: {}, value: 1 },
    ]);
  });

  it('the authorizer: a refused key is AuthRejected 401, flushed with the invocation', async () => {
    const m = recordingMetrics();
    const deps: AuthorizerDeps = {
      logger: silent,
      metrics: m.metrics,
      authenticate: async () => {
        throw new UnauthorizedError();
      },
    };
    const event = {
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:eu-west-1:1:api/prod/GET/messages',
      headers: { 'x-api-key': 'msk_nope' },
      requestContext: { requestId: 'r' },
    } as unknown as APIGatewayRequestAuthorizerEvent;
    await expect(createAuthorizer(() => deps)(event, {} as Context)).rejects.toThrow('Unauthorized');
    expect(m.flushed()).toEqual([{ name: 'AuthRejected', dimensions: { status: '401' }, value: 1 }]);
  });
});
