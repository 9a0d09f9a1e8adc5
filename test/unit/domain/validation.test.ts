import { describe, expect, it } from 'vitest';
import { AppError, UnsupportedTypeError, ValidationError } from '../../../lib/domain/errors.js';
import { parseListQuery, parseSendMessageRequest } from '../../../lib/domain/validation.js';

/** The error thrown by `fn`, with the sorted set of fields its details name. */
function failure(fn: () => unknown): { error: AppError; fields: string[] } {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error, fields: [...new Set((error.details ?? []).map((d) => d.field))].sort() };
  }
  return expect.fail('expected a validation failure');
}

const send = (body: unknown) => () => parseSendMessageRequest(body);
const sendFails = (body: unknown) => failure(send(body));
const sms = (over: Record<string, unknown> = {}) => ({
  type: 'sms',
  recipient: '+14155550123',
  content: 'hi',
  ...over,
});
const email = (over: Record<string, unknown> = {}) => ({
  type: 'email',
  recipient: 'user@example.com',
  content: 'hi',
  ...over,
});
const whatsapp = (over: Record<string, unknown> = {}) => ({ ...sms(over), type: 'whatsapp', ...over });

/** A syntactically valid address of exactly `length` characters. */
const emailOfLength = (length: number) => {
  const local = 'a'.repeat(64);
  const labels = ['b'.repeat(63), 'c'.repeat(63)];
  const rest = length - local.length - 1 - labels.join('.').length - '.'.length - '.com'.length;
  return `${local}@${[...labels, 'd'.repeat(rest)].join('.')}.com`;
};

