import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteWebhookStore } from '../../../lib/adapters/sqlite/sqlite.webhook-store.js';
import { webhookStoreContract } from '../../contract/webhook-store.contract.js';

webhookStoreContract('SqliteWebhookStore on :memory:', async () => {
  const db = openDatabase(':memory:');
  return {
    store: new SqliteWebhookStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
