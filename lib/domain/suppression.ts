import { built, lazy } from '../lazy.js';
import * as z from '../zod.js';
import { normalizeTo, requiredString } from './fields.js';
import { CHANNELS, type Channel, Channel as ChannelSchema, pageFields } from './message.schema.js';
import { normalizeEmail, toE164 } from './recipient.js';

/** Why a recipient is suppressed: a hard bounce, a spam complaint, an opt-out (STOP), or an admin. */
export const SUPPRESSION_REASONS = ['bounce', 'complaint', 'unsubscribe', 'manual'] as const;
export const SuppressionReason = /* @__PURE__ */ lazy(() => z.enum(SUPPRESSION_REASONS));
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** The channels a recipient of each kind can be reached on, so can be suppressed on. */
const EMAIL_CHANNELS: readonly Channel[] = ['email'];
const PHONE_CHANNELS: readonly Channel[] = ['sms', 'whatsapp'];

/**
 * The form a recipient is suppressed under: an email address lower-cased whole (mailbox providers
 * ignore the local part's case in practice; suppressing `A@x` and `a@x` together errs on the side of
 * not sending), a phone number in E.164. Undefined for anything else.
 */
export function suppressionRecipient(input: string): string | undefined {
  if (input.includes('@')) return normalizeEmail(input.trim())?.toLowerCase();
  return toE164(input.trim());
}

/** The channels a (normalized) recipient can be suppressed on. */
export const channelsOf = (recipient: string): readonly Channel[] =>
  recipient.includes('@') ? EMAIL_CHANNELS : PHONE_CHANNELS;

export const RECIPIENT_HINT = 'must be an email address or an E.164 phone number';

export const SuppressedRecipient = /* @__PURE__ */ lazy(() =>
  z.pipe(requiredString(), normalizeTo(suppressionRecipient, RECIPIENT_HINT)),
);

/** Where an entry came from: the provider that reported it, or the API key that added it; the message that triggered it. */
export const SuppressionSource = /* @__PURE__ */ lazy(() =>
  z.object({
    provider: z.nullable(z.string()),
    keyId: z.nullable(z.string()),
    messageId: z.nullable(z.string()),
  }),
);
export type SuppressionSource = z.infer<typeof SuppressionSource>;

/**
 * One tenant's entry for one recipient: the channels it covers (never empty: an entry whose last
 * channel is lifted is gone), the latest reason and source, when it was first made and last changed.
 */
export const Suppression = /* @__PURE__ */ lazy(() =>
  z.object({
    tenant: z.string(),
    recipient: z.string(),
    channels: z.array(built(ChannelSchema)).check(z.minLength(1)),
    reason: built(SuppressionReason),
    source: built(SuppressionSource),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
);
export type Suppression = z.infer<typeof Suppression>;

/** What adding to the list takes: the channels are added to the entry's, the reason and source replace its. */
export type SuppressionInput = Omit<Suppression, 'createdAt' | 'updatedAt'> & { at: string };

/** An entry as the API shows it: the caller's own tenant goes without saying. */
export const SuppressionView = /* @__PURE__ */ lazy(() => z.omit(built(Suppression), { tenant: true }));
export type SuppressionView = z.infer<typeof SuppressionView>;

export const toView = ({ tenant: _tenant, ...view }: Suppression): SuppressionView => view;

/** Whether the entry keeps a message of `channel` from being sent. */
export const covers = (entry: Pick<Suppression, 'channels'> | undefined, channel: Channel): boolean =>
  entry?.channels.includes(channel) ?? false;

/** Channels in the one order every store and answer uses. */
export const sortChannels = (channels: Iterable<Channel>): Channel[] => {
  const set = new Set(channels);
  return CHANNELS.filter((channel) => set.has(channel));
};

/** `PUT /suppressions/{recipient}`: the channels (default: every channel of the recipient's kind) and the reason. */
export const SuppressionBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    channels: z.optional(
      z.array(built(ChannelSchema)).check(z.minLength(1, 'must name at least one channel')),
    ),
    reason: z._default(built(SuppressionReason), 'manual'),
  }),
);
export type SuppressionBody = z.input<typeof SuppressionBody>;

/** The query string of `GET /suppressions`. */
export const ListSuppressionsQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    recipient: z.optional(built(SuppressedRecipient)),
    channel: z.optional(built(ChannelSchema)),
    reason: z.optional(built(SuppressionReason)),
    ...pageFields(),
  }),
);
export type ListSuppressionsQuery = z.infer<typeof ListSuppressionsQuery>;

/** A list query as a store answers it: always within one tenant. */
export type TenantSuppressionQuery = ListSuppressionsQuery & { tenant: string };

/** Where a page of entries ends: the last entry's `[createdAt, recipient]`, newest first. */
export const SUPPRESSION_POSITION = /* @__PURE__ */ lazy(() =>
  z.tuple([z.iso.datetime({ precision: 3 }), z.string().check(z.minLength(1), z.maxLength(254))]),
);

/** `GET /suppressions`: one page, newest first. */
export const SuppressionPage = /* @__PURE__ */ lazy(() =>
  z.object({ items: z.array(built(SuppressionView)), nextCursor: z.nullable(z.string()) }),
);
export type SuppressionPage = z.infer<typeof SuppressionPage>;

/** `DELETE /suppressions/{recipient}`: what is left of the entry, null when it is gone. */
export const SuppressionLifted = /* @__PURE__ */ lazy(() =>
  z.object({ recipient: z.string(), remaining: z.nullable(built(SuppressionView)) }),
);
export type SuppressionLifted = z.infer<typeof SuppressionLifted>;
