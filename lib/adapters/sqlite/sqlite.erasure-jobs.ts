import type { ErasureJob } from '../../domain/erasure.js';
import type { ErasureJobStore } from '../../ports/erasure-jobs.js';
import { durably, type SqliteDatabase } from './database.js';

interface Row {
  id: string;
  tenant: string;
  recipient_hash: string;
  status: ErasureJob['status'];
  erased: number;
  created_at: string;
  completed_at: string;
}

/** Erasure jobs in the service's SQLite database (table `erasures`). The database is its owner's. */
export class SqliteErasureJobStore implements ErasureJobStore {
  private readonly insert;
  private readonly byId;

  constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO erasures (id, tenant, recipient_hash, status, erased, created_at, completed_at)
       VALUES (@id, @tenant, @recipientHash, @status, @erased, @createdAt, @completedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM erasures WHERE id = ?');
  }

  async create(job: ErasureJob): Promise<void> {
    durably(this.db, () => this.insert.run(job));
  }

  async get(id: string): Promise<ErasureJob | undefined> {
    const row = this.byId.get(id) as Row | undefined;
    return (
      row && {
        id: row.id,
        tenant: row.tenant,
        status: row.status,
        erased: row.erased,
        recipientHash: row.recipient_hash,
        createdAt: row.created_at,
        completedAt: row.completed_at,
      }
    );
  }

  async close(): Promise<void> {
    // The database is shared with the message log, whose owner closes it.
  }
}
