import type { ApiKeyRecord } from '../../domain/api-key.js';
import type { KeyStore, RateDecision, RateLimiter } from '../../ports/key-store.js';
import { rateWindows } from '../../ports/key-store.js';
import type { SqliteDatabase } from './database.js';

interface KeyRow {
  id: string;
  name: string;
  tenant: string;
  scopes: string;
  hash: string;
  limits: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toRecord = (row: KeyRow): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  tenant: row.tenant,
  scopes: JSON.parse(row.scopes),
  hash: row.hash,
  limits: JSON.parse(row.limits),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/** API keys in the service's SQLite database (shared; its owner closes it). */
export class SqliteKeyStore implements KeyStore {
  // Prepared once: `get` and `touch` run on every authenticated request.
  private readonly insert;
  private readonly byId;
  private readonly all;
  private readonly byTenant;
  private readonly revokeOnce;
  private readonly used;

  constructor(db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO api_keys (id, name, tenant, scopes, hash, limits, created_at, last_used_at, revoked_at)
       VALUES (@id, @name, @tenant, @scopes, @hash, @limits, @createdAt, @lastUsedAt, @revokedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM api_keys WHERE id = ?');
    this.all = db.prepare('SELECT * FROM api_keys ORDER BY created_at, id');
    this.byTenant = db.prepare('SELECT * FROM api_keys WHERE tenant = ? ORDER BY created_at, id');
    this.revokeOnce = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.used = db.prepare(
      'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    );
  }

  async create(record: ApiKeyRecord): Promise<void> {
    this.insert.run({
      ...record,
      scopes: JSON.stringify(record.scopes),
      limits: JSON.stringify(record.limits),
    });
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const row = this.byId.get(id) as KeyRow | undefined;
    return row && toRecord(row);
  }

  async list(tenant?: string): Promise<ApiKeyRecord[]> {
    const rows = (tenant === undefined ? this.all.all() : this.byTenant.all(tenant)) as KeyRow[];
    return rows.map(toRecord);
  }

  async revoke(id: string, at: string): Promise<ApiKeyRecord | undefined> {
    this.revokeOnce.run(at, id);
    return this.get(id);
  }

  async touch(id: string, at: string): Promise<void> {
    this.used.run(at, id, at);
  }

  async close(): Promise<void> {}
}

/** Rate counters in the service's SQLite database: an upsert that stops counting at the limit. */
export class SqliteRateLimiter implements RateLimiter {
  private readonly increment;
  private readonly sweep;
  private lastSweep = 0;

  constructor(db: SqliteDatabase) {
    this.increment = db.prepare(
      `INSERT INTO rate_counters (key, count, expires_at) VALUES (@counter, 1, @endsAt)
       ON CONFLICT (key) DO UPDATE SET count = count + 1 WHERE count < @limit
       RETURNING count`,
    );
    this.sweep = db.prepare('DELETE FROM rate_counters WHERE expires_at <= ?');
  }

  async consume(keyId: string, limits: ApiKeyRecord['limits'], now: Date): Promise<RateDecision> {
    const windows = rateWindows(keyId, now);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (nowSeconds - this.lastSweep >= 60) {
      this.lastSweep = nowSeconds;
      this.sweep.run(nowSeconds);
    }
    for (const limit of ['perSecond', 'perDay'] as const) {
      const max = limits[limit];
      if (max === null) continue;
      const { counter, endsAt } = windows[limit];
      if (!this.increment.get({ counter, endsAt, limit: max })) {
        return { allowed: false, limit, retryAfterSeconds: Math.max(1, endsAt - nowSeconds) };
      }
    }
    return { allowed: true };
  }

  async close(): Promise<void> {}
}
