import { describe, expect, it } from 'vitest';
import { missingData, renderSource, templateSyntaxError } from '../../../lib/domain/template-render.js';

const fields = (source: string, data: Record<string, unknown>) =>
  missingData(source, data, 'sms.text').map((d) => d.field);

describe('missingData: the names a template uses that the data lacks', () => {
  it('names each missing variable once, escaped, raw or triple alike', () => {
    expect(fields('{{a}} {{&b}} {{{c}}} {{a}}', {})).toEqual(['data.a', 'data.b', 'data.c']);
    expect(missingData('Hi {{name}}', {}, 'email.subject')).toEqual([
      { field: 'data.name', message: 'is used by email.subject but missing from data' },
    ]);
    expect(fields('{{a}} {{&b}} {{{c}}}', { a: 'x', b: 0, c: false })).toEqual([]);
  });

  it('follows dotted names, and takes null as present (it renders empty)', () => {
    expect(fields('{{order.id}} {{order.total}}', { order: { id: 7 } })).toEqual(['data.order.total']);
    expect(fields('{{order.id}}', { order: null })).toEqual(['data.order.id']);
    expect(fields('{{note}}', { note: null })).toEqual([]);
  });

  it('checks a list section body against each item, then the outer data', () => {
    const source = '{{#items}}{{sku}} x{{qty}} for {{customer}}{{/items}}';
    expect(fields(source, { customer: 'Ann', items: [{ sku: 'a', qty: 1 }, { sku: 'b' }] })).toEqual([
      'data.qty',
    ]);
    expect(fields(source, { customer: 'Ann', items: [] })).toEqual([]);
  });

  it('requires a section name (false hides it), and checks an inverted body only when it shows', () => {
    expect(fields('{{#coupon}}{{code}}{{/coupon}}', {})).toEqual(['data.coupon']);
    expect(fields('{{#coupon}}{{code}}{{/coupon}}', { coupon: false })).toEqual([]);
    expect(fields('{{#coupon}}{{code}}{{/coupon}}', { coupon: { code: 'X' } })).toEqual([]);
    expect(fields('{{^vip}}{{pitch}}{{/vip}}', { vip: false })).toEqual(['data.pitch']);
    expect(fields('{{^vip}}{{pitch}}{{/vip}}', { vip: true })).toEqual([]);
  });

  it('refuses an object or a list used as text', () => {
    expect(missingData('{{order}}', { order: { id: 1 } }, 'sms.text')).toEqual([
      { field: 'data.order', message: 'is used as text by sms.text: must be a string, number or boolean' },
    ]);
  });
});

describe('renderSource', () => {
  const data = { name: `<b>O'Neil & "Co"</b>`, n: 3 };

  it('escapes HTML in html, and leaves text as it is', () => {
    expect(renderSource('<p>{{name}} {{n}}</p>', data, 'html')).toBe(
      '<p>&lt;b&gt;O&#39;Neil &amp; &quot;Co&quot;&lt;&#x2F;b&gt; 3</p>',
    );
    expect(renderSource('{{name}} {{n}}', data, 'text')).toBe(`<b>O'Neil & "Co"</b> 3`);
  });

  it('renders sections over lists and inverted sections', () => {
    expect(
      renderSource('{{#items}}[{{.}}]{{/items}}{{^items}}none{{/items}}', { items: ['a', 'b'] }, 'text'),
    ).toBe('[a][b]');
    expect(renderSource('{{#items}}[{{.}}]{{/items}}{{^items}}none{{/items}}', { items: [] }, 'text')).toBe(
      'none',
    );
  });
});

describe('templateSyntaxError', () => {
  it('accepts a valid template and names what is wrong with an invalid one', () => {
    expect(templateSyntaxError('Hi {{name}}{{#a}}x{{/a}}{{! note}}')).toBeUndefined();
    expect(templateSyntaxError('Hi {{name')).toMatch(/^is not a valid Mustache template: Unclosed tag/);
    expect(templateSyntaxError('{{#a}}x')).toMatch(/Unclosed section "a"/);
    expect(templateSyntaxError('{{#a}}{{> footer}}{{/a}}')).toBe(
      'uses the partial {{> footer}}; partials are not supported',
    );
  });
});
