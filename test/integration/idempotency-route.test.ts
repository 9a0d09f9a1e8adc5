import { afterEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import { recordingProviders } from '../support/fake-providers.js';
import { startTestService, type TestService } from '../support/service.js';

// The deployed route (functions/send-message.ts through the local server), not a test-built one.
const SMS = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };

let service: TestService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe('POST /sendMessage with Idempotency-Key, as served', () => {
  it('sends once for fifty concurrent requests with one key and answers them all the same', async () => {
    const fakes = recordingProviders(async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { accepted: true, providerMessageId: `fake-${message.id}` };
    });
    service = await startTestService({ overrides: { providers: fakes.providers } });
    const s = service;

    const responses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await s.post('/sendMessage', SMS, { 'Idempotency-Key': 'order-42' });
        return { status: response.status, text: await response.text() };
      }),
    );

    expect(fakes.calls).toHaveLength(1);
    expect(new Set(responses.map((r) => `${r.status} ${r.text}`)).size).toBe(1);
    expect(JSON.parse(responses[0]?.text ?? '')).toMatchObject({ ...SMS, status: 'sent' });
    const page = (await (await s.get('/messages')).json()) as { items: MessageRecord[] };
    expect(page.items).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_CONFLICT to the same key with another body, sending nothing', async () => {
    const fakes = recordingProviders();
    service = await startTestService({ overrides: { providers: fakes.providers } });

    await service.post('/sendMessage', SMS, { 'Idempotency-Key': 'k1' });
    const conflict = await service.post(
      '/sendMessage',
      { ...SMS, content: 'Another' },
      { 'Idempotency-Key': 'k1' },
    );

    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(fakes.calls).toHaveLength(1);
  });
});
