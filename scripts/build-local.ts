// `npm start`'s first step: the console (scripts/build-console.ts), and the local server (lib/host/start-local.ts) as one ES module, the
// project's code bundled and its packages left to node_modules, so that the server runs on plain
// node. Run through tsx instead, it carried a TypeScript compiler: ~30 MB more resident memory, at
// the same throughput (docs/performance.md). Tests and the benchmark build their own copy.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildConsole } from './build-console.js';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Builds the local server to `outfile` (inside the project: its packages are found from there) and
 * answers its path. Run it with `localServerNodeFlags()`.
 */
export async function buildLocalServer(outfile = resolve(ROOT, 'dist', 'start-local.mjs')): Promise<string> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['lib/host/start-local.ts'],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

/** The node options of a `start` script that ends in `node [--option ...] dist/start-local.mjs`. */
export function startScriptNodeFlags(script: string): string[] {
  const flags = /(?:^|&& )node ((?:--\S+ )*)dist\/start-local\.mjs$/.exec(script)?.[1];
  if (flags === undefined)
    throw new Error(
      `package.json: "start" must end in \`node [--option ...] dist/start-local.mjs\`: ${script}`,
    );
  return flags.split(' ').filter(Boolean);
}

/**
 * The options `npm start` gives node for the local server, read from package.json, so that the tests
 * and the benchmark run the server as `npm start` does.
 */
export function localServerNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return startScriptNodeFlags(scripts.start ?? '');
}

// `npm start` builds the console too, so that `npm install && npm start` serves it at `/`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await Promise.all([buildLocalServer(), buildConsole()]);
