import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../lib/domain/errors.js';
import { deltasOf, parseStatsQuery } from '../../../lib/domain/stats.js';

const fieldsOf = (query: Record<string, string>) => {
  try {
    parseStatsQuery(query, 'acme');
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (error.details ?? []).map((detail) => `${detail.field}: ${detail.message}`);
  }
};

describe('the stats query', () => {
  it('widens the range to whole buckets, `to` exclusive, and names the first and last bucket', () => {
    expect(parseStatsQuery({ from: '2026-03-01T09:20:00Z', to: '2026-03-01T11:00:00Z' }, 'acme')).toEqual({
      range: { granularity: 'hour', from: '2026-03-01T09:00:00.000Z', to: '2026-03-01T11:00:00.000Z' },
      query: { tenant: 'acme', granularity: 'hour', first: '2026-03-01T09', last: '2026-03-01T10' },
    });
    expect(
      parseStatsQuery(
        { from: '2026-02-27T23:00:00+02:00', to: '2026-03-01T00:00:01Z', granularity: 'day' },
        'acme',
      ),
    ).toEqual({
      range: { granularity: 'day', from: '2026-02-27T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
      query: { tenant: 'acme', granularity: 'day', first: '2026-02-27', last: '2026-03-01' },
    });
  });

  it('takes at most 744 hours or 366 days, counted in whole buckets', () => {
    expect(fieldsOf({ from: '2026-03-01', to: '2026-04-01' })).toEqual([]);
    expect(fieldsOf({ from: '2026-03-01', to: '2026-04-01T00:00:01Z' })).toEqual([
      expect.stringMatching(/^to: must be at most 744 hours/),
    ]);
    expect(fieldsOf({ from: '2026-01-01', to: '2027-01-02', granularity: 'day' })).toEqual([]);
    expect(fieldsOf({ from: '2026-01-01', to: '2027-01-03', granularity: 'day' })).toEqual([
      expect.stringMatching(/^to: must be at most .* 366 days/),
    ]);
  });
});

describe('what a log write does to the counts', () => {
  const record = { tenant: 'acme', type: 'sms', createdAt: '2026-03-01T09:59:59.999Z' } as const;
  it('adds a new message to its status, moves a changed one, and leaves any other write alone', () => {
    expect(deltasOf(undefined, { ...record, status: 'queued' })).toEqual([
      { tenant: 'acme', hour: '2026-03-01T09', counter: 'sms#queued', delta: 1 },
    ]);
    expect(deltasOf({ ...record, status: 'queued' }, { ...record, status: 'sending' })).toEqual([
      { tenant: 'acme', hour: '2026-03-01T09', counter: 'sms#queued', delta: -1 },
      { tenant: 'acme', hour: '2026-03-01T09', counter: 'sms#sending', delta: 1 },
    ]);
    expect(deltasOf({ ...record, status: 'sending' }, { ...record, status: 'sending' })).toEqual([]);
  });
});
