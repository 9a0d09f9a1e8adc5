import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../lib/openapi/document.js';

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema: Json }> }
  >;
}

const document = openApiDocument() as { paths: Record<string, Record<string, Operation>>; components: Json };
// strict off: the document carries OpenAPI's own keywords (`discriminator`, `example`) beside JSON Schema's.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
}));

// A `$ref` of the document (`#/components/...`) resolved to what it points at.
function resolve<T>(value: T | { $ref: string } | undefined): T | undefined {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value;
  let target: unknown = document;
  for (const part of value.$ref.slice(2).split('/')) target = (target as Json)[part];
  return target as T;
}

/** The document's operation for a request, or undefined where the document has none (an unknown path). */
function operationOf(method: string, pathname: string): { key: string; operation: Operation } | undefined {
  const found = templates.find(({ pattern }) => pattern.test(pathname));
  const operation = found && document.paths[found.template]?.[method.toLowerCase()];
  return found && operation ? { key: `${method} ${found.template}`, operation } : undefined;
}

/**
 * Checks one answer of the service against the OpenAPI document: its status is listed for its
 * operation, its content type is listed for that status, its body matches that schema, and the
 * headers the document names for it (`x-request-id`, `Location`, `Retry-After`, `Allow`) are there.
 * Returns the problems, empty when it matches; undefined when the document has no such operation.
 */
export function checkAnswer(
  method: string,
  pathname: string,
  answer: { status: number; headers: Headers; body: string },
): string[] | undefined {
  const found = operationOf(method, pathname);
  if (!found) return undefined;
  const where = `${found.key} answered ${answer.status}`;
  const response = resolve(found.operation.responses[String(answer.status)]);
  if (!response) return [`${where}: the document lists no such status`];
  const problems: string[] = [];
  for (const name of Object.keys(response.headers ?? {})) {
    const must = ['x-request-id', 'location', 'retry-after', 'allow'].includes(name.toLowerCase());
    if (must && !answer.headers.has(name)) problems.push(`${where}: no ${name} header`);
  }
  const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const content = response.content?.[mediaType];
  if (!content) return [...problems, `${where}: content type ${mediaType} is not documented`];
  let body: unknown = answer.body;
  if (mediaType === 'application/json') {
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
  }
  const id = `${found.key} ${answer.status} ${mediaType}`;
  let validate = validators.get(id);
  if (!validate) {
    validate = ajv.compile({ ...content.schema, components: document.components });
    validators.set(id, validate);
  }
  if (!validate(body)) {
    problems.push(`${where}: the body does not match the document: ${ajv.errorsText(validate.errors)}`);
  }
  return problems;
}
