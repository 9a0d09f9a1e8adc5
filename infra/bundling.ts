/**
 * How every Lambda is bundled: ESM (middy 6 is ESM-only) for Node.js 22, minified, with source maps.
 * The AWS SDK is bundled (a pinned, tested version rather than the runtime's); the native SQLite
 * module is left out: Lambdas log to DynamoDB, and the SQLite adapter loads it only when used.
 * The bundle smoke test builds with these same options.
 */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  external: ['better-sqlite3'],
  // CommonJS packages inside an ESM bundle still call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;
