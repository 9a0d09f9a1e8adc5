import { openDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteSuppressionList } from '../../../lib/adapters/sqlite/sqlite.suppression-list.js';
import { suppressionListContract } from '../../contract/suppression-list.contract.js';

suppressionListContract('SqliteSuppressionList on :memory:', async () => {
  const db = openDatabase(':memory:');
  return {
    list: new SqliteSuppressionList(db),
    cleanup: async () => {
      db.close();
    },
  };
});
