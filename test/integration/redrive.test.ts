import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteQueue } from '../../lib/adapters/sqlite/sqlite.queue.js';
import { redriveSqs } from '../../lib/adapters/sqs/sqs.redrive.js';
import { MAX_RECEIVES } from '../../lib/composition/queue.js';

const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'redrive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const redrive = (env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/redrive.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });

describe('npm run redrive', () => {
  it('moves the dead-letter jobs of the SQLite queue back, due now, and leaves the others alone', async () => {
    const dbPath = join(dir, 'messages.db');
    const db = openDatabase(dbPath);
    const queue = new SqliteQueue(db, { maxReceives: MAX_RECEIVES });
    await queue.enqueue({ messageId: 'poison', attempt: 2 });
    // Received and never acknowledged, until the queue gives up on it.
    for (let i = 0; i <= MAX_RECEIVES; i++) queue.receive(10, 0);
    await queue.enqueue({ messageId: 'waiting', attempt: 1 }, { delayMs: 60_000 });
    expect(queue.deadJobs().map((dead) => dead.job)).toEqual([{ messageId: 'poison', attempt: 2 }]);
    db.close();

    const { stdout } = await redrive({ DB_PATH: dbPath });

    expect(stdout).toContain('1 dead-letter job(s) moved back');
    const reopened = openDatabase(dbPath);
    const after = new SqliteQueue(reopened, { maxReceives: MAX_RECEIVES });
    expect(after.deadJobs()).toEqual([]);
    // Due now, with a fresh receive count: handed out again (the delayed one is not due yet).
    expect(after.receive(10, 1000).map((r) => [r.job, r.receiveCount])).toEqual([
      [{ messageId: 'poison', attempt: 2 }, 1],
    ]);
    reopened.close();
  });

  it('refuses an SQS redrive without the dead-letter queue ARN, naming the variable', async () => {
    const error = await redrive({
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/messages',
      DB_PATH: join(dir, 'messages.db'),
    }).catch((caught: { code: number; stderr: string }) => caught);

    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toContain('DLQ_ARN');
  });
});

describe('redriveSqs', () => {
  it('starts an SQS message move task from the dead-letter queue (back to its source queue)', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    const arn = 'arn:aws:sqs:eu-west-1:123456789012:messages-dlq';

    const handle = await redriveSqs(new SQSClient({ region: 'eu-west-1' }), arn);

    expect(handle).toBe('task-1');
    expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((call) => call.args[0].input)).toEqual([
      { SourceArn: arn },
    ]);
    sqs.restore();
  });
});
