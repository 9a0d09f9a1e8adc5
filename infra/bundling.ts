import { BUNDLE_FLAGS, providerNames } from '../lib/channels/catalog.js';
import { CHANNELS } from '../lib/domain/message.schema.js';
import { parseSecretReference } from '../lib/secrets.js';

/**
 * How every Lambda is bundled: ESM (middy 6 is ESM-only) for Node.js 22, minified, with source maps.
 * The AWS SDK is bundled: a pinned, tested version rather than the runtime's copy (whose older
 * clients may not honour `throwOnRequestTimeout`), and faster to load once the bundle holds only
 * what the function uses (docs/performance.md). The native SQLite module is left
 * out: Lambdas log to DynamoDB, and the SQLite adapter loads it only when used.
 * The bundle smoke test and the benchmark build with these same options.
 */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  // The maps give stack traces their original files and lines, which need no copy of the sources.
  // Node reads a bundle's map as it loads the bundle (LAMBDA_NODE_OPTIONS): without the sources the
  // map is a third of the size, and a cold start shorter (docs/performance.md, run 10).
  sourcesContent: false,
  mainFields: ['module', 'main'],
  external: [
    'better-sqlite3',
    // Credential sources a Lambda never reaches: its credentials are in the environment, the first
    // source the SDK's chain tries. The chain imports the others lazily, so leaving them out costs
    // nothing at load. Should one ever be reached, the import is answered by the runtime's own SDK
    // (Lambda's Node.js 18+ runtimes resolve ES module imports through NODE_PATH too).
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/token-providers',
    '@aws-sdk/nested-clients',
    '@smithy/credential-provider-imds',
  ],
  // CommonJS packages inside an ESM bundle still call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
} as const;

/**
 * Every function's NODE_OPTIONS: stack traces name the original files and lines (the bundles' source
 * maps), at the price of reading the map at every cold start (`npm run bench -- --source-maps`).
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

/**
 * Build-time constants that leave out of a function's bundle every provider its environment does not
 * list, the secret stores' SDKs when no setting is a reference, and the Tracer unless TRACING=on. See lib/channels/catalog.ts and
 * lib/secrets.ts. (Which stores and clients a function holds is decided by what it imports: its
 * builders in lib/composition/.)
 */
export function bundleDefines(env: Readonly<Record<string, string>>): Record<string, string> {
  const defines: Record<string, string> = {};
  for (const channel of CHANNELS) {
    const listed = providerNames(env, channel);
    for (const [name, flag] of Object.entries(BUNDLE_FLAGS[channel])) {
      if (!listed.includes(name)) defines[`process.env.${flag}`] = '"false"';
    }
  }
  if (!Object.values(env).some((value) => parseSecretReference(value))) {
    defines['process.env.MESSAGING_BUNDLE_SECRETS'] = '"false"';
  }
  // Lambda functions keep their state in DynamoDB: the SQLite adapters are the local server's.
  defines['process.env.MESSAGING_BUNDLE_SQLITE'] = '"false"';
  // The Tracer and the X-Ray SDK only where the function traces (lib/tracing.ts).
  if (env.TRACING !== 'on') defines['process.env.MESSAGING_BUNDLE_TRACING'] = '"false"';
  return defines;
}