describe('parseSendMessageRequest', () => {
  it.each([
    ['null', null],
    ['an array', [email()]],
    ['a string', JSON.stringify(email())],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects a body that is %s, naming `body`', (_, body) => {
    const { error, fields } = sendFails(body);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.statusCode).toBe(400);
    expect(fields).toEqual(['body']);
  });

  it.each([
    ['email', email()],
    ['sms', sms()],
    ['whatsapp', whatsapp()],
  ])('accepts a valid %s message', (type, body) => {
    expect(parseSendMessageRequest(body)).toEqual(body);
    expect(parseSendMessageRequest(body).type).toBe(type);
  });

  describe('type', () => {
    it('rejects a missing type with VALIDATION_ERROR, naming the other failing fields too', () => {
      const { error, fields } = sendFails({ recipient: 5 });
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['content', 'recipient', 'type']);
    });

    it('names only `type` when it alone is missing', () => {
      const { type: _, ...rest } = email({ subject: 'Hello' });
      const { error, fields } = sendFails(rest);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['type']);
    });

    it.each(['fax', 'EMAIL', 'Sms', '', 5, true, { channel: 'sms' }])(
      'rejects the unsupported type %j with UNSUPPORTED_TYPE listing the supported types',
      (type) => {
        const { error, fields } = sendFails(email({ type }));
        expect(error).toBeInstanceOf(UnsupportedTypeError);
        expect(error.code).toBe('UNSUPPORTED_TYPE');
        expect(error.statusCode).toBe(400);
        expect(fields).toEqual(['type']);
        expect([...(error as UnsupportedTypeError).supported].sort()).toEqual(['email', 'sms', 'whatsapp']);
        expect(error.errorFields()).toEqual({
          supportedTypes: expect.arrayContaining(['email', 'sms', 'whatsapp']),
        });
        expect(error.message).toMatch(/email.*sms.*whatsapp/);
      },
    );

    it('still names the other failing fields of an unsupported type', () => {
      const { error, fields } = sendFails({ type: 'fax', recipent: '+14155550123', content: 7 });
      expect(error.code).toBe('UNSUPPORTED_TYPE');
      expect(fields).toEqual(['content', 'recipent', 'recipient', 'type']);
    });

    // Content must be non-empty in every channel, so it fails whatever the type turns out to be.
    it.each([
      ['missing', undefined, 'VALIDATION_ERROR'],
      ['unsupported', 'fax', 'UNSUPPORTED_TYPE'],
    ])('names empty content even when the type is %s', (_, type, code) => {
      const { error, fields } = sendFails({ type, recipient: 'user@example.com', content: '   ' });
      expect(error.code).toBe(code);
      expect(fields).toEqual(['content', 'type']);
    });
  });

  describe('required and unknown fields', () => {
    it.each(['recipient', 'content'])('rejects a missing %s', (field) => {
      for (const body of [email(), sms(), whatsapp()]) {
        const { [field]: _, ...rest } = body as Record<string, unknown>;
        const { error, fields } = sendFails(rest);
        expect(error.code).toBe('VALIDATION_ERROR');
        expect(fields).toEqual([field]);
        expect(error.details?.find((d) => d.field === field)?.message).toMatch(/required/);
      }
    });

    it.each([
      ['recipient', 14155550123],
      ['content', ['hi']],
      ['recipient', null],
    ])('rejects a non-string %s', (field, value) => {
      expect(sendFails(sms({ [field]: value })).fields).toEqual([field]);
    });

    it('rejects a misspelt field, naming it and the field it was meant to be', () => {
      const { recipient, ...rest } = email();
      const { error, fields } = sendFails({ ...rest, recipent: recipient });
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['recipent', 'recipient']);
    });

    it.each([
      ['email', email({ priority: 'high' }), 'priority'],
      ['sms', sms({ from: '+14155550100' }), 'from'],
    ])('rejects an unknown field on %s', (_, body, field) => {
      expect(sendFails(body).fields).toEqual([field]);
    });

    it.each([
      ['sms', sms({ subject: 'Hello' })],
      ['whatsapp', whatsapp({ subject: 'Hello' })],
    ])('rejects `subject` on %s', (_, body) => {
      const { error, fields } = sendFails(body);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['subject']);
    });
  });

  describe('email recipient', () => {
    it.each([
      ['user@example.com', 'user@example.com'],
      ['  user@example.com\t', 'user@example.com'],
      ['User.Name@Example.COM', 'User.Name@example.com'],
      ['first.last+tag@mail.Example.co.UK', 'first.last+tag@mail.example.co.uk'],
      ['o_neil-99@sub.domain.io', 'o_neil-99@sub.domain.io'],
    ])('accepts %j as %j', (recipient, normalized) => {
      expect(parseSendMessageRequest(email({ recipient })).recipient).toBe(normalized);
    });

    it('accepts an address of 254 characters', () => {
      const recipient = emailOfLength(254);
      expect(recipient).toHaveLength(254);
      expect(parseSendMessageRequest(email({ recipient })).recipient).toBe(recipient);
    });

    it.each([
      ['a display name', '"A" <a@b.co>'],
      ['a display name without quotes', 'A <a@b.co>'],
      ['CR/LF header injection', 'a@b.co\r\nBcc: victim@example.com'],
      ['an LF inside', 'a@b.co\nx'],
      ['a missing TLD', 'user@example'],
      ['a missing domain', 'user@'],
      ['a missing local part', '@example.com'],
      ['no @', 'user.example.com'],
      ['two @', 'a@b@example.com'],
      ['a space inside', 'us er@example.com'],
      ['a phone number', '+14155550123'],
      ['an empty string', ''],
      ['blanks only', '   '],
      ['255 characters', emailOfLength(255)],
    ])('rejects %s', (_, recipient) => {
      const { error, fields } = sendFails(email({ recipient }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['recipient']);
    });
  });

  describe('phone recipient', () => {
    it.each([
      ['+14155550123', '+14155550123'],
      ['+1 415-555-0123', '+14155550123'],
      ['+1 415 555 0123', '+14155550123'],
      ['+1 (415) 555.0123', '+14155550123'],
      ['  +14155550123  ', '+14155550123'],
      ['+44 7911 123456', '+447911123456'],
      ['+33612345678', '+33612345678'],
      ['+15005550006', '+15005550006'],
    ])('accepts %j as %j', (recipient, normalized) => {
      for (const body of [sms({ recipient }), whatsapp({ recipient })]) {
        expect(parseSendMessageRequest(body).recipient).toBe(normalized);
      }
    });

    it.each([
      ['no plus', '14155550123'],
      ['a national number', '(415) 555-0123'],
      ['a 00 prefix', '0014155550123'],
      ['letters', '+1415555ABCD'],
      ['a vanity number', '+1-800-FLOWERS'],
      ['an extension', '+14155550123 ext. 5'],
      ['an RFC 3966 extension', '+14155550123;ext=5'],
      ['an x extension', '+14155550123x5'],
      ['too few digits', '+12345'],
      ['one digit short', '+1415555012'],
      ['too many digits', '+1415555012345678'],
      ['an area code invalid for the plan', '+10005550123'],
      ['an unassigned country code', '+999123456789'],
      ['an email address', 'user@example.com'],
      ['a bare plus', '+'],
      ['an empty string', ''],
    ])('rejects %s (%j)', (_, recipient) => {
      for (const body of [sms({ recipient }), whatsapp({ recipient })]) {
        const { error, fields } = sendFails(body);
        expect(error.code).toBe('VALIDATION_ERROR');
        expect(fields).toEqual(['recipient']);
        expect(error.details?.[0]?.message).toMatch(/E\.164/);
      }
    });
  });

  describe('content', () => {
    it.each([
      ['empty', ''],
      ['blanks only', ' \t\n '],
    ])('rejects %s content', (_, content) => {
      for (const body of [email({ content }), sms({ content }), whatsapp({ content })]) {
        expect(sendFails(body).fields).toEqual(['content']);
      }
    });

    it.each([
      ['sms', sms, 1_600],
      ['whatsapp', whatsapp, 4_096],
      ['email', email, 100_000],
    ])('accepts %s content of exactly its limit and rejects one more', (_, make, limit) => {
      const content = 'x'.repeat(limit);
      expect(parseSendMessageRequest(make({ content })).content).toBe(content);
      const { error, fields } = sendFails(make({ content: `${content}y` }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['content']);
      expect(error.details?.[0]?.message).toContain(String(limit));
    });

    it('applies each channel its own limit', () => {
      const content = 'x'.repeat(1_601);
      expect(sendFails(sms({ content })).fields).toEqual(['content']);
      expect(parseSendMessageRequest(whatsapp({ content })).content).toBe(content);
      expect(parseSendMessageRequest(email({ content: 'x'.repeat(4_097) })).content).toHaveLength(4_097);
    });
  });

  describe('subject', () => {
    it('is optional for email', () => {
      const parsed = parseSendMessageRequest(email());
      expect(parsed.type === 'email' && parsed.subject).toBeUndefined();
    });

    it.each(['Hello', 's'.repeat(998), '  padded subject  '])('accepts the subject %j', (subject) => {
      expect(parseSendMessageRequest(email({ subject }))).toMatchObject({ subject });
    });

    it.each([
      ['999 characters', 's'.repeat(999)],
      ['a CR', 'Hello\rBcc: x@y.co'],
      ['an LF', 'Hello\nBcc: x@y.co'],
      ['a trailing CRLF', 'Hello\r\n'],
      ['empty', ''],
      ['not a string', 42],
      ['null', null],
    ])('rejects a subject with %s', (_, subject) => {
      const { error, fields } = sendFails(email({ subject }));
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(fields).toEqual(['subject']);
    });
  });

  it.each([
    [
      'email',
      email({ recipient: '"A" <a@b.co>', content: '', subject: 'a\nb', cc: 'x@y.co' }),
      ['cc', 'content', 'recipient', 'subject'],
    ],
    [
      'sms',
      sms({ recipient: '4155550123', content: 'x'.repeat(1_601), subject: 'Hi', recipent: 'x' }),
      ['content', 'recipent', 'recipient', 'subject'],
    ],
    ['whatsapp', { type: 'whatsapp' }, ['content', 'recipient']],
  ])('names every failing field of an %s message at once', (_, body, expected) => {
    const { error, fields } = sendFails(body);
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(fields).toEqual(expected);
    for (const detail of error.details ?? []) expect(detail.message).not.toBe('');
  });
});

