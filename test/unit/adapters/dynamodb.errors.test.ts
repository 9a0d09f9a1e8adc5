import { readFileSync } from 'node:fs';
import {
  ConditionalCheckFailedException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandler, STATUS_WRITE_RESERVE_MS } from '../../../functions/send-message.js';
import { createDocumentClient } from '../../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { loadConfig } from '../../../lib/config.js';
import { createContainer } from '../../../lib/host/container.js';
import { createLogger } from '../../../lib/logger.js';
import { StaleStatusError } from '../../../lib/ports/message-log.js';
import { recordingProviders } from '../../support/fake-providers.js';
import { listQuery } from '../../support/queries.js';

// Failures dynalite cannot produce, through the real send handler with a mocked DynamoDB client.
const event = JSON.parse(readFileSync('events/send-email.json', 'utf8')) as APIGatewayProxyEvent;
const context = { awsRequestId: 'lambda-request' } as Context;
const ddb = mockClient(DynamoDBDocumentClient);
afterEach(() => ddb.reset());

async function sendHandler() {
  const { providers, calls } = recordingProviders();
  const container = createContainer(await loadConfig({ LOG_STORE: 'sqlite', DB_PATH: ':memory:' }), {
    messageLog: new DynamoDbMessageLog(createDocumentClient({ region: 'eu-west-1' }), 'messages'),
    providers,
    logger: createLogger({ level: 'silent' }),
  });
  return { handler: createHandler(() => container), calls };
}

const timeout = Object.assign(new Error('Connection timed out after 2000 ms'), { name: 'TimeoutError' });
const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
const overProvisioned = new ProvisionedThroughputExceededException({ message: 'exceeded', $metadata: {} });
const internal = new InternalServerError({ message: 'Internal server error', $metadata: {} });

describe('a log write that DynamoDB refuses', () => {
  it.each([
    ['ThrottlingException', throttled],
    ['ProvisionedThroughputExceededException', overProvisioned],
    ['InternalServerError', internal],
    ['a timeout', timeout],
  ])('%s answers 503 LOG_UNAVAILABLE and sends nothing', async (_, error) => {
    ddb.on(GetCommand).resolves({}); // the tenant's list layout: none, one partition
    ddb.on(PutCommand).rejects(error);
    const { handler, calls } = await sendHandler();
    const response = await handler(structuredClone(event), context);
    expect(response.statusCode).toBe(503);
    const body = JSON.parse(response.body);
    expect(body.error).toMatchObject({ code: 'LOG_UNAVAILABLE', requestId: event.requestContext.requestId });
    expect(response.body).not.toContain(error.message);
    expect(calls).toEqual([]);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('writes the pending record with a condition that it is new', async () => {
    ddb.on(GetCommand).resolves({}); // the tenant's list layout: none, one partition
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).callsFake((input) => ({
      Attributes: {
        ...ddb.commandCalls(PutCommand)[0]?.args[0].input.Item,
        ...input.ExpressionAttributeValues,
      },
    }));
    const { handler, calls } = await sendHandler();
    const response = await handler(structuredClone(event), context);
    expect(response.statusCode).toBe(200);
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put).toMatchObject({
      TableName: 'messages',
      ConditionExpression: 'attribute_not_exists(#id)',
      Item: {
        status: 'pending',
        recipientKey: 'default#user@example.com',
        recipient: 'user@example.com',
        tenant: 'default',
      },
    });
    expect(put?.Item?.createdAtId).toBe(`default#${put?.Item?.createdAt}#${put?.Item?.id}`);
    expect(put?.Item?.timeShard).toMatch(/^default#\d+$/);
    // One list partition (no layout item: the tenant was never slotted); no rare status.
    expect(put?.Item?.listKey).toBe('default');
    expect(put?.Item?.rareStatusShard).toBeUndefined();
    expect(put?.Item?.rareStatusKeys).toMatchObject({
      failed: expect.stringMatching(/^default#failed#\d+$/),
    });
    const update = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update?.ConditionExpression).toContain('#status = :expected');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':expected': 'pending', ':status': 'sent' });
    expect(calls).toHaveLength(1);
  });
});

