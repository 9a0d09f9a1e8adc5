import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import {
  type FakeTwilio,
  fakeTwilioServer,
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
} from '../support/fake-twilio-server.js';
import { getEvents, waitForFinalRecord } from '../support/messages-api-client.js';
import { type SpawnedService, spawnService } from '../support/spawned-service.js';

// The real service (`npm start`) killed with SIGKILL while one message is in a provider's hands and
// others wait on the queue, then started again on the same database: every message must still be
// delivered, and only the one that was mid-send may reach the provider twice (the documented window).

const LEASE_MS = 6_000;
const COUNT = 5;

let dir: string;
let twilio: FakeTwilio | undefined;
const running: SpawnedService[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'worker-restart-'));
});
afterEach(async () => {
  for (const service of running.splice(0)) await service.kill();
  await twilio?.close();
  twilio = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const send = (url: string, content: string) =>
  fetch(`${url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', prefer: 'respond-async' },
    body: JSON.stringify({ type: 'sms', recipient: '+14155550123', content }),
  });

const getRecord = async (url: string, id: string) =>
  (await (await fetch(`${url}/messages/${id}`)).json()) as MessageRecord;

describe('the local service killed mid-send', () => {
  it('delivers every message after a restart; only the one mid-send may be sent twice', async () => {
    // The fake Twilio holds the first message's request open: the provider has it, no answer yet.
    const fake = await fakeTwilioServer({ hold: (form) => form.Body === 'message 0' });
    twilio = fake;
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      DB_PATH: join(dir, 'data', 'messages.db'),
      LOG_LEVEL: 'info',
      DELIVERY_MODE: 'async',
      SMS_PROVIDERS: 'twilio',
      TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN,
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: fake.url,
      // Long enough for the held request to still be open at the kill; the lease covers it.
      PROVIDER_TIMEOUT_MS: '5000',
      DELIVERY_LEASE_MS: String(LEASE_MS),
      RETRY_BASE_DELAY_MS: '50',
    };

    // One job at a time: the first is held mid-send, the others wait on the queue.
    const first = await spawnService({ ...env, WORKER_CONCURRENCY: '1' });
    running.push(first);
    const firstUrl = await first.listening;
    const ids: string[] = [];
    const accepted = await send(firstUrl, 'message 0');
    expect(accepted.status).toBe(202);
    ids.push(((await accepted.json()) as MessageRecord).id);
    await fake.received((r) => r.form.Body === 'message 0');
    for (let i = 1; i < COUNT; i++) {
      const response = await send(firstUrl, `message ${i}`);
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as MessageRecord).id);
    }
    // The state at the kill: one claimed and in the provider's hands, the others queued.
    expect((await getRecord(firstUrl, ids[0] ?? '')).status).toBe('sending');
    for (const id of ids.slice(1)) expect((await getRecord(firstUrl, id)).status).toBe('queued');
    expect(fake.requests.map((r) => r.form.Body)).toEqual(['message 0']);

    await first.kill('SIGKILL');
    expect(fake.requests.every((r) => !r.answered)).toBe(true);

    // Restarted on the same database, with the provider answering again.
    fake.behaviour.hold = () => false;
    const second = await spawnService(env);
    running.push(second);
    const url = await second.listening;

    const finals = await Promise.all(ids.map((id) => waitForFinalRecord(url, id, 30_000)));
    for (const final of finals) {
      expect(final).toMatchObject({ status: 'sent', provider: 'twilio', error: null });
      expect(final.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    }
    // Each queued message reached the provider exactly once...
    for (let i = 1; i < COUNT; i++) expect(fake.countBody(`message ${i}`)).toBe(1);
    // ...and the one that was mid-send twice: the request the killed worker left unanswered, and
    // the one of the worker that took its lapsed claim over (never more).
    expect(fake.countBody('message 0')).toBe(2);
    expect(fake.requests).toHaveLength(COUNT + 1);

    const takeOvers = second.lines().filter((l) => l.msg.startsWith('taking over a message left sending'));
    expect(takeOvers).toEqual([expect.objectContaining({ level: 'warn', messageId: ids[0] })]);
    const events = await getEvents(url, ids[0] ?? '');
    expect(events.map((e) => e.status)).toEqual(['queued', 'sending', 'sending', 'sent']);
    // Taken over only once the claim had lapsed.
    const [claimed, takenOver] = events.filter((e) => e.status === 'sending').map((e) => Date.parse(e.at));
    expect((takenOver ?? 0) - (claimed ?? 0)).toBeGreaterThanOrEqual(LEASE_MS);
    for (const id of ids.slice(1)) {
      expect((await getEvents(url, id)).map((e) => e.status)).toEqual(['queued', 'sending', 'sent']);
    }

    // Nothing else comes back later: the worker has nothing left to do.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    expect(fake.requests).toHaveLength(COUNT + 1);
  }, 60_000);
});
