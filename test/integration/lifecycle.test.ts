import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { localServerNodeFlags } from '../../scripts/build-local.js';
import { recordingProviders } from '../support/fake-providers.js';
import { startTestService } from '../support/service.js';
import { spawnService } from '../support/spawned-service.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messaging-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const send = (url: string, content: string) =>
  fetch(`${url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'sms', recipient: '+14155550123', content }),
  });

describe('the log outlives the process', () => {
  it('keeps every message across a stop and a start on the same file', async () => {
    const dbPath = join(dir, 'nested', 'messages.db');
    const first = await startTestService({ dbPath });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(((await (await send(first.url, `n${i}`)).json()) as MessageRecord).id);
    await first.close();

    const second = await startTestService({ dbPath });
    try {
      const page = (await (await second.get('/messages?limit=100')).json()) as { items: MessageRecord[] };
      expect(page.items.map((m) => m.id)).toEqual([...ids].reverse());
      expect(page.items.every((m) => m.status === 'sent')).toBe(true);
      // New ids still sort after the old ones.
      const next = (await (await send(second.url, 'after restart')).json()) as MessageRecord;
      expect(next.id > (ids.at(-1) ?? '')).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('lets an in-flight request finish before closing the log', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => undefined;
    const inProvider = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { providers } = recordingProviders(async (message) => {
      entered();
      await gate;
      return { accepted: true, providerMessageId: `slow-${message.id}` };
    });
    const dbPath = join(dir, 'messages.db');
    const service = await startTestService({ dbPath, overrides: { providers } });
    const pending = send(service.url, 'slow');
    await inProvider;
    let closed = false;
    const closing = service.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    await expect(fetch(`${service.url}/messages`)).rejects.toThrow(); // no new connections
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    const record = (await response.json()) as MessageRecord;
    await closing;

    const reopened = await startTestService({ dbPath });
    try {
      const stored = (await (await reopened.get(`/messages/${record.id}`)).json()) as MessageRecord;
      expect(stored).toMatchObject({ status: 'sent', providerMessageId: `slow-${record.id}` });
    } finally {
      await reopened.close();
    }
  });
});

describe('npm start', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('serves on HOST/PORT, logs a JSON line per request, and stops cleanly on SIGTERM', async () => {
    const dbPath = join(dir, 'data', 'messages.db');
    const run = await spawnService({ HOST: '127.0.0.1', PORT: '0', DB_PATH: dbPath });
    child = run.proc;
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Run with npm start's own node options (Linux lists a process's arguments in /proc).
    const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(argv.slice(1, -1)).toEqual(localServerNodeFlags());
    expect((await send(url, 'hello')).status).toBe(200);
    expect(existsSync(`${dbPath}-wal`)).toBe(true);

    child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
    // A clean close checkpoints the WAL into the database and removes it.
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    const lines = run.lines();
    const request = lines.find((line) => line.msg === 'request');
    expect(request).toMatchObject({ method: 'POST', path: '/sendMessage', status: 200 });
    expect(request?.requestId).toEqual(expect.any(String));
    expect(lines.at(-1)).toMatchObject({ msg: 'stopping', signal: 'SIGTERM' });
  });

  it('refuses to start on a bad setting, naming the variable', async () => {
    const run = await spawnService({ PORT: 'eighty', DB_PATH: join(dir, 'x.db') });
    child = run.proc;
    await expect(run.listening).rejects.toThrow(/PORT: must be a port number/);
    expect((await run.exited).code).toBe(1);
  });
});
