import {
  type ErrorDetail,
  TemplateDeletedError,
  TemplateNotFoundError,
  ValidationError,
} from '../domain/errors.js';
import {
  type Channel,
  CONTENT_LIMITS,
  type MetaTemplateMessage,
  SUBJECT_MAX,
} from '../domain/message.schema.js';
import { TEMPLATE_DATA_LIMITS } from '../domain/template.js';
import { jsonDepth } from '../http/middlewares/json-depth.js';
import type { TemplateStore } from '../ports/template-store.js';
import type { TemplateCache } from './template-cache.js';

/** What a templated send asks for (a valid send request's template fields). */
export interface TemplatedRequest {
  type: Channel;
  template: string;
  templateVersion?: number | undefined;
  data?: Record<string, unknown> | undefined;
}

/** A message's parts rendered from a template, and which version rendered them. */
export interface RenderedMessage {
  template: string;
  templateVersion: number;
  subject: string | null;
  content: string;
  html?: string;
  metaTemplate?: MetaTemplateMessage;
}

export type RenderTemplate = (tenant: string, request: TemplatedRequest) => Promise<RenderedMessage>;

/** An email's text and HTML parts together, in UTF-8 bytes: what one log item can hold with room to spare. */
export const EMAIL_PARTS_MAX_BYTES = 300_000;

/**
 * Renders a send's template over its data (Mustache: lib/domain/template-render.ts, loaded on the
 * first templated send, so that a send with `content` never loads it):
 * - the tenant's template, its latest version or the one asked for; unknown: 404
 *   TEMPLATE_NOT_FOUND; deleted: 410 TEMPLATE_DELETED; no variant for the channel: 400;
 * - the data a JSON object of at most 16 KiB and 5 levels; every name the variant uses present in it
 *   (400 naming each `data.<name>` missing);
 * - the output within the channel's limits (400 naming `subject`, `content` or `html`).
 * Templates are read through the process's TemplateCache.
 */
export function makeRenderTemplate(deps: { templates: TemplateStore; cache: TemplateCache }): RenderTemplate {
  const { templates, cache } = deps;
  const read = (tenant: string, name: string, version: number | undefined) =>
    cache.get(tenant, name, version, () => templates.get(tenant, name, version));

  return async function renderTemplate(tenant, request) {
    const { type, template: name, templateVersion } = request;
    const record = await read(tenant, name, templateVersion);
    if (!record) throw new TemplateNotFoundError(name, templateVersion);
    if (record.deletedAt !== null) throw new TemplateDeletedError(name);
    const variant = record.content[type];
    if (!variant) {
      throw new ValidationError([
        { field: 'template', message: `has no ${type} variant (version ${record.version})` },
      ]);
    }
    const data = request.data ?? {};
    checkData(data);

    const { missingData, renderSource } = await import('../domain/template-render.js');
    const sources: [field: string, source: string][] =
      'subject' in variant
        ? [
            ['email.subject', variant.subject],
            ['email.text', variant.text],
            ...(variant.html === undefined ? [] : [['email.html', variant.html] as [string, string]]),
          ]
        : 'metaTemplate' in variant
          ? variant.metaTemplate.parameters.map((p, i): [string, string] => [
              `${type}.metaTemplate.parameters.${i}`,
              p,
            ])
          : [[`${type}.text`, variant.text]];
    const missing = new Map<string, ErrorDetail>();
    for (const [field, source] of sources)
      for (const detail of missingData(source, data, field))
        if (!missing.has(detail.field)) missing.set(detail.field, detail);
    if (missing.size > 0) throw new ValidationError([...missing.values()], 'The template data is incomplete');

    const text = (source: string) => renderSource(source, data, 'text');
    const base = { template: record.name, templateVersion: record.version };
    let rendered: RenderedMessage;
    if ('subject' in variant) {
      rendered = {
        ...base,
        subject: text(variant.subject),
        content: text(variant.text),
        ...(variant.html === undefined ? {} : { html: renderSource(variant.html, data, 'html') }),
      };
    } else if ('metaTemplate' in variant) {
      const { name: metaName, language, parameters } = variant.metaTemplate;
      const values = parameters.map(text);
      const metaTemplate = { name: metaName, language, parameters: values };
      // What the log shows of it: Meta renders the approved text itself.
      const content = `[${metaName} ${language}]${values.length > 0 ? ` ${values.join(' | ')}` : ''}`;
      rendered = { ...base, subject: null, content, metaTemplate };
    } else {
      rendered = { ...base, subject: null, content: text(variant.text) };
    }
    checkLimits(type, rendered);
    return rendered;
  };
}

function checkData(data: Record<string, unknown>) {
  const { bytes, depth } = TEMPLATE_DATA_LIMITS;
  const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
  if (size > bytes)
    throw new ValidationError([
      { field: 'data', message: `must be at most ${bytes} bytes of JSON (is ${size})` },
    ]);
  if (jsonDepth(data, depth) > depth)
    throw new ValidationError([{ field: 'data', message: `must not be nested deeper than ${depth} levels` }]);
}

function checkLimits(type: Channel, rendered: RenderedMessage) {
  const details: ErrorDetail[] = [];
  const limit = CONTENT_LIMITS[type];
  const renders = (n: number) => `renders to ${n} characters`;
  if (rendered.subject !== null) {
    if (rendered.subject.trim() === '') details.push({ field: 'subject', message: 'renders empty' });
    if (rendered.subject.length > SUBJECT_MAX)
      details.push({
        field: 'subject',
        message: `${renders(rendered.subject.length)}; must be at most ${SUBJECT_MAX}`,
      });
    if (/[\r\n]/.test(rendered.subject))
      details.push({ field: 'subject', message: 'renders with a line break, which a subject must not hold' });
  }
  if (rendered.content.trim() === '') details.push({ field: 'content', message: 'renders empty' });
  if (rendered.content.length > limit)
    details.push({
      field: 'content',
      message: `${renders(rendered.content.length)}; must be at most ${limit} for ${type}`,
    });
  // Meta refuses an empty parameter, and one with a line break or a tab.
  for (const [i, value] of (rendered.metaTemplate?.parameters ?? []).entries()) {
    if (value.trim() === '' || /[\n\t]/.test(value))
      details.push({
        field: `${type}.metaTemplate.parameters.${i}`,
        message: 'renders empty or with a line break or tab, which Meta refuses',
      });
  }
  if (rendered.html !== undefined) {
    if (rendered.html.length > limit)
      details.push({ field: 'html', message: `${renders(rendered.html.length)}; must be at most ${limit}` });
    // Both parts live in one log record (DynamoDB: 400 KB an item, its events and keys included).
    const bytes = Buffer.byteLength(rendered.content) + Buffer.byteLength(rendered.html);
    if (bytes > EMAIL_PARTS_MAX_BYTES)
      details.push({
        field: 'html',
        message: `with the text, renders to ${bytes} bytes of UTF-8; both together must be at most ${EMAIL_PARTS_MAX_BYTES}`,
      });
  }
  if (details.length > 0) throw new ValidationError(details, 'The rendered message does not fit its channel');
}
