import { built, lazy } from '../lazy.js';
import type { core } from '../zod.js';
import * as z from '../zod.js';
import { normalizedString, requiredString } from './fields.js';
import { MessageStatus } from './message-status.js';
import { onDemandFields } from './on-demand-fields.js';
import { anyRecipient, emailRecipient, phoneRecipient } from './recipient.js';
import { TEMPLATE_NAME_FORMAT, TEMPLATE_NAME_HINT } from './template-name.js';

export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const Channel = /* @__PURE__ */ lazy(() => z.enum(CHANNELS));
export type Channel = z.infer<typeof Channel>;

/** Longest content per channel, in characters (UTF-16 code units, as JavaScript counts them). */
export const CONTENT_LIMITS = { email: 100_000, sms: 1_600, whatsapp: 4_096 } as const satisfies Record<
  Channel,
  number
>;
export const SUBJECT_MAX = 998; // RFC 5322's line limit

const notBlank = () => z.refine<string>((value) => value.trim().length > 0, 'must not be empty');
const nonBlankString = () => requiredString().check(notBlank());

const content = (channel: Channel) =>
  requiredString().check(
    notBlank(),
    z.refine<string>(
      (value) => value.length <= CONTENT_LIMITS[channel],
      `must be at most ${CONTENT_LIMITS[channel]} characters for ${channel}`,
    ),
  );

const subject = /* @__PURE__ */ lazy(() =>
  requiredString().check(
    notBlank(),
    z.refine<string>((value) => value.length <= SUBJECT_MAX, `must be at most ${SUBJECT_MAX} characters`),
    z.refine<string>((value) => !/[\r\n]/.test(value), 'must not contain line breaks'),
  ),
);

const typeOf = <C extends Channel>(channel: C) => z.literal(channel);

/**
 * An ISO-8601 instant with `Z` or an offset: zod's own datetime pattern with offsets, tested directly
 * rather than through a format schema, which a cold start would build and compile for its first use
 * (docs/performance.md, run 19). test/unit/domain/iso-datetime.test.ts keeps it equal to zod's.
 */
export const ISO_DATETIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

/** How far ahead a message may be scheduled. */
export const SCHEDULE_MAX_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;
const SEND_AT_HINT = 'must be an ISO-8601 instant with an offset, e.g. 2026-11-28T09:00:00Z';

/**
 * `sendAt`: when to send, normalized to `toISOString()`. Whether it is ahead of now (and not too
 * far) depends on the clock: the send service checks that (`checkSendAt`).
 */
const sendAt = /* @__PURE__ */ lazy(() =>
  normalizedString(
    (value) => (ISO_DATETIME.test(value) ? new Date(value).toISOString() : undefined),
    SEND_AT_HINT,
  ),
);
/** The caller's own references on a message (an order id, a user id): a flat object of strings. */
export const METADATA_LIMITS = { pairs: 10, keyLength: 40, valueLength: 256 } as const;
// No `.` (the list filter is `metadata.<key>=`) and no `#` (a key leads a DynamoDB index key).
export const METADATA_KEY_FORMAT = /^[A-Za-z0-9_-]+$/;
export const MetadataKey = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.regex(METADATA_KEY_FORMAT, 'must be letters, digits, `_` or `-`'),
      z.maxLength(METADATA_LIMITS.keyLength, `must be at most ${METADATA_LIMITS.keyLength} characters`),
    ),
);
export const MetadataValue = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: 'must be a string' })
    .check(
      z.maxLength(METADATA_LIMITS.valueLength, `must be at most ${METADATA_LIMITS.valueLength} characters`),
    ),
);
export const Metadata = /* @__PURE__ */ lazy(() =>
  z
    .record(built(MetadataKey), built(MetadataValue))
    .check(
      z.refine(
        (value) => Object.keys(value).length <= METADATA_LIMITS.pairs,
        `must have at most ${METADATA_LIMITS.pairs} keys`,
      ),
    ),
);
export type Metadata = z.infer<typeof Metadata>;

