import { DynamoDbTemplateStore } from '../../lib/adapters/dynamodb/dynamodb.template-store.js';
import { createTemplateTableInput } from '../../lib/adapters/dynamodb/template-table.js';
import { templateStoreContract } from '../contract/template-store.contract.js';
import { useDynalite } from '../support/dynalite.js';

const suite = useDynalite();

templateStoreContract('DynamoDbTemplateStore on dynalite', async () => {
  const table = await suite.dynamo.createTableFrom(createTemplateTableInput, 'templates');
  const store = new DynamoDbTemplateStore(suite.client, table);
  return { store, cleanup: () => store.close() };
});
