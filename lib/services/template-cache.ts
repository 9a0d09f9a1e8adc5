import type { Clock } from '../domain/clock.js';
import type { TemplateRecord } from '../domain/template.js';

/** How long a process reuses a template it read: a DELETE or a new version made elsewhere reaches it within this. */
export const TEMPLATE_CACHE_MS = 5_000;
const ENTRIES = 1_000;

/**
 * The templates a process read for its sends, each for TEMPLATE_CACHE_MS, so that the sends of a
 * popular template do not read the same item every time (docs/dynamodb.md, "Templates"). A change
 * made in the same process (the local host's routes) is forgotten at once.
 */
export class TemplateCache {
  private readonly entries = new Map<string, { record: TemplateRecord; until: number }>();

  constructor(private readonly clock: Clock) {}

  async get(
    tenant: string,
    name: string,
    version: number | undefined,
    load: () => Promise<TemplateRecord | undefined>,
  ): Promise<TemplateRecord | undefined> {
    const key = `${tenant}#${name}#${version ?? ''}`;
    const now = this.clock().getTime();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.record;
    this.entries.delete(key);
    const record = await load();
    if (record) {
      // The oldest entry goes first (a Map iterates in insertion order).
      if (this.entries.size >= ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { record, until: now + TEMPLATE_CACHE_MS });
    }
    return record;
  }

  /** Every version of a template, after a PUT or a DELETE of it. */
  forget(tenant: string, name: string): void {
    const prefix = `${tenant}#${name}#`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
