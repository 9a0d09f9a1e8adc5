import type { Clock } from '../domain/clock.js';
import type { Channel } from '../domain/message.schema.js';
import type { Logger } from '../logger.js';
import type { SuppressionList } from '../ports/suppression-list.js';

/** An opt-out or opt-in a recipient sent us (STOP, START), for some channels. */
export interface KeywordChange {
  action: 'suppress' | 'lift';
  recipient: string;
  channels: Channel[];
}

export type RecordKeyword = (
  change: KeywordChange,
  options: { provider: string; logger: Logger },
) => Promise<void>;

/**
 * Applies a recipient's own opt-out or opt-in to the suppression list of `tenant` (the deployment's
 * inbound tenant: a reply names a number, not a tenant; docs/api.md). An opt-in lifts only the
 * channels it speaks for: a number suppressed on WhatsApp by Meta stays so after an SMS START.
 * A failed write throws, so that the provider's request fails and is sent again.
 */
export function makeRecordKeyword(deps: {
  list: SuppressionList;
  clock: Clock;
  tenant: string;
}): RecordKeyword {
  const { list, clock, tenant } = deps;
  return async (change, { provider, logger }) => {
    const at = clock().toISOString();
    if (change.action === 'suppress') {
      await list.add({
        tenant,
        recipient: change.recipient,
        channels: change.channels,
        reason: 'unsubscribe',
        source: { provider, keyId: null, messageId: null },
        at,
      });
    } else {
      await list.lift(tenant, change.recipient, at, change.channels);
    }
    logger.info(change.action === 'suppress' ? 'recipient suppressed' : 'suppression lifted', {
      provider,
      tenant,
      channels: change.channels,
    });
  };
}
