import { describe, expect, it } from 'vitest';
import { localServerNodeFlags, startScriptNodeFlags } from '../../../scripts/build-local.js';

describe("npm start's node options", () => {
  it('are the options between `node` and the server in the start script', () => {
    const build = 'tsx scripts/build-local.ts && ';
    expect(startScriptNodeFlags(`${build}node dist/start-local.mjs`)).toEqual([]);
    expect(startScriptNodeFlags(`${build}node --enable-source-maps dist/start-local.mjs`)).toEqual([
      '--enable-source-maps',
    ]);
    expect(startScriptNodeFlags(`${build}node --a --b=8 dist/start-local.mjs`)).toEqual(['--a', '--b=8']);
  });

  it('refuse a start script that no longer runs the built server on node', () => {
    expect(() => startScriptNodeFlags('tsx lib/host/start-local.ts')).toThrow(/must end in/);
    expect(() => startScriptNodeFlags('node dist/start-local.mjs --port 5000')).toThrow(/must end in/);
    expect(() => startScriptNodeFlags('tsx x.ts && notnode --a dist/start-local.mjs')).toThrow(/must end in/);
  });

  it("are read from this project's package.json: source maps on, a young generation sized for the server", () => {
    expect(localServerNodeFlags()).toEqual(
      expect.arrayContaining(['--enable-source-maps', '--max-semi-space-size=8']),
    );
  });
});
