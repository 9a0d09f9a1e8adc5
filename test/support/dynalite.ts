import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';
import { createDocumentClient } from '../../lib/adapters/dynamodb/client.js';
import { createTableInput } from '../../lib/adapters/dynamodb/message-table.js';

// The SDK wants credentials and a region even for a local server; these reach only loopback.
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'us-east-1';

/** dynalite (a DynamoDB-protocol server) on 127.0.0.1, in memory, with tables created at once. */
export async function startDynalite() {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = createDocumentClient({ endpoint });
  return {
    endpoint,
    /** A new message table, from the same definition as the CDK stack's. */
    async createTable(): Promise<string> {
      return this.createTableFrom(createTableInput, 'messages');
    },
    /** A new table of another definition (keys, rate counters, idempotency keys). */
    async createTableFrom(
      definition: (tableName: string) => CreateTableCommandInput,
      prefix: string,
    ): Promise<string> {
      const tableName = `${prefix}-${randomUUID()}`;
      await admin.send(new CreateTableCommand(definition(tableName)));
      return tableName;
    },
    async close() {
      admin.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type Dynalite = Awaited<ReturnType<typeof startDynalite>>;

/** A dynalite for a test file, and a document client on it: started before its tests, closed after. */
export function useDynalite() {
  const suite = {} as { dynamo: Dynalite; client: ReturnType<typeof createDocumentClient> };
  beforeAll(async () => {
    suite.dynamo = await startDynalite();
    suite.client = createDocumentClient({ endpoint: suite.dynamo.endpoint });
  });
  afterAll(async () => {
    suite.client?.destroy();
    await suite.dynamo?.close();
  });
  return suite;
}
