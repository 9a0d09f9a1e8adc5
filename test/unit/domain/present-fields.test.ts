import { describe, expect, it } from 'vitest';
import { absent, byPresentFields } from '../../../lib/domain/present-fields.js';
import { TemplateContent, TemplateContentFor } from '../../../lib/domain/template.js';
import * as z from '../../../lib/zod.js';

// Bodies with and without each channel, valid and not: what a full schema and a body's own answer.
const TEMPLATE_BODIES: unknown[] = [
  {},
  { sms: { text: 'Hi {{name}}' } },
  { sms: { text: '' } },
  { sms: { text: 'Hi' }, extra: 1 },
  { email: { subject: 'S', text: 'T', html: 'H' }, sms: { text: 'x' } },
  { email: { subject: 'S' } },
  { whatsapp: { text: 'W' } },
  { whatsapp: { metaTemplate: { name: 'order_ready', language: 'en', parameters: ['{{n}}'] } } },
  { whatsapp: { metaTemplate: { name: 'Bad Name', language: 'english' } } },
  { whatsapp: {} },
  { description: 'd', email: undefined, sms: { text: 'ok' } },
  { description: 7 },
  { sms: null },
  [],
  'text',
  null,
  undefined,
];

describe('byPresentFields', () => {
  it('answers every body exactly as the schema with all its fields', () => {
    for (const body of TEMPLATE_BODIES) {
      expect(TemplateContentFor(body).safeParse(body)).toEqual(TemplateContent.safeParse(body));
    }
  });

  it('builds only the fields a body carries, once per set of them, and never parses an absent one', () => {
    const built: string[] = [];
    const field = (name: string) => {
      built.push(name);
      return z.optional(z.string());
    };
    const schemaFor = byPresentFields(['a', 'b'], (has) =>
      z.strictObject({ a: has('a') ? field('a') : absent(), b: has('b') ? field('b') : absent() }),
    );
    expect(schemaFor({ a: 'x' }).safeParse({ a: 'x' }).data).toEqual({ a: 'x' });
    expect(built).toEqual(['a']);
    expect(schemaFor({ a: 'y' })).toBe(schemaFor({ a: 'z' }));
    expect(
      schemaFor({ b: 1 })
        .safeParse({ b: 1 })
        .error?.issues.map((i) => i.path),
    ).toEqual([['b']]);
    expect(built).toEqual(['a', 'b']);
    // Another input than the one the schema was chosen for: an absent field's stand-in refuses a value.
    expect(schemaFor({}).safeParse({ a: 'x' }).success).toBe(false);
  });
});
