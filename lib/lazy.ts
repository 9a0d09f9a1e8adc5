/**
 * An object built on first use, standing in for it meanwhile: for module-level zod schemas, so that a
 * Lambda pays at cold start only for the schemas its first event needs (building every schema of
 * every imported module at load was a third of a cold start beyond its floor; docs/performance.md).
 * A call has no side effect: annotated `@__PURE__` where it is made, it lets the bundler drop a
 * schema that nothing in the function uses (esbuild did not honour `@__NO_SIDE_EFFECTS__` on it).
 */
export function lazy<T extends object>(build: () => T): T {
  let value: T | undefined;
  const real = (): T => {
    value ??= build();
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, v) => Reflect.set(real(), key, v),
    has: (_, key) => Reflect.has(real(), key),
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
