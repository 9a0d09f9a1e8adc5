// `npm run migrate:dynamodb`: gives every message of the DynamoDB log (TABLE_NAME, DYNAMODB_ENDPOINT
// for a local one) the index keys of the current design (docs/dynamodb.md, "Migrating"). Idempotent
// and resumable: after each page of its Scan it writes where it is to the checkpoint file
// (`--checkpoint <file>`, default ./.migrate-dynamodb.json) and, started again, goes on from there;
// the file is removed once the whole table is done.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createDocumentClient } from '../lib/adapters/dynamodb/client.js';
import { type Checkpoint, migrateMessageKeys } from '../lib/adapters/dynamodb/migrate-message-keys.js';

const flag = process.argv.indexOf('--checkpoint');
const checkpointFile = flag >= 0 ? process.argv[flag + 1] : './.migrate-dynamodb.json';
const tableName = process.env.TABLE_NAME;

try {
  if (!tableName) throw new Error('TABLE_NAME: the message table to migrate is required');
  if (!checkpointFile) throw new Error('--checkpoint: a file name is required');
  const from = existsSync(checkpointFile)
    ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { from: Checkpoint }).from
    : undefined;
  if (from) console.log(`Resuming from ${checkpointFile}`);
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const done = await migrateMessageKeys(client, tableName, {
    from,
    onPage: (checkpoint, progress) => {
      if (checkpoint) writeFileSync(checkpointFile, JSON.stringify({ from: checkpoint }));
      console.log(
        `scanned ${progress.scanned}, updated ${progress.updated}, already current ${progress.current}`,
      );
    },
  });
  client.destroy();
  rmSync(checkpointFile, { force: true });
  console.log(`Done: ${done.scanned} message(s) scanned, ${done.updated} updated.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
