// The cold part's fresh processes (bench/load-bundle.mjs), one measured at a time. Node's start and
// its ES module loader cost more than the span that is measured (import to answer; docs/performance.md,
// run 11), so processes are booted ahead in small batches, together, while nothing is measured; each
// then waits, and is told to go once all its batch is ready and the one before it has exited. No two
// measured spans overlap, nor a boot and a span (test/unit/bench/cold-loads.test.ts); what a span
// measures is what it measured when each process booted and went straight on (run 13).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const HARNESS = join(resolve(import.meta.dirname), 'load-bundle.mjs');

/** One fresh process's load: a bundle, and for a function the event file its first invocation answers. */
export interface LoadJob {
  bundle: string;
  event?: string;
}

/** What a process reports, in ms: its span's wall and CPU time, and (since the epoch) when it booted, was ready, and its span began and ended. */
export interface Load {
  wall: number;
  cpu: number;
  bootedAt: number;
  readyAt: number;
  startedAt: number;
  endedAt: number;
}

/** How many processes are booted ahead of their turn: `--boot-ahead=N`; 0 boots each right before its span, as before run 13. */
export const DEFAULT_BOOT_AHEAD = 4;

export function parseBootAhead(argv: readonly string[]): number {
  if (argv.includes('--boot-ahead'))
    throw new Error('--boot-ahead takes its value after "=": --boot-ahead=4');
  const value = argv.find((arg) => arg.startsWith('--boot-ahead='))?.slice('--boot-ahead='.length);
  if (value === undefined) return DEFAULT_BOOT_AHEAD;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 64)
    throw new Error(`--boot-ahead: "${value}" is not a whole number from 0 to 64`);
  return n;
}

interface Started {
  ready: Promise<number>;
  go: () => void;
  done: Promise<Load>;
  stop: () => void;
}

function start(job: LoadJob, env: NodeJS.ProcessEnv, wait: boolean): Started {
  const child = spawn(
    process.execPath,
    [HARNESS, ...(wait ? ['--wait'] : []), job.bundle, ...(job.event ? [job.event] : [])],
    { env, stdio: [wait ? 'pipe' : 'ignore', 'pipe', 'pipe'] },
  );
  // A process that died before its turn is reported by `done`, not by a write to its closed stdin.
  child.stdin?.on('error', () => {});
  let out = '';
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errors += chunk;
  });
  let onReady: (at: number) => void = () => {};
  let readyAt = Number.NaN;
  const ready = new Promise<number>((resolveReady) => {
    onReady = resolveReady;
  });
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    out += chunk;
    const match = /^ready (\S+)\n/.exec(out);
    if (match && Number.isNaN(readyAt)) {
      readyAt = Number(match[1]);
      onReady(readyAt);
    }
  });
  const done = new Promise<Load>((resolveDone, reject) => {
    child.once('error', reject);
    // `close`, not `exit`: the last line is in, and the process is gone before the next one goes.
    child.once('close', (code) => {
      // The last line: a function's metrics (EMF) come before it on stdout.
      const last = out.trim().split('\n').at(-1) ?? '';
      const [wall, cpu, bootedAt, startedAt, endedAt] = last.split(' ').map(Number);
      if (code !== 0 || endedAt === undefined || Number.isNaN(endedAt)) {
        reject(new Error(`${job.bundle}: the load exited ${code}: ${errors.trim() || last}`));
        return;
      }
      // What a load printed on stderr (an answer with BENCH_SHOW_ANSWER=1), once it is over.
      if (errors) process.stderr.write(errors);
      resolveDone({
        wall: wall ?? Number.NaN,
        cpu: cpu ?? Number.NaN,
        bootedAt: bootedAt ?? Number.NaN,
        readyAt: wait ? readyAt : (startedAt ?? Number.NaN),
        startedAt: startedAt ?? Number.NaN,
        endedAt,
      });
    });
  });
  // A process that dies before it is ready must not leave its batch waiting.
  void done.catch(() => onReady(Number.NaN));
  return { ready, go: () => child.stdin?.end('g'), done, stop: () => child.kill() };
}

/**
 * Runs the jobs in order, each in a fresh process, and gives their loads in the same order. With
 * `bootAhead` > 0, `bootAhead` processes boot together, then go one after the other, each once the
 * one before it has exited; the next batch boots after the last of them has exited.
 */
export async function runLoads(jobs: readonly LoadJob[], env: NodeJS.ProcessEnv, bootAhead: number) {
  const loads: Load[] = [];
  const batch = Math.max(1, bootAhead);
  for (let first = 0; first < jobs.length; first += batch) {
    const started = jobs.slice(first, first + batch).map((job) => start(job, env, bootAhead > 0));
    try {
      if (bootAhead > 0) await Promise.all(started.map((s) => s.ready));
      for (const process of started) {
        process.go();
        loads.push(await process.done);
      }
    } catch (error) {
      // The rest of the batch would otherwise wait on stdin, or run once the bench has gone.
      for (const process of started) process.stop();
      throw error;
    }
  }
  return loads;
}
