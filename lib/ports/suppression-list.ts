import type { Channel } from '../domain/message.schema.js';
import type { Suppression, SuppressionInput, TenantSuppressionQuery } from '../domain/suppression.js';

/**
 * The suppression list port: per tenant, the recipients not to send to, on which channels. Keyed by
 * tenant and (normalized) recipient; every read stays inside one tenant.
 */
export interface SuppressionList {
  /** The tenant's entry for the recipient, if any (a consistent read: it gates every send). */
  get(tenant: string, recipient: string): Promise<Suppression | undefined>;
  /**
   * Adds the input's channels to the entry (made if absent, `createdAt` then `at`); its reason and
   * source replace the entry's, `updatedAt` becomes `at`. Atomic: two adds of different channels
   * both count. Answers the entry as written.
   */
  add(input: SuppressionInput): Promise<Suppression>;
  /**
   * Removes `channels` (all of them if omitted) from the entry; the entry goes once none is left.
   * Answers what is left (undefined if nothing), or `absent` when there was no entry to lift.
   */
  lift(
    tenant: string,
    recipient: string,
    at: string,
    channels?: readonly Channel[],
  ): Promise<Suppression | undefined | 'absent'>;
  /**
   * One page of the tenant's entries, newest first (`createdAt`, then recipient), filtered by
   * equality. Throws a ValidationError naming `cursor` for a cursor not of its making.
   */
  list(query: TenantSuppressionQuery): Promise<{ items: Suppression[]; nextCursor: string | null }>;
  /**
   * Erasure (lib/privacy/erased-suppressions.ts): moves the tenant's entry for `recipient` to the
   * recipient's keyed hash, which becomes its `recipient`; channels, reason, source and times are
   * kept (the channels join those of an entry already under the hash). Never a moment with neither
   * entry: the hashed one is written before the plain one goes. False when there is no plain entry.
   */
  erase(tenant: string, recipient: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
}
