import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildColdBundles, type ColdBuild, esbuildOptions, parseSdks } from '../../../bench/cold-builds.js';
import { COLD_FUNCTIONS } from '../../../bench/cold-functions.js';

const ROOT = resolve(import.meta.dirname, '../../..');
// Under the project, as the benchmark's own: a floor's bare imports resolve from its folder.
const cache = join(ROOT, 'node_modules', '.cache');
let dir: string;
let builds: ColdBuild[];
const names = ['get-message', 'count-stats'] as const;

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'cold-builds-test-'));
  builds = await buildColdBundles(names, ['bundled', 'external'], dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the cold part's builds", () => {
  it('give, from one build of many functions, the bytes a build of each function alone gives', async () => {
    expect(builds.map((b) => `${b.name}.${b.sdk}`).sort()).toEqual([
      'count-stats.bundled',
      'count-stats.external',
      'get-message.bundled',
      'get-message.external',
    ]);
    for (const built of builds) {
      const alone = join(dir, 'alone', `${built.name}.${built.sdk}.mjs`);
      const { entry, env } = COLD_FUNCTIONS[built.name];
      await build({
        ...esbuildOptions(built.sdk === 'external' ? ['@aws-sdk/*'] : [], env),
        entryPoints: [entry],
        outfile: alone,
      });
      expect(readFileSync(built.outfile).equals(readFileSync(alone)), built.outfile).toBe(true);
    }
  });

  it("keep each function's metafile to its own bundle and inputs", () => {
    for (const built of builds) {
      const outputs = Object.values(built.metafile.outputs);
      expect(outputs).toHaveLength(2); // the bundle and its map
      const inputs = outputs.flatMap((output) => Object.keys(output.inputs));
      expect(inputs).toContain(COLD_FUNCTIONS[built.name].entry);
      const other = built.name === 'get-message' ? 'count-stats' : 'get-message';
      expect(inputs).not.toContain(COLD_FUNCTIONS[other].entry);
      // The SDK is in the bundle or left out, as the build was asked.
      expect(inputs.some((path) => path.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(
        built.sdk === 'bundled',
      );
    }
  });

  it("build each floor from its own function's imports", () => {
    for (const built of builds) {
      const source = readFileSync(join(dir, `${built.name}.${built.sdk}.floor-src.ts`), 'utf8');
      expect(source).toMatch(/^import \* as p0 from "/m);
      expect(source.includes('createDocumentClient')).toBe(built.sdk === 'bundled');
      expect(readFileSync(built.floorFile).length).toBeGreaterThan(0);
    }
  });
});

describe('--sdk=', () => {
  it('loads the bundles as deployed unless asked for the external row', () => {
    expect(parseSdks([])).toEqual(['bundled']);
    expect(parseSdks(['--sdk=bundled'])).toEqual(['bundled']);
    expect(parseSdks(['--sdk=external'])).toEqual(['external']);
    expect(parseSdks(['--quick', '--sdk=all'])).toEqual(['bundled', 'external']);
  });

  it('refuses a value it does not know, or none', () => {
    expect(() => parseSdks(['--sdk=both'])).toThrow(
      '--sdk: unknown value "both"; values: bundled, external, all',
    );
    expect(() => parseSdks(['--sdk'])).toThrow('--sdk takes its value after "="');
  });
});
