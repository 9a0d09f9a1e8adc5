import { built, lazy } from '../lazy.js';
import type * as z from '../zod.js';

type FieldBuilders = Record<string, () => z.core.SomeType>;
type ShapeOf<F extends FieldBuilders> = { [K in keyof F]: ReturnType<F[K]> };
/** The fields whose schema is `z.optional(...)`: absent, they add nothing to the output and no issue. */
type OptionalKeys<F extends FieldBuilders> = {
  [K in keyof F]: ReturnType<F[K]> extends z.ZodMiniOptional ? K & string : never;
}[keyof F];

/**
 * A request body's object schema whose optional fields are built only once a body carries them
 * (`builders`: a function, so that a bundle which never asks drops it all).
 * `schema` is the whole object (the types and the OpenAPI document come from it); `forBody(body)`
 * is the object with only the deferred fields the body has, built on first use and kept, and
 * `safeParse(body)` parses the body with it. A cold
 * start builds and compiles each kind of zod schema it meets the first time, so a body without
 * `metadata` need not build the metadata's (docs/performance.md, run 18).
 *
 * Each answers a body the same: a deferred field is optional, so its absence adds neither output
 * nor an issue, and the fields keep their order (the issues' order). At most 2^deferred schemas
 * are kept.
 */
export function onDemandFields<F extends FieldBuilders, S extends z.ZodMiniType>(
  builders: () => F,
  deferred: readonly OptionalKeys<F>[],
  object: (shape: ShapeOf<F>) => S,
) {
  let fields: F | undefined;
  const shapeOf = (present: readonly string[] | undefined) => {
    fields ??= builders();
    const shape: Record<string, z.core.SomeType> = {};
    for (const [key, build] of Object.entries(fields)) {
      if (!present || !(deferred as readonly string[]).includes(key) || present.includes(key))
        shape[key] = build();
    }
    return shape as ShapeOf<F>;
  };
  const schema = lazy(() => object(shapeOf(undefined)));
  const bySet = new Map<string, S>();
  const forBody = (body: unknown): S => {
    const present =
      typeof body === 'object' && body !== null ? deferred.filter((key) => Object.hasOwn(body, key)) : [];
    if (present.length === deferred.length) return built(schema);
    const id = present.join();
    let partial = bySet.get(id);
    if (!partial) {
      partial = object(shapeOf(present));
      bySet.set(id, partial);
    }
    return partial;
  };
  return { schema, forBody, safeParse: (body: unknown) => forBody(body).safeParse(body) };
}
