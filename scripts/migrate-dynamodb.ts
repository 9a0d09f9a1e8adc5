// `npm run migrate:dynamodb`: gives every message of the DynamoDB log (TABLE_NAME, DYNAMODB_ENDPOINT
// for a local one) the index keys of the current design (docs/dynamodb.md, "Migrating"). Given the
// keys table (KEYS_TABLE_NAME), it first declares each tenant's throughput from its active keys, so
// that a tenant whose keys allow more than the one-partition layout is slotted from 2 minutes on.
// Idempotent and resumable: after each page of its Scan it writes where it is to the checkpoint file
// (`--checkpoint <file>`, default ./.migrate-dynamodb.json) and, started again, goes on from there;
// the file is removed once the whole table is done.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createDocumentClient } from '../lib/adapters/dynamodb/client.js';
import { DynamoDbKeyStore } from '../lib/adapters/dynamodb/dynamodb.key-store.js';
import { DynamoDbListLayouts } from '../lib/adapters/dynamodb/dynamodb.list-layouts.js';
import { type Checkpoint, migrateMessageKeys } from '../lib/adapters/dynamodb/migrate-message-keys.js';
import { declareEveryTenant } from '../lib/services/tenant-throughput.js';

const flag = process.argv.indexOf('--checkpoint');
const checkpointFile = flag >= 0 ? process.argv[flag + 1] : './.migrate-dynamodb.json';
const tableName = process.env.TABLE_NAME;
const keysTableName = process.env.KEYS_TABLE_NAME;

try {
  if (!tableName) throw new Error('TABLE_NAME: the message table to migrate is required');
  if (!checkpointFile) throw new Error('--checkpoint: a file name is required');
  const from = existsSync(checkpointFile)
    ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { from: Checkpoint }).from
    : undefined;
  if (from) console.log(`Resuming from ${checkpointFile}`);
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const layouts = new DynamoDbListLayouts(client, tableName);
  if (keysTableName) {
    // Declaring again on a resumed run changes nothing: a layout only grows, and its instant stays.
    const declared = await declareEveryTenant(new DynamoDbKeyStore(client, keysTableName), layouts);
    for (const [tenant, perSecond] of declared)
      console.log(`tenant ${tenant}: keys allow ${perSecond ?? 'unlimited'}/s`);
  } else {
    console.log('KEYS_TABLE_NAME not set: no tenant layout declared (each is declared at its next new key)');
  }
  const done = await migrateMessageKeys(client, tableName, layouts, {
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
