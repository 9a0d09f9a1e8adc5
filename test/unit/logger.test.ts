import { describe, expect, it } from 'vitest';
import { createLogger, LOG_LEVELS, type LogLevel, maskRecipient } from '../../lib/logger.js';

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

  it('makes children whose lines carry their fields, after the message and before the line own', () => {
    const { logger, lines, entries } = capture();
    const request = logger.child({ requestId: 'req-1' });
    const job = request.child({ requestId: 'job-2', jobId: 'j' });
    logger.info('plain');
    request.info('first', { status: 200 });
    job.warn('nested');
    request.info('overridden', { requestId: 'given' });
    expect(entries().map((e) => [e.msg, e.requestId, e.jobId])).toEqual([
      ['plain', undefined, undefined],
      ['first', 'req-1', undefined],
      ['nested', 'job-2', 'j'],
      ['overridden', 'given', undefined],
    ]);
    expect(Object.keys(entries()[1] ?? {})).toEqual(['time', 'level', 'msg', 'requestId', 'status']);
    expect(lines[0]).not.toContain('requestId');
  });

  it("gives children their parent's level and output", () => {
    const { logger, entries } = capture('warn');
    const child = logger.child({ requestId: 'r' });
    child.info('dropped');
    child.error('kept');
    expect(entries().map((e) => [e.msg, e.level, e.requestId])).toEqual([['kept', 'error', 'r']]);
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
