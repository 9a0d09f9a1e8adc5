import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../../../lib/adapters/sqlite/sqlite.message-log.js';
import { SqliteQueue } from '../../../lib/adapters/sqlite/sqlite.queue.js';
import { startLocalWorker } from '../../../lib/adapters/sqlite/sqlite.queue-worker.js';
import type { MessageRecord } from '../../../lib/domain/message.schema.js';
import type { DeliveryOutcome } from '../../../lib/services/deliver-message.js';
import { at, messageRecord as contractRecord } from '../../contract/message-log.contract.js';
import { messageQueueContract } from '../../contract/message-queue.contract.js';
import { sleep, waitFor } from '../../support/async.js';
import { capturingLogger } from '../../support/capturing-logger.js';

const T0 = 1_800_000_000_000;

// On a file, so that a reopened queue reads what the closed one wrote.
messageQueueContract('SqliteQueue on a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'queue-contract-'));
  const path = join(dir, 'messages.db');
  const clock = { now: T0 };
  const openQueue = () => {
    const db = openDatabase(path);
    return { db, queue: new SqliteQueue(db, { maxReceives: 3, now: () => clock.now }) };
  };
  let current = openQueue();
  return {
    queue: current.queue,
    advance: (ms) => {
      clock.now += ms;
    },
    receiveDue: async () =>
      current.queue.receive(100, 60_000).map(({ jobId, job }) => {
        current.queue.acknowledge(jobId);
        return job;
      }),
    breakWrites: () => {
      current.db.exec(
        "CREATE TEMP TRIGGER refuse_jobs BEFORE INSERT ON delivery_jobs BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
      );
    },
    reopen: async () => {
      current.db.close();
      current = openQueue();
      return current.queue;
    },
    cleanup: async () => {
      await current.queue.close();
      if (current.db.open) current.db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

/** A queue on a fresh in-memory database, with a clock the test moves. */
function freshQueue(maxReceives = 3) {
  const clock = { now: T0 };
  const db = openDatabase(':memory:');
  const queue = new SqliteQueue(db, { maxReceives, now: () => clock.now });
  return { db, queue, clock };
}

const messageRecord = (overrides: Partial<MessageRecord>): MessageRecord => ({
  ...contractRecord(overrides),
  tenant: 'default',
});

const ids = (jobs: { job: { messageId: string } }[]) => jobs.map((j) => j.job.messageId);

describe('SqliteQueue', () => {
  const opened: SqliteDatabase[] = [];
  const open = (maxReceives?: number) => {
    const made = freshQueue(maxReceives);
    opened.push(made.db);
    return made;
  };
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('delivers a job no sooner than its delay, and an undelayed one at once', async () => {
    const { queue, clock } = open();
    await queue.enqueue({ messageId: 'later', attempt: 2 }, { delayMs: 1_000 });
    await queue.enqueue({ messageId: 'now', attempt: 1 });

    expect(ids(queue.receive(10, 30_000))).toEqual(['now']);
    clock.now = T0 + 999;
    expect(queue.receive(10, 30_000)).toEqual([]);
    clock.now = T0 + 1_000;
    expect(queue.receive(10, 30_000)).toEqual([
      { jobId: expect.any(Number), job: { messageId: 'later', attempt: 2 }, receiveCount: 1 },
    ]);
  });

  it('hands out the oldest due jobs first, at most `max` at a time', async () => {
    const { queue, clock } = open();
    await queue.enqueue({ messageId: 'c', attempt: 1 }, { delayMs: 30 });
    await queue.enqueue({ messageId: 'a', attempt: 1 }, { delayMs: 10 });
    await queue.enqueue({ messageId: 'b', attempt: 1 }, { delayMs: 20 });
    clock.now = T0 + 100;
    expect(ids(queue.receive(2, 1_000))).toEqual(['a', 'b']);
    expect(ids(queue.receive(2, 1_000))).toEqual(['c']);
  });

  it('hides a received job for its lease, then hands it out again, counting receipts', async () => {
    const { queue, clock } = open(10);
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    const [first] = queue.receive(1, 500);
    expect(first?.receiveCount).toBe(1);

    clock.now = T0 + 499;
    expect(queue.receive(1, 500)).toEqual([]);
    expect(queue.nextDueAt()).toBe(T0 + 500);
    clock.now = T0 + 500;
    const [again] = queue.receive(1, 500);
    expect(again).toEqual({ jobId: first?.jobId, job: { messageId: 'm', attempt: 1 }, receiveCount: 2 });
  });

  it('forgets an acknowledged job for good', async () => {
    const { queue, clock } = open();
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    const [job] = queue.receive(1, 500);
    queue.acknowledge(job?.jobId ?? -1);
    clock.now = T0 + 3_600_000;
    expect(queue.receive(10, 500)).toEqual([]);
    expect(queue.nextDueAt()).toBeUndefined();
    expect(queue.deadJobs()).toEqual([]);
  });

  it('release makes a leased job visible again sooner than its lease', async () => {
    const { queue, clock } = open();
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    const [job] = queue.receive(1, 60_000);
    queue.release(job?.jobId ?? -1, 200);
    clock.now = T0 + 199;
    expect(queue.receive(1, 60_000)).toEqual([]);
    clock.now = T0 + 200;
    expect(ids(queue.receive(1, 60_000))).toEqual(['m']);
  });

  it('moves a job received more than maxReceives times to the dead-letter table, and redrive brings it back', async () => {
    const { queue, clock } = open(2);
    await queue.enqueue({ messageId: 'poison', attempt: 3 });
    await queue.enqueue({ messageId: 'fine', attempt: 1 }, { delayMs: 5_000 });
    for (const count of [1, 2]) {
      const [job] = queue.receive(1, 100);
      expect(job).toMatchObject({ job: { messageId: 'poison' }, receiveCount: count });
      clock.now += 100; // its lease ends unacknowledged
    }
    // The third receipt is over maxReceives: not handed out, buried.
    expect(queue.receive(1, 100)).toEqual([]);
    expect(queue.deadJobs()).toEqual([
      {
        jobId: expect.any(Number),
        job: { messageId: 'poison', attempt: 3 },
        receiveCount: 3,
        error: 'received 2 times without being handled',
        diedAt: T0 + 200,
      },
    ]);
    clock.now = T0 + 60_000;
    expect(ids(queue.receive(10, 100))).toEqual(['fine']); // the other job is untouched

    expect(queue.redrive()).toBe(1);
    expect(queue.deadJobs()).toEqual([]);
    // Back on the queue, due now, with its receive count reset.
    expect(queue.receive(10, 100)).toEqual([
      { jobId: expect.any(Number), job: { messageId: 'poison', attempt: 3 }, receiveCount: 1 },
    ]);
    expect(queue.redrive()).toBe(0);
  });

  it('calls its listeners on an undelayed enqueue only', async () => {
    const { queue } = open();
    let calls = 0;
    const unsubscribe = queue.onEnqueue(() => {
      calls++;
    });
    await queue.enqueue({ messageId: 'a', attempt: 1 });
    await queue.enqueue({ messageId: 'b', attempt: 2 }, { delayMs: 1_000 });
    expect(calls).toBe(1);
    unsubscribe();
    await queue.enqueue({ messageId: 'c', attempt: 1 });
    expect(calls).toBe(1);
  });

  describe('requeueOrphans', () => {
    it('queues a job for each queued or sending message that has none, for the round it is at', async () => {
      const { db, queue } = open();
      const log = new SqliteMessageLog(db);
      const make = async (status: 'queued' | 'sent') => {
        const record = messageRecord({ status, createdAt: at(0) });
        await log.create(record);
        return record.id;
      };
      const round = async (id: string, attempt: number, outcome: 'queued' | 'sending') => {
        const claimed = await log.updateStatus(id, 'queued', {
          status: 'sending',
          updatedAt: at(attempt),
          detail: `attempt ${attempt}`,
        });
        if (outcome === 'queued')
          await log.updateStatus(
            id,
            { status: 'sending', attempts: claimed.attempts },
            {
              status: 'queued',
              attempts: claimed.attempts + 1,
              error: { code: 'TIMEOUT', message: 'slow', retryable: true },
              updatedAt: at(attempt, 1),
            },
          );
      };

      const fresh = await make('queued'); // logged, the process died before its enqueue
      const afterTwo = await make('queued'); // two rounds failed, its retry job lost
      await round(afterTwo, 1, 'queued');
      await round(afterTwo, 2, 'queued');
      const midSecond = await make('queued'); // in its second round, no job
      await round(midSecond, 1, 'queued');
      await round(midSecond, 2, 'sending');
      const leased = await make('queued'); // its job is leased by a worker (or a killed one)
      await queue.enqueue({ messageId: leased, attempt: 1 });
      expect(ids(queue.receive(10, 60_000))).toEqual([leased]);
      const waiting = await make('queued'); // its job is on the queue
      await queue.enqueue({ messageId: waiting, attempt: 1 });
      await make('sent'); // done with: no job needed

      const jobs = queue.requeueOrphans();
      expect(jobs.sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual(
        [
          { messageId: fresh, attempt: 1 },
          { messageId: afterTwo, attempt: 3 },
          { messageId: midSecond, attempt: 2 },
        ].sort((a, b) => a.messageId.localeCompare(b.messageId)),
      );
      // They are real jobs, due now; a second call finds nothing left to do.
      expect(queue.requeueOrphans()).toEqual([]);
      expect(
        queue
          .receive(10, 1_000)
          .map((j) => j.job)
          .sort((a, b) => a.messageId.localeCompare(b.messageId)),
      ).toEqual(
        [...jobs, { messageId: waiting, attempt: 1 }].sort((a, b) => a.messageId.localeCompare(b.messageId)),
      );
    });

    it('leaves a message whose job is in the dead-letter table to the redrive', async () => {
      const { db, queue } = open(0);
      const log = new SqliteMessageLog(db);
      const record = messageRecord({ status: 'queued' });
      await log.create(record);
      await queue.enqueue({ messageId: record.id, attempt: 1 });
      expect(queue.receive(1, 0)).toEqual([]); // over maxReceives (0): buried at once
      expect(queue.deadJobs()).toHaveLength(1);
      expect(queue.requeueOrphans()).toEqual([]);
    });
  });

  describe('on a file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sqlite-queue-'));
    });
    afterEach(async () => {
      for (const db of opened.splice(0)) if (db.open) db.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('keeps jobs, leases and dead letters across a close and a reopen', async () => {
      const path = join(dir, 'db', 'messages.db');
      const clock = { now: T0 };
      const first = openDatabase(path);
      opened.push(first);
      const queue = new SqliteQueue(first, { maxReceives: 2, now: () => clock.now });
      await queue.enqueue({ messageId: 'waiting', attempt: 1 }, { delayMs: 1_000 });
      await queue.enqueue({ messageId: 'leased', attempt: 2 });
      await queue.enqueue({ messageId: 'poison', attempt: 1 });
      expect(ids(queue.receive(1, 5_000))).toEqual(['leased']);
      expect(ids(queue.receive(1, 0))).toEqual(['poison']);
      expect(ids(queue.receive(1, 0))).toEqual(['poison']);
      expect(queue.receive(1, 0)).toEqual([]); // poison: over maxReceives, buried
      first.close(); // as a process that stops (or is killed: every statement is committed)

      const second = openDatabase(path);
      opened.push(second);
      const reopened = new SqliteQueue(second, { maxReceives: 2, now: () => clock.now });
      expect(reopened.deadJobs().map((d) => d.job)).toEqual([{ messageId: 'poison', attempt: 1 }]);
      clock.now = T0 + 1_000;
      expect(ids(reopened.receive(10, 5_000))).toEqual(['waiting']);
      clock.now = T0 + 5_000; // the lease taken before the stop ends
      expect(reopened.receive(10, 5_000)).toEqual([
        { jobId: expect.any(Number), job: { messageId: 'leased', attempt: 2 }, receiveCount: 2 },
      ]);
    });
  });
});

describe('startLocalWorker', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  function setup(deliver: (messageId: string) => Promise<DeliveryOutcome>, leaseMs = 300) {
    const db = openDatabase(':memory:');
    const queue = new SqliteQueue(db, { maxReceives: 3 });
    const { logger, lines } = capturingLogger();
    const seen: string[] = [];
    const worker = startLocalWorker({
      queue,
      deliverMessage: async (job) => {
        seen.push(job.messageId);
        return deliver(job.messageId);
      },
      logger,
      concurrency: 2,
      leaseMs,
      pollMs: 50,
    });
    closers.push(async () => {
      await worker.close();
      db.close();
    });
    return { queue, worker, seen, lines, db };
  }

  it('acknowledges a job once it is done', async () => {
    const { queue, worker, seen } = setup(async () => 'done');
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    await waitFor(() => (seen.length > 0 ? true : undefined));
    await worker.idle();
    expect(seen).toEqual(['m']);
    expect(queue.nextDueAt()).toBeUndefined(); // deleted, not leased
  });

  it("releases a job whose message is busy for a short while, well before the job's lease ends", async () => {
    let outcome: DeliveryOutcome = 'busy';
    const { queue, seen } = setup(async () => outcome, 10_000);
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    await waitFor(() => (seen.length === 1 ? true : undefined));
    outcome = 'done';
    const started = Date.now();
    // Released for min(lease, 1 s), not the 10 s lease.
    await waitFor(() => (seen.length === 2 ? true : undefined), { timeoutMs: 3_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitFor(() => (queue.nextDueAt() === undefined ? true : undefined));
  });

  it('leaves a job whose handling throws leased: it comes back after the lease, then goes dead', async () => {
    const { queue, seen, lines } = setup(async () => {
      throw new Error('log down');
    }, 100);
    await queue.enqueue({ messageId: 'm', attempt: 1 });
    await waitFor(() => (queue.deadJobs().length === 1 ? true : undefined), { timeoutMs: 5_000 });
    expect(seen).toEqual(['m', 'm', 'm']); // maxReceives times, each after the previous lease
    const failures = lines().filter((l) => l.msg.startsWith('delivery job failed'));
    expect(failures.map((l) => l.receiveCount)).toEqual([1, 2, 3]);
  });

  it('keeps polling after the queue fails to be read for a while', async () => {
    const { queue, seen, lines } = setup(async () => 'done');
    const state = { failing: true, failures: 0 };
    // A disk or lock error on every read of the queue, for a while.
    const fail =
      <A extends unknown[], R>(real: (...args: A) => R) =>
      (...args: A): R => {
        if (state.failing) {
          state.failures++;
          throw new Error('SQLITE_IOERR: disk I/O error');
        }
        return real(...args);
      };
    queue.receive = fail(queue.receive.bind(queue));
    queue.nextDueAt = fail(queue.nextDueAt.bind(queue));
    await queue.enqueue({ messageId: 'm', attempt: 1 }); // wakes the worker, whose poll fails
    await waitFor(() => (state.failures > 0 ? true : undefined));
    await sleep(100);
    state.failing = false;
    await waitFor(() => (seen.length > 0 ? true : undefined), { timeoutMs: 3_000, what: 'the job' });
    expect(lines().some((l) => l.msg === 'queue poll failed')).toBe(true);
  });
});
