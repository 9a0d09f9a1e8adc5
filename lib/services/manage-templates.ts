import type { Clock } from '../domain/clock.js';
import { type ErrorDetail, NotFoundError, ValidationError } from '../domain/errors.js';
import {
  TEMPLATE_CONTENT_FIELDS,
  TEMPLATE_LIST_LIMIT,
  type TemplateContent,
  type TemplatePage,
  type TemplateRecord,
} from '../domain/template.js';
import { TEMPLATE_NAME_FORMAT, TEMPLATE_NAME_HINT } from '../domain/template-name.js';
import { templateSyntaxError } from '../domain/template-render.js';
import { toDetails } from '../domain/validation.js';
import type { TemplateStore } from '../ports/template-store.js';

const notFound = (name: string, version?: number) =>
  new NotFoundError(
    version === undefined
      ? `No template ${JSON.stringify(name)}`
      : `No version ${version} of the template ${JSON.stringify(name)}`,
  );

/** The `{name}` of a path; a name that could not be stored is the same 404 as an unknown one. */
const pathName = (name: string | undefined, forWrite: boolean): string => {
  const value = name ?? '';
  if (TEMPLATE_NAME_FORMAT.test(value)) return value;
  if (forWrite)
    throw new ValidationError([{ field: 'name', message: TEMPLATE_NAME_HINT }], 'The template is invalid');
  throw notFound(value);
};

const positiveInt = (value: string, field: string, max?: number): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || (max !== undefined && n > max)) {
    const range = max === undefined ? 'from 1' : `from 1 to ${max}`;
    throw new ValidationError(
      [{ field, message: `must be a whole number ${range}` }],
      'Query string is invalid',
    );
  }
  return n;
};

/** Every templated field's source must parse (Mustache, no partials): 400 naming each that does not. */
function checkSyntax(content: TemplateContent) {
  const sources: [string, string][] = [];
  if (content.email) {
    sources.push(['email.subject', content.email.subject], ['email.text', content.email.text]);
    if (content.email.html !== undefined) sources.push(['email.html', content.email.html]);
  }
  if (content.sms) sources.push(['sms.text', content.sms.text]);
  if (content.whatsapp && 'text' in content.whatsapp) sources.push(['whatsapp.text', content.whatsapp.text]);
  if (content.whatsapp && 'metaTemplate' in content.whatsapp) {
    for (const [i, p] of content.whatsapp.metaTemplate.parameters.entries())
      sources.push([`whatsapp.metaTemplate.parameters.${i}`, p]);
  }
  const details: ErrorDetail[] = [];
  for (const [field, source] of sources) {
    const message = templateSyntaxError(source);
    if (message) details.push({ field, message });
  }
  if (details.length > 0) throw new ValidationError(details, 'The template is invalid');
}

/** The /templates routes: a tenant's templates, each PUT a new version, within the caller's tenant only. */
export function makeManageTemplates(deps: {
  templates: TemplateStore;
  clock: Clock;
  /** Told of each PUT and DELETE: the process's own cache forgets the template at once. */
  changed?: (tenant: string, name: string) => void;
}) {
  const { templates, clock, changed = () => {} } = deps;
  return {
    /** `PUT /templates/{name}`: the body validated and its sources parsed, stored as the next version. */
    async put(tenant: string, name: string | undefined, body: unknown): Promise<TemplateRecord> {
      const valid = pathName(name, true);
      const parsed = TEMPLATE_CONTENT_FIELDS.safeParse(body);
      if (!parsed.success)
        throw new ValidationError(toDetails(parsed.error.issues), 'The template is invalid');
      checkSyntax(parsed.data);
      const record = await templates.put(tenant, valid, parsed.data, clock().toISOString());
      changed(tenant, valid);
      return record;
    },
    /** `GET /templates/{name}`: the latest version, or `?version=`; a deleted one says so (`deletedAt`). */
    async get(tenant: string, name: string | undefined, query: Record<string, string | undefined> | null) {
      const valid = pathName(name, false);
      const unknown = Object.keys(query ?? {}).filter((key) => key !== 'version');
      if (unknown.length > 0)
        throw new ValidationError(
          unknown.map((field) => ({ field, message: 'is not a known parameter' })),
          'Query string is invalid',
        );
      const version = query?.version === undefined ? undefined : positiveInt(query.version, 'version');
      const record = await templates.get(tenant, valid, version);
      if (!record) throw notFound(valid, version);
      return record;
    },
    /** `GET /templates`: the live templates, latest versions, by name, a page at a time. */
    async list(tenant: string, query: Record<string, string | undefined> | null): Promise<TemplatePage> {
      const { limit, cursor, ...rest } = query ?? {};
      const unknown = Object.keys(rest);
      if (unknown.length > 0)
        throw new ValidationError(
          unknown.map((field) => ({ field, message: 'is not a known parameter' })),
          'Query string is invalid',
        );
      return templates.list({
        tenant,
        limit:
          limit === undefined
            ? TEMPLATE_LIST_LIMIT.default
            : positiveInt(limit, 'limit', TEMPLATE_LIST_LIMIT.max),
        cursor: cursor || undefined,
      });
    },
    /** `DELETE /templates/{name}`: new sends are refused from now on; 404 if unknown or already deleted. */
    async delete(tenant: string, name: string | undefined): Promise<TemplateRecord> {
      const valid = pathName(name, false);
      const deleted = await templates.delete(tenant, valid, clock().toISOString());
      if (!deleted) throw notFound(valid);
      changed(tenant, valid);
      return deleted;
    },
  };
}
export type ManageTemplates = ReturnType<typeof makeManageTemplates>;
