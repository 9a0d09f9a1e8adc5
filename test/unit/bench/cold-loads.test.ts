import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Load, type LoadJob, parseBootAhead, runLoads } from '../../../bench/cold-loads.js';

// Real fresh processes of the bench's harness (bench/load-bundle.mjs), loading small modules that
// note their name on import, so that the order in which the spans really ran can be read back.
let dir: string;
let trail: string;
const bundle = (name: string, body = '') => {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(trail)}, '${name}\\n');\n${body}`,
  );
  return file;
};
let jobs: LoadJob[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cold-loads-test-'));
  trail = join(dir, 'trail.txt');
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ type: 'bench' }));
  const handler = 'export const handler = async (event) => ({ statusCode: 200, body: event.type });';
  // Seven loads, so that the last batch of three is a short one.
  jobs = Array.from({ length: 7 }, (_, i) =>
    i % 2 === 0 ? { bundle: bundle(`load-${i}`, handler), event } : { bundle: bundle(`floor-${i}`) },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ranInOrder = () => readFileSync(trail, 'utf8').trim().split('\n');
const names = () => jobs.map((job) => /([^/]+)\.mjs$/.exec(job.bundle)?.[1]);
/** Two closed intervals share a moment. */
const overlap = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];

function expectNoSpanOverlapsASpanOrABoot(loads: Load[]) {
  for (const [i, load] of loads.entries()) {
    expect(load.bootedAt).toBeLessThanOrEqual(load.readyAt);
    expect(load.readyAt).toBeLessThanOrEqual(load.startedAt);
    expect(load.startedAt).toBeLessThan(load.endedAt);
    for (const [j, other] of loads.entries()) {
      if (i === j) continue;
      const span: [number, number] = [load.startedAt, load.endedAt];
      expect(overlap(span, [other.startedAt, other.endedAt]), `spans of ${i} and ${j}`).toBe(false);
      expect(overlap(span, [other.bootedAt, other.readyAt]), `span of ${i}, boot of ${j}`).toBe(false);
    }
  }
}

describe('cold loads booted ahead', () => {
  it('measure one process at a time, in order, no boot during a span', async () => {
    rmSync(trail, { force: true });
    const loads = await runLoads(jobs, process.env, 3);
    expect(ranInOrder()).toEqual(names());
    expect(loads).toHaveLength(jobs.length);
    expectNoSpanOverlapsASpanOrABoot(loads);
    // Each batch of three booted before its first span: the boots are ahead, not one per span.
    for (const first of [0, 3, 6]) {
      const batch = loads.slice(first, first + 3);
      const firstSpan = batch[0]?.startedAt ?? Number.NaN;
      for (const load of batch) expect(load.readyAt).toBeLessThanOrEqual(firstSpan);
    }
    expect(loads[1]?.readyAt).toBeLessThan(loads[0]?.startedAt ?? Number.NaN);
    // And the next batch only after the last span of the one before.
    expect(loads[3]?.bootedAt).toBeGreaterThan(loads[2]?.endedAt ?? Number.NaN);
    for (const load of loads) expect(load.cpu).toBeGreaterThan(0);
  }, 60_000);

  it('with --boot-ahead=0, boot each process right before its span, as before', async () => {
    rmSync(trail, { force: true });
    const loads = await runLoads(jobs.slice(0, 3), process.env, 0);
    expect(ranInOrder()).toEqual(names().slice(0, 3));
    expectNoSpanOverlapsASpanOrABoot(loads);
    for (const [i, load] of loads.entries()) {
      expect(load.readyAt).toBe(load.startedAt);
      if (i > 0) expect(load.bootedAt).toBeGreaterThan(loads[i - 1]?.endedAt ?? Number.NaN);
    }
  }, 60_000);

  it('fail with the load that failed, and its exit code', async () => {
    const failing = { bundle: bundle('broken', "throw new Error('broken on import');") };
    await expect(runLoads([jobs[1] as LoadJob, failing, jobs[3] as LoadJob], process.env, 3)).rejects.toThrow(
      /broken\.mjs: the load exited 1: [\s\S]*broken on import/,
    );
  }, 60_000);
});

describe('--boot-ahead=', () => {
  it('defaults to batches of four, and takes 0 for the old one-by-one order', () => {
    expect(parseBootAhead([])).toBe(4);
    expect(parseBootAhead(['--quick', '--boot-ahead=0'])).toBe(0);
    expect(parseBootAhead(['--boot-ahead=8'])).toBe(8);
  });

  it('refuses what is not a small whole number, or no value', () => {
    expect(() => parseBootAhead(['--boot-ahead=two'])).toThrow('--boot-ahead: "two" is not a whole number');
    expect(() => parseBootAhead(['--boot-ahead=-1'])).toThrow('is not a whole number');
    expect(() => parseBootAhead(['--boot-ahead'])).toThrow('--boot-ahead takes its value after "="');
  });
});
