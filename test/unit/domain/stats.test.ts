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
        { from: '2026-02-27T23:00:00+02:00', to: '2026-03-01T00:00:01Z', bucket: 'day' },
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
    expect(fieldsOf({ from: '2026-01-01', to: '2027-01-02', bucket: 'day' })).toEqual([]);
    expect(fieldsOf({ from: '2026-01-01', to: '2027-01-03', bucket: 'day' })).toEqual([
      expect.stringMatching(/^to: must be at most .* 366 days/),
    ]);
  });

  it('names each bad field with its reason, the same answers as before instants were checked by pattern', () => {
    expect(fieldsOf({})).toEqual(['from: is required', 'to: is required']);
    expect(fieldsOf({ from: ' 2026-03-01T09:00:00+01:00 ', to: '\t2026-03-02\n' })).toEqual([]);
    expect(fieldsOf({ from: '2026-02-29T00:00:00Z', to: '2026-03-01T24:00:00Z', bucket: 'week' })).toEqual([
      'from: must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)',
      'to: must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)',
      'bucket: Invalid option: expected one of "hour"|"day"',
    ]);
    expect(fieldsOf({ from: '2026-03-02', to: '2026-03-01T10:00Z', limit: '5' })).toEqual([
      'to: must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)',
      'limit: is not a known field',
    ]);
    expect(fieldsOf({ from: '2026-03-02', to: '2026-03-02T01:00:00+02:00' })).toEqual([
      'to: must be after `from`',
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
