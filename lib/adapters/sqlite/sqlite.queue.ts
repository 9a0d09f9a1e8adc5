import { asError } from '../../domain/errors.js';
import type { DelayedJob, DeliveryJob, MessageQueue } from '../../ports/message-queue.js';
import type { SqliteDatabase } from './database.js';

/** A job as received: the job, its row id (to acknowledge it) and how often it was received. */
export interface ReceivedJob {
  jobId: number;
  job: DeliveryJob;
  receiveCount: number;
}

interface JobRow {
  job_id: number;
  message_id: string;
  attempt: number;
  receive_count: number;
}

/**
 * The offline queue, a table in the service's SQLite database, with SQS's semantics: a received job
 * is hidden for a visibility timeout and comes back unless acknowledged; a job received more than
 * `maxReceives` times moves to the dead-letter table instead, from which `redrive` brings it back.
 * Durable: jobs survive a restart, and a job leased by a killed process comes back when its lease ends.
 */
export class SqliteQueue implements MessageQueue {
  private readonly insert;
  private readonly lease;
  private readonly remove;
  private readonly bury;
  private readonly delay;
  private readonly earliest;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly options: { maxReceives: number; now?: () => number },
  ) {
    this.insert = db.prepare(
      'INSERT INTO delivery_jobs (message_id, attempt, available_at) VALUES (@messageId, @attempt, @availableAt)',
    );
    this.lease = db.prepare(
      `UPDATE delivery_jobs SET available_at = @until, receive_count = receive_count + 1
        WHERE job_id IN (SELECT job_id FROM delivery_jobs WHERE available_at <= @now
                          ORDER BY available_at, job_id LIMIT @max)
       RETURNING job_id, message_id, attempt, receive_count`,
    );
    this.remove = db.prepare('DELETE FROM delivery_jobs WHERE job_id = ?');
    const insertDead = db.prepare(
      `INSERT INTO dead_jobs (job_id, message_id, attempt, receive_count, error, died_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.bury = db.transaction((row: JobRow, error: string, now: number) => {
      insertDead.run(row.job_id, row.message_id, row.attempt, row.receive_count, error, now);
      this.remove.run(row.job_id);
    });
    // The worker's per-poll statements, prepared once.
    this.delay = db.prepare('UPDATE delivery_jobs SET available_at = ? WHERE job_id = ?');
    this.earliest = db.prepare('SELECT min(available_at) AS at FROM delivery_jobs');
  }

  /** The queue's clock (epoch ms): when a job is due is measured on it. */
  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async enqueue(job: DeliveryJob, options: { delayMs?: number } = {}): Promise<void> {
    this.insert.run({ ...job, availableAt: this.now() + (options.delayMs ?? 0) });
    if (!options.delayMs) for (const listener of this.listeners) listener();
  }

  /** One transaction for all: every job is kept, or (a database fault) none is. */
  async enqueueMany(jobs: readonly DelayedJob[]): Promise<(Error | undefined)[]> {
    const now = this.now();
    try {
      this.db.transaction(() => {
        for (const { job, delayMs } of jobs) this.insert.run({ ...job, availableAt: now + (delayMs ?? 0) });
      })();
    } catch (error) {
      return jobs.map(() => asError(error));
    }
    if (jobs.some(({ delayMs }) => !delayMs)) for (const listener of this.listeners) listener();
    return jobs.map(() => undefined);
  }

  /** Called on every undelayed enqueue, so a waiting worker need not wait for its next poll. */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Leases up to `max` due jobs for `visibilityMs`. A job already received `maxReceives` times is not
   * handed out again: it moves to the dead-letter table (a poison message).
   */
  receive(max: number, visibilityMs: number): ReceivedJob[] {
    const now = this.now();
    const rows = this.lease.all({ now, until: now + visibilityMs, max }) as JobRow[];
    const received: ReceivedJob[] = [];
    for (const row of rows) {
      if (row.receive_count > this.options.maxReceives) {
        this.bury(row, `received ${row.receive_count - 1} times without being handled`, now);
        continue;
      }
      received.push({
        jobId: row.job_id,
        job: { messageId: row.message_id, attempt: row.attempt },
        receiveCount: row.receive_count,
      });
    }
    return received;
  }

  /** Acknowledges a job: it is done and never delivered again. */
  acknowledge(jobId: number): void {
    this.remove.run(jobId);
  }

  /** Makes a leased job visible again after `delayMs` (sooner than its lease). */
  release(jobId: number, delayMs: number): void {
    this.delay.run(this.now() + delayMs, jobId);
  }

  /** When the next job is due (epoch ms), if any. */
  nextDueAt(): number | undefined {
    const row = this.earliest.get() as { at: number | null };
    return row.at ?? undefined;
  }

  /** The dead-letter queue's jobs, oldest first. */
  deadJobs(): {
    jobId: number;
    job: DeliveryJob;
    receiveCount: number;
    error: string | null;
    diedAt: number;
  }[] {
    const rows = this.db.prepare('SELECT * FROM dead_jobs ORDER BY died_at, job_id').all() as (JobRow & {
      error: string | null;
      died_at: number;
    })[];
    return rows.map((row) => ({
      jobId: row.job_id,
      job: { messageId: row.message_id, attempt: row.attempt },
      receiveCount: row.receive_count,
      error: row.error,
      diedAt: row.died_at,
    }));
  }

  /** Moves every dead job back to the queue, due now, its receive count reset. Answers how many. */
  redrive(): number {
    return this.db.transaction(() => {
      const moved = this.db
        .prepare(
          `INSERT INTO delivery_jobs (message_id, attempt, available_at)
           SELECT message_id, attempt, ? FROM dead_jobs ORDER BY died_at, job_id`,
        )
        .run(this.now()).changes;
      this.db.prepare('DELETE FROM dead_jobs').run();
      return moved;
    })();
  }

  /**
   * Jobs for messages left `scheduled`, `queued` or `sending` without one: the process stopped
   * between logging a message and enqueueing its job. Queue and log share one database, so this can
   * be found, and fixed, at start: a scheduled message's job is due at its `sendAt`. Answers the jobs
   * enqueued.
   */
  requeueOrphans(): DeliveryJob[] {
    const rows = this.db
      .prepare(
        `SELECT m.id AS messageId,
                (SELECT count(*) FROM message_events e WHERE e.message_id = m.id AND e.status = 'sending') AS rounds,
                m.status AS status, m.send_at AS sendAt
           FROM messages m
          WHERE m.status IN ('scheduled', 'queued', 'sending')
            AND NOT EXISTS (SELECT 1 FROM delivery_jobs j WHERE j.message_id = m.id)
            AND NOT EXISTS (SELECT 1 FROM dead_jobs d WHERE d.message_id = m.id)`,
      )
      .all() as { messageId: string; rounds: number; status: string; sendAt: string | null }[];
    const now = this.now();
    const found = rows.map((row) => ({
      job: {
        messageId: row.messageId,
        // A queued message waits for the round after those it had; a sending one is in its last.
        attempt: Math.max(1, row.status === 'sending' ? row.rounds : row.rounds + 1),
      },
      availableAt: row.status === 'scheduled' && row.sendAt ? Math.max(now, Date.parse(row.sendAt)) : now,
    }));
    this.db.transaction(() => {
      for (const { job, availableAt } of found) this.insert.run({ ...job, availableAt });
    })();
    return found.map(({ job }) => job);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
