// The console (console/) built by Vite to static files: `npm start` builds it to dist/console, which
// the local host serves at `/`; the browser tests build their own copy.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds the console to `outDir` and answers it. */
export async function buildConsole(outDir = resolve(ROOT, 'dist', 'console')): Promise<string> {
  await build({
    configFile: resolve(ROOT, 'console', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

// `tsx scripts/build-console.ts [outDir]`: the stack's asset bundling calls it so.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await buildConsole(process.argv[2] ? resolve(process.argv[2]) : undefined);
