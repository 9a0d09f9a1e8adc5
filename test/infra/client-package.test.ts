import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const work = await mkdtemp(join(tmpdir(), 'messaging-client-'));
afterAll(() => rm(work, { recursive: true, force: true }));

// `npm pack` builds the client (prepack: tsc) and makes a tarball that installs without a registry
// (it has no dependencies) and is imported as ESM with its types.
it('packs into a tarball that installs and imports, with its .d.ts', { timeout: 120_000 }, async () => {
  const env = {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
  };
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: join(root, 'client'),
    env,
  });
  const [pack] = JSON.parse(stdout.slice(stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  if (!pack) throw new Error('npm pack listed nothing');
  expect(pack.files.map((file) => file.path).sort()).toEqual([
    'dist/index.d.ts',
    'dist/index.js',
    'dist/schema.d.ts',
    'dist/schema.js',
    'dist/webhooks.d.ts',
    'dist/webhooks.js',
    'package.json',
  ]);
  const app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, pack.filename)], {
    cwd: app,
    env,
  });
  const { stdout: loaded } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { MessagingClient, MessagingError } from '@messaging/client'; console.log(typeof MessagingClient, typeof MessagingError)",
    ],
    { cwd: app },
  );
  expect(loaded.trim()).toBe('function function');
});