describe('a create whose first answer was lost', () => {
  const record = {
    tenant: 'default',
    id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
    type: 'sms' as const,
    recipient: '+14155550123',
    subject: null,
    content: 'hi',
    status: 'pending' as const,
    provider: null,
    providerMessageId: null,
    error: null,
    attempts: 0,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  };
  const log = () => new DynamoDbMessageLog(createDocumentClient({ region: 'eu-west-1' }), 'messages');
  const conflict = () => new ConditionalCheckFailedException({ message: 'failed', $metadata: {} });

  it('is a success when the item the condition found is this very record', async () => {
    ddb.on(PutCommand).rejects(conflict());
    ddb.on(GetCommand).resolves({ Item: { ...record } });
    await expect(log().create(record)).resolves.toBeUndefined();
  });

  it('is still a conflict when another record holds the id', async () => {
    ddb.on(PutCommand).rejects(conflict());
    ddb.on(GetCommand).resolves({ Item: { ...record, content: 'another message' } });
    await expect(log().create(record)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });
});

describe('a list page whose items vanish before they are fetched', () => {
  it('still continues after the last key of the page, skipping nothing', async () => {
    const key = (n: number) => ({
      id: `01JD0Y4ZQ9R6T3K1M8XW2B7C5${n}`,
      createdAtId: `default#2026-11-27T10:00:0${n}.000Z#01JD0Y4ZQ9R6T3K1M8XW2B7C5${n}`,
    });
    ddb.on(QueryCommand).resolves({ Items: [key(3), key(2), key(1)] });
    ddb.on(BatchGetCommand).resolves({ Responses: { messages: [] } }); // deleted in between
    const log = new DynamoDbMessageLog(createDocumentClient({ region: 'eu-west-1' }), 'messages');
    // A recipient's index holds keys only: the records are fetched (the list index holds them).
    const page = await log.list(listQuery({ limit: '2', recipient: '+14155550123' }));
    expect(page.items).toEqual([]);
    expect(JSON.parse(Buffer.from(page.nextCursor ?? '', 'base64url').toString())).toEqual([
      '2026-11-27T10:00:02.000Z',
      '01JD0Y4ZQ9R6T3K1M8XW2B7C52',
    ]);
  });
});

describe('a list while its index is being added', () => {
  const log = () => new DynamoDbMessageLog(createDocumentClient({ region: 'eu-west-1' }), 'messages');
  const queried = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input.IndexName);
  const refused = (name: string, message: string) =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

  it('reads the index it replaces while the new one is backfilling (the answer dynalite cannot give)', async () => {
    const backfilling = refused('ValidationException', 'Cannot read from backfilling global secondary index');
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand, { IndexName: 'byRareStatus' }).rejects(backfilling);
    ddb.on(QueryCommand, { IndexName: 'byList' }).rejects(backfilling);
    ddb.on(QueryCommand, { IndexName: 'byTimeShard' }).resolves({ Items: [] });
    await expect(log().list(listQuery({ status: 'failed' }))).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    expect(new Set(queried())).toEqual(new Set(['byRareStatus', 'byList', 'byTimeShard']));
  });

  it.each([
    ['throttling', throttled],
    [
      'access denied',
      refused(
        'AccessDeniedException',
        'not authorized to perform: dynamodb:Query on resource: index/byRareStatus',
      ),
    ],
    ['another validation error', refused('ValidationException', 'Invalid KeyConditionExpression: bad bound')],
  ])('passes %s through, reading no other index', async (_, error) => {
    ddb.on(QueryCommand).rejects(error);
    await expect(log().list(listQuery({ status: 'failed' }))).rejects.toBe(error);
    expect(new Set(queried())).toEqual(new Set(['byRareStatus']));
  });
});

describe('a status write that loses its condition', () => {
  const log = () => new DynamoDbMessageLog(createDocumentClient({ region: 'eu-west-1' }), 'messages');
  const change = {
    status: 'sent' as const,
    provider: 'mock',
    providerMessageId: 'p-1',
    error: null,
    attempts: 1,
    updatedAt: '2026-11-27T10:00:00.000Z',
  };

  it('is stale when another writer moved the record', async () => {
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    ddb
      .on(GetCommand)
      .resolves({ Item: { id: 'm1', status: 'failed', updatedAt: '2026-11-27T09:00:00.000Z' } });
    await expect(log().updateStatus('m1', 'pending', change)).rejects.toBeInstanceOf(StaleStatusError);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('keeps a newer updatedAt written by a clock ahead of ours', async () => {
    const ahead = '2026-11-27T10:00:05.000Z';
    ddb
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))
      .resolves({ Attributes: { id: 'm1', status: 'sent', updatedAt: ahead } });
    ddb.on(GetCommand).resolves({ Item: { id: 'm1', status: 'pending', updatedAt: ahead } });
    const record = await log().updateStatus('m1', 'pending', change);
    expect(record.updatedAt).toBe(ahead);
    const retry = ddb.commandCalls(UpdateCommand)[1]?.args[0].input;
    expect(retry?.ExpressionAttributeValues?.[':updatedAt']).toBe(ahead);
    expect(retry?.ConditionExpression).toContain('#updatedAt = :updatedAt');
  });

  it('passes other errors through for the caller to handle', async () => {
    ddb.on(UpdateCommand).rejects(throttled);
    await expect(log().updateStatus('m1', 'pending', change)).rejects.toBe(throttled);
  });
});

describe('the send handler near the end of its Lambda time', () => {
  it('stops calling providers in time to record the message as failed, not leave it pending', async () => {
    const hanging = recordingProviders(() => new Promise<never>(() => undefined));
    const container = createContainer(await loadConfig({ LOG_STORE: 'sqlite', DB_PATH: ':memory:' }), {
      providers: hanging.providers,
      logger: createLogger({ level: 'silent' }),
    });
    const handler = createHandler(() => container);
    // 600 ms left for providers once the status write's reserve is kept back.
    const lambda = {
      awsRequestId: 'x',
      getRemainingTimeInMillis: () => STATUS_WRITE_RESERVE_MS + 600,
    } as Context;
    const started = Date.now();
    const response = await handler(structuredClone(event), lambda);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.statusCode).toBe(502);
    const body = JSON.parse(response.body);
    expect(body.message).toMatchObject({ status: 'failed', error: { code: 'TIMEOUT' } });
    expect((await container.getMessage(body.message.id, 'default')).status).toBe('failed');
    await container.close();
  });
});
