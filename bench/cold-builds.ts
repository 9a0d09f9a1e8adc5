// The cold-load part's builds: every function's bundle as the stack builds it (infra/bundling.ts),
// and beside it its floor (the same third-party imports and clients, nothing of the project's).
// Functions whose builds take the same options are built together, one esbuild build of many entry
// points: each package is parsed once for all of them, and each output is the bundle a build of its
// function alone gives (test/unit/bench/cold-builds.test.ts).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleDefines, LAMBDA_BUNDLE } from '../infra/bundling.js';
import { COLD_FUNCTIONS, type ColdFunctionName } from './cold-functions.js';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * `bundled`: the AWS SDK in the bundle, as the stack deploys it (judged). `external`: `@aws-sdk/*`
 * left to the runtime's copy (report only, opt-in since run 11: docs/performance.md).
 */
export const SDKS = ['bundled', 'external'] as const;
export type Sdk = (typeof SDKS)[number];

/** The bundles a run loads: `--sdk=bundled` (the default), `--sdk=external` or `--sdk=all`. */
export function parseSdks(argv: readonly string[]): readonly Sdk[] {
  if (argv.includes('--sdk')) throw new Error('--sdk takes its value after "=": --sdk=all');
  const value = argv.find((arg) => arg.startsWith('--sdk='))?.slice('--sdk='.length) ?? 'bundled';
  if (value === 'all') return SDKS;
  if ((SDKS as readonly string[]).includes(value)) return [value as Sdk];
  throw new Error(`--sdk: unknown value "${value}"; values: ${[...SDKS, 'all'].join(', ')}`);
}

export const esbuildOptions = (external: string[], env: Readonly<Record<string, string>> = {}) => ({
  ...LAMBDA_BUNDLE,
  mainFields: [...LAMBDA_BUNDLE.mainFields],
  external: [...LAMBDA_BUNDLE.external, ...external],
  banner: { js: LAMBDA_BUNDLE.banner },
  define: bundleDefines(env), // as the stack builds them by default: every channel on the mock
  bundle: true,
  metafile: true,
  logLevel: 'silent' as const,
  absWorkingDir: ROOT,
});

/**
 * The package an import takes from: the specifier itself, or, for a project module that only
 * re-exports a package (lib/zod.ts re-exports `zod/mini`), that package. Undefined for other
 * project modules.
 */
function packageOf(importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return specifier;
  const path = join(ROOT, dirname(importer), specifier.replace(/\.js$/, '.ts'));
  const source = existsSync(path) ? readFileSync(path, 'utf8') : '';
  return /^export \* from '([^.'][^']*)';$/m.exec(source)?.[1];
}

/**
 * The floor's source: the same value imports of third-party packages as the function's own source
 * files make (read from the bundle's metafile), kept alive, plus the same client construction: the
 * DynamoDB and SQS clients and the metrics, each only where the bundle holds it.
 */
