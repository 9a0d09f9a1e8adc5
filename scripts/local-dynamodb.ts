// `npm run dynamodb:local`: a DynamoDB-protocol server (dynalite) with the message table, for running
// the service or `sam local invoke` against the DynamoDB adapter without AWS. Data lives in memory.
// It creates the message, idempotency, API key and rate counter tables.
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../lib/adapters/dynamodb/client.js';
import { createIdempotencyTableInput } from '../lib/adapters/dynamodb/idempotency-table.js';
import { createKeyTableInput, createRateCounterTableInput } from '../lib/adapters/dynamodb/key-table.js';
import { createTableInput } from '../lib/adapters/dynamodb/message-table.js';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4567);
const tableName = process.env.TABLE_NAME || 'messages';
const idempotencyTableName = process.env.IDEMPOTENCY_TABLE_NAME || 'idempotency-keys';
const keysTableName = process.env.KEYS_TABLE_NAME || 'api-keys';
const rateCounterTableName = process.env.RATE_COUNTER_TABLE_NAME || 'rate-counters';
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
  client.destroy();
  console.error(`dynalite on ${endpoint} with tables ${tableName}, ${idempotencyTableName}, ${keysTableName} and ${rateCounterTableName}. Run the service against it:
  LOG_STORE=dynamodb TABLE_NAME=${tableName} IDEMPOTENCY_TABLE_NAME=${idempotencyTableName} \\
  KEYS_TABLE_NAME=${keysTableName} RATE_COUNTER_TABLE_NAME=${rateCounterTableName} \\
  DYNAMODB_ENDPOINT=${endpoint} AWS_REGION=us-east-1 \\
  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local npm start`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
