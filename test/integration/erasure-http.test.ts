import { afterEach, describe, expect, it } from 'vitest';
import { ERASED } from '../../lib/domain/message.schema.js';
import { startTestService, type TestService } from '../support/service.js';

// Authentication off: every caller is the tenant `default` (tenant isolation: the contract suites).
describe('POST /erasures over HTTP', () => {
  let service: TestService;
  afterEach(async () => service?.close());

  it('leaves nothing findable by the original recipient on any route, and keeps other recipients', async () => {
    service = await startTestService();
    const send = (recipient: string, key?: string) =>
      service.post(
        '/sendMessage',
        { type: 'sms', recipient, content: 'Your code is 123456' },
        key ? { 'idempotency-key': key } : {},
      );
    const first = (await (await send('+14155550123', 'k1')).json()) as { id: string };
    await send('+1 415 555 0123');
    const other = (await (await send('+14155550199')).json()) as { id: string };

    const answer = await service.post('/erasures', { recipient: '+1 (415) 555-0123' });
    expect(answer.status).toBe(202);
    const job = (await answer.json()) as {
      id: string;
      erased: number;
      status: string;
      recipientHash: string;
    };
    expect(job).toMatchObject({ status: 'completed', erased: 2, tenant: 'default' });
    expect(JSON.stringify(job)).not.toContain('4155550123');
    expect(await (await service.get(`/erasures/${job.id}`)).json()).toEqual(job);

    const list = (await (await service.get('/messages?recipient=%2B14155550123')).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    const record = await (await service.get(`/messages/${first.id}`)).text();
    expect(record).not.toContain('4155550123');
    expect(JSON.parse(record)).toMatchObject({ recipient: job.recipientHash, content: ERASED });
    const events = await (await service.get(`/messages/${first.id}/events`)).text();
    expect(events).not.toContain('4155550123');
    const all = await (await service.get('/messages?limit=100')).text();
    expect(all).not.toContain('4155550123');
    expect(all).toContain(other.id);
    // The kept answer of the original send is gone: the same request is not replayed.
    const again = await send('+14155550123', 'k1');
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(((await again.json()) as { id: string }).id).not.toBe(first.id);
  });

  it('answers 400 naming the recipient, and 404 for an unknown job', async () => {
    service = await startTestService();
    const bad = await service.post('/erasures', { recipient: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('recipient');
    expect((await service.get('/erasures/01JD0Y4ZQ9R6T3K1M8XW2B7C5E')).status).toBe(404);
  });
});

describe('LOG_CONTENT=redacted over HTTP', () => {
  let service: TestService;
  afterEach(async () => service?.close());

  it('logs [redacted] with the length and SHA-256 of the content, sends synchronously, refuses a resend', async () => {
    service = await startTestService({ env: { LOG_CONTENT: 'redacted' } });
    const content = 'Your code is 123456';
    const sent = await service.post(
      '/sendMessage',
      { type: 'email', recipient: 'a@example.com', subject: 'Secret', content },
      { prefer: 'respond-async' },
    );
    expect(sent.status).toBe(200);
    const record = (await sent.json()) as { id: string };
    const stored = await (await service.get(`/messages/${record.id}`)).text();
    expect(stored).not.toContain('123456');
    expect(stored).not.toContain('Secret');
    const { createHash } = await import('node:crypto');
    expect(JSON.parse(stored)).toMatchObject({
      status: 'sent',
      content: '[redacted]',
      subject: '[redacted]',
      contentDigest: { length: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    });
    expect(service.rawLogs()).not.toContain('123456');
  });

  it("logs a templated email's HTML part as [redacted] too", async () => {
    service = await startTestService({ env: { LOG_CONTENT: 'redacted' } });
    const template = {
      email: { subject: 'Hi {{name}}', text: 'Hello {{name}}', html: '<p>Hello {{name}}</p>' },
    };
    const put = await fetch(`${service.url}/templates/welcome`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(template),
    });
    expect(put.status).toBe(201);
    const sent = await service.post('/sendMessage', {
      type: 'email',
      recipient: 'a@example.com',
      template: 'welcome',
      data: { name: 'Zephyrine' },
    });
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const stored = JSON.parse(await (await service.get(`/messages/${id}`)).text());
    expect(stored).toMatchObject({
      template: 'welcome',
      content: '[redacted]',
      subject: '[redacted]',
      html: '[redacted]',
    });
    expect(JSON.stringify(stored)).not.toContain('Zephyrine');
    expect(service.rawLogs()).not.toContain('Zephyrine');
  });
});
