import { describe, expect, it } from 'vitest';
import { deliver, sendWithTimeout } from '../../../lib/channels/failover.js';
import { createLogger } from '../../../lib/logger.js';
import type { OutboundMessage, Provider, SendResult } from '../../../lib/ports/provider.js';

const message: OutboundMessage = {
  id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5E',
  type: 'sms',
  recipient: '+14155550123',
  subject: null,
  content: 'hi',
};
const retryable: SendResult = {
  accepted: false,
  code: '20429',
  message: 'Too many requests',
  retryable: true,
};
const permanent: SendResult = { accepted: false, code: '21211', message: 'Invalid number', retryable: false };

function provider(name: string, answer: (signal: AbortSignal) => Promise<SendResult>) {
  const calls: AbortSignal[] = [];
  const p: Provider = {
    name,
    channel: 'sms',
    send: async (_message, { signal }) => {
      calls.push(signal);
      return answer(signal);
    },
  };
  return Object.assign(p, { calls });
}
const answers = (result: SendResult) => async () => result;
const options = { timeoutMs: 1_000, logger: createLogger({ level: 'silent' }) };

describe('deliver', () => {
  it('stops at the first provider that accepts', async () => {
    const a = provider('a', answers({ accepted: true, providerMessageId: 'A-1' }));
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    expect(await deliver([a, b], message, options)).toEqual({
      provider: 'a',
      attempts: 1,
      result: { accepted: true, providerMessageId: 'A-1' },
    });
    expect(b.calls).toHaveLength(0);
  });

  it('moves on after a retryable failure and counts every try', async () => {
    const a = provider('a', answers(retryable));
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    expect(await deliver([a, b], message, options)).toMatchObject({ provider: 'b', attempts: 2 });
  });

  it('does not move on after a permanent rejection', async () => {
    const a = provider('a', answers(permanent));
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    expect(await deliver([a, b], message, options)).toEqual({
      provider: 'a',
      attempts: 1,
      result: permanent,
    });
    expect(b.calls).toHaveLength(0);
  });

  it('answers the last failure when every provider fails', async () => {
    const a = provider('a', answers(retryable));
    const b = provider('b', async () => {
      throw new Error('socket hang up');
    });
    expect(await deliver([a, b], message, options)).toEqual({
      provider: 'b',
      attempts: 2,
      result: { accepted: false, code: 'PROVIDER_ERROR', message: 'socket hang up', retryable: true },
    });
  });

  it('times out a provider that does not answer, aborts it, and fails over', async () => {
    let aborted = false;
    const slow = provider(
      'slow',
      (signal) =>
        new Promise<SendResult>(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    );
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    const started = Date.now();
    const delivery = await deliver([slow, b], message, { ...options, timeoutMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(delivery).toMatchObject({ provider: 'b', attempts: 2 });
    expect(aborted).toBe(true);
    expect(slow.calls[0]?.aborted).toBe(true);
    expect(b.calls[0]?.aborted).toBe(false);
  });
});

describe('sendWithTimeout', () => {
  it('answers TIMEOUT, retryable, naming the provider and the limit', async () => {
    const never = provider('never', () => new Promise<SendResult>(() => undefined));
    expect(await sendWithTimeout(never, message, 50)).toEqual({
      accepted: false,
      code: 'TIMEOUT',
      message: 'never did not answer within 50 ms',
      retryable: true,
    });
  });

  it('leaves a prompt answer alone and does not abort it afterwards', async () => {
    const quick = provider('quick', answers({ accepted: true, providerMessageId: 'Q' }));
    expect(await sendWithTimeout(quick, message, 50)).toEqual({ accepted: true, providerMessageId: 'Q' });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(quick.calls[0]?.aborted).toBe(false);
  });
});
