import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { TemplateContent, TemplatePage, TemplateRecord } from '../../domain/template.js';
import { TEMPLATE_NAME_FORMAT } from '../../domain/template-name.js';
import type { TemplateListQuery, TemplateStore } from '../../ports/template-store.js';
import * as z from '../../zod.js';
import { durably, type SqliteDatabase } from './database.js';

interface Row {
  tenant: string;
  name: string;
  version: number;
  content: string;
  created_at: string;
  deleted_at: string | null;
}

const toRecord = (row: Row): TemplateRecord => ({
  tenant: row.tenant,
  name: row.name,
  version: row.version,
  content: JSON.parse(row.content) as TemplateContent,
  createdAt: row.created_at,
  deletedAt: row.deleted_at,
});

// A page ends at a name; the next starts after it.
const NAME_POSITION = z.tuple([z.string().check(z.regex(TEMPLATE_NAME_FORMAT))]);

const SELECT = `SELECT v.tenant, v.name, v.version, v.content, v.created_at, t.deleted_at
  FROM templates t JOIN template_versions v ON v.tenant = t.tenant AND v.name = t.name`;

/** Templates in the service's SQLite database (shared; its owner closes it). */
export class SqliteTemplateStore implements TemplateStore {
  private readonly bumpVersion;
  private readonly insertVersion;
  private readonly latest;
  private readonly byVersion;
  private readonly page;
  private readonly pageAfter;
  private readonly markDeleted;

  constructor(private readonly db: SqliteDatabase) {
    this.bumpVersion = db.prepare(
      `INSERT INTO templates (tenant, name, last_version, deleted_at) VALUES (?, ?, 1, NULL)
       ON CONFLICT (tenant, name) DO UPDATE SET last_version = last_version + 1, deleted_at = NULL
       RETURNING last_version`,
    );
    this.insertVersion = db.prepare(
      `INSERT INTO template_versions (tenant, name, version, content, created_at)
       VALUES (@tenant, @name, @version, @content, @createdAt)`,
    );
    this.latest = db.prepare(`${SELECT} AND v.version = t.last_version WHERE t.tenant = ? AND t.name = ?`);
    this.byVersion = db.prepare(`${SELECT} WHERE t.tenant = ? AND t.name = ? AND v.version = ?`);
    const live = `${SELECT} AND v.version = t.last_version WHERE t.tenant = @tenant AND t.deleted_at IS NULL`;
    this.page = db.prepare(`${live} ORDER BY t.name LIMIT @limit`);
    this.pageAfter = db.prepare(`${live} AND t.name > @after ORDER BY t.name LIMIT @limit`);
    this.markDeleted = db.prepare(
      'UPDATE templates SET deleted_at = ? WHERE tenant = ? AND name = ? AND deleted_at IS NULL',
    );
  }

  async put(tenant: string, name: string, content: TemplateContent, at: string): Promise<TemplateRecord> {
    // One transaction: the version number and its row, or neither.
    const version = durably(this.db, () =>
      this.db.transaction(() => {
        const { last_version } = this.bumpVersion.get(tenant, name) as { last_version: number };
        this.insertVersion.run({
          tenant,
          name,
          version: last_version,
          content: JSON.stringify(content),
          createdAt: at,
        });
        return last_version;
      })(),
    );
    return { tenant, name, version, content, createdAt: at, deletedAt: null };
  }

  async get(tenant: string, name: string, version?: number): Promise<TemplateRecord | undefined> {
    const row = (
      version === undefined ? this.latest.get(tenant, name) : this.byVersion.get(tenant, name, version)
    ) as Row | undefined;
    return row && toRecord(row);
  }

  async list({ tenant, limit, cursor }: TemplateListQuery): Promise<TemplatePage> {
    const params = { tenant, limit: limit + 1 };
    const rows = (
      cursor === undefined
        ? this.page.all(params)
        : this.pageAfter.all({ ...params, after: decodeCursor(cursor, NAME_POSITION)[0] })
    ) as Row[];
    const items = rows.slice(0, limit).map(toRecord);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.name]) : null };
  }

  async delete(tenant: string, name: string, at: string): Promise<TemplateRecord | undefined> {
    const { changes } = durably(this.db, () => this.markDeleted.run(at, tenant, name));
    return changes === 0 ? undefined : this.get(tenant, name);
  }

  async close(): Promise<void> {}
}
