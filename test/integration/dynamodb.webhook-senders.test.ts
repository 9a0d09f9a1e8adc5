import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBRecord, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../client/src/index.js';
import { createHandler as deliveryHandler } from '../../functions/deliver-webhooks.js';
import { createHandler as fanOutHandler } from '../../functions/dispatch-webhooks.js';
import { DynamoDbListLayouts } from '../../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { DynamoDbWebhookStore } from '../../lib/adapters/dynamodb/dynamodb.webhook-store.js';
import { createMetadataTableInput } from '../../lib/adapters/dynamodb/metadata-table.js';
import { statusChangesOf } from '../../lib/adapters/dynamodb/status-events.js';
import { createWebhookTableInput } from '../../lib/adapters/dynamodb/webhook-table.js';
import { NodeWebhookTransport } from '../../lib/adapters/http/node.webhook-transport.js';
import { SqsWebhookQueue } from '../../lib/adapters/sqs/sqs.webhook-queue.js';
import type { QueuedWebhooksDeps } from '../../lib/composition/queued-webhooks.js';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { RETRY_DELAYS_MS, type WebhookEndpoint, type WebhookEvent } from '../../lib/domain/webhook.js';
import { createIdGenerator } from '../../lib/ids.js';
import { createLogger } from '../../lib/logger.js';
import type { DeliveryKey } from '../../lib/ports/webhook-store.js';
import type { WebhookTransport } from '../../lib/ports/webhook-transport.js';
import { makeWebhookSender } from '../../lib/services/deliver-webhooks.js';
import { makeQueuedWebhooks } from '../../lib/services/queued-webhooks.js';
import { newSecret } from '../../lib/webhooks/signature.js';
import type { Resolver, UrlPolicy } from '../../lib/webhooks/url-policy.js';
import { at, messageRecord } from '../contract/message-log.contract.js';
import { endpoint as endpointOf } from '../contract/webhook-store.contract.js';
import { useDynalite } from '../support/dynalite.js';
import { recordingStream } from '../support/message-stream.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { webhookReceiver } from '../support/webhook-receiver.js';

// The AWS webhook path on dynalite: the message table's writes recorded as its stream would carry
// them, the fan-out function, the webhook table, and the delivery function posting to a loopback
// receiver. SQS has no local peer here: aws-sdk-client-mock answers it and records the calls.
const suite = useDynalite();
const sqs = mockClient(SQSClient);
const context = {} as Context;
const QUEUE_URL = 'http://127.0.0.1:9/000000000000/messaging-webhooks';
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => sqs.restore());

function fakeClock(start = Date.parse('2026-03-01T09:00:00.000Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const loopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
/** A transport that fails the test if it is ever called: nothing may be sent. */
const neverSend: WebhookTransport = {
  post: async () => {
    throw new Error('the delivery must not be sent');
  },
};

/** A message table recorded as its stream, the webhook table, and the two functions over them. */
async function openAws(
  options: { transport?: WebhookTransport; resolver?: Resolver; policy?: UrlPolicy } = {},
) {
  const messageTable = await suite.dynamo.createTable();
  const webhookTable = await suite.dynamo.createTableFrom(createWebhookTableInput, 'webhooks');
  const stream = recordingStream(suite.client, suite.dynamo.endpoint, messageTable, 1);
  cleanups.push(() => stream.close());
  const log = new DynamoDbMessageLog(
    stream.client,
    messageTable,
    undefined,
    await suite.dynamo.createTableFrom(createMetadataTableInput, 'metadata'),
  );
  const store = new DynamoDbWebhookStore(suite.client, webhookTable);
  const time = fakeClock();
  const logger = createLogger({ level: 'silent' });
  const queue = new SqsWebhookQueue(new SQSClient({ region: 'us-east-1' }), QUEUE_URL);
  const metrics = recordingMetrics();
  const sender = makeWebhookSender({
    store,
    transport: options.transport ?? new NodeWebhookTransport(),
    resolve: options.resolver ?? loopback,
    policy: options.policy ?? 'loopback',
    clock: time.clock,
    newId: createIdGenerator(),
    logger,
    metrics: metrics.metrics,
    random: () => 0.5,
  });
  const deps: QueuedWebhooksDeps = {
    logger,
    metrics: metrics.metrics,
    webhookQueue: queue,
    queuedWebhooks: makeQueuedWebhooks({ sender, store, queue, clock: time.clock, logger }),
  };
  /** Every stream record so far, in write order. */
  const records = () => stream.windows().flatMap((event) => event.Records);
  return {
    log,
    messageTable,
    stream,
    store,
    time,
    metrics,
    records,
    fanOut: (batch: DynamoDBRecord[]) => fanOutHandler(() => deps)({ Records: batch }, context),
    deliver: (keys: DeliveryKey[]) =>
      deliveryHandler(() => deps)(sqsEvent(keys), context) as Promise<{
        batchItemFailures: { itemIdentifier: string }[];
      }>,
  };
}

const sqsEvent = (keys: DeliveryKey[]): SQSEvent => ({
  Records: keys.map((key, i) => ({
    messageId: `sqs-${i}`,
    receiptHandle: `receipt-${i}`,
    body: JSON.stringify(key),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:messaging-webhooks',
    awsRegion: 'us-east-1',
  })),
});

/** The deliveries the fan-out queued, in order. */
const queuedKeys = (): DeliveryKey[] =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => JSON.parse(entry.MessageBody ?? '{}') as DeliveryKey);

const visibilities = () =>
  sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input.VisibilityTimeout);

