import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../lib/domain/message.schema.js';
import type { TemplatePage, TemplateRecord } from '../../lib/domain/template.js';
import { EXAMPLES } from '../../lib/openapi/examples.js';
import { waitFor } from '../support/async.js';
import { startTestService, type TestService } from '../support/service.js';

// The /templates routes and templated sends, over HTTP, with authentication on.
let service: TestService;
let manager: string;
let sender: string;
let theirs: string;

beforeEach(async () => {
  service = await startTestService({ env: { AUTH: 'required' } });
  const keys = service.container.manageKeys;
  const key = async (tenant: string, scopes: Parameters<typeof keys.create>[0]['scopes']) =>
    (await keys.create({ name: scopes.join(' '), tenant, scopes })).apiKey;
  manager = await key('acme', ['templates:manage']);
  sender = await key('acme', ['messages:send', 'messages:read']);
  theirs = await key('globex', ['templates:manage', 'messages:send']);
});
afterEach(async () => service.close());

const call = (
  method: string,
  path: string,
  apiKey: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${service.url}${path}`, {
    method,
    headers: {
      'x-api-key': apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async <T>(response: Response) => (await response.json()) as T;
const fieldsOf = async (response: Response) =>
  (await json<{ error: { details: { field: string }[] } }>(response)).error.details.map((d) => d.field);

const RESET = EXAMPLES.template.body;
const DATA = { name: 'Ann <Admin>', link: 'https://example.com/reset?t=1' };

describe('managing templates (templates:manage, per tenant)', () => {
  it('stores a new immutable version on every PUT, and reads the latest or one version', async () => {
    const first = await call('PUT', '/templates/password-reset', manager, RESET);
    expect(first.status).toBe(201);
    expect(await json<TemplateRecord>(first)).toMatchObject({
      tenant: 'acme',
      name: 'password-reset',
      version: 1,
    });
    const second = await call('PUT', '/templates/password-reset', manager, { sms: { text: 'v2 {{name}}' } });
    expect(await json<TemplateRecord>(second)).toMatchObject({
      version: 2,
      content: { sms: { text: 'v2 {{name}}' } },
    });

    expect(await json<TemplateRecord>(await call('GET', '/templates/password-reset', manager))).toMatchObject(
      {
        version: 2,
      },
    );
    const v1 = await json<TemplateRecord>(await call('GET', '/templates/password-reset?version=1', manager));
    expect(v1.content).toStrictEqual(RESET);
    expect((await call('GET', '/templates/password-reset?version=3', manager)).status).toBe(404);
    expect((await call('GET', '/templates/password-reset?version=x', manager)).status).toBe(400);
  });

  it('keeps tenants apart: another tenant neither sees nor sends with them', async () => {
    await call('PUT', '/templates/password-reset', manager, RESET);

    expect((await call('GET', '/templates/password-reset', theirs)).status).toBe(404);
    expect(await json<TemplatePage>(await call('GET', '/templates', theirs))).toStrictEqual({
      items: [],
      nextCursor: null,
    });
    const send = await call('POST', '/sendMessage', theirs, {
      type: 'email',
      recipient: 'user@example.com',
      template: 'password-reset',
      data: DATA,
    });
    expect(send.status).toBe(404);
    expect((await json<{ error: { code: string } }>(send)).error.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('needs templates:manage', async () => {
    const response = await call('PUT', '/templates/password-reset', sender, RESET);
    expect(response.status).toBe(403);
    expect(await json<{ error: { requiredScope: string } }>(response)).toMatchObject({
      error: { requiredScope: 'templates:manage' },
    });
  });

  it('lists the live templates by name, page by page', async () => {
    for (const name of ['b', 'a', 'c'])
      await call('PUT', `/templates/${name}`, manager, { sms: { text: name } });
    const first = await json<TemplatePage>(await call('GET', '/templates?limit=2', manager));
    expect(first.items.map((t) => t.name)).toEqual(['a', 'b']);
    const next = await call('GET', `/templates?limit=2&cursor=${first.nextCursor}`, manager);
    expect((await json<TemplatePage>(next)).items.map((t) => t.name)).toEqual(['c']);
    expect(await fieldsOf(await call('GET', '/templates?limit=500', manager))).toEqual(['limit']);
  });

  it.each([
    ['no variant', {}, ['body']],
    ['an unknown channel (and so no variant)', { fax: { text: 'x' } }, ['fax', 'body']],
    ['an email without text', { email: { subject: 'x' } }, ['email.text']],
    ['a field Mustache cannot parse', { sms: { text: 'Hi {{name' } }, ['sms.text']],
    ['a partial', { email: { subject: 'x', text: 'y', html: '{{> footer}}' } }, ['email.html']],
    ['whatsapp with neither text nor metaTemplate', { whatsapp: {} }, ['whatsapp']],
    [
      'a Meta template with a bad language',
      { whatsapp: { metaTemplate: { name: 'x', language: 'English' } } },
      ['whatsapp.metaTemplate.language'],
    ],
  ])('refuses a template with %s, naming the field', async (_, body, fields) => {
    const response = await call('PUT', '/templates/t', manager, body);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(fields);
  });

  it('refuses a name it could not store, naming it', async () => {
    const response = await call('PUT', '/templates/Bad%20Name', manager, RESET);
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['name']);
  });
});

describe('sending with a template', () => {
  beforeEach(async () => {
    expect((await call('PUT', '/templates/password-reset', manager, RESET)).status).toBe(201);
  });
  const send = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call('POST', '/sendMessage', sender, { type: 'email', recipient: 'user@example.com', ...body }, headers);

  it('renders the message; the record keeps the template, its version, and what it rendered', async () => {
    const response = await send({ template: 'password-reset', data: DATA });
    expect(response.status).toBe(200);
    const record = await json<MessageRecord>(response);
    expect(record).toMatchObject({
      status: 'sent',
      template: 'password-reset',
      templateVersion: 1,
      subject: 'Reset your password, Ann <Admin>',
      content: 'Hello Ann <Admin>, reset your password at https://example.com/reset?t=1',
    });
    expect(record.html).toContain('Hello Ann &lt;Admin&gt;');
    expect(await json<MessageRecord>(await call('GET', `/messages/${record.id}`, sender))).toStrictEqual(
      record,
    );
  });

  it('names each variable the data lacks (400), and sends nothing', async () => {
    const response = await send({ template: 'password-reset', data: { name: 'Ann' } });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(['data.link']);
    expect((await service.container.messageLog.list({ tenant: 'acme', limit: 10 })).items).toEqual([]);
  });

  it('refuses content with a template, and a rendered text over the channel limit', async () => {
    expect(await fieldsOf(await send({ template: 'password-reset', content: 'x', data: DATA }))).toEqual([
      'template',
    ]);
    const tooLong = await call('POST', '/sendMessage', sender, {
      type: 'sms',
      recipient: '+14155550123',
      template: 'password-reset',
      data: { ...DATA, name: 'x'.repeat(1_600) },
    });
    expect(tooLong.status).toBe(400);
    expect(await fieldsOf(tooLong)).toEqual(['content']);
  });

  it('after a DELETE refuses new sends (410) while the messages sent keep their version', async () => {
    const before = await json<MessageRecord>(await send({ template: 'password-reset', data: DATA }));
    const deleted = await call('DELETE', '/templates/password-reset', manager);
    expect(deleted.status).toBe(200);
    expect((await json<TemplateRecord>(deleted)).deletedAt).not.toBeNull();

    const refused = await send({ template: 'password-reset', data: DATA });
    expect(refused.status).toBe(410);
    expect(await json<{ error: { code: string; details: unknown } }>(refused)).toMatchObject({
      error: { code: 'TEMPLATE_DELETED', details: [{ field: 'template', message: 'was deleted' }] },
    });
    expect(await json<MessageRecord>(await call('GET', `/messages/${before.id}`, sender))).toMatchObject({
      templateVersion: 1,
      content: before.content,
    });
    expect((await call('GET', '/templates/password-reset?version=1', manager)).status).toBe(200);
    expect((await call('DELETE', '/templates/password-reset', manager)).status).toBe(404);
    // A PUT makes it live again, as the next version.
    const revived = await json<TemplateRecord>(
      await call('PUT', '/templates/password-reset', manager, RESET),
    );
    expect(revived).toMatchObject({ version: 2, deletedAt: null });
    expect(await json<MessageRecord>(await send({ template: 'password-reset', data: DATA }))).toMatchObject({
      templateVersion: 2,
    });
  });

  it('queues a templated send and the worker delivers it as rendered', async () => {
    const response = await send({ template: 'password-reset', data: DATA }, { prefer: 'respond-async' });
    expect(response.status).toBe(202);
    const queued = await json<MessageRecord>(response);
    expect(queued).toMatchObject({ status: 'queued', template: 'password-reset', templateVersion: 1 });
    const final = await waitFor(
      async () => {
        const record = await service.container.messageLog.get(queued.id);
        return record?.status === 'sent' ? record : undefined;
      },
      { what: 'the queued message sent' },
    );
    expect(final).toMatchObject({ status: 'sent', html: queued.html, content: queued.content });
  });
});
