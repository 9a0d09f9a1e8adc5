import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteErasureJobStore } from '../../../lib/adapters/sqlite/sqlite.erasure-jobs.js';
import { erasureJobStoreContract } from '../../contract/erasure-jobs.contract.js';

erasureJobStoreContract('SqliteErasureJobStore', async () => {
  const db = openDatabase(':memory:');
  return {
    store: new SqliteErasureJobStore(db),
    cleanup: async () => {
      db.close();
    },
  };
});
