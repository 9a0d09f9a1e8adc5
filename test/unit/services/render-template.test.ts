import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/adapters/sqlite/database.js';
import { SqliteTemplateStore } from '../../../lib/adapters/sqlite/sqlite.template-store.js';
import { TemplateDeletedError, TemplateNotFoundError, ValidationError } from '../../../lib/domain/errors.js';
import { makeRenderTemplate } from '../../../lib/services/render-template.js';
import { TEMPLATE_CACHE_MS, TemplateCache } from '../../../lib/services/template-cache.js';

let db: SqliteDatabase;
let store: SqliteTemplateStore;
let now: number;
const clock = () => new Date(now);
const render = () => makeRenderTemplate({ templates: store, cache: new TemplateCache(clock) });
const at = '2026-03-01T09:00:00.000Z';

beforeEach(async () => {
  db = openDatabase(':memory:');
  store = new SqliteTemplateStore(db);
  now = Date.parse(at);
  await store.put(
    'acme',
    'reset',
    {
      email: {
        subject: 'Reset, {{name}}',
        text: 'Hi {{name}}: {{link}}',
        html: '<a href="{{link}}">{{name}}</a>',
      },
      sms: { text: 'Hi {{name}}, code {{code}}' },
      whatsapp: { metaTemplate: { name: 'reset', language: 'en_US', parameters: ['{{name}}', '{{code}}'] } },
    },
    at,
  );
});
afterEach(() => db.close());

const details = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).details ?? [];
};

describe('rendering a send from its template', () => {
  it('renders an email: subject and text as they are, HTML escaped, with the version', async () => {
    const rendered = await render()('acme', {
      type: 'email',
      template: 'reset',
      data: { name: 'Ann <A&B>', link: 'https://x.test/r?a=1' },
    });
    expect(rendered).toStrictEqual({
      template: 'reset',
      templateVersion: 1,
      subject: 'Reset, Ann <A&B>',
      content: 'Hi Ann <A&B>: https://x.test/r?a=1',
      html: '<a href="https:&#x2F;&#x2F;x.test&#x2F;r?a&#x3D;1">Ann &lt;A&amp;B&gt;</a>',
    });
  });

  it("renders a Meta template's parameters in order, and a summary as the content", async () => {
    const rendered = await render()('acme', {
      type: 'whatsapp',
      template: 'reset',
      data: { name: 'Ann', code: 42 },
    });
    expect(rendered.metaTemplate).toStrictEqual({
      name: 'reset',
      language: 'en_US',
      parameters: ['Ann', '42'],
    });
    expect(rendered.content).toBe('[reset en_US] Ann | 42');
    expect(rendered.subject).toBeNull();
  });

  it('uses the version asked for, or the latest', async () => {
    await store.put('acme', 'reset', { sms: { text: 'v2 {{code}}' } }, at);
    expect((await render()('acme', { type: 'sms', template: 'reset', data: { code: 1 } })).content).toBe(
      'v2 1',
    );
    const first = await render()('acme', {
      type: 'sms',
      template: 'reset',
      templateVersion: 1,
      data: { name: 'A', code: 1 },
    });
    expect(first).toMatchObject({ templateVersion: 1, content: 'Hi A, code 1' });
  });

  it("refuses an unknown template or version (404), another tenant's included", async () => {
    await expect(render()('acme', { type: 'sms', template: 'nope' })).rejects.toBeInstanceOf(
      TemplateNotFoundError,
    );
    await expect(render()('globex', { type: 'sms', template: 'reset' })).rejects.toBeInstanceOf(
      TemplateNotFoundError,
    );
    await expect(
      render()('acme', { type: 'sms', template: 'reset', templateVersion: 9 }),
    ).rejects.toMatchObject({
      statusCode: 404,
      details: [{ field: 'templateVersion' }],
    });
  });

  it('refuses a deleted template (410), its old versions too', async () => {
    await store.delete('acme', 'reset', at);
    await expect(render()('acme', { type: 'sms', template: 'reset' })).rejects.toBeInstanceOf(
      TemplateDeletedError,
    );
    await expect(
      render()('acme', { type: 'sms', template: 'reset', templateVersion: 1 }),
    ).rejects.toMatchObject({
      statusCode: 410,
      code: 'TEMPLATE_DELETED',
    });
  });

  it('names every variable the variant uses that the data lacks, and a channel without a variant', async () => {
    expect(await details(render()('acme', { type: 'email', template: 'reset', data: {} }))).toEqual([
      { field: 'data.name', message: 'is used by email.subject but missing from data' },
      { field: 'data.link', message: 'is used by email.text but missing from data' },
    ]);
    await store.put('acme', 'otp', { sms: { text: '{{code}}' } }, at);
    expect(await details(render()('acme', { type: 'email', template: 'otp', data: { code: 1 } }))).toEqual([
      { field: 'template', message: 'has no email variant (version 1)' },
    ]);
  });

  it("refuses an output over the channel's limit, or a subject with a line break, naming the field", async () => {
    const long = 'x'.repeat(1_590);
    expect(
      await details(render()('acme', { type: 'sms', template: 'reset', data: { name: long, code: 1 } })),
    ).toEqual([{ field: 'content', message: 'renders to 1601 characters; must be at most 1600 for sms' }]);
    const fields = (
      await details(render()('acme', { type: 'email', template: 'reset', data: { name: 'a\nb', link: '' } }))
    ).map((d) => d.field);
    expect(fields).toEqual(['subject']);
  });

  it('bounds the data: size and depth', async () => {
    expect(
      await details(
        render()('acme', { type: 'sms', template: 'reset', data: { name: 'x'.repeat(17_000), code: 1 } }),
      ),
    ).toMatchObject([
      { field: 'data', message: expect.stringMatching(/^must be at most 16384 bytes of JSON/) },
    ]);
    expect(
      await details(
        render()('acme', {
          type: 'sms',
          template: 'reset',
          data: { name: 'a', code: 1, d: { a: { b: { c: { e: { f: 1 } } } } } },
        }),
      ),
    ).toEqual([{ field: 'data', message: 'must not be nested deeper than 5 levels' }]);
  });

  it('reuses a template it read for TEMPLATE_CACHE_MS, then reads it again (a delete reaches it)', async () => {
    const renderTemplate = render();
    const send = () =>
      renderTemplate('acme', { type: 'sms', template: 'reset', data: { name: 'A', code: 1 } });
    await send();
    await store.delete('acme', 'reset', at);
    now += TEMPLATE_CACHE_MS - 1;
    expect((await send()).templateVersion).toBe(1);
    now += 1;
    await expect(send()).rejects.toBeInstanceOf(TemplateDeletedError);
  });
});
