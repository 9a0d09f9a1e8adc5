import { describe, expect, it } from 'vitest';
import { deliver } from '../../../lib/channels/failover.js';
import { MockProvider } from '../../../lib/channels/mock.provider.js';
import type { Channel } from '../../../lib/domain/message.schema.js';
import { createLogger, maskRecipient } from '../../../lib/logger.js';
import type { OutboundMessage, SendResult } from '../../../lib/ports/provider.js';

const CONTENT = 'Your one-time code is 918273';

function provider(channel: Channel) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const mock = new MockProvider(channel);
  let n = 0;
  const message = (recipient: string): OutboundMessage => ({
    id: `01JD0Y4ZQ9R6T3K1M8XW2B7C${String(++n).padStart(2, '0')}`,
    type: channel,
    recipient,
    subject: channel === 'email' ? 'Secret subject' : null,
    content: CONTENT,
  });
  const send = (recipient: string): Promise<SendResult> => mock.send(message(recipient));
  // As the service sends: through failover, which writes the one line of the attempt.
  const deliverTo = async (recipient: string): Promise<SendResult> =>
    (await deliver([mock], message(recipient), { timeoutMs: 1_000, logger })).result;
  return { mock, lines, send, deliverTo };
}

const expectRejected = (result: SendResult, code: string, retryable: boolean) => {
  expect(result.accepted).toBe(false);
  if (result.accepted) return;
  expect(result.retryable).toBe(retryable);
  expect(result.code).toBe(code);
  expect(result.message).not.toBe('');
};

const expectAccepted = (result: SendResult) => {
  expect(result.accepted).toBe(true);
  if (result.accepted) {
    expect(result.providerMessageId).toMatch(
      /^mock-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  }
};

describe('MockProvider', () => {
  it.each(['email', 'sms', 'whatsapp'] as const)('is named mock and serves %s', (channel) => {
    const { mock } = provider(channel);
    expect(mock.name).toBe('mock');
    expect(mock.channel).toBe(channel);
  });

  describe('email (SES mailbox simulator)', () => {
    it.each(['success@simulator.amazonses.com', 'user@example.com', 'Bounce.Me@example.org'])(
      'sends to %s',
      async (recipient) => {
        expectAccepted(await provider('email').send(recipient));
      },
    );

    it.each([
      ['bounce@simulator.amazonses.com', 'Bounce'],
      ['suppressionlist@simulator.amazonses.com', 'Suppressed'],
    ])('rejects %s for good with code %s', async (recipient, code) => {
      expectRejected(await provider('email').send(recipient), code, false);
    });
  });

  describe.each(['sms', 'whatsapp'] as const)('%s (Twilio magic numbers)', (channel) => {
    it.each([
      ['+15005550001', '21211'],
      ['+15005550002', '21612'],
      ['+15005550003', '21408'],
      ['+15005550004', '21610'],
      ['+15005550009', '21614'],
    ])('rejects %s for good with Twilio code %s', async (recipient, code) => {
      expectRejected(await provider(channel).send(recipient), code, false);
    });

    it('fails +15005550008 (queue full) as retryable with Twilio code 21611', async () => {
      expectRejected(await provider(channel).send('+15005550008'), '21611', true);
    });

    it.each(['+15005550006', '+15005550005', '+15005550007', '+14155550123', '+447911123456'])(
      'sends to %s',
      async (recipient) => {
        expectAccepted(await provider(channel).send(recipient));
      },
    );

    it('does not apply the email simulator to phone channels', async () => {
      expectAccepted(await provider(channel).send('bounce@simulator.amazonses.com'));
    });
  });

  it('does not apply Twilio magic numbers to email', async () => {
    expectAccepted(await provider('email').send('+15005550001'));
  });

  it('answers a distinct mock- id on every call', async () => {
    const { send } = provider('sms');
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const result = await send('+14155550123');
      expectAccepted(result);
      if (result.accepted) ids.add(result.providerMessageId);
    }
    expect(ids.size).toBe(20);
  });

  it.each([
    ['email', 'someone.private@example.com'],
    ['email', 'bounce@simulator.amazonses.com'],
    ['sms', '+14155550123'],
    ['sms', '+15005550001'],
    ['whatsapp', '+15005550008'],
  ] as const)(
    'logs a %s send to %s with the recipient masked, never the content (through deliver)',
    async (channel, recipient) => {
      const { lines, deliverTo } = provider(channel);
      const result = await deliverTo(recipient);
      expect(lines).toHaveLength(1);
      const line = lines[0] ?? '';
      expect(line).not.toContain(recipient);
      expect(line).not.toContain(CONTENT);
      expect(line).not.toContain('918273');
      expect(line).not.toContain('Secret subject');
      const entry = JSON.parse(line);
      expect(entry.recipient).toBe(maskRecipient(recipient));
      expect(entry.recipient).not.toBe(recipient);
      expect(entry).toMatchObject({
        level: result.accepted ? 'info' : 'warn',
        msg: 'provider send',
        provider: 'mock',
        channel,
        accepted: result.accepted,
      });
      if (result.accepted) expect(entry.providerMessageId).toBe(result.providerMessageId);
    },
  );
});
