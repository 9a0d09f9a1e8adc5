// `npm run dynamodb:local`: a DynamoDB-protocol server (dynalite) with the message table, for running
// the service or `sam local invoke` against the DynamoDB adapter without AWS. Data lives in memory.
// It creates the message, idempotency, API key, rate counter and stats tables, and logs the messages the
// sample events under events/ read (get-message, list-message-events, deliver-messages), so that
// `sam local invoke` with them answers the message rather than 404 (`--empty` leaves them out).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../lib/adapters/dynamodb/dynamodb.message-log.js';
import { createIdempotencyTableInput } from '../lib/adapters/dynamodb/idempotency-table.js';
import { createKeyTableInput, createRateCounterTableInput } from '../lib/adapters/dynamodb/key-table.js';
import { createTableInput } from '../lib/adapters/dynamodb/message-table.js';
import { createStatsTableInput } from '../lib/adapters/dynamodb/stats-table.js';
import type { MessageRecord } from '../lib/domain/message.schema.js';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4567);
const tableName = process.env.TABLE_NAME || 'messages';
const idempotencyTableName = process.env.IDEMPOTENCY_TABLE_NAME || 'idempotency-keys';
const keysTableName = process.env.KEYS_TABLE_NAME || 'api-keys';
const rateCounterTableName = process.env.RATE_COUNTER_TABLE_NAME || 'rate-counters';
const statsTableName = process.env.STATS_TABLE_NAME || 'stats';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(port, host, async () => {
  const endpoint = `http://${host}:${(server.address() as AddressInfo).port}`;
  const client = createDocumentClient({ endpoint, region: process.env.AWS_REGION || 'us-east-1' });
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(new CreateTableCommand(createIdempotencyTableInput(idempotencyTableName)));
  await client.send(new CreateTableCommand(createKeyTableInput(keysTableName)));
  await client.send(new CreateTableCommand(createRateCounterTableInput(rateCounterTableName)));
  // dynalite has no stream: GET /stats answers the counters as they are (empty) unless something fills them.
  await client.send(new CreateTableCommand(createStatsTableInput(statsTableName)));
  if (!process.argv.includes('--empty')) await logSampleMessages(new DynamoDbMessageLog(client, tableName));
  client.destroy();
  console.error(`dynalite on ${endpoint} with tables ${tableName}, ${idempotencyTableName}, ${keysTableName}, ${rateCounterTableName} and ${statsTableName}. Run the service against it:
  LOG_STORE=dynamodb TABLE_NAME=${tableName} IDEMPOTENCY_TABLE_NAME=${idempotencyTableName} \\
  KEYS_TABLE_NAME=${keysTableName} RATE_COUNTER_TABLE_NAME=${rateCounterTableName} STATS_TABLE_NAME=${statsTableName} \\
  DYNAMODB_ENDPOINT=${endpoint} AWS_REGION=us-east-1 \\
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local npm start`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

/** The sample events' messages: a sent one (get-message, list-message-events), a queued one (deliver-messages). */
async function logSampleMessages(log: DynamoDbMessageLog) {
  const event = (name: string) =>
    JSON.parse(readFileSync(new URL(`../events/${name}.json`, import.meta.url), 'utf8'));
  const read = event('get-message');
  const job = JSON.parse(event('deliver-messages').Records[0].body) as { messageId: string };
  const at = new Date().toISOString();
  const message = (id: string, status: 'pending' | 'queued'): MessageRecord => ({
    id,
    tenant: read.requestContext.authorizer.tenant,
    type: 'sms',
    recipient: '+14155550123',
    subject: null,
    content: 'a sample message',
    status,
    provider: null,
    providerMessageId: null,
    error: null,
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  });
  await log.create(message(read.pathParameters.id, 'pending'));
  await log.updateStatus(read.pathParameters.id, 'pending', {
    status: 'sent',
    provider: 'mock',
    providerMessageId: 'mock-sample',
    attempts: 1,
    updatedAt: at,
  });
  await log.create(message(job.messageId, 'queued'));
  console.error(`sample messages logged: ${read.pathParameters.id} (sent), ${job.messageId} (queued)`);
}
