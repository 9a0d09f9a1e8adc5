import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';

// Stands for an optional field an input lacks: it accepts only absence (never parsed otherwise).
const ABSENT = /* @__PURE__ */ lazy(() => z.optional(z.never()));

/** The placeholder `build` gives a field that `has` answers false for. */
export const absent = () => built(ABSENT);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An object schema that builds only the optional fields its input carries. `build(has)` makes the
 * schema with each optional field `has` answers true for, and `absent()` for the others; the
 * answer is the schema for an input: one per set of `optional` fields present, each built on first
 * use and kept. zod never parses an optional field's schema for an absent (undefined) value, so
 * each answers an input exactly as `build(() => true)` would, and a request builds only the
 * variants it has (a template's channels, a key's limits): on a cold start, building schemas is
 * most of a management request's own work (docs/performance.md, run 12).
 */
export function byPresentFields<K extends string, S>(
  optional: readonly K[],
  build: (has: (field: K) => boolean) => S,
): (input: unknown) => S {
  const schemas = new Map<string, S>();
  return (input) => {
    const present = isPlainObject(input) ? optional.filter((field) => input[field] !== undefined) : [];
    const key = present.join(' ');
    let schema = schemas.get(key);
    if (!schema) {
      schema = build((field) => present.includes(field));
      schemas.set(key, schema);
    }
    return schema;
  };
}