/** A template's data: a JSON object (its size and depth are checked when the template renders). */
const templateData = () =>
  z.record(z.string(), z.unknown(), {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a JSON object'),
  });

// A send names its content, or a template of the tenant to render it from: exactly one of the two.
const templateFields = () => ({
  template: () => z.optional(requiredString().check(z.regex(TEMPLATE_NAME_FORMAT, TEMPLATE_NAME_HINT))),
  /** A version of the template; its latest by default. */
  templateVersion: () =>
    z.optional(z.int({ error: 'must be a whole number' }).check(z.positive('must be at least 1'))),
  data: () => z.optional(templateData()),
});
/** Fields most sends lack: built once a body carries one (`onDemandFields`). */
const SEND_EXTRAS = ['sendAt', 'metadata', 'template', 'templateVersion', 'data'] as const;

/** Content or template, not both nor neither; `data` and `templateVersion` only with a template. */
const contentOrTemplate = <
  T extends {
    content?: unknown;
    template?: unknown;
    data?: unknown;
    subject?: unknown;
    templateVersion?: unknown;
  },
>() =>
  z.superRefine<T>(
    (request, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message, input: request });
      const hasContent = request.content !== undefined;
      const hasTemplate = request.template !== undefined;
      if (hasContent && hasTemplate)
        issue('template', 'must not be given with `content`: send one of the two');
      else if (!hasContent && !hasTemplate) issue('content', 'is required (or `template`)');
      if (!hasTemplate && request.data !== undefined) issue('data', 'is only allowed with `template`');
      if (!hasTemplate && request.templateVersion !== undefined)
        issue('templateVersion', 'is only allowed with `template`');
      if (hasTemplate && request.subject !== undefined)
        issue('subject', 'is given by the template; not allowed with `template`');
    },
    // Also when other fields are bad, so that every problem is named at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

/** A channel's request: a strict object with the content-or-template rule. */
// `core` as a type import: through the value import, the bench's floor would keep all of zod's core.
const channelRequest = <Shape extends core.$ZodLooseShape>(shape: Shape) =>
  z.strictObject(shape).check(contentOrTemplate());

/** A channel's first fields: its `type`, its kind of recipient and its content's limit. */
const headFields = <C extends Channel, R extends core.SomeType>(channel: C, recipient: () => R) => ({
  type: () => typeOf(channel),
  recipient,
  content: () => z.optional(content(channel)),
});
/** The fields every channel's request has after its own. */
const sendFields = () => ({
  sendAt: () => z.optional(built(sendAt)),
  metadata: () => z.optional(built(Metadata)),
  ...templateFields(),
});

// Strict objects: an unknown field is most often a typo, and `subject` is unknown outside email.
const emailFields = /* @__PURE__ */ onDemandFields(
  () => ({
    ...headFields('email', () => built(emailRecipient)),
    subject: () => z.optional(built(subject)),
    ...sendFields(),
  }),
  SEND_EXTRAS,
  channelRequest,
);
const smsFields = /* @__PURE__ */ onDemandFields(
  () => ({ ...headFields('sms', () => built(phoneRecipient)), ...sendFields() }),
  SEND_EXTRAS,
  channelRequest,
);
const whatsappFields = /* @__PURE__ */ onDemandFields(
  () => ({ ...headFields('whatsapp', () => built(phoneRecipient)), ...sendFields() }),
  SEND_EXTRAS,
  channelRequest,
);
// Each a stand-in of its own, so that a bundle which never asks for it drops its fields too.
export const EmailRequest = /* @__PURE__ */ lazy(() => built(emailFields.schema));
export const SmsRequest = /* @__PURE__ */ lazy(() => built(smsFields.schema));
export const WhatsappRequest = /* @__PURE__ */ lazy(() => built(whatsappFields.schema));

