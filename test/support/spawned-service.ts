import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildLocalServer, localServerNodeFlags } from '../../scripts/build-local.js';

// The local server as `npm start` builds it, once per test process (its own file: test files run
// in parallel processes), inside the project so that its packages resolve.
let localServer: Promise<string> | undefined;
const builtLocalServer = () =>
  (localServer ??= buildLocalServer(
    join(
      import.meta.dirname,
      '..',
      '..',
      'node_modules',
      '.cache',
      'messaging-local',
      `start-local-${process.env.VITEST_POOL_ID ?? process.pid}.mjs`,
    ),
  ));

/**
 * The real service as `npm start` runs it (the built local server on plain node) in a child
 * process with `env` added. `listening` resolves with its URL; `lines()` are its stdout JSON lines.
 */
export async function spawnService(env: Record<string, string>) {
  const proc: ChildProcess = spawn(process.execPath, [...localServerNodeFlags(), await builtLocalServer()], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  const listening = new Promise<string>((resolve, reject) => {
    proc.stderr?.on('data', (chunk) => {
      stderr += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve(url);
    });
    proc.once('exit', (code, signal) => reject(new Error(`exited ${code ?? signal}: ${stderr}`)));
  });
  // A rejection nobody awaits (the process killed after it listened) must not fail the run.
  listening.catch(() => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    listening,
    exited,
    stderr: () => stderr,
    lines: () =>
      stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown> & { msg: string; level: string }),
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      await exited;
    },
  };
}

export type SpawnedService = Awaited<ReturnType<typeof spawnService>>;