function floorSource(metafile: Metafile): string {
  const names = new Map<string, Set<string>>();
  // The files that put code in the bundle: a file read but dropped (by a build flag) imports nothing.
  const kept = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const holds = (pkg: string) => kept.some((path) => path.includes(`node_modules/${pkg}/`));
  for (const input of new Set(kept)) {
    if (input.includes('node_modules') || !/\.ts$/.test(input)) continue;
    const source = readFileSync(join(ROOT, input), 'utf8');
    for (const match of source.matchAll(/^import\s+(?!type\s)([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
      const [, clause = ''] = match;
      const specifier = packageOf(input, match[2] ?? '');
      if (!specifier || specifier.startsWith('node:')) continue;
      const used = names.get(specifier) ?? new Set<string>();
      // A namespace import keeps only the members the file uses, as the function's bundle does.
      const namespace = /\*\s+as\s+(\w+)/.exec(clause)?.[1];
      if (namespace) {
        for (const member of source.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, 'g')))
          used.add(member[1] ?? '');
      }
      const defaultName = /^(\w+)/.exec(clause)?.[1];
      if (defaultName && !clause.startsWith('{') && !namespace) used.add('default');
      for (const part of /\{([\s\S]*)\}/.exec(clause)?.[1]?.split(',') ?? []) {
        const name = part
          .trim()
          .split(/\s+as\s+/)[0]
          ?.trim();
        if (name && !name.startsWith('type ')) used.add(name);
      }
      names.set(specifier, used);
    }
  }
  const lines: string[] = [];
  const keep: string[] = [];
  [...names].forEach(([specifier, used], i) => {
    lines.push(`import * as p${i} from ${JSON.stringify(specifier)};`);
    for (const name of used) keep.push(`p${i}.${name}`);
  });
  lines.push(`export const keep = [${keep.join(', ')}];`);
  if (holds('@aws-sdk/client-dynamodb')) {
    lines.push(
      `import { createDocumentClient } from ${JSON.stringify(join(ROOT, 'lib/adapters/dynamodb/client.ts'))};`,
    );
    lines.push('export const client = createDocumentClient();');
  }
  // A route's function builds its metrics (EMF through Powertools, as on Lambda).
  if (holds('@aws-lambda-powertools/metrics')) {
    lines.push(`import { Metrics } from '@aws-lambda-powertools/metrics';`);
    lines.push(`export const metrics = new Metrics({ namespace: 'Messaging', serviceName: 'messaging' });`);
  }
  if (holds('@aws-sdk/client-sqs')) {
    lines.push(
      `import { createSqsClient } from ${JSON.stringify(join(ROOT, 'lib/adapters/sqs/sqs.queue.ts'))};`,
    );
    lines.push(`export const queue = createSqsClient({ region: 'us-east-1' });`);
  }
  return lines.join('\n');
}

export interface ColdBuild {
  name: ColdFunctionName;
  sdk: Sdk;
  outfile: string;
  floorFile: string;
  /** The function's own outputs only (its bundle and map), as a build of it alone reports them. */
  metafile: Metafile;
}

/** The part of a many-entry build's metafile that is one entry's: its output and its map. */
export function metafileOf(metafile: Metafile, outfile: string): Metafile {
  const path = relative(ROOT, outfile).split('\\').join('/');
  const outputs = Object.fromEntries(
    Object.entries(metafile.outputs).filter(([out]) => out === path || out === `${path}.map`),
  );
  if (!outputs[path]) throw new Error(`esbuild wrote no ${path}`);
  return { inputs: metafile.inputs, outputs };
}

/**
 * Builds each named function's bundle and floor for each SDK choice into `dir` (under the project,
 * so that an `@aws-sdk/*`-external bundle resolves the SDK as the runtime would provide it).
 */
export async function buildColdBundles(
  names: readonly ColdFunctionName[],
  sdks: readonly Sdk[],
  dir: string,
): Promise<ColdBuild[]> {
  const groups = new Map<string, { name: ColdFunctionName; sdk: Sdk; key: string }[]>();
  for (const sdk of sdks) {
    for (const name of names) {
      const group = JSON.stringify([sdk, bundleDefines(COLD_FUNCTIONS[name].env)]);
      groups.set(group, [...(groups.get(group) ?? []), { name, sdk, key: `${name}.${sdk}` }]);
    }
  }
  const built = await Promise.all(
    [...groups.values()].map(async (members) => {
      const [first] = members;
      if (!first) return [];
      // Members of a group share their defines, so the first's environment stands for all.
      const options = {
        ...esbuildOptions(first.sdk === 'external' ? ['@aws-sdk/*'] : [], COLD_FUNCTIONS[first.name].env),
        outdir: dir,
        outExtension: { '.js': '.mjs' },
      };
      const bundles = await build({
        ...options,
        entryPoints: Object.fromEntries(members.map((m) => [m.key, COLD_FUNCTIONS[m.name].entry])),
      });
      if (!bundles.metafile) throw new Error('esbuild gave no metafile');
      const { metafile: all } = bundles;
      const own = members.map((member) => {
        const outfile = join(dir, `${member.key}.mjs`);
        const metafile = metafileOf(all, outfile);
        writeFileSync(join(dir, `${member.key}.meta.json`), JSON.stringify(metafile));
        const floorEntry = join(dir, `${member.key}.floor-src.ts`);
        writeFileSync(floorEntry, floorSource(metafile));
        return { ...member, outfile, metafile, floorEntry, floorFile: join(dir, `${member.key}.floor.mjs`) };
      });
      await build({
        ...options,
        entryPoints: Object.fromEntries(own.map((m) => [`${m.key}.floor`, m.floorEntry])),
      });
      return own.map(({ name, sdk, outfile, floorFile, metafile }) => ({
        name,
        sdk,
        outfile,
        floorFile,
        metafile,
      }));
    }),
  );
  return built.flat();
}
