import { describe, expect, it } from 'vitest';
import {
  createLogger,
  LOG_LEVELS,
  type LogLevel,
  maskRecipient,
  runWithRequestId,
} from '../../lib/logger.js';

const capture = (level?: LogLevel) => {
  const lines: string[] = [];
  const logger = createLogger({ ...(level ? { level } : {}), write: (line) => lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
};

const logAll = (logger: ReturnType<typeof createLogger>) => {
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error('e');
};

describe('createLogger', () => {
  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
    [undefined, ['info', 'warn', 'error']],
  ] as const)('at level %s writes %j', (level, expected) => {
    const { logger, entries } = capture(level);
    logAll(logger);
    expect(entries().map((e) => e.level)).toEqual(expected);
    expect(entries().map((e) => e.msg)).toEqual(expected.map((l) => l[0]));
  });

  it('knows the levels in order of severity', () => {
    expect(LOG_LEVELS).toEqual(['debug', 'info', 'warn', 'error', 'silent']);
  });

  it('writes one JSON object per line with time, level, message and fields', () => {
    const { logger, lines } = capture();
    const before = Date.now();
    logger.info('message sent', { messageId: 'm1', attempts: 2, nested: { ok: true }, note: 'a\nb' });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).not.toContain('\n');
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'message sent',
      messageId: 'm1',
      attempts: 2,
      nested: { ok: true },
      note: 'a\nb',
    });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
    expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(entry.time)).toBeLessThanOrEqual(Date.now());
  });

  it('carries the request id of runWithRequestId, across awaits, and none outside it', async () => {
    const { logger, entries } = capture();
    logger.info('outside');
    await runWithRequestId('req-1', async () => {
      logger.info('first');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('after await');
      runWithRequestId('req-2', () => logger.info('nested'));
      logger.info('back');
    });
    logger.info('outside again');
    expect(entries().map((e) => [e.msg, e.requestId])).toEqual([
      ['outside', undefined],
      ['first', 'req-1'],
      ['after await', 'req-1'],
      ['nested', 'req-2'],
      ['back', 'req-1'],
      ['outside again', undefined],
    ]);
  });

  it('keeps concurrent requests apart', async () => {
    const { logger, entries } = capture();
    const run = (id: string, delay: number) =>
      runWithRequestId(id, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.info(id);
      });
    await Promise.all([run('slow', 5), run('fast', 0)]);
    for (const entry of entries()) expect(entry.requestId).toBe(entry.msg);
  });

  it('returns what the function passed to runWithRequestId returns', () => {
    expect(runWithRequestId('r', () => 42)).toBe(42);
  });

  it('serializes errors with name, message and stack', () => {
    const { logger, entries } = capture();
    const cause = new TypeError('boom');
    logger.error('failed', { err: cause, plain: 'text' });
    const [entry] = entries();
    expect(entry?.err).toEqual({
      name: 'TypeError',
      message: 'boom',
      stack: expect.stringContaining('boom'),
    });
    expect((entry?.err as { stack?: string } | undefined)?.stack).toBe(cause.stack);
    expect(entry?.plain).toBe('text');
  });
});

describe('maskRecipient', () => {
  it.each([
    ['user@example.com', 'u***@example.com'],
    ['Jane.Doe+tag@mail.example.org', 'J***@mail.example.org'],
    ['+14155550123', '+1******0123'],
    ['+447911123456', '+4*******3456'],
    ['+1234567', '+1**4567'],
    ['+12345', '***'],
    ['12', '***'],
    ['', '***'],
  ])('masks %j as %j', (recipient, masked) => {
    expect(maskRecipient(recipient)).toBe(masked);
  });

  it.each(['someone.private@example.com', '+14155550123', '+447911123456'])(
    'never shows %j whole',
    (recipient) => {
      const masked = maskRecipient(recipient);
      expect(masked).not.toBe(recipient);
      expect(masked).not.toContain(recipient.split('@')[0]);
      expect(masked).toContain('*');
    },
  );

  it('tells two phone numbers apart by their last digits', () => {
    expect(maskRecipient('+14155550123')).not.toBe(maskRecipient('+14155550124'));
  });
});
