// One cold load, in a fresh process: import a bundle and, for a function, answer one event that
// builds its clients without touching the network. Prints the milliseconds it took, wall clock and
// then CPU (the process's user + system time over the same span, all its threads), then when the
// process started and when the span began and ended (ms since the epoch), for the scheduler to
// check that no two spans, and no boot and a span, overlapped (bench/cold-loads.ts).
// With `--wait` first, it boots, prints "ready" and blocks until a byte arrives on stdin before it
// starts the span: processes are booted ahead together and measured one at a time.
import { readFileSync, readSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const wait = args[0] === '--wait';
const [file, eventFile] = wait ? args.slice(1) : args;
const event = eventFile ? JSON.parse(readFileSync(eventFile, 'utf8')) : undefined;
const now = () => performance.timeOrigin + performance.now();
if (wait) {
  // Plain file descriptors, no process.stdin/stdout streams: those would load modules (net,
  // stream) before the span that the span would otherwise load itself.
  const readyAt = now();
  writeSync(1, `ready ${readyAt.toFixed(3)}\n`);
  readSync(0, Buffer.alloc(1));
}
const cpu = process.cpuUsage();
const started = performance.now();
const module = await import(pathToFileURL(file).href);
if (event) {
  // An authorizer refuses a key by throwing "Unauthorized" (API Gateway answers 401): an answer too.
  const response = await module.handler(event, { awsRequestId: 'bench' }).catch((error) => {
    if (error instanceof Error && error.message === 'Unauthorized') return { refused: true };
    throw error;
  });
  // A stream consumer answers nothing once done: for an event source, only a throw is a failure.
  if ((event.httpMethod !== undefined && !response) || response?.statusCode >= 500)
    throw new Error(`the bundle answered ${JSON.stringify(response)}`);
  if (process.env.BENCH_SHOW_ANSWER) console.error(JSON.stringify(response ?? null).slice(0, 300));
}
const ended = performance.now();
const { user, system } = process.cpuUsage(cpu);
const at = (ms) => (performance.timeOrigin + ms).toFixed(3);
console.log(
  `${(ended - started).toFixed(3)} ${((user + system) / 1000).toFixed(3)} ${performance.timeOrigin.toFixed(3)} ${at(started)} ${at(ended)}`,
);
// Out at once, rather than when the loop is empty: the figure is printed, and the loads' wait for
// their processes' teardown came to ~8 ms a process (~8 s of a full run's 1,020).
process.exit(0);
