import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { DynamoDbErasureJobStore } from '../../lib/adapters/dynamodb/dynamodb.erasure-jobs.js';
import { createErasureTableInput } from '../../lib/adapters/dynamodb/erasure-table.js';
import { erasureJobStoreContract } from '../contract/erasure-jobs.contract.js';
import { type Dynalite, startDynalite } from '../support/dynalite.js';

let dynamo: Dynalite;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo?.close());

erasureJobStoreContract('DynamoDbErasureJobStore on dynalite', async () => {
  const client = createDocumentClient({ endpoint: dynamo.endpoint });
  const store = new DynamoDbErasureJobStore(
    client,
    await dynamo.createTableFrom(createErasureTableInput, 'erasures'),
  );
  return { store, cleanup: async () => client.destroy() };
});
