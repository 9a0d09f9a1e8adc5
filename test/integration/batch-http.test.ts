import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { startTestService, type TestService } from '../support/service.js';

// POST /messages/batch, scheduled sends and DELETE /messages/{id} over HTTP, on the local service
// (the same handlers as the Lambdas), every answer checked against the OpenAPI document.

let service: TestService | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await service?.close();
  service = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Result = { status: number; message?: MessageRecord; error?: { code: string; details?: unknown[] } };
const sms = (content: string, extra: Record<string, unknown> = {}) => ({
  type: 'sms',
  recipient: '+14155550123',
  content,
  ...extra,
});
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('POST /messages/batch', () => {
  it('answers 207 with one result per message, in order; a bad one fails alone', async () => {
    service = await startTestService();
    const response = await service.post('/messages/batch', {
      messages: [
        sms('one'),
        { type: 'sms', recipient: 'nope', content: 'x' },
        sms('later', { sendAt: inAnHour() }),
      ],
    });
    expect(response.status).toBe(207);
    const { results } = (await response.json()) as { results: Result[] };
    expect(results.map((r) => r.status)).toEqual([202, 400, 202]);
    expect(results[0]?.message).toMatchObject({ status: 'queued', content: 'one' });
    expect(results[1]?.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ field: 'recipient', message: expect.any(String) }],
      requestId: response.headers.get('x-request-id'),
    });
    expect(results[2]?.message).toMatchObject({ status: 'scheduled', content: 'later' });
    await service.worker?.idle();
    const first = (await (await service.get(`/messages/${results[0]?.message?.id}`)).json()) as MessageRecord;
    expect(first.status).toBe('sent');
    const later = (await (await service.get(`/messages/${results[2]?.message?.id}`)).json()) as MessageRecord;
    expect(later.status).toBe('scheduled');
  });

  it('replays the whole answer for a repeated Idempotency-Key, queueing nothing again', async () => {
    service = await startTestService();
    const body = { messages: [sms('a'), sms('b')] };
    const headers = { 'idempotency-key': 'batch-1' };
    const first = await service.post('/messages/batch', body, headers);
    const again = await service.post('/messages/batch', body, headers);
    expect(again.status).toBe(207);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const page = (await (await service.get('/messages')).json()) as { items: unknown[] };
    expect(page.items).toHaveLength(2);
    const conflict = await service.post('/messages/batch', { messages: [sms('c')] }, headers);
    expect(conflict.status).toBe(409);
  });

  it('answers 400 naming messages for an empty or oversized list', async () => {
    service = await startTestService();
    for (const messages of [[], Array.from({ length: 101 }, () => sms('x'))]) {
      const response = await service.post('/messages/batch', { messages });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { details: { field: string }[] } };
      expect(error.details.map((d) => d.field)).toEqual(['messages']);
    }
  });
});

describe('scheduled sends and DELETE /messages/{id}', () => {
  it('answers 202 with the scheduled record for a sendAt, 400 naming sendAt for a past one', async () => {
    service = await startTestService();
    const accepted = await service.post('/sendMessage', sms('reminder', { sendAt: inAnHour() }));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('location')).toMatch(/^\/messages\/[0-9A-Z]{26}$/);
    expect(await accepted.json()).toMatchObject({ status: 'scheduled' });
    const past = await service.post('/sendMessage', sms('x', { sendAt: '2020-01-01T00:00:00Z' }));
    expect(past.status).toBe(400);
    expect(((await past.json()) as { error: { details: unknown } }).error.details).toEqual([
      { field: 'sendAt', message: 'must not be in the past' },
    ]);
  });

  it('cancels a scheduled message (200, then its events); a sent one is 409, an unknown one 404', async () => {
    service = await startTestService();
    const scheduled = (await (
      await service.post('/sendMessage', sms('r', { sendAt: inAnHour() }))
    ).json()) as MessageRecord;
    const del = (id: string) => fetch(`${service?.url}/messages/${id}`, { method: 'DELETE' });
    const canceled = await del(scheduled.id);
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toMatchObject({ id: scheduled.id, status: 'canceled' });
    const events = (await (await service.get(`/messages/${scheduled.id}/events`)).json()) as {
      items: { status: string }[];
    };
    expect(events.items.map((e) => e.status)).toEqual(['scheduled', 'canceled']);

    const sent = (await (await service.post('/sendMessage', sms('now'))).json()) as MessageRecord;
    const refused = await del(sent.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('NOT_CANCELABLE');
    expect((await del('01JD0Y4ZQ9R6T3K1M8XW2B7C5E')).status).toBe(404);
  });
});

describe('a scheduled message offline', () => {
  it('survives a restart: its job is in the database, due at its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduled-restart-'));
    dirs.push(dir);
    const dbPath = join(dir, 'messages.db');
    const clock = { now: Date.parse('2026-11-27T10:00:00.000Z') };
    const overrides = { clock: () => new Date(clock.now) };
    service = await startTestService({ dbPath, overrides });
    const sendAt = '2026-11-28T09:00:00.000Z';
    const record = (await (
      await service.post('/sendMessage', sms('tomorrow', { sendAt }))
    ).json()) as MessageRecord;
    expect(record.status).toBe('scheduled');
    await service.close();

    // A new process on the same database, the next morning.
    clock.now = Date.parse(sendAt) - 1;
    service = await startTestService({ dbPath, overrides });
    await service.worker?.idle();
    expect(((await (await service.get(`/messages/${record.id}`)).json()) as MessageRecord).status).toBe(
      'scheduled',
    );
    clock.now = Date.parse(sendAt);
    await service.worker?.idle();
    const final = (await (await service.get(`/messages/${record.id}`)).json()) as MessageRecord;
    expect(final).toMatchObject({ status: 'sent', sendAt, updatedAt: sendAt });
  });
});
