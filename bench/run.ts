// `npm run bench [-- --quick]`: the service's numbers beside floors measured in the same run.
// Prints a markdown table, writes bench/results.json, and (full run only) exits 1 naming each missed
// target. --quick is a smoke run for CI: short, small, targets reported but not enforced.
// --only=cold,warm (any of throughput, cold, warm, growth, capacity) runs those parts alone, to check one change;
// --functions=get-stats,count-stats limits the cold part to those functions (bench/cold-functions.ts),
// --sdk=all adds to the bundles as deployed the `@aws-sdk/*`-external row (report only), --sdk=external
// loads that row alone;
// --source-maps loads them with the stack's NODE_OPTIONS (--enable-source-maps);
// --pairs=30 takes that many judged pairs of every function, without the stopping rule that lets a
// full run stop a function's pairs once its verdict is clear (bench/cold-stopping.ts).
// capacity: DynamoDB capacity units per message on dynalite (bench/capacity/), hot keys at 10,000
// messages/s, and dollars per million messages; targets against the design before issue 15
// (bench/capacity/baseline.json).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type Database from 'better-sqlite3';
import { createHandler as createListHandler } from '../functions/list-messages.js';
import { createHandler as createSendHandler } from '../functions/send-message.js';
import { LAMBDA_NODE_OPTIONS } from '../infra/bundling.js';
import { openDatabase } from '../lib/adapters/sqlite/database.js';
import { SqliteMessageLog } from '../lib/adapters/sqlite/sqlite.message-log.js';
import { loadConfig } from '../lib/config.js';
import { DEFAULT_TENANT } from '../lib/domain/api-key.js';
import { CHANNEL_REQUESTS, type Channel } from '../lib/domain/message.schema.js';
import { parseListQuery } from '../lib/domain/validation.js';
import { createContainer } from '../lib/host/container.js';
import { built } from '../lib/lazy.js';
import { createLogger } from '../lib/logger.js';
import { buildLocalServer, localServerNodeFlags } from '../scripts/build-local.js';
import baseline from './capacity/baseline.json' with { type: 'json' };
import { capacitySection, hotRatio, measureCapacity, PARTITION_LIMIT } from './capacity/model.js';
import { type Cost, costPerMillion, costSection } from './capacity/pricing.js';
import { buildColdBundles, parseSdks } from './cold-builds.js';
import { COLD_FUNCTIONS, COMMON_ENV, type ColdFunctionName } from './cold-functions.js';
import { COLD_LIMIT, type PairPlan, parsePairPlan, takePairs } from './cold-stopping.js';

const quick = process.argv.includes('--quick');
const PARTS = ['throughput', 'cold', 'warm', 'growth', 'capacity'] as const;
if (process.argv.includes('--only')) throw new Error(`--only takes its parts after "=": --only=cold`);
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknownPart = only?.find((part) => !(PARTS as readonly string[]).includes(part));
if (unknownPart !== undefined) {
  throw new Error(`--only: unknown part "${unknownPart}"; parts: ${PARTS.join(', ')}`);
}
const runs = (part: (typeof PARTS)[number]) => !only || only.includes(part);
const coldOnly = process.argv
  .find((arg) => arg.startsWith('--functions='))
  ?.slice('--functions='.length)
  .split(',');
const sdks = parseSdks(process.argv);
const pairPlan = parsePairPlan(process.argv, quick);
// The cold loads with the NODE_OPTIONS the stack gives every function (source maps read at load):
// report only, since the target's ratios have always been taken without (docs/performance.md, run 10).
const sourceMaps = process.argv.includes('--source-maps');
const unknownFunction = coldOnly?.find((name) => !(name in COLD_FUNCTIONS));
if (unknownFunction !== undefined) {
  throw new Error(
    `--functions: unknown function "${unknownFunction}"; functions: ${Object.keys(COLD_FUNCTIONS).join(', ')}`,
  );
}
const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'messaging-bench-'));
// Bundles live under the project so that an `@aws-sdk/*`-external bundle resolves the SDK as the
// Lambda runtime would provide it.
const bundles = join(ROOT, 'node_modules', '.cache', 'messaging-bench');
mkdirSync(bundles, { recursive: true });

