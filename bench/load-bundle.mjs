// One cold load, in a fresh process: import a bundle and, for a function, answer one event that
// builds its clients without touching the network. Prints the milliseconds it took, wall clock and
// then CPU (the process's user + system time over the same span, all its threads).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [file, eventFile] = process.argv.slice(2);
const event = eventFile ? JSON.parse(readFileSync(eventFile, 'utf8')) : undefined;
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
const wallMs = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
console.log(`${wallMs.toFixed(3)} ${((user + system) / 1000).toFixed(3)}`);
// Out at once, rather than when the loop is empty: the figure is printed, and the loads' wait for
// their processes' teardown came to ~8 ms a process (~8 s of a full run's 1,020).
process.exit(0);