/**
 * The body of `POST /sendMessage`, once valid: recipient normalized. Validation parses a body with
 * its channel's schema (`CHANNEL_REQUESTS`), the same answer as the union's: a cold start then
 * builds one channel's schema, not three; and of it only the fields the body carries
 * (`CHANNEL_REQUEST_FIELDS[type].safeParse(body)`).
 */
export const SendMessageRequest = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion('type', [built(EmailRequest), built(SmsRequest), built(WhatsappRequest)]),
);
export const CHANNEL_REQUESTS = { email: EmailRequest, sms: SmsRequest, whatsapp: WhatsappRequest } as const;
export const CHANNEL_REQUEST_FIELDS = {
  email: emailFields,
  sms: smsFields,
  whatsapp: whatsappFields,
} as const;
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

/**
 * The request's shape without the channel's rules: used to report every other failing field when
 * `type` is missing or unsupported (the channel's rules cannot apply then).
 */
export const AnyChannelRequest = /* @__PURE__ */ lazy(() => {
  const { template, templateVersion, data } = templateFields();
  return z
    .strictObject({
      type: z.unknown(),
      recipient: requiredString(),
      content: z.optional(nonBlankString()),
      subject: z.optional(requiredString()),
      sendAt: z.optional(built(sendAt)),
      metadata: z.optional(built(Metadata)),
      template: template(),
      templateVersion: templateVersion(),
      data: data(),
    })
    .check(contentOrTemplate());
});

/** A Meta-approved template as a message carries it to the provider: its body parameters rendered. */
export const MetaTemplateMessage = /* @__PURE__ */ lazy(() =>
  z.object({ name: z.string(), language: z.string(), parameters: z.array(z.string()) }),
);
export type MetaTemplateMessage = z.infer<typeof MetaTemplateMessage>;

export const DeliveryError = /* @__PURE__ */ lazy(() =>
  z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }),
);
export type DeliveryError = z.infer<typeof DeliveryError>;

export const ContentDigest = /* @__PURE__ */ lazy(() =>
  z.object({ length: z.int().check(z.nonnegative()), sha256: z.string() }),
);
export type ContentDigest = z.infer<typeof ContentDigest>;

/** A message as the log keeps it and the API answers it. */
export const MessageRecord = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    /** The tenant of the API key that sent it; reads only ever see their own tenant's messages. */
    tenant: z.string(),
    type: built(Channel),
    recipient: z.string(),
    subject: z.nullable(z.string()),
    content: z.string(),
    status: built(MessageStatus),
    provider: z.nullable(z.string()),
    providerMessageId: z.nullable(z.string()),
    error: z.nullable(built(DeliveryError)),
    attempts: z.int().check(z.nonnegative()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** A resend (`POST /messages/{id}/resend`): the message it resends. Absent on any other. */
    resendOf: z.optional(z.string()),
    /** The resends of this message, oldest first. Absent until it is resent. */
    resentAs: z.optional(z.array(z.string())),
    /** When a scheduled message is (or was) due. Absent on a message sent at once. */
    sendAt: z.optional(z.iso.datetime()),
    /** The caller's metadata, as sent. Absent when the send had none. */
    metadata: z.optional(z.record(z.string(), z.string())),
    /**
     * Where the deployment logs no content (LOG_CONTENT=redacted): the content's length and the hex
     * SHA-256 of its UTF-8 bytes, so that a caller can check what was sent; `content` and `subject`
     * then read `[redacted]`. Absent otherwise, and once the message is erased.
     */
    contentDigest: z.optional(built(ContentDigest)),
    /** The template it was rendered from, and its version. Absent on a message sent with `content`. */
    template: z.optional(z.string()),
    templateVersion: z.optional(z.int()),
    /** The rendered HTML part of an email whose template has `html` (sent multipart with `content`). */
    html: z.optional(z.string()),
    /** A WhatsApp message sent as a Meta-approved template; `content` then summarizes it. */
    metaTemplate: z.optional(built(MetaTemplateMessage)),
  }),
);
export type MessageRecord = z.infer<typeof MessageRecord>;