describe('parseSendMessageRequest with a template', () => {
  const templated = (over: Record<string, unknown> = {}) => {
    const { content: _content, ...rest } = sms({ template: 'otp', data: { code: 1 }, ...over });
    return rest;
  };

  it('accepts a template with its data and version, for every channel, and no content', () => {
    expect(parseSendMessageRequest(templated({ templateVersion: 2 }))).toStrictEqual({
      type: 'sms',
      recipient: '+14155550123',
      template: 'otp',
      templateVersion: 2,
      data: { code: 1 },
    });
    const { content: _c, ...mail } = email({ template: 'reset' });
    expect(parseSendMessageRequest(mail)).toMatchObject({ type: 'email', template: 'reset' });
    const { content: _w, ...wa } = whatsapp({ template: 'order.update_2' });
    expect(parseSendMessageRequest(wa)).toMatchObject({ type: 'whatsapp', template: 'order.update_2' });
  });

  it.each([
    ['content and template', sms({ template: 'otp' }), ['template']],
    ['neither', templated({ template: undefined, data: undefined }), ['content']],
    ['data without a template', sms({ data: {} }), ['data']],
    ['a version without a template', sms({ templateVersion: 1 }), ['templateVersion']],
    [
      'a subject with a template',
      { ...templated(), type: 'email', recipient: 'a@b.co', subject: 'x' },
      ['subject'],
    ],
    ['a template name with upper case', templated({ template: 'OTP' }), ['template']],
    ['data that is a list', templated({ data: [1] }), ['data']],
    ['a version of 0', templated({ templateVersion: 0 }), ['templateVersion']],
  ])('refuses %s, naming the field', (_, body, fields) => {
    const { error, fields: named } = sendFails(body);
    expect(error).toBeInstanceOf(ValidationError);
    expect(named).toEqual(fields);
  });

  it('names a bad recipient and content-and-template together', () => {
    expect(sendFails(sms({ recipient: 'nobody', template: 'otp' })).fields).toEqual([
      'recipient',
      'template',
    ]);
  });
});