const SETTINGS = quick
  ? {
      duration: 2,
      reportDuration: 2,
      reportPairs: 3,
      warm: 1_000,
      growth: [1_000, 5_000],
      queries: 20,
    }
  : {
      duration: 10,
      reportDuration: 3,
      reportPairs: 10,
      warm: 10_000,
      growth: [1_000, 10_000, 100_000],
      queries: 200,
    };

const BODIES = [
  { type: 'email', recipient: 'user@example.com', content: 'Hello, this is a test message.' },
  { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' },
  { type: 'whatsapp', recipient: '+447911123456', content: 'Your order has shipped.' },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
/** Wall time of each part run (and of the cold part's builds and loads), of the whole run, in s. */
const seconds: Record<string, number> = {};

// ---------------------------------------------------------------------------------------------
// 1-2. Local throughput beside the ceiling

function startProcess(args: string[], env: Record<string, string>, urlFrom: 'stdout' | 'stderr') {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', urlFrom === 'stdout' ? 'pipe' : 'ignore', urlFrom === 'stderr' ? 'pipe' : 'ignore'],
  });
  const url = new Promise<string>((resolveUrl, reject) => {
    let seen = '';
    child[urlFrom]?.on('data', (chunk) => {
      seen += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${seen}`)));
  });
  return { child, url };
}

/** Peak resident set size of a process (Linux VmHWM), in MB. */
const peakRssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
};

/** The connection levels; the targets (p99 beside the ceiling's, errors, peak RSS) are read at the last. */
const LEVELS = [1, 16, 64] as const;
const JUDGED_LEVEL = 64;

/**
 * Seconds of load for one server at one level. The service gets the full time at every level: its
 * run at 64 is judged, and the runs before it are that run's history (its log's size, its heap). The
 * shell's rows and the ceiling's below 64 are report only: a short run (run 13 compares them).
 */
const loadSeconds = (server: 'service' | 'shell' | 'ceiling', connections: number) =>
  server === 'service' || (server === 'ceiling' && connections === JUDGED_LEVEL)
    ? SETTINGS.duration
    : SETTINGS.reportDuration;

async function load(url: string, connections: number, duration: number) {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: BODIES.map((body) => ({
      method: 'POST' as const,
      path: '/sendMessage',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })),
  });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function throughput() {
  // The server as `npm start` builds and runs it.
  const server = await buildLocalServer(join(bundles, 'start-local.mjs'));
  const service = startProcess(
    [...localServerNodeFlags(), server],
    { HOST: '127.0.0.1', PORT: '0', DB_PATH: join(work, 'throughput.db'), LOG_LEVEL: 'info' },
    'stderr',
  );
  const ceiling = startProcess(['bench/ceiling-server.mjs'], {}, 'stdout');
  // The same host around handlers that answer at once: what the handlers themselves cost.
  const shell = startProcess(['--import', 'tsx', 'bench/shell-server.ts'], { LOG_LEVEL: 'info' }, 'stderr');
  const stop = (child: ChildProcess) =>
    new Promise((resolveStop) => {
      child.once('exit', resolveStop);
      child.kill('SIGTERM');
    });
  try {
    const [serviceUrl, ceilingUrl, shellUrl] = await Promise.all([service.url, ceiling.url, shell.url]);
    const rows = [];
    for (const connections of LEVELS) {
      // Rotate which goes first, so that drift on a shared machine does not favour one side.
      const order = [
        ['service', serviceUrl],
        ['shell', shellUrl],
        ['ceiling', ceilingUrl],
      ] as const;
      const shift = LEVELS.indexOf(connections);
      const measured: Record<string, Awaited<ReturnType<typeof load>>> = {};
      for (let k = 0; k < order.length; k++) {
        const [name, url] = order[(k + shift) % order.length] ?? order[0];
        measured[name] = await load(url, connections, loadSeconds(name, connections));
      }
      const svc = measured.service as Awaited<ReturnType<typeof load>>;
      const ceil = measured.ceiling as Awaited<ReturnType<typeof load>>;
      const sh = measured.shell as Awaited<ReturnType<typeof load>>;
      rows.push({
        connections,
        service: svc,
        ceiling: ceil,
        shell: sh,
        ratio: round(svc.requestsPerSecond / ceil.requestsPerSecond, 3),
        shellRatio: round(svc.requestsPerSecond / sh.requestsPerSecond, 3),
      });
    }
    const rssMb = round(peakRssMb(service.child.pid ?? 0));
    const ceilingRssMb = round(peakRssMb(ceiling.child.pid ?? 0));
    return { rows, rssMb, ceilingRssMb };
  } finally {
    await Promise.all([stop(service.child), stop(ceiling.child), stop(shell.child)]);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Cold start: the bundles as the stack builds them, beside floors of their third-party imports

/** Where each function's cold event is written for the fresh processes to read. */
function coldEventFiles(): Record<ColdFunctionName, string> {
  const files = {} as Record<ColdFunctionName, string>;
  for (const [name, fn] of Object.entries(COLD_FUNCTIONS) as [
    ColdFunctionName,
    (typeof COLD_FUNCTIONS)[ColdFunctionName],
  ][]) {
    files[name] = join(work, `${name}.event.json`);
    writeFileSync(files[name], JSON.stringify(fn.event()));
  }
  return files;
}

/**
 * Cold loads of a function's bundle and of its floor, taken in pairs (function then floor, floor
 * then function, alternately) so that a shared machine's drift weighs on both alike, as many as the
 * plan's rule needs to decide (up to its maximum). Medians, in ms. The judged ratio is the median
 * of each pair's ratio of CPU time (the process's user + system time from the import to the
 * answer): on a machine shared with other work, a load's wall time also
 * counts the time it waited for a core, which moved one function's ratio by 0.4 between two runs
 * of the same code, where its CPU time moved by under 0.05 (docs/performance.md, run 10). The
 * wall-clock ratio is reported beside it, and the spread of the pairs' CPU ratios (first and third
 * quartiles) with it.
 */
function timeLoads(
  file: string,
  floorFile: string,
  functionEnv: Record<string, string>,
  plan: PairPlan,
  eventFile?: string,
) {
  const env = {
    ...process.env,
    ...COMMON_ENV,
    ...functionEnv,
    ...(sourceMaps ? { NODE_OPTIONS: LAMBDA_NODE_OPTIONS } : {}),
  };
  // The last line, "<wall ms> <cpu ms>": a function's metrics (EMF) come before it on stdout.
  const once = (bundle: string, event?: string) => {
    const [wall = Number.NaN, cpu = Number.NaN] = (
      execFileSync(
        process.execPath,
        [join(ROOT, 'bench/load-bundle.mjs'), bundle, ...(event ? [event] : [])],
        {
          env,
          encoding: 'utf8',
        },
      )
        .trim()
        .split('\n')
        .at(-1) ?? ''
    )
      .split(' ')
      .map(Number);
    return { wall, cpu };
  };
  const loads: { wall: number; cpu: number }[] = [];
  const floors: { wall: number; cpu: number }[] = [];
  const pairRatio = (i: number, clock: 'wall' | 'cpu') =>
    (loads[i]?.[clock] ?? Number.NaN) / (floors[i]?.[clock] ?? Number.NaN);
  const {
    ratios: cpuRatios,
    interval,
    stopped,
  } = takePairs(plan, (i) => {
    if (i % 2 === 0) {
      loads.push(once(file, eventFile));
      floors.push(once(floorFile));
    } else {
      floors.push(once(floorFile));
      loads.push(once(file, eventFile));
    }
    return pairRatio(i, 'cpu');
  });
  return {
    pairs: cpuRatios.length,
    /** The rule's verdict when it stopped before the maximum. */
    stopped,
    loadMs: round(median(loads.map((l) => l.wall)), 2),
    floorMs: round(median(floors.map((f) => f.wall)), 2),
    loadCpuMs: round(median(loads.map((l) => l.cpu)), 2),
    floorCpuMs: round(median(floors.map((f) => f.cpu)), 2),
    wallRatio: round(median(loads.map((_, i) => pairRatio(i, 'wall'))), 3),
    ratio: round(median(cpuRatios), 3),
    ratioSpread: [round(percentile(cpuRatios, 25), 3), round(percentile(cpuRatios, 75), 3)] as const,
    /** The median CPU ratio's distribution-free interval (95%), when the pairs are enough for one. */
    ratioInterval: interval ? ([round(interval.lower, 3), round(interval.upper, 3)] as const) : undefined,
  };
}

async function coldStart() {
  const events = coldEventFiles();
  const names = (Object.keys(COLD_FUNCTIONS) as ColdFunctionName[]).filter(
    (name) => !coldOnly || coldOnly.includes(name),
  );
  const started = performance.now();
  const builds = await buildColdBundles(names, sdks, bundles);
  seconds['cold builds'] = round((performance.now() - started) / 1000);
  const rows = [];
  for (const name of names) {
    for (const sdk of sdks) {
      const built = builds.find((b) => b.name === name && b.sdk === sdk);
      if (!built) throw new Error(`no build of ${name} (${sdk})`);
      const code = readFileSync(built.outfile);
      const floorCode = readFileSync(built.floorFile);
      // The judged row (SDK bundled) gets more pairs than the report-only one (SDK external).
      const plan = sdk === 'bundled' ? pairPlan : { maxPairs: SETTINGS.reportPairs };
      const loadsStarted = performance.now();
      const loads = timeLoads(built.outfile, built.floorFile, COLD_FUNCTIONS[name].env, plan, events[name]);
      rows.push({
        function: name,
        sdk,
        bytes: code.length,
        gzipBytes: gzipSync(code).length,
        floorBytes: floorCode.length,
        ...loads,
        /** Wall time of the row's fresh processes, its pairs of loads. */
        loadSeconds: round((performance.now() - loadsStarted) / 1000),
      });
    }
  }
  seconds['cold loads'] = round(rows.reduce((sum, row) => sum + row.loadSeconds, 0));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 4. Warm handler cost in process, beside its floor

const context = { awsRequestId: 'bench' } as Context;
function sendEvent(body: object): APIGatewayProxyEvent {
  const event = JSON.parse(
    readFileSync(join(ROOT, 'events/send-email.json'), 'utf8'),
  ) as APIGatewayProxyEvent;
  event.body = JSON.stringify(body);
  return event;
}

type Step = (i: number) => Promise<unknown> | unknown;

/**
 * A handler and its floor, timed in alternating blocks (a tenth of the iterations each) rather than
 * one after the other, so that drift during the run weighs on both alike.
 */
async function timePair(iterations: number, handler: Step, floor: Step) {
  const sides = [handler, floor].map((step) => ({ step, samples: [] as number[], ns: 0n }));
  for (const side of sides) for (let i = 0; i < Math.min(200, iterations); i++) await side.step(i); // JIT warm-up
  const block = Math.max(1, Math.ceil(iterations / 10));
  for (let start = 0; start < iterations; start += block) {
    // Which goes first alternates too, so that one side's garbage is not always collected in the other's.
    for (const side of (start / block) % 2 === 0 ? sides : [...sides].reverse()) {
      const began = process.hrtime.bigint();
      for (let i = start; i < Math.min(iterations, start + block); i++) {
        const t = process.hrtime.bigint();
        await side.step(i);
        side.samples.push(Number(process.hrtime.bigint() - t) / 1000);
      }
      side.ns += process.hrtime.bigint() - began;
    }
  }
  const [a, b] = sides.map(({ samples, ns }) => ({
    perSecond: Math.round(samples.length / (Number(ns) / 1e9)),
    meanUs: round(samples.reduce((x, y) => x + y, 0) / samples.length),
    p99Us: round(percentile(samples, 99)),
  }));
  if (!a || !b) throw new Error('no timings');
  return { handler: a, floor: b, ratio: round(a.perSecond / b.perSecond, 3) };
}

const HOT_RECIPIENT = 'hot@example.com';

function seedMessages(db: Database.Database, count: number) {
  const insert = db.prepare(
    `INSERT INTO messages (id, type, recipient, subject, content, status, provider, provider_message_id,
                           error, attempts, created_at, updated_at)
     VALUES (?, ?, ?, NULL, 'seeded', ?, 'mock', 'mock-x', NULL, 1, ?, ?)`,
  );
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = new Date(start + i * 1000).toISOString();
      const id = `01J${String(i).padStart(23, '0')}`;
      // Every 20th message goes to one recipient, so that filtering by it fills a page at every size.
      const hot = i % 20 === 0;
      const type = hot ? 'email' : (['email', 'sms', 'whatsapp'] as const)[i % 3];
      const recipient = hot
        ? HOT_RECIPIENT
        : type === 'email'
          ? `user${i % 500}@example.com`
          : `+1415555${String(i % 10_000).padStart(4, '0')}`;
      insert.run(id, type, recipient, i % 10 === 0 ? 'failed' : 'sent', at, at);
    }
  })();
}

async function warm() {
  const iterations = SETTINGS.warm;
  const logger = createLogger({ level: 'silent' });

  // The send handler: middy, validation, SQLite insert + conditional update, mock provider.
  const sendDb = join(work, 'warm-send.db');
  const container = createContainer(await loadConfig({ DB_PATH: sendDb }), { logger });
  const send = createSendHandler(() => container);
  const events = BODIES.map(sendEvent);
  // Its floor: the same JSON parse and zod parse, the same two statements, directly, each committed
  // as durably as the log commits them (synchronous=FULL: one fsync each, as the handler's two
  // group commits of one write each).
  const db = openDatabase(join(work, 'warm-send-floor.db'));
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO messages (id, type, recipient, subject, content, status, provider, provider_message_id,
                           error, attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', NULL, NULL, NULL, 0, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE messages SET status = 'sent', provider = 'mock', provider_message_id = ?, error = NULL,
            attempts = 1, updated_at = max(updated_at, ?) WHERE id = ? AND status = 'pending' RETURNING *`,
  );
  const bodies = events.map((event) => event.body ?? '');
  // The schemas themselves, not their lazy stand-ins; a body is parsed with its channel's, as the handler does.
  const requestSchemas = BODIES.map((body) => built(CHANNEL_REQUESTS[body.type as Channel]));
  const sendPair = await timePair(
    iterations,
    async (i) => {
      const response = await send(structuredClone(events[i % 3] as APIGatewayProxyEvent), context);
      if (response.statusCode !== 200) throw new Error(`send answered ${response.statusCode}`);
    },
    (i) => {
      const request = requestSchemas[i % 3]?.parse(JSON.parse(bodies[i % 3] ?? ''));
      if (!request) throw new Error('no schema');
      const now = new Date().toISOString();
      const id = `floor-${i}-${Math.random()}`;
      insert.run(id, request.type, request.recipient, null, request.content, now, now);
      update.get(`mock-${id}`, now, id);
    },
  );
  await container.close();
  db.close();

  // GET /messages on a 10,000-message log, beside the query run directly.
  const listPath = join(work, 'warm-list.db');
  const seedDb = openDatabase(listPath);
  seedMessages(seedDb, 10_000);
  seedDb.close();
  const listContainer = createContainer(await loadConfig({ DB_PATH: listPath }), { logger });
  const list = createListHandler(() => listContainer);
  const listEvent = JSON.parse(
    readFileSync(join(ROOT, 'events/list-messages.json'), 'utf8'),
  ) as APIGatewayProxyEvent;
  listEvent.queryStringParameters = { status: 'sent', limit: '25' };
  const listDb = openDatabase(listPath);
  const select = listDb.prepare(
    'SELECT * FROM messages WHERE tenant = ? AND status = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const listPair = await timePair(
    iterations,
    async () => {
      const response = await list(structuredClone(listEvent), context);
      if (response.statusCode !== 200) throw new Error(`list answered ${response.statusCode}`);
    },
    () => {
      const query = parseListQuery({ status: 'sent', limit: '25' });
      return JSON.stringify(select.all(DEFAULT_TENANT, query.status, query.limit + 1));
    },
  );
  await listContainer.close();
  listDb.close();

  return [
    { route: 'POST /sendMessage', ...sendPair },
    { route: 'GET /messages', ...listPair },
  ];
}

/**
 * CPU time of one warm send invocation (middy, validation, the log's two writes, the mock provider),
 * in ms of a full core: what a Lambda's duration scales with its memory (the rest is waiting on I/O).
 */
async function sendCpuMs(): Promise<number> {
  const container = createContainer(await loadConfig({ DB_PATH: ':memory:' }), {
    logger: createLogger({ level: 'silent' }),
  });
  const send = createSendHandler(() => container);
  const events = BODIES.map(sendEvent);
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await send(structuredClone(events[i % 3] as APIGatewayProxyEvent), context);
  };
  await run(300); // JIT warm-up
  const n = quick ? 500 : 3_000;
  const before = process.cpuUsage();
  await run(n);
  const used = process.cpuUsage(before);
  await container.close();
  return (used.user + used.system) / 1000 / n;
}

// ---------------------------------------------------------------------------------------------
// 5. Log growth: list queries at 1k, 10k, 100k messages

/**
 * One log per size, each seeded once, then queried in rounds that visit every size (in turns, the
 * order alternating), so that a shared machine's drift weighs on every size alike: a size measured
 * in one burst minutes after another had been at the mercy of the machine's speed at that moment.
 */
async function growth() {
  const queries = {
    'first page': { ...parseListQuery({}), tenant: DEFAULT_TENANT },
    'by recipient': { ...parseListQuery({ recipient: HOT_RECIPIENT }), tenant: DEFAULT_TENANT },
    'by status + time': {
      ...parseListQuery({ status: 'failed', from: '2026-01-01', to: '2027-01-01' }),
      tenant: DEFAULT_TENANT,
    },
  };
  const logs = SETTINGS.growth.map((size) => {
    const db = openDatabase(join(work, `growth-${size}.db`));
    seedMessages(db, size);
    return { size, log: new SqliteMessageLog(db), samples: new Map<string, number[]>() };
  });
  const rounds = 10;
  for (let round = 0; round < rounds; round++) {
    for (const { log, samples } of round % 2 === 0 ? logs : [...logs].reverse()) {
      for (const [name, query] of Object.entries(queries)) {
        const taken = samples.get(name) ?? [];
        for (let i = 0; i < Math.ceil(SETTINGS.queries / rounds); i++) {
          const t = process.hrtime.bigint();
          const page = await log.list(query);
          taken.push(Number(process.hrtime.bigint() - t) / 1000);
          if (page.items.length < query.limit) throw new Error(`"${name}" answered a short page`);
        }
        samples.set(name, taken);
      }
    }
  }
  const rows = logs.map(({ size, samples }) => {
    const row: Record<string, number> = { messages: size };
    for (const name of Object.keys(queries)) row[name] = round(median(samples.get(name) ?? []));
    return row;
  });
  for (const { log } of logs) await log.close();
  return rows;
}

// ---------------------------------------------------------------------------------------------

type Check = { target: string; value: number; limit: number; ok: boolean };

type Results = {
  throughput?: Awaited<ReturnType<typeof throughput>>;
  cold?: Awaited<ReturnType<typeof coldStart>>;
  warm?: Awaited<ReturnType<typeof warm>>;
  growth?: Awaited<ReturnType<typeof growth>>;
  capacity?: Awaited<ReturnType<typeof measureCapacity>>;
  cost?: { cpuMs: number; flows: Cost[] };
  /** Wall time of each part run, and of the whole run, in seconds. */
  seconds: Record<string, number>;
};

// The whole run must fit in five minutes on a 2-core machine (checked on a full run).
const RUN_LIMIT_SECONDS = 300;

function checks(results: Results): Check[] {
  const out: Check[] = [];
  const check = (target: string, value: number, limit: number, ok: boolean) =>
    out.push({ target, value: round(value, 3), limit, ok });
  const c64 = results.throughput?.rows.find((row) => row.connections === JUDGED_LEVEL);
  if (c64) {
    // Local throughput is reported beside its ceiling and its shell, without a target (issue 15), and
    // so is its p99: at 64 requests in flight, latency is throughput's other face (64 / requests a
    // second is the mean). A failed request is a fault, not a rate: that check stays.
    check('errors at c64 == 0', c64.service.errors, 0, c64.service.errors === 0);
  }
  if (results.throughput) {
    const { rssMb } = results.throughput;
    check('server peak RSS MB < 200', rssMb, 200, rssMb < 200);
  }
  for (const row of results.cold?.filter((r) => r.sdk === 'bundled') ?? []) {
    if (!sourceMaps) {
      check(
        `${row.function} cold load / floor <= ${COLD_LIMIT}`,
        row.ratio,
        COLD_LIMIT,
        row.ratio <= COLD_LIMIT,
      );
    }
    check(`${row.function} bundle KB < 600`, row.bytes / 1024, 600, row.bytes < 600 * 1024);
  }
  const send = results.warm?.find((row) => row.route === 'POST /sendMessage');
  if (send) check('warm send / floor invocations >= 0.4', send.ratio, 0.4, send.ratio >= 0.4);
  const total = results.seconds.total;
  if (!only && !coldOnly && total !== undefined) {
    check(`whole run seconds < ${RUN_LIMIT_SECONDS}`, total, RUN_LIMIT_SECONDS, total < RUN_LIMIT_SECONDS);
  }
  const first = results.growth?.[0];
  const last = results.growth?.at(-1);
  if (first && last && last !== first) {
    for (const name of ['first page', 'by recipient', 'by status + time']) {
      const ratio = (last[name] ?? 0) / Math.max(first[name] ?? 0, 1);
      check(`list "${name}" at ${last.messages} / at ${first.messages} <= 2`, ratio, 2, ratio <= 2);
    }
  }
  const capacity = results.capacity;
  if (capacity) {
    const { wcu } = baseline;
    const { life, listPage } = capacity;
    const before = { sync: wcu.syncSend + wcu.receipt, async: wcu.asyncSend + wcu.receipt };
    for (const flow of ['sync', 'async'] as const) {
      check(`${flow} message's life WCU <= 10`, life[flow], 10, life[flow] <= 10);
    }
    check(
      `sync life WCU <= half of before (${before.sync})`,
      life.sync,
      before.sync / 2,
      life.sync <= before.sync / 2,
    );
    const withRate = (n: number) => round(n + life.rateLimiter, 2);
    const beforeWithRate = (n: number) => n + wcu.rateLimiter;
    for (const flow of ['sync', 'async'] as const) {
      const limit = beforeWithRate(before[flow]) / 2;
      check(
        `${flow} life + rate limiter WCU <= half of before (${beforeWithRate(before[flow])})`,
        withRate(life[flow]),
        limit,
        withRate(life[flow]) <= limit,
      );
    }
    check('list page WCU == 0', listPage.wcu, 0, listPage.wcu === 0);
    check(`list page of ${listPage.items} RCU <= 10`, listPage.rcu, 10, listPage.rcu <= 10);
    for (const load of capacity.loads) {
      const worst = load.hot.reduce((max, h) => Math.max(max, hotRatio(h)), 0);
      const where = load.hot.find((h) => hotRatio(h) === worst);
      check(
        `${load.name}: hottest key <= ${PARTITION_LIMIT.wcu} WCU/s, ${PARTITION_LIMIT.rcu} RCU/s (${where?.target ?? '-'})`,
        worst,
        1,
        worst <= 1,
      );
    }
  }
  return out;
}

function report(results: Results, verdicts: Check[]): string {
  const { throughput: t, cold, warm, growth, capacity } = results;
  const section = (title: string, header: string[], rows: string[][]) => [
    `## ${title}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
  const lines = [
    `# Benchmark${quick ? ' (quick smoke run: targets not enforced)' : ''}${only ? ` (${only.join(', ')} only)` : ''}`,
    '',
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
    '',
    ...(t
      ? [
          ...section(
            'Local throughput: POST /sendMessage, beside its own shell (empty handlers) and a bare node:http ceiling (report only)',
            [
              'connections',
              'service req/s',
              'p50 ms',
              'p99 ms',
              'errors',
              'shell req/s',
              'ceiling req/s',
              'p50 ms',
              'p99 ms',
              'service/shell',
              'service/ceiling',
            ],
            t.rows.map((r) =>
              [
                r.connections,
                r.service.requestsPerSecond,
                r.service.p50Ms,
                r.service.p99Ms,
                r.service.errors,
                r.shell.requestsPerSecond,
                r.ceiling.requestsPerSecond,
                r.ceiling.p50Ms,
                r.ceiling.p99Ms,
                r.shellRatio,
                r.ratio,
              ].map(String),
            ),
          ),
          `Peak RSS: service ${t.rssMb} MB, ceiling ${t.ceilingRssMb} MB.`,
          '',
        ]
      : []),
    ...(cold
      ? section(
          `Cold start proxy: load + first (offline) event, median of fresh processes${sourceMaps ? `, NODE_OPTIONS=${LAMBDA_NODE_OPTIONS}` : ''}`,
          [
            'function',
            'AWS SDK',
            'bundle KB',
            'gzip KB',
            'floor KB',
            'load ms (CPU)',
            'floor ms (CPU)',
            'load/floor, wall (paired)',
            'load/floor, CPU (paired, judged)',
            'CPU ratio, quartiles',
            "median's 95% interval",
            'pairs (stopped)',
          ],
          cold.map((r) =>
            [
              r.function,
              r.sdk,
              round(r.bytes / 1024),
              round(r.gzipBytes / 1024),
              round(r.floorBytes / 1024),
              `${r.loadMs} (${r.loadCpuMs})`,
              `${r.floorMs} (${r.floorCpuMs})`,
              r.wallRatio,
              r.ratio,
              r.ratioSpread.join('-'),
              r.ratioInterval?.join('-') ?? '-',
              r.stopped ? `${r.pairs} (${r.stopped})` : r.pairs,
            ].map(String),
          ),
        )
      : []),
    ...(warm
      ? section(
          'Warm handler in process',
          [
            'route',
            'handler inv/s',
            'mean µs',
            'p99 µs',
            'floor inv/s',
            'mean µs',
            'p99 µs',
            'handler/floor',
          ],
          warm.map((r) =>
            [
              r.route,
              r.handler.perSecond,
              r.handler.meanUs,
              r.handler.p99Us,
              r.floor.perSecond,
              r.floor.meanUs,
              r.floor.p99Us,
              r.ratio,
            ].map(String),
          ),
        )
      : []),
    ...(growth
      ? section(
          'Log growth: SQLite list queries, median µs',
          ['messages', 'first page', 'by recipient', 'by status + time'],
          growth.map((r) =>
            [r.messages, r['first page'], r['by recipient'], r['by status + time']].map(String),
          ),
        )
      : []),
    ...(capacity ? capacitySection(capacity) : []),
    ...(capacity
      ? [
          `Before the key redesign (${baseline.commit}, bench/capacity/baseline.json): sync send ${baseline.wcu.syncSend} WCU, async ${baseline.wcu.asyncSend}, receipt ${baseline.wcu.receipt}, rate limiter ${baseline.wcu.rateLimiter} on every request; list page ${baseline.listPage.rcu} RCU and ${baseline.listPage.wcu} WCU; ${baseline.hottest.key} at ${baseline.hottest.wcuPerSecondAt10k.toLocaleString('en-US')} WCU/s.`,
          '',
          `Before the status index stopped projecting \`status\` (${baseline.statusProjected.commit}): sync life ${baseline.statusProjected.life.sync} WCU, async ${baseline.statusProjected.life.async}; status-filtered page ${baseline.statusProjected.statusPages.everyRecordMatches} RCU when every record matches, ${baseline.statusProjected.statusPages.noneOf150Matches} RCU when none of 150 does.`,
          '',
        ]
      : []),
    ...(results.cost ? costSection(results.cost.flows, results.cost.cpuMs) : []),
    `Time taken: ${Object.entries(results.seconds)
      .map(([part, seconds]) => `${part} ${seconds} s`)
      .join(', ')}.`,
    '',
    ...section(
      'Targets',
      ['target', 'value', 'limit', 'met'],
      verdicts.map((c) => [c.target, String(c.value), String(c.limit), c.ok ? 'yes' : '**no**']),
    ),
  ];
  return lines.join('\n').trimEnd();
}

try {
  const timed = async <T>(part: (typeof PARTS)[number], run: () => Promise<T>) => {
    const started = performance.now();
    const result = await run();
    seconds[part] = round((performance.now() - started) / 1000);
    return result;
  };
  const results: Results = {
    ...(runs('throughput') ? { throughput: await timed('throughput', throughput) } : {}),
    ...(runs('cold') ? { cold: await timed('cold', coldStart) } : {}),
    ...(runs('warm') ? { warm: await timed('warm', warm) } : {}),
    ...(runs('growth') ? { growth: await timed('growth', growth) } : {}),
    ...(runs('capacity')
      ? { capacity: await timed('capacity', () => measureCapacity({ messages: quick ? 10 : 30 })) }
      : {}),
    seconds,
  };
  if (results.capacity) {
    const { capacity } = results;
    const cpuMs = await sendCpuMs();
    results.cost = {
      cpuMs,
      flows: (['sync', 'async'] as const).map((flow) => costPerMillion(capacity, flow, cpuMs)),
    };
  }
  // From the process's start: the bundles' builds and the setup count too.
  seconds.total = round(performance.now() / 1000);
  const verdicts = checks(results);
  console.log(report(results, verdicts));
  // A run of some parts only is printed, not recorded over the whole run's results.
  if (!only && !coldOnly && !sourceMaps) {
    writeFileSync(
      join(ROOT, 'bench', 'results.json'),
      `${JSON.stringify({ quick, node: process.version, at: new Date().toISOString(), ...results, targets: verdicts }, null, 2)}\n`,
    );
  }
  const missed = verdicts.filter((c) => !c.ok);
  if (missed.length > 0 && !quick) {
    console.error(`\nMissed targets:\n${missed.map((c) => `- ${c.target}: ${c.value}`).join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
