import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { built, lazy } from '../../lib/lazy.js';

describe('lazy', () => {
  it('builds nothing until first used, then once', () => {
    let builds = 0;
    const Schema = lazy(() => {
      builds++;
      return z.object({ n: z.number() });
    });
    expect(builds).toBe(0);
    expect(Schema.parse({ n: 1 })).toEqual({ n: 1 });
    expect(Schema.safeParse({ n: 'x' }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands in for the schema everywhere zod takes one: nested, wrapped, unions, instanceof', () => {
    const Status = lazy(() => z.enum(['a', 'b']));
    const Inner = lazy(() => z.strictObject({ status: Status }));
    const Outer = z.object({ inner: Inner.nullable(), list: z.array(Status).min(1) });
    expect(Outer.parse({ inner: { status: 'a' }, list: ['b'] })).toEqual({
      inner: { status: 'a' },
      list: ['b'],
    });
    const failed = Outer.safeParse({ inner: { status: 'c', extra: 1 }, list: [] });
    expect(failed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'inner',
      'inner.status',
      'list',
    ]);
    expect(Status instanceof z.ZodEnum).toBe(true);
    expect(Status.options).toEqual(['a', 'b']);
    expect(Object.keys(Inner.shape)).toEqual(['status']);
    const Union = z.discriminatedUnion('kind', [
      lazy(() => z.object({ kind: z.literal('x'), x: z.number() })),
      lazy(() => z.object({ kind: z.literal('y'), y: z.string() })),
    ]);
    expect(Union.parse({ kind: 'y', y: 'ok' })).toEqual({ kind: 'y', y: 'ok' });
    expect(Union.safeParse({ kind: 'x', x: 'no' }).success).toBe(false);
  });

  it('hands out the built schema: to built(), and as the inner schema of what its methods make', () => {
    const Inner = lazy(() => z.string().min(2));
    const real = built(Inner);
    expect(real).not.toBe(Inner); // the stand-in is a Proxy; the built schema is not
    expect(built(real)).toBe(real);
    expect(Inner.optional().unwrap()).toBe(real);
    expect(z.object({ a: built(Inner) }).shape.a).toBe(real);
    const plain = z.number();
    expect(built(plain)).toBe(plain);
    expect(built(undefined)).toBeUndefined();
  });

  it('is dropped from a bundle that does not use it', async () => {
    const bundle = async (use: boolean) => {
      const result = await build({
        stdin: {
          contents: `import { lazy } from './lib/lazy.ts';
                     const Unused = /* @__PURE__ */ lazy(() => { throw new Error('built ' + 'UNUSED_MARKER'); });
                     export const used = ${use ? 'Unused' : '1'};`,
          resolveDir: process.cwd(),
          loader: 'ts',
        },
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
      });
      return result.outputFiles[0]?.text ?? '';
    };
    expect(await bundle(true)).toContain('UNUSED_MARKER');
    expect(await bundle(false)).not.toContain('UNUSED_MARKER');
  });
});
