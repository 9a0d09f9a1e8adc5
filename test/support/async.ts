import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  CHANNELS,
  type Channel,
  type MessageEvent,
  type MessageRecord,
} from '../../lib/domain/message.schema.js';
import { isFinal } from '../../lib/domain/message-status.js';
import type { MessageLog } from '../../lib/ports/message-log.js';
import type { DeliveryJob, MessageQueue } from '../../lib/ports/message-queue.js';
import type { OutboundMessage, Provider, ProviderRegistry } from '../../lib/ports/provider.js';
import { buildLocalServer } from '../../scripts/build-local.js';

/** Polls `probe` until it answers something other than undefined; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = options;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A promise and the functions that settle it. */
export function deferred<T = void>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * GETs `/messages/{id}` from `baseUrl` until the worker is done with it: `sent` (which only a receipt
 * moves on), `failed`, `delivered` or `undelivered`.
 */
export async function waitForFinalRecord(
  baseUrl: string,
  id: string,
  timeoutMs = 10_000,
): Promise<MessageRecord> {
  return waitFor(
    async () => {
      const response = await fetch(`${baseUrl}/messages/${id}`);
      if (response.status !== 200) return undefined;
      const record = (await response.json()) as MessageRecord;
      return isFinal(record.status) || record.status === 'sent' ? record : undefined;
    },
    { timeoutMs, what: `message ${id} to reach a final status` },
  );
}

/** `GET /messages/{id}/events`: the message's events, oldest first. */
export async function getEvents(baseUrl: string, id: string): Promise<MessageEvent[]> {
  const response = await fetch(`${baseUrl}/messages/${id}/events`);
  if (response.status !== 200) throw new Error(`GET events of ${id} answered ${response.status}`);
  const body = (await response.json()) as { messageId: string; items: MessageEvent[] };
  if (body.messageId !== id) throw new Error(`GET events of ${id} answered those of ${body.messageId}`);
  return body.items;
}

/**
 * Providers (one per channel, all named `hanging`) whose send never answers: it only ends when the
 * caller's signal aborts it, as a vendor that went silent. `calls` records each call and whether
 * and when its signal was aborted.
 */
export function hangingProviders() {
  const calls: { message: OutboundMessage; startedAt: number; abortedAt?: number }[] = [];
  const make = (channel: Channel): Provider => ({
    name: 'hanging',
    channel,
    send: (message, { signal }) =>
      new Promise((_resolve, reject) => {
        const call: (typeof calls)[number] = { message: { ...message }, startedAt: Date.now() };
        calls.push(call);
        signal.addEventListener(
          'abort',
          () => {
            call.abortedAt = Date.now();
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  });
  const providers = Object.fromEntries(CHANNELS.map((c) => [c, [make(c)]])) as unknown as ProviderRegistry;
  return { providers, calls };
}

/** A queue that keeps what it was given (jobs and their delays); `failWith` makes enqueue reject. */
export function memoryQueue() {
  const jobs: { job: DeliveryJob; delayMs: number }[] = [];
  const state: { failWith: Error | undefined; closed: boolean } = { failWith: undefined, closed: false };
  const queue: MessageQueue = {
    async enqueue(job, options = {}) {
      if (state.failWith) throw state.failWith;
      jobs.push({ job: { ...job }, delayMs: options.delayMs ?? 0 });
    },
    async close() {
      state.closed = true;
    },
  };
  return { queue, jobs, state };
}

export const TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TWILIO_AUTH_TOKEN = 'f1e2d3c4b5a697887766554433221100';

/** One request as the fake Twilio received it. */
export interface TwilioRequest {
  path: string | undefined;
  form: Record<string, string>;
  /** Whether it was answered (false for a request held until its connection died). */
  answered: boolean;
}

/**
 * A stand-in for api.twilio.com on 127.0.0.1: answers `POST .../Messages.json` with 201 and a
 * message resource, unless `hold(request)` says to keep that request open (a provider gone silent
 * mid-send). `requests` records every create, answered or not, in arrival order.
 */
export async function fakeTwilioServer(options: { hold?: (form: Record<string, string>) => boolean } = {}) {
  const requests: TwilioRequest[] = [];
  const held: ServerResponse[] = [];
  const listeners = new Set<(request: TwilioRequest) => void>();
  const behaviour = { hold: options.hold ?? (() => false) };
  let counter = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const request: TwilioRequest = { path: req.url, form, answered: false };
      requests.push(request);
      for (const listener of listeners) listener(request);
      if (behaviour.hold(form)) {
        held.push(res);
        return;
      }
      counter++;
      const sid = `SM${counter.toString(16).padStart(32, '0')}`;
      request.answered = true;
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ sid, status: 'queued', to: form.To, from: form.From ?? null, body: form.Body }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    behaviour,
    /** Resolves with the first request (already received or still to come) that `match` accepts. */
    received(match: (request: TwilioRequest) => boolean): Promise<TwilioRequest> {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const listener = (request: TwilioRequest) => {
          if (!match(request)) return;
          listeners.delete(listener);
          resolve(request);
        };
        listeners.add(listener);
      });
    },
    /** How many creates carried this body. */
    countBody: (body: string) => requests.filter((r) => r.form.Body === body).length,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof fakeTwilioServer>>;

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
  const proc: ChildProcess = spawn(process.execPath, ['--enable-source-maps', await builtLocalServer()], {
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

/**
 * A message log that answers through `base`, except for the methods in `overrides` (which may call
 * `base` themselves). Every method is bound to `base`, so that its own state stays its own.
 */
export function interceptLog(base: MessageLog, overrides: Partial<MessageLog>): MessageLog {
  return {
    create: overrides.create ?? base.create.bind(base),
    updateStatus: overrides.updateStatus ?? base.updateStatus.bind(base),
    get: overrides.get ?? base.get.bind(base),
    findByProviderMessageId: overrides.findByProviderMessageId ?? base.findByProviderMessageId.bind(base),
    listEvents: overrides.listEvents ?? base.listEvents.bind(base),
    list: overrides.list ?? base.list.bind(base),
    close: overrides.close ?? base.close.bind(base),
  };
}
