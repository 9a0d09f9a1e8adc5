import { describe, expect, it } from 'vitest';
import { deliver, sendWithTimeout } from '../../../lib/channels/failover.js';
import { createLogger, maskRecipient } from '../../../lib/logger.js';
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

describe('the provider send line', () => {
  const email: OutboundMessage = {
    id: '01JD0Y4ZQ9R6T3K1M8XW2B7C5F',
    type: 'email',
    recipient: 'jane.private@example.com',
    subject: 'Secret subject',
    content: 'Your one-time code is 918273',
  };
  // What a vendor may answer: its message quotes the address.
  const quoting: SendResult = {
    accepted: false,
    code: 'MessageRejected',
    message: `Email address is not verified: ${email.recipient}`,
    retryable: true,
  };

  function logged(providers: Provider[], target: OutboundMessage = email, timeoutMs = 1_000) {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const delivery = deliver(providers, target, { timeoutMs, logger });
    const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    return { delivery, lines, entries };
  }
  const sends = (entries: Record<string, unknown>[]) => entries.filter((e) => e.msg === 'provider send');

  it('is written once per attempt: provider, channel, message id, masked recipient, outcome, duration', async () => {
    const a = provider('a', answers(quoting));
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    const { delivery, entries } = logged([a, b]);
    await delivery;
    expect(entries().map((e) => e.msg)).toEqual([
      'provider send',
      'provider failed, trying the next one',
      'provider send',
    ]);
    const [first, second] = sends(entries());
    expect(first).toEqual({
      time: expect.any(String),
      level: 'warn',
      msg: 'provider send',
      provider: 'a',
      channel: 'sms',
      messageId: email.id,
      recipient: maskRecipient(email.recipient),
      accepted: false,
      errorCode: 'MessageRejected',
      retryable: true,
      durationMs: expect.any(Number),
    });
    expect(second).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'provider send',
      provider: 'b',
      channel: 'sms',
      messageId: email.id,
      recipient: maskRecipient(email.recipient),
      accepted: true,
      providerMessageId: 'B-1',
      durationMs: expect.any(Number),
    });
    expect(second?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('measures the attempt and says when it timed out or threw', async () => {
    const slow = provider('slow', () => new Promise<SendResult>(() => undefined));
    const broken = provider('broken', async () => {
      throw new Error(`connect failed for ${email.recipient}`);
    });
    const { delivery, entries } = logged([slow, broken], email, 100);
    await delivery;
    const [timedOut, threw] = sends(entries());
    expect(timedOut).toMatchObject({ provider: 'slow', errorCode: 'TIMEOUT', retryable: true });
    expect(timedOut?.durationMs).toBeGreaterThanOrEqual(90);
    expect(threw).toMatchObject({ provider: 'broken', errorCode: 'PROVIDER_ERROR', retryable: true });
  });

  it('says a permanent rejection is not retryable, and nothing more is tried', async () => {
    const a = provider('a', answers({ ...quoting, retryable: false }));
    const b = provider('b', answers({ accepted: true, providerMessageId: 'B-1' }));
    const { delivery, entries } = logged([a, b]);
    await delivery;
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ level: 'warn', accepted: false, retryable: false });
  });

  it('never carries the content, the subject, the full recipient or the vendor message', async () => {
    const broken = provider('broken', async () => {
      throw new Error(`socket closed while sending to ${email.recipient}`);
    });
    const rejecting = provider('rejecting', answers(quoting));
    const accepting = provider('accepting', answers({ accepted: true, providerMessageId: 'C-1' }));
    const { delivery, lines, entries } = logged([broken, rejecting, accepting]);
    await delivery;
    expect(sends(entries())).toHaveLength(3);
    for (const line of lines) {
      for (const secret of [
        email.content,
        '918273',
        'Secret subject',
        email.recipient,
        'jane.private',
        'not verified',
        'socket closed',
      ]) {
        expect(line).not.toContain(secret);
      }
    }
  });

  it('masks a phone number', async () => {
    const { delivery, entries } = logged([provider('a', answers(permanent))], message);
    await delivery;
    expect(entries()[0]).toMatchObject({ recipient: '+1******0123', messageId: message.id });
    expect(JSON.stringify(entries())).not.toContain(message.recipient);
  });
});

describe('deliver with a deadline', () => {
  const silent = { logger: createLogger({ level: 'silent' }) };
  const hanging = (name: string) => provider(name, () => new Promise<SendResult>(() => undefined));

  it('cuts the last call short at the deadline and starts none past it', async () => {
    const a = hanging('a');
    const b = hanging('b');
    const started = Date.now();
    const delivery = await deliver([a, b], message, {
      ...silent,
      timeoutMs: 10_000,
      deadline: Date.now() + 400,
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1_000);
    expect(delivery).toMatchObject({
      provider: 'a',
      attempts: 1,
      result: { code: 'TIMEOUT', retryable: true },
    });
    expect(b.calls).toHaveLength(0);
  });

  it('gives the next provider only what is left', async () => {
    const a = provider('a', answers(retryable));
    const b = hanging('b');
    const started = Date.now();
    const delivery = await deliver([a, b], message, {
      ...silent,
      timeoutMs: 10_000,
      deadline: Date.now() + 500,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(delivery).toMatchObject({ provider: 'b', attempts: 2, result: { code: 'TIMEOUT' } });
  });

  it('calls nobody when no time is left, and says so', async () => {
    const a = provider('a', answers({ accepted: true, providerMessageId: 'A' }));
    expect(await deliver([a], message, { ...silent, timeoutMs: 10_000, deadline: Date.now() + 100 })).toEqual(
      {
        provider: null,
        attempts: 0,
        result: {
          accepted: false,
          code: 'DEADLINE',
          message: 'No time was left to call a provider',
          retryable: true,
        },
      },
    );
    expect(a.calls).toHaveLength(0);
  });
});
