import { describe, expect, it } from 'vitest';
import { CHANNEL_REQUEST_FIELDS } from '../../../lib/domain/message.schema.js';
import { onDemandFields } from '../../../lib/domain/on-demand-fields.js';
import { TEMPLATE_CONTENT_FIELDS } from '../../../lib/domain/template.js';
import { toDetails } from '../../../lib/domain/validation.js';
import { NEW_ENDPOINT_FIELDS } from '../../../lib/domain/webhook.js';
import { built } from '../../../lib/lazy.js';
import * as z from '../../../lib/zod.js';

/** What a schema answers a body: its output, or the details a 400 would carry. */
const answer = (schema: z.ZodMiniType, body: unknown) => {
  const parsed = schema.safeParse(body);
  return parsed.success ? { data: parsed.data } : { details: toDetails(parsed.error.issues) };
};

describe('onDemandFields', () => {
  const calls: string[] = [];
  /** A field's builder that notes each call. */
  const noted =
    <T>(name: string, build: () => T) =>
    () => {
      calls.push(name);
      return build();
    };
  const fields = onDemandFields(
    () => ({
      name: noted('name', () => z.string()),
      note: noted('note', () => z.optional(z.string().check(z.maxLength(3, 'too long')))),
      tags: noted('tags', () => z.optional(z.array(z.string()))),
    }),
    ['note', 'tags'],
    (shape) => z.strictObject(shape),
  );

  it('builds a deferred field only for a body that has it, and keeps each schema it built', () => {
    const bare = fields.forBody({ name: 'a' });
    expect(calls).toEqual(['name']);
    expect(Object.keys(bare._zod.def.shape)).toEqual(['name']);
    expect(fields.forBody({ name: 'b' })).toBe(bare);
    const withNote = fields.forBody({ name: 'a', note: 'xy' });
    expect(Object.keys(withNote._zod.def.shape)).toEqual(['name', 'note']);
    expect(calls).toEqual(['name', 'name', 'note']);
    // Every deferred field present: the whole schema, the one the types and the document come from.
    expect(fields.forBody({ name: 'a', note: 'x', tags: [] })).toBe(built(fields.schema));
  });

  it('answers as the whole schema does: fields in order, an unknown one named, a present one checked', () => {
    for (const body of [
      {},
      { name: 1 },
      { name: 'a', other: true },
      { name: 'a', note: 'long' },
      { note: 'long', name: 2 },
      null,
      [],
      'text',
    ])
      expect(answer(fields.forBody(body), body)).toEqual(answer(built(fields.schema), body));
  });
});

describe('the request bodies built on demand', () => {
  const cases: [string, { schema: z.ZodMiniType; forBody: (body: unknown) => z.ZodMiniType }, unknown[]][] = [
    [
      'sms',
      CHANNEL_REQUEST_FIELDS.sms,
      [
        { type: 'sms', recipient: '555-0123', content: '' },
        { type: 'sms', recipient: '+14155550123', content: 'hi' },
        { type: 'sms', recipient: '+14155550123' },
        { type: 'sms', recipient: '+14155550123', content: 'hi', subject: 'no' },
        { type: 'sms', recipient: '+14155550123', content: 'hi', metadata: { 'a.b': 'x' } },
        { type: 'sms', recipient: '+14155550123', template: 'welcome', data: [] },
        { type: 'sms', recipient: '+14155550123', content: 'hi', templateVersion: 2 },
      ],
    ],
    [
      'email',
      CHANNEL_REQUEST_FIELDS.email,
      [
        { type: 'email', recipient: 'a@example.com', content: 'hi', subject: 'x\ny' },
        { type: 'email', recipient: 'a@example.com', content: 'hi', sendAt: 'soon' },
      ],
    ],
    [
      'template',
      TEMPLATE_CONTENT_FIELDS,
      [
        {},
        { sms: { text: 'Hello {{name}}' } },
        { email: { subject: 's', text: '' }, description: 'x'.repeat(501) },
        { whatsapp: { metaTemplate: { name: 'A', language: 'en' } } },
        { sms: { text: 'hi' }, other: 1 },
      ],
    ],
    [
      'webhook endpoint',
      NEW_ENDPOINT_FIELDS,
      [
        { url: 'https://example.com/hook', events: ['message.sent'] },
        { url: 'https://example.com/hook', events: [], description: 3 },
        { events: ['nope'] },
      ],
    ],
  ];
  it.each(cases)('%s: the same answer as the whole schema for every body', (_, fields, bodies) => {
    for (const body of bodies)
      expect(answer(fields.forBody(body), body)).toEqual(answer(built(fields.schema), body));
  });
});