/** A queued message's life: queued, claimed (no event), sent, delivered; and an erasure (no event). */
async function lifeOf(log: DynamoDbMessageLog, record: MessageRecord) {
  await log.create(record);
  await log.updateStatus(record.id, 'queued', { status: 'sending', updatedAt: at(1) });
  await log.updateStatus(record.id, 'sending', { status: 'sent', updatedAt: at(2), provider: 'mock' });
  await log.updateStatus(record.id, 'sent', { status: 'delivered', updatedAt: at(3) });
  await log.erase(record.id, { tenant: record.tenant, recipientHash: 'hash-of-recipient' });
}

describe('the status events of the message table stream', () => {
  it('are the changes that appended an event and have a webhook type, numbered as the SQLite outbox does', async () => {
    const aws = await openAws();
    const queued = messageRecord({ status: 'queued', metadata: { orderId: '123' } });
    const sync = messageRecord({ status: 'pending' });
    await lifeOf(aws.log, queued);
    await aws.log.create(sync);
    await aws.log.updateStatus(sync.id, 'pending', { status: 'failed', updatedAt: at(1) });
    const changes = statusChangesOf(aws.records());
    expect(changes.map((c) => [c.record.id, c.record.status, c.eventSeq])).toEqual([
      [queued.id, 'queued', 1],
      [queued.id, 'sent', 3],
      [queued.id, 'delivered', 4],
      [sync.id, 'failed', 2],
    ]);
    // The record as the change left it, the caller's metadata with it.
    expect(changes[1]?.record).toEqual({
      ...queued,
      status: 'sent',
      provider: 'mock',
      updatedAt: at(2),
    });
    expect(changes[0]?.record.metadata).toEqual({ orderId: '123' });
  });
});