describe('parseListQuery', () => {
  const list = (query: Record<string, string | undefined> | null) => () => parseListQuery(query);
  const listFails = (query: Record<string, string | undefined>) => {
    const result = failure(list(query));
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.statusCode).toBe(400);
    return result.fields;
  };

  it.each([
    ['no query string', null],
    ['an empty query', {}],
  ])('answers the default limit of 25 for %s', (_, query) => {
    expect(parseListQuery(query)).toEqual({ limit: 25 });
  });

  it('ignores parameters that are present but undefined', () => {
    expect(parseListQuery({ type: undefined, limit: undefined })).toEqual({ limit: 25 });
  });

  it.each(['email', 'sms', 'whatsapp'])('accepts type=%s', (type) => {
    expect(parseListQuery({ type })).toEqual({ type, limit: 25 });
  });

  it.each(['fax', 'SMS', ''])('rejects type=%j', (type) => {
    expect(listFails({ type })).toEqual(['type']);
  });

  it.each(['pending', 'sent', 'failed'])('accepts status=%s', (status) => {
    expect(parseListQuery({ status })).toMatchObject({ status });
  });

  it.each(['read', 'SENT', 'unknown', ''])('rejects status=%j', (status) => {
    expect(listFails({ status })).toEqual(['status']);
  });

  // zod/mini registers no messages of its own: lib/zod.ts must have registered zod's English ones.
  it('names the allowed values in zod\'s English words, not a bare "Invalid input"', () => {
    const { error } = failure(list({ status: 'read' }));
    expect(error.details).toEqual([
      {
        field: 'status',
        message: expect.stringMatching(/^Invalid option: expected one of "pending"\|"queued"\|/),
      },
    ]);
  });

  it.each([
    [' User.Name@Example.COM ', 'User.Name@example.com'],
    ['+1 415-555-0123', '+14155550123'],
    ['+447911123456', '+447911123456'],
  ])('normalizes recipient=%j to %j', (recipient, normalized) => {
    expect(parseListQuery({ recipient })).toMatchObject({ recipient: normalized });
  });

  it.each(['nobody', '4155550123', '"A" <a@b.co>', 'user@example', '+12345', ''])(
    'rejects recipient=%j',
    (recipient) => {
      expect(listFails({ recipient })).toEqual(['recipient']);
    },
  );

  it.each([
    ['1', 1],
    ['25', 25],
    ['100', 100],
    ['007', 7],
  ])('accepts limit=%s', (limit, expected) => {
    expect(parseListQuery({ limit }).limit).toBe(expected);
  });

  it.each(['0', '101', '1000', '-1', '1.5', '1e2', 'abc', '', ' 10', '0x10'])('rejects limit=%j', (limit) => {
    expect(listFails({ limit })).toEqual(['limit']);
  });

  it.each([
    ['abc', 'must be a whole number from 1 to 100'],
    ['-1', 'must be a whole number from 1 to 100'],
    ['0', 'must be at least 1'],
    ['101', 'must be at most 100'],
  ])('says why limit=%j is refused', (limit, message) => {
    expect(failure(list({ limit })).error.details).toEqual([{ field: 'limit', message }]);
  });

  it('reports a bad limit and a reversed range together', () => {
    expect(listFails({ limit: '0', from: '2026-02-01', to: '2026-01-01' })).toEqual(['limit', 'to']);
  });

  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27T10:00:00.5Z', '2026-11-27T10:00:00.500Z'],
    ['2026-11-27T12:30:00+02:00', '2026-11-27T10:30:00.000Z'],
    ['2026-11-27T00:00:00-05:00', '2026-11-27T05:00:00.000Z'],
  ])('normalizes the instant %j to %j in from and to', (value, normalized) => {
    expect(parseListQuery({ from: value })).toMatchObject({ from: normalized });
    expect(parseListQuery({ to: value })).toMatchObject({ to: normalized });
  });

  it.each(['yesterday', '27/11/2026', '2026-13-01', '2026-02-30', '2026-11-27T25:00:00Z', '1732700000', ''])(
    'rejects the instant %j in from and in to',
    (value) => {
      expect(listFails({ from: value })).toEqual(['from']);
      expect(listFails({ to: value })).toEqual(['to']);
    },
  );

  it('accepts from before to', () => {
    expect(parseListQuery({ from: '2026-11-27', to: '2026-11-27T00:00:00.001Z' })).toEqual({
      from: '2026-11-27T00:00:00.000Z',
      to: '2026-11-27T00:00:00.001Z',
      limit: 25,
    });
  });

  it.each([
    ['equal', '2026-11-27', '2026-11-27T00:00:00Z'],
    ['after', '2026-11-28', '2026-11-27T23:59:59Z'],
    ['after once offsets apply', '2026-11-27T10:00:00-02:00', '2026-11-27T11:00:00Z'],
  ])('rejects from %s to, naming a range field', (_, from, to) => {
    const fields = listFails({ from, to });
    expect(fields).toHaveLength(1);
    expect(['from', 'to']).toContain(fields[0]);
  });

  it('passes an opaque cursor through and rejects an empty one', () => {
    expect(parseListQuery({ cursor: 'abc_-123' })).toMatchObject({ cursor: 'abc_-123' });
    expect(listFails({ cursor: '' })).toEqual(['cursor']);
  });

  it.each(['page', 'offset', 'recipent', 'sort'])('rejects the unknown parameter %s', (name) => {
    expect(listFails({ [name]: '1' })).toEqual([name]);
  });

  it('names every malformed filter at once', () => {
    expect(listFails({ type: 'fax', status: 'lost', limit: '0', from: 'soon', foo: 'bar' })).toEqual([
      'foo',
      'from',
      'limit',
      'status',
      'type',
    ]);
    expect(failure(list({ limit: '0' })).error.message).toMatch(/query/i);
  });
});

