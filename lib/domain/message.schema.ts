import * as z from 'zod';
import { built, lazy } from '../lazy.js';
import { normalizedString, requiredString } from './fields.js';
import { MessageStatus } from './message-status.js';
import { anyRecipient, emailRecipient, phoneRecipient } from './recipient.js';

export const CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const Channel = /* @__PURE__ */ lazy(() => z.enum(CHANNELS));
export type Channel = z.infer<typeof Channel>;

/** Longest content per channel, in characters (UTF-16 code units, as JavaScript counts them). */
export const CONTENT_LIMITS = { email: 100_000, sms: 1_600, whatsapp: 4_096 } as const satisfies Record<
  Channel,
  number
>;
export const SUBJECT_MAX = 998; // RFC 5322's line limit

const nonBlank = () => requiredString().refine((value) => value.trim().length > 0, 'must not be empty');

const content = (channel: Channel) =>
  nonBlank().refine(
    (value) => value.length <= CONTENT_LIMITS[channel],
    `must be at most ${CONTENT_LIMITS[channel]} characters for ${channel}`,
  );

const subject = /* @__PURE__ */ lazy(() =>
  nonBlank()
    .refine((value) => value.length <= SUBJECT_MAX, `must be at most ${SUBJECT_MAX} characters`)
    .refine((value) => !/[\r\n]/.test(value), 'must not contain line breaks'),
);

const typeOf = <C extends Channel>(channel: C) => z.literal(channel);

// Strict objects: an unknown field is most often a typo, and `subject` is unknown outside email.
export const EmailRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    type: typeOf('email'),
    recipient: built(emailRecipient),
    content: content('email'),
    subject: subject.optional(),
  }),
);
export const SmsRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    type: typeOf('sms'),
    recipient: built(phoneRecipient),
    content: content('sms'),
  }),
);
export const WhatsappRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    type: typeOf('whatsapp'),
    recipient: built(phoneRecipient),
    content: content('whatsapp'),
  }),
);

/** The body of `POST /sendMessage`, once valid: recipient normalized. */
export const SendMessageRequest = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion('type', [built(EmailRequest), built(SmsRequest), built(WhatsappRequest)]),
);
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

/**
 * The request's shape without the channel's rules: used to report every other failing field when
 * `type` is missing or unsupported (the channel's rules cannot apply then).
 */
export const AnyChannelRequest = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    type: z.unknown(),
    recipient: requiredString(),
    content: nonBlank(),
    subject: requiredString().optional(),
  }),
);

export const DeliveryError = /* @__PURE__ */ lazy(() =>
  z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }),
);
export type DeliveryError = z.infer<typeof DeliveryError>;

/** A message as the log keeps it and the API answers it. */
export const MessageRecord = /* @__PURE__ */ lazy(() =>
  z.object({
    id: z.string(),
    /** The tenant of the API key that sent it; reads only ever see their own tenant's messages. */
    tenant: z.string(),
    type: built(Channel),
    recipient: z.string(),
    subject: z.string().nullable(),
    content: z.string(),
    status: built(MessageStatus),
    provider: z.string().nullable(),
    providerMessageId: z.string().nullable(),
    error: DeliveryError.nullable(),
    attempts: z.number().int().nonnegative(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
);
export type MessageRecord = z.infer<typeof MessageRecord>;

/** One status a message took: when, which, through which provider, and why (a code, a receipt). */
export const MessageEvent = /* @__PURE__ */ lazy(() =>
  z.object({
    at: z.iso.datetime(),
    status: built(MessageStatus),
    provider: z.string().nullable(),
    detail: z.string().nullable(),
  }),
);
export type MessageEvent = z.infer<typeof MessageEvent>;

const INSTANT_HINT = 'must be an ISO-8601 instant (2026-11-27T10:00:00Z) or date (2026-11-27)';
const isoDateTime = /* @__PURE__ */ lazy(() => z.iso.datetime({ offset: true }));
const isoDate = /* @__PURE__ */ lazy(() => z.iso.date());
const instant = /* @__PURE__ */ lazy(() =>
  normalizedString(
    (value) =>
      isoDateTime.safeParse(value).success || isoDate.safeParse(value).success
        ? new Date(value).toISOString()
        : undefined,
    INSTANT_HINT,
  ),
);

export const LIST_LIMIT = { default: 25, max: 100 } as const;

/** The query string of `GET /messages`, once valid. Instants are normalized to `toISOString()`. */
export const ListMessagesQuery = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      type: Channel.optional(),
      status: MessageStatus.optional(),
      recipient: anyRecipient.optional(),
      from: instant.optional(),
      to: instant.optional(),
      limit: z
        .string()
        .regex(/^\d+$/, `must be a whole number from 1 to ${LIST_LIMIT.max}`)
        .transform(Number)
        .pipe(
          z.number().min(1, 'must be at least 1').max(LIST_LIMIT.max, `must be at most ${LIST_LIMIT.max}`),
        )
        .default(LIST_LIMIT.default),
      cursor: z.string().min(1, 'must not be empty').max(2048, 'is not a valid cursor').optional(),
    })
    .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'must be after `from`', path: ['to'] }),
);
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;

/** A list query as the log answers it: always within one tenant. */
export type TenantListQuery = ListMessagesQuery & { tenant: string };
