const REAL = Symbol('lazy: the built value');

/**
 * An object built on first use, standing in for it meanwhile: for module-level zod schemas, so that a
 * Lambda pays at cold start only for the schemas its first event needs, not for every schema of every
 * module it imports (measured, with and without: docs/performance.md).
 * A call has no side effect: annotated `@__PURE__` where it is made, it lets the bundler drop a
 * schema that nothing in the function uses (esbuild did not honour `@__NO_SIDE_EFFECTS__` on it).
 *
 * Methods are bound to the built value, so that `Lazy.safeParse()` or `Lazy.check()` runs on the
 * schema itself, not the stand-in; a schema composed into another (`z.optional(built(Lazy))`)
 * should be passed as `built(Lazy)` for the same reason: otherwise every parse of the outer schema
 * goes through the stand-in's traps.
 */
export function lazy<T extends object>(build: () => T): T {
  let value: T | undefined;
  const real = (): T => {
    value ??= build();
    return value;
  };
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy({} as T, {
    get: (_, key) => {
      if (key === REAL) return real();
      const member: unknown = Reflect.get(real(), key);
      if (typeof member !== 'function') return member;
      let method = bound.get(key);
      if (method === undefined) {
        method = member.bind(real());
        bound.set(key, method);
      }
      return method;
    },
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => key === REAL || Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // Reported configurable: the stand-in's own (empty) target could not honour anything else.
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(real(), key),
  });
}

/** The value behind a `lazy` stand-in, built now if it was not yet; any other value as it is. */
export function built<T>(value: T): T {
  return typeof value === 'object' && value !== null && REAL in value
    ? ((value as Record<typeof REAL, T>)[REAL] as T)
    : value;
}