describe('metadata', () => {
  it('accepts up to ten string pairs on any channel, and keeps them as sent', () => {
    const metadata = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`key_${n}`, 'v'.repeat(256)]));
    expect(parseSendMessageRequest(sms({ metadata })).metadata).toEqual(metadata);
    expect(
      parseSendMessageRequest({
        type: 'email',
        recipient: 'a@example.com',
        content: 'hi',
        metadata: { orderId: '1' },
      }).metadata,
    ).toEqual({ orderId: '1' });
  });

  it('names the field and the reason for each limit', () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, n) => [`k${n}`, 'v']));
    expect(sendFails(sms({ metadata: eleven })).error.details).toEqual([
      { field: 'metadata', message: 'must have at most 10 keys' },
    ]);
    expect(sendFails(sms({ metadata: { ['k'.repeat(41)]: 'v' } })).fields).toEqual([
      `metadata.${'k'.repeat(41)}`,
    ]);
    expect(sendFails(sms({ metadata: { 'order.id': 'v' } })).fields).toEqual(['metadata.order.id']);
    expect(sendFails(sms({ metadata: { orderId: 'v'.repeat(257) } })).error.details).toEqual([
      { field: 'metadata.orderId', message: 'must be at most 256 characters' },
    ]);
    expect(sendFails(sms({ metadata: { orderId: 123 } })).fields).toEqual(['metadata.orderId']);
    expect(sendFails(sms({ metadata: ['a'] })).fields).toEqual(['metadata']);
  });

  it('filters a list by one metadata pair, and names the parameter of a bad or second one', () => {
    expect(parseListQuery({ 'metadata.orderId': '123' }).metadata).toEqual({ key: 'orderId', value: '123' });
    expect(failure(() => parseListQuery({ 'metadata.a': '1', 'metadata.b': '2' })).fields).toEqual([
      'metadata.a',
      'metadata.b',
    ]);
    expect(failure(() => parseListQuery({ 'metadata.a#b': '1' })).fields).toEqual(['metadata.a#b']);
    expect(failure(() => parseListQuery({ 'metadata.a': 'v'.repeat(257) })).fields).toEqual(['metadata.a']);
  });
});
