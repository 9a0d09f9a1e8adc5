import { DynamoDbMessageLog } from '../adapters/dynamodb/dynamodb.message-log.js';
import { SqliteMessageLog } from '../adapters/sqlite/sqlite.message-log.js';
import type { MessageLog } from '../ports/message-log.js';
import { clock } from './basics.js';
import type { Parts } from './parts.js';
import { documentClient, noSqliteInBundle, requiredTable, sqliteDatabase, storeOf } from './stores.js';

/**
 * The message log: the SQLite database's offline, the DynamoDB table (TABLE_NAME) on AWS, with the
 * metadata index (METADATA_TABLE_NAME) where the function logs or lists by metadata.
 */
export const messageLog = (parts: Parts): MessageLog =>
  parts.closable('messageLog', () => {
    const store = storeOf(parts);
    const options = { retention: parts.settings.service.retention, clock: clock(parts) };
    return store.kind === 'sqlite'
      ? process.env.MESSAGING_BUNDLE_SQLITE === 'false'
        ? noSqliteInBundle()
        : new SqliteMessageLog(sqliteDatabase(parts, store.path), options)
      : new DynamoDbMessageLog(
          documentClient(parts, store),
          requiredTable(store.tableName, 'TABLE_NAME', 'when the message log is DynamoDB'),
          undefined,
          store.metadataTableName,
          options,
        );
  });
