import type { Principal } from '../domain/api-key.js';
import type { Clock } from '../domain/clock.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Channel } from '../domain/message.schema.js';
import {
  channelsOf,
  ListSuppressionsQuery,
  RECIPIENT_HINT,
  SuppressionBody,
  type SuppressionInput,
  type SuppressionLifted,
  type SuppressionPage,
  type SuppressionView,
  suppressionRecipient,
  toView,
} from '../domain/suppression.js';
import { toDetails } from '../domain/validation.js';
import type { SuppressionList } from '../ports/suppression-list.js';
import type { core } from '../zod.js';

/** The `{recipient}` of a path: API Gateway may hand it over still percent-encoded. */
function recipientOf(param: string | undefined): string {
  let value = param ?? '';
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not an encoding: judged as it is.
    }
  }
  const recipient = suppressionRecipient(value);
  if (recipient === undefined)
    throw new ValidationError([{ field: 'recipient', message: RECIPIENT_HINT }], 'The path is invalid');
  return recipient;
}

function valid<T>(parsed: core.util.SafeParseResult<T>, message: string): T {
  if (parsed.success) return parsed.data;
  throw new ValidationError(toDetails(parsed.error.issues), message);
}

/** Channels a recipient of this kind has; the rest are named in a 400. */
function fitting(recipient: string, channels: readonly Channel[], field: string): Channel[] {
  const possible = channelsOf(recipient);
  const wrong = channels.filter((channel) => !possible.includes(channel));
  if (wrong.length > 0) {
    throw new ValidationError(
      [
        {
          field,
          message: `must be among ${possible.join(', ')} for this recipient; not ${wrong.join(', ')}`,
        },
      ],
      field === 'channels' ? 'Request body is invalid' : 'Query string is invalid',
    );
  }
  return [...new Set(channels)];
}

/**
 * `/suppressions`: a tenant's list, as its `suppressions:manage` keys see and change it. Every call
 * is within the caller's tenant; another tenant's entry is as absent as a missing one.
 */
export function makeManageSuppressions(deps: { list: SuppressionList; clock: Clock }) {
  const { list, clock } = deps;
  return {
    async list(query: Record<string, string | undefined> | null, tenant: string): Promise<SuppressionPage> {
      const parsed = valid(ListSuppressionsQuery.safeParse(query ?? {}), 'Query string is invalid');
      const page = await list.list({ ...parsed, tenant });
      return { items: page.items.map(toView), nextCursor: page.nextCursor };
    },
    /** Adds the recipient on the body's channels (all of its kind by default); the key is the source. */
    async put(param: string | undefined, body: unknown, caller: Principal): Promise<SuppressionView> {
      const recipient = recipientOf(param);
      const request = valid(SuppressionBody.safeParse(body ?? {}), 'Request body is invalid');
      const input: SuppressionInput = {
        tenant: caller.tenant,
        recipient,
        channels: fitting(recipient, request.channels ?? channelsOf(recipient), 'channels'),
        reason: request.reason,
        source: { provider: null, keyId: caller.keyId, messageId: null },
        at: clock().toISOString(),
      };
      return toView(await list.add(input));
    },
    /**
     * Lifts the recipient (one channel with `?channel=`); 404 when the tenant has no entry. Answers
     * what is left, or null when the entry is gone.
     */
    async lift(
      param: string | undefined,
      query: Record<string, string | undefined> | null,
      tenant: string,
    ): Promise<SuppressionLifted> {
      const recipient = recipientOf(param);
      const { channel, ...rest } = query ?? {};
      const unknown = Object.keys(rest);
      if (unknown.length > 0) {
        throw new ValidationError(
          unknown.map((field) => ({ field, message: 'is not a known field' })),
          'Query string is invalid',
        );
      }
      const channels =
        channel === undefined ? undefined : fitting(recipient, [channel as Channel], 'channel');
      const left = await list.lift(tenant, recipient, clock().toISOString(), channels);
      if (left === 'absent') throw new NotFoundError(`No suppression for ${JSON.stringify(recipient)}`);
      return { recipient, remaining: left ? toView(left) : null };
    },
  };
}
export type ManageSuppressions = ReturnType<typeof makeManageSuppressions>;
