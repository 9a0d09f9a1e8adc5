import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../lib/openapi/document.js';
import { EXAMPLES } from '../../lib/openapi/examples.js';
import { startTestService, type TestService } from '../support/service.js';
import { storeEnvs } from '../support/store-env.js';

type Json = Record<string, unknown>;
const document = openApiDocument() as {
  paths: Record<string, Record<string, { requestBody?: Json; responses: Record<string, Json> }>>;
};

// What differs from one send to the next: the document's examples show one instance of each.
const VOLATILE = ['id', 'createdAt', 'updatedAt', 'providerMessageId'];
const stable = (record: Json) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !VOLATILE.includes(k)));

/** The named examples of an operation's JSON request body, and of each of its answers. */
function examplesOf(path: string, method: string) {
  const operation = document.paths[path]?.[method];
  if (!operation) throw new Error(`no ${method} ${path} in the document`);
  const named = (content: unknown) =>
    Object.entries(
      ((content as Json | undefined)?.['application/json'] as { examples?: Record<string, { value: Json }> })
        ?.examples ?? {},
    );
  const requests = named((operation.requestBody as Json | undefined)?.content);
  const answers = Object.entries(operation.responses).flatMap(([status, response]) =>
    named(response.content).map(([name, { value }]) => ({ status: Number(status), name, value })),
  );
  return { requests, answers };
}

const stores = storeEnvs();
afterAll(stores.close);

describe.each(['sqlite', 'dynamodb'] as const)('the document against the service on the %s log', (store) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ env: await stores.env(store) });
    // The templated send example renders the documented template.
    const { name, body } = EXAMPLES.template;
    const put = await fetch(`${service.url}/templates/${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(put.status).toBe(201);
  });
  afterAll(async () => service?.close());

  it('is served at GET /openapi.json without a key', async () => {
    const response = await service.get('/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(openApiDocument());
  });

  const sends = examplesOf('/sendMessage', 'post');
  it.each(sends.requests)(
    'POST /sendMessage with the example %s gets its documented answer',
    async (name, { value }) => {
      const documented = sends.answers.find((answer) => answer.name === name);
      if (!documented) throw new Error(`the example ${name} has no documented answer`);
      const response = await service.post('/sendMessage', value);
      expect(response.status).toBe(documented.status);
      const record = (await response.json()) as Json;
      expect(stable(record)).toEqual(stable(documented.value));
      // And the message reads back as GET /messages/{id} documents it.
      const read = await service.get(`/messages/${record.id as string}`);
      expect(read.status).toBe(200);
      expect(stable((await read.json()) as Json)).toEqual(stable(documented.value));
    },
  );
});

describe('the reference page', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => service?.close());

  it('is served at GET /docs with its renderer from the package, not from elsewhere', async () => {
    const page = await service.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/docs/swagger-ui-bundle.js', '/docs/start.js']);
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await service.get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    expect(await (await service.get('/docs/start.js')).text()).toContain("url: '/openapi.json'");
  });
});