describe('the fan-out function', () => {
  it("queues nothing for a tenant's list layout item, which shares the message table's stream", async () => {
    const aws = await openAws({ transport: neverSend });
    await aws.store.createEndpoint(endpointOf({ id: 'we_all', tenant: 'default', events: ['*'] }));
    await new DynamoDbListLayouts(aws.stream.client, aws.messageTable).declare('default', null);
    const batch = aws.records();
    expect(batch.map((r) => [r.eventName, r.dynamodb?.Keys?.id?.S])).toEqual([['INSERT', 'layout#default']]);
    expect(statusChangesOf(batch)).toEqual([]);
    await aws.fanOut(batch);
    expect(queuedKeys()).toEqual([]);
    expect(await aws.store.listDeliveries('default', 'we_all', { limit: 10 })).toMatchObject({ items: [] });
  });

  it('adds a delivery per subscribed endpoint of the tenant and queues it; a replayed batch adds none', async () => {
    const aws = await openAws();
    const all = endpointOf({ id: 'we_all', tenant: 'default', events: ['*'] });
    const sentOnly = endpointOf({ id: 'we_sent', tenant: 'default', events: ['message.sent'] });
    const off = endpointOf({ id: 'we_off', tenant: 'default', events: ['*'], enabled: false });
    const other = endpointOf({ id: 'we_other', tenant: 'globex', events: ['*'] });
    for (const e of [all, sentOnly, off, other]) await aws.store.createEndpoint(e);
    const record = messageRecord({ status: 'queued' });
    await lifeOf(aws.log, record);
    const batch = aws.records();

    await aws.fanOut(batch);
    const listed = async (e: WebhookEndpoint) =>
      (await aws.store.listDeliveries(e.tenant, e.id, { limit: 10 })).items;
    const first = await listed(all);
    expect(first.map((d) => d.eventId).sort()).toEqual([1, 3, 4].map((n) => `evt_${record.id}_${n}`).sort());
    expect((await listed(sentOnly)).map((d) => d.eventType)).toEqual(['message.sent']);
    expect(await listed(off)).toEqual([]);
    expect(await listed(other)).toEqual([]);
    expect(queuedKeys()).toHaveLength(4);

    // Lambda hands the batch again (a failed invocation, a replay): the same deliveries, none added.
    await aws.fanOut(batch);
    expect(await listed(all)).toEqual(first);
    expect((await listed(sentOnly)).length).toBe(1);
    // Queued again as copies, which the delivery function drops once they are done (below).
    expect(queuedKeys()).toHaveLength(8);
  });
});

