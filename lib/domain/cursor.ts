import { lazy } from '../lazy.js';
import * as z from '../zod.js';
import { ValidationError } from './errors.js';

/** Cursors are opaque to callers: base64url JSON that only the store that wrote it reads back. */
export const encodeCursor = (position: unknown): string =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

export function decodeCursor<T>(cursor: string, schema: z.ZodMiniType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      [{ field: 'cursor', message: 'is not a cursor this service issued' }],
      'Query string is invalid',
    );
  }
  return parsed.data;
}

/** Where a newest-first page ends: the last item's `[createdAt, id]`, the sort key of every store. */
export const POSITION = /* @__PURE__ */ lazy(() =>
  z.tuple([z.iso.datetime({ precision: 3 }), z.string().check(z.minLength(1), z.maxLength(64))]),
);