/** What stands for content the log does not keep (LOG_CONTENT=redacted), and for erased data. */
export const REDACTED = '[redacted]';
export const ERASED = '[erased]';

/** The statuses a message may be resent from: it did not reach its recipient, for good. */
export const RESENDABLE: readonly MessageStatus[] = ['failed', 'undelivered'];

/** One status a message took: when, which, through which provider, and why (a code, a receipt). */
export const MessageEvent = /* @__PURE__ */ lazy(() =>
  z.object({
    at: z.iso.datetime(),
    status: built(MessageStatus),
    provider: z.nullable(z.string()),
    detail: z.nullable(z.string()),
  }),
);
export type MessageEvent = z.infer<typeof MessageEvent>;

const INSTANT_HINT = 'must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)';
const isoDate = /* @__PURE__ */ lazy(() => z.iso.date());
/** An ISO-8601 instant or date, normalized to `toISOString()`. */
export const instant = /* @__PURE__ */ lazy(() =>
  normalizedString(
    (value) =>
      ISO_DATETIME.test(value) || isoDate.safeParse(value).success
        ? new Date(value).toISOString()
        : undefined,
    INSTANT_HINT,
  ),
);

export const LIST_LIMIT = { default: 25, max: 100 } as const;

/** The paging fields of every list query: `limit` (a whole number in the bounds) and `cursor`. */
export const pageFields = () => ({
  limit: z._default(
    z.pipe(
      z.string(),
      // One transform rather than a regex, a number schema and its bounds: a cold start builds
      // and compiles each kind of schema it meets.
      z.transform((value: string, ctx) => {
        const limit = Number(value);
        const message = !/^\d+$/.test(value)
          ? `must be a whole number from 1 to ${LIST_LIMIT.max}`
          : limit < 1
            ? 'must be at least 1'
            : limit > LIST_LIMIT.max
              ? `must be at most ${LIST_LIMIT.max}`
              : undefined;
        if (message === undefined) return limit;
        // `continue`: the query's own checks (`to` after `from`) are still reported.
        ctx.issues.push({ code: 'custom', message, input: value, continue: true });
        return z.NEVER;
      }),
    ),
    LIST_LIMIT.default,
  ),
  cursor: z.optional(
    z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(2048, 'is not a valid cursor')),
  ),
});

/** The query string of `GET /messages`, once valid. Instants are normalized to `toISOString()`. */
export const ListMessagesQuery = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      type: z.optional(built(Channel)),
      status: z.optional(built(MessageStatus)),
      recipient: z.optional(built(anyRecipient)),
      from: z.optional(built(instant)),
      to: z.optional(built(instant)),
      ...pageFields(),
      /** `metadata.<key>=<value>` in the query string (parseListQuery gathers it): one at a time. */
      metadata: z.optional(z.strictObject({ key: built(MetadataKey), value: built(MetadataValue) })),
    })
    .check(
      z.refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be after `from`', path: ['to'] }),
    ),
);
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;

/** A list query as the log answers it: always within one tenant. */
export type TenantListQuery = ListMessagesQuery & { tenant: string };

/** `GET /messages`: one page, newest first. */
export const MessagePage = /* @__PURE__ */ lazy(() =>
  z.object({
    items: z.array(built(MessageRecord)),
    /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
    nextCursor: z.nullable(z.string()),
  }),
);
export type MessagePage = z.infer<typeof MessagePage>;

/** `GET /messages/{id}/events`: the message's events, oldest first. */
export const MessageEvents = /* @__PURE__ */ lazy(() =>
  z.object({ messageId: z.string(), items: z.array(built(MessageEvent)) }),
);
export type MessageEvents = z.infer<typeof MessageEvents>;