describe('the delivery function', () => {
  /** An endpoint of `default` at the receiver, a queued message's life fanned out: the keys. */
  async function fannedOut(aws: Awaited<ReturnType<typeof openAws>>, url: string, events = ['*']) {
    const secret = newSecret();
    const endpoint = endpointOf({
      id: 'we_receiver',
      tenant: 'default',
      url,
      events: events as WebhookEndpoint['events'],
      secret,
    });
    await aws.store.createEndpoint(endpoint);
    const record = messageRecord({ status: 'queued' });
    await lifeOf(aws.log, record);
    await aws.fanOut(aws.records());
    return { endpoint, secret, record, keys: queuedKeys() };
  }

  it('posts signed events in order; 500 then 200 sends one event twice with one id, hidden by the backoff', async () => {
    const receiver = await webhookReceiver({ answer: (n) => (n === 0 ? 500 : 200) });
    cleanups.push(() => receiver.close());
    const aws = await openAws();
    const { secret, keys } = await fannedOut(aws, receiver.url);
    const [queued, sent, delivered] = keys;
    if (!queued || !sent || !delivered) throw new Error('three deliveries expected');

    // All three arrive at once (a standard queue keeps no order): only the first is sent; the later
    // ones wait behind it, which the 500 leaves pending.
    const answer = await aws.deliver([delivered, queued, sent]);
    expect(receiver.received).toHaveLength(1);
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['sqs-0', 'sqs-1', 'sqs-2']);
    // The retry after 5 s (random fixed at the middle: no stretch); the others, checked while the
    // first was not yet attempted, look again 2 s on.
    expect(visibilities().sort()).toEqual([2, 2, 5]);
    expect(await aws.store.findDelivery(queued)).toMatchObject({ attempts: 1, lastStatusCode: 500 });

    // A copy of the first (a replayed fan-out) arriving now is dropped: its retry is scheduled.
    expect((await aws.deliver([queued])).batchItemFailures).toEqual([]);
    expect(receiver.received).toHaveLength(1);

    aws.time.advance(RETRY_DELAYS_MS[0]);
    expect((await aws.deliver([queued])).batchItemFailures).toEqual([]);
    aws.time.advance(2_000);
    expect((await aws.deliver([sent])).batchItemFailures).toEqual([]);
    expect((await aws.deliver([delivered])).batchItemFailures).toEqual([]);

    const events = receiver.received.map((r) => JSON.parse(r.body) as WebhookEvent);
    expect(events.map((e) => e.type)).toEqual([
      'message.queued',
      'message.queued',
      'message.sent',
      'message.delivered',
    ]);
    expect(receiver.received[0]?.headers['webhook-id']).toBe(receiver.received[1]?.headers['webhook-id']);
    for (const r of receiver.received)
      expect(
        (
          await verifyWebhook({
            secret,
            headers: r.headers as Record<string, string>,
            body: r.body,
            now: aws.time.clock(),
          })
        ).id,
      ).toBe(r.headers['webhook-id']);
    expect(await aws.store.findDelivery(delivered)).toMatchObject({ state: 'succeeded', attempts: 1 });
    // Done: a late copy is acknowledged and sends nothing.
    expect((await aws.deliver([delivered])).batchItemFailures).toEqual([]);
    expect(receiver.received).toHaveLength(4);
    // Each invocation flushed what its attempts counted: the 500, then three deliveries.
    expect(aws.metrics.pending()).toEqual([]);
    expect(aws.metrics.flushed().filter((m) => m.name !== 'WebhookLatency')).toEqual([
      { name: 'WebhookAttemptFailed', dimensions: { failureClass: '5xx' }, value: 1 },
      ...Array(3).fill({ name: 'WebhookDelivered', dimensions: {}, value: 1 }),
    ]);
    expect(aws.metrics.named('WebhookLatency')).toHaveLength(4);
  });

  it('ends a delivery answered 410 as failed, without hiding it for a retry', async () => {
    const receiver = await webhookReceiver({ answer: () => 410 });
    cleanups.push(() => receiver.close());
    const aws = await openAws();
    const { keys } = await fannedOut(aws, receiver.url, ['message.sent']);
    const [sent] = keys;
    if (!sent) throw new Error('a delivery expected');
    expect((await aws.deliver([sent])).batchItemFailures).toEqual([]);
    expect(visibilities()).toEqual([]);
    expect(await aws.store.findDelivery(sent)).toMatchObject({ state: 'failed', lastStatusCode: 410 });
    expect(aws.metrics.flushed().map((m) => m.name)).toEqual([
      'WebhookLatency',
      'WebhookAttemptFailed',
      'WebhookGaveUp',
    ]);
  });

  it('refuses, after DNS, a name that now resolves to a private address: never sent, retried later', async () => {
    const receiver = await webhookReceiver();
    cleanups.push(() => receiver.close());
    let resolveTo = '203.0.113.10';
    const aws = await openAws({
      transport: neverSend,
      policy: 'public',
      resolver: async () => [{ address: resolveTo, family: 4 }],
    });
    // Created while the name resolved to a public address (the check at creation is the routes').
    const { keys } = await fannedOut(aws, 'https://hooks.example.com/messaging', ['message.sent']);
    const [sent] = keys;
    if (!sent) throw new Error('a delivery expected');
    for (const address of ['10.0.0.5', '169.254.169.254', '127.0.0.1']) {
      resolveTo = address;
      aws.time.advance(10 * 3_600_000);
      expect((await aws.deliver([sent])).batchItemFailures).toHaveLength(1);
      expect((await aws.store.findDelivery(sent))?.lastError).toMatch(/^URL_REFUSED/);
    }
    expect(receiver.received).toEqual([]);
  });

  it('sends an unreadable record back, to end in the dead-letter queue', async () => {
    const aws = await openAws();
    const event = sqsEvent([]);
    const [record] = sqsEvent([
      { tenant: 'default', endpointId: 'we_x', messageId: 'm', eventSeq: 1 },
    ]).Records;
    if (!record) throw new Error('a record expected');
    event.Records.push({ ...record, body: 'not json' });
    const answer = await deliveryHandler(async () => ({
      logger: createLogger({ level: 'silent' }),
      webhookQueue: new SqsWebhookQueue(new SQSClient({ region: 'us-east-1' }), QUEUE_URL),
      queuedWebhooks: makeQueuedWebhooks({
        sender: {
          fanOut: async () => [],
          attempt: async () => {
            throw new Error('not attempted');
          },
        },
        store: aws.store,
        queue: { enqueue: async () => {} },
        clock: aws.time.clock,
        logger: createLogger({ level: 'silent' }),
      }),
    }))(event, context);
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-0' }] });
  });
});
