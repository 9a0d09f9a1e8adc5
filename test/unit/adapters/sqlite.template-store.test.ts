import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteTemplateStore } from '../../../lib/adapters/sqlite/sqlite.template-store.js';
import { templateStoreContract } from '../../contract/template-store.contract.js';

templateStoreContract('SqliteTemplateStore on :memory:', async () => {
  const db = openDatabase(':memory:');
  return {
    store: new SqliteTemplateStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
