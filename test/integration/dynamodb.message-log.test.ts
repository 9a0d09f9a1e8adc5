import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbMessageLog } from '../../lib/adapters/dynamodb/dynamodb.message-log.js';
import { messageLogContract } from '../contract/message-log.contract.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo?.close());

messageLogContract('DynamoDbMessageLog on dynalite', async () => {
  const log = new DynamoDbMessageLog(
    createDocumentClient({ endpoint: dynamo.endpoint }),
    await dynamo.createTable(),
  );
  return { log, cleanup: () => log.close() };
});
