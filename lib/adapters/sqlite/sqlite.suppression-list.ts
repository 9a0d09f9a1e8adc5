import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { Channel } from '../../domain/message.schema.js';
import {
  SUPPRESSION_POSITION,
  type Suppression,
  type SuppressionInput,
  sortChannels,
  type TenantSuppressionQuery,
} from '../../domain/suppression.js';
import type { SuppressionList } from '../../ports/suppression-list.js';
import type { SqliteDatabase } from './database.js';

interface Row {
  tenant: string;
  recipient: string;
  channels: string;
  reason: Suppression['reason'];
  source: string;
  created_at: string;
  updated_at: string;
}

const toEntry = (row: Row): Suppression => ({
  tenant: row.tenant,
  recipient: row.recipient,
  channels: JSON.parse(row.channels) as Channel[],
  reason: row.reason,
  source: JSON.parse(row.source) as Suppression['source'],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The suppression list in the service's SQLite database (shared; its owner closes it). */
export class SqliteSuppressionList implements SuppressionList {
  private readonly byKey;
  private readonly upsert;
  private readonly update;
  private readonly remove;
  private readonly rename;

  constructor(private readonly db: SqliteDatabase) {
    this.byKey = db.prepare('SELECT * FROM suppressions WHERE tenant = ? AND recipient = ?');
    this.upsert = db.prepare(
      `INSERT INTO suppressions (tenant, recipient, channels, reason, source, created_at, updated_at)
       VALUES (@tenant, @recipient, @channels, @reason, @source, @at, @at)
       ON CONFLICT (tenant, recipient) DO UPDATE SET
         channels = @channels, reason = @reason, source = @source, updated_at = @at`,
    );
    this.update = db.prepare(
      'UPDATE suppressions SET channels = ?, updated_at = ? WHERE tenant = ? AND recipient = ?',
    );
    this.remove = db.prepare('DELETE FROM suppressions WHERE tenant = ? AND recipient = ?');
    this.rename = db.prepare('UPDATE suppressions SET recipient = ? WHERE tenant = ? AND recipient = ?');
  }

  async get(tenant: string, recipient: string): Promise<Suppression | undefined> {
    const row = this.byKey.get(tenant, recipient) as Row | undefined;
    return row && toEntry(row);
  }

  async add(input: SuppressionInput): Promise<Suppression> {
    // One transaction: the read of the channels and the write of their union cannot interleave.
    return this.db.transaction(() => {
      const row = this.byKey.get(input.tenant, input.recipient) as Row | undefined;
      const before = row ? (JSON.parse(row.channels) as Channel[]) : [];
      this.upsert.run({
        tenant: input.tenant,
        recipient: input.recipient,
        channels: JSON.stringify(sortChannels([...before, ...input.channels])),
        reason: input.reason,
        source: JSON.stringify(input.source),
        at: input.at,
      });
      return toEntry(this.byKey.get(input.tenant, input.recipient) as Row);
    })();
  }

  async lift(
    tenant: string,
    recipient: string,
    at: string,
    channels?: readonly Channel[],
  ): Promise<Suppression | undefined | 'absent'> {
    return this.db.transaction(() => {
      const row = this.byKey.get(tenant, recipient) as Row | undefined;
      if (!row) return 'absent' as const;
      const left = channels
        ? (JSON.parse(row.channels) as Channel[]).filter((channel) => !channels.includes(channel))
        : [];
      if (left.length === 0) {
        this.remove.run(tenant, recipient);
        return undefined;
      }
      this.update.run(JSON.stringify(left), at, tenant, recipient);
      return toEntry(this.byKey.get(tenant, recipient) as Row);
    })();
  }

  async erase(tenant: string, recipient: string, hash: string): Promise<boolean> {
    // One transaction: no reader sees the entry under neither key.
    return this.db.transaction(() => {
      const row = this.byKey.get(tenant, recipient) as Row | undefined;
      if (!row) return false;
      const hashed = this.byKey.get(tenant, hash) as Row | undefined;
      if (!hashed) {
        this.rename.run(hash, tenant, recipient);
        return true;
      }
      const channels = [...JSON.parse(hashed.channels), ...JSON.parse(row.channels)] as Channel[];
      this.upsert.run({
        tenant,
        recipient: hash,
        channels: JSON.stringify(sortChannels(channels)),
        reason: row.reason,
        source: row.source,
        at: row.updated_at,
      });
      this.remove.run(tenant, recipient);
      return true;
    })();
  }

  async list(query: TenantSuppressionQuery): Promise<{ items: Suppression[]; nextCursor: string | null }> {
    const where = ['tenant = @tenant'];
    const params: Record<string, unknown> = { tenant: query.tenant, limit: query.limit + 1 };
    if (query.recipient !== undefined) {
      where.push('recipient = @recipient');
      params.recipient = query.recipient;
    }
    if (query.reason !== undefined) {
      where.push('reason = @reason');
      params.reason = query.reason;
    }
    if (query.channel !== undefined) {
      where.push('EXISTS (SELECT 1 FROM json_each(channels) WHERE value = @channel)');
      params.channel = query.channel;
    }
    if (query.cursor !== undefined) {
      const [createdAt, recipient] = decodeCursor(query.cursor, SUPPRESSION_POSITION);
      where.push('(created_at < @createdAt OR (created_at = @createdAt AND recipient < @after))');
      params.createdAt = createdAt;
      params.after = recipient;
    }
    const rows = this.db
      .prepare(
        // One recipient is its primary key's row; any other page is a range of the tenant's time index.
        `SELECT * FROM suppressions ${query.recipient === undefined ? 'INDEXED BY suppressions_by_time' : ''}
         WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, recipient DESC LIMIT @limit`,
      )
      .all(params) as Row[];
    const items = rows.slice(0, query.limit).map(toEntry);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt, last.recipient]) : null,
    };
  }

  async close(): Promise<void> {}
}
