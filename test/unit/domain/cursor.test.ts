import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../../lib/domain/cursor.js';
import { ValidationError } from '../../../lib/domain/errors.js';

const Position = z.strictObject({ createdAt: z.iso.datetime(), id: z.string().min(1) });

const expectCursorError = (cursor: string) => {
  let thrown: unknown;
  try {
    decodeCursor(cursor, Position);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  expect(error.code).toBe('VALIDATION_ERROR');
  expect(error.statusCode).toBe(400);
  expect(error.details?.map((d) => d.field)).toEqual(['cursor']);
};

describe('cursor', () => {
  it.each([
    { createdAt: '2026-11-27T10:45:56.123Z', id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E' },
    { createdAt: '2026-01-01T00:00:00.000Z', id: 'ünïcødé ✓ ~~~???>>>' },
  ])('round-trips the position %j', (position) => {
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor, Position)).toEqual(position);
  });

  it('is URL-safe even where standard base64 is not', () => {
    const position = { createdAt: '2026-11-27T10:45:56.123Z', id: '~~~???>>>' };
    expect(Buffer.from(JSON.stringify(position)).toString('base64')).toMatch(/[+/=]/);
    expect(encodeCursor(position)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('answers what the schema makes of the position', () => {
    const Offset = z.object({ n: z.number().int() });
    expect(decodeCursor(encodeCursor({ n: 40, extra: true }), Offset)).toEqual({ n: 40 });
  });

  it.each([
    ['garbage', 'not a cursor!!!'],
    ['non-base64 characters', '%%%%'],
    ['an empty string', ''],
    ['base64 of non-JSON', Buffer.from('{id:1', 'utf8').toString('base64url')],
    ['a truncated cursor', encodeCursor({ createdAt: '2026-11-27T10:45:56.123Z', id: 'x' }).slice(0, -6)],
    ['the wrong shape', encodeCursor({ offset: 25 })],
    ['a field of the wrong type', encodeCursor({ createdAt: '2026-11-27T10:45:56.123Z', id: 7 })],
    ['an extra field', encodeCursor({ createdAt: '2026-11-27T10:45:56.123Z', id: 'x', admin: true })],
    ['JSON null', encodeCursor(null)],
    ['a JSON array', encodeCursor(['2026-11-27T10:45:56.123Z', 'x'])],
  ])('rejects %s naming `cursor`', (_, cursor) => {
    expectCursorError(cursor);
  });
});
