import type { TemplateContent, TemplatePage, TemplateRecord } from '../domain/template.js';

/** A page request of a tenant's templates, by name; `cursor` is a previous page's `nextCursor`. */
export interface TemplateListQuery {
  tenant: string;
  limit: number;
  cursor?: string | undefined;
}

/**
 * The templates port: per tenant and name, immutable versions 1, 2, 3... and whether the template
 * is deleted. Every key leads with the tenant: no call reads or writes another tenant's templates.
 */
export interface TemplateStore {
  /**
   * Stores `content` as the template's next version (one more than its last, deleted or not; 1 for a
   * new name) and makes the template live again; atomic: two concurrent puts get two versions.
   */
  put(tenant: string, name: string, content: TemplateContent, at: string): Promise<TemplateRecord>;
  /**
   * A version (the latest without `version`), with the template's `deletedAt`; undefined for an
   * unknown name or version.
   */
  get(tenant: string, name: string, version?: number): Promise<TemplateRecord | undefined>;
  /**
   * The tenant's live templates, each its latest version, by name. Throws a ValidationError naming
   * `cursor` for a cursor not of its making.
   */
  list(query: TemplateListQuery): Promise<TemplatePage>;
  /** Marks the template deleted (every version; kept for reads); undefined if unknown or already deleted. */
  delete(tenant: string, name: string, at: string): Promise<TemplateRecord | undefined>;
  close(): Promise<void>;
}
