import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { CONTENT_LIMITS, SUBJECT_MAX } from './message.schema.js';
import { onDemandFields } from './on-demand-fields.js';

/** Meta's rules for an approved template's name and language code (`en`, `en_US`, `pt_BR`). */
const META_NAME = /^[a-z0-9_]{1,512}$/;
const META_LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
/** Meta allows at most this many body parameters per template. */
const META_PARAMETERS_MAX = 100;

/** The source of one templated field: Mustache, at most the channel's content limit. */
const source = (limit: number) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).check(
    z.refine<string>((value) => value.trim().length > 0, 'must not be empty'),
    z.maxLength(limit, `must be at most ${limit} characters`),
  );

const EmailVariant = () =>
  z.strictObject({
    // A source may be longer than its output (tags): the rendered subject is checked against SUBJECT_MAX.
    subject: source(SUBJECT_MAX * 4),
    text: source(CONTENT_LIMITS.email),
    /** Rendered HTML-escaped; the email goes out multipart, text and HTML. */
    html: z.optional(source(CONTENT_LIMITS.email)),
  });
const SmsVariant = () => z.strictObject({ text: source(CONTENT_LIMITS.sms) });

export const MetaTemplateRef = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    name: z.string().check(z.regex(META_NAME, 'must be a Meta template name: a-z, 0-9 and _')),
    language: z.string().check(z.regex(META_LANGUAGE, 'must be a language code such as en or en_US')),
    /** The template's body parameters in order ({{1}}, {{2}}...), each a Mustache source over the data. */
    parameters: z._default(
      z.array(source(1024)).check(z.maxLength(META_PARAMETERS_MAX, `must be at most ${META_PARAMETERS_MAX}`)),
      [],
    ),
  }),
);
const WhatsappVariant = () =>
  z.union(
    [
      z.strictObject({ text: source(CONTENT_LIMITS.whatsapp) }),
      z.strictObject({ metaTemplate: built(MetaTemplateRef) }),
    ],
    {
      error: 'must have either `text` or `metaTemplate`',
    },
  );

/** The body of `PUT /templates/{name}`: a variant per channel, at least one. */
export const TEMPLATE_CONTENT_FIELDS = /* @__PURE__ */ onDemandFields(
  () => ({
    description: () => z.optional(z.string().check(z.maxLength(500, 'must be at most 500 characters'))),
    email: () => z.optional(EmailVariant()),
    sms: () => z.optional(SmsVariant()),
    whatsapp: () => z.optional(WhatsappVariant()),
  }),
  // Each built once a body has it: most templates have one or two channels' variants.
  ['description', 'email', 'sms', 'whatsapp'],
  (shape) =>
    z.strictObject(shape).check(
      z.refine(
        (content: { email?: unknown; sms?: unknown; whatsapp?: unknown }) =>
          Boolean(content.email || content.sms || content.whatsapp),
        {
          message: 'must have a variant for at least one channel: email, sms or whatsapp',
          path: ['body'],
        },
      ),
    ),
);
export const TemplateContent = /* @__PURE__ */ lazy(() => built(TEMPLATE_CONTENT_FIELDS.schema));
export type TemplateContent = z.output<typeof TemplateContent>;

/** One immutable version of a tenant's template, as stored and as answered. */
export const TemplateRecord = /* @__PURE__ */ lazy(() =>
  z.object({
    tenant: z.string(),
    name: z.string(),
    /** 1 for the first PUT, one more for each PUT after it (a PUT after a DELETE included). */
    version: z.int().check(z.positive()),
    content: built(TemplateContent),
    createdAt: z.iso.datetime(),
    /** When the template (every version) was deleted: new sends are refused. Null while live. */
    deletedAt: z.nullable(z.iso.datetime()),
  }),
);
export type TemplateRecord = z.infer<typeof TemplateRecord>;

export const TEMPLATE_LIST_LIMIT = { default: 25, max: 100 } as const;

/** `GET /templates`: one page of the tenant's live templates (latest versions), by name. */
export const TemplatePage = /* @__PURE__ */ lazy(() =>
  z.object({ items: z.array(built(TemplateRecord)), nextCursor: z.nullable(z.string()) }),
);
export type TemplatePage = z.infer<typeof TemplatePage>;

/** The data a send renders its template with: a JSON object, bounded. */
export const TEMPLATE_DATA_LIMITS = { bytes: 16 * 1024, depth: 5 } as const;
