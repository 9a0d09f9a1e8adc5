import { type Suppression, sortChannels } from '../domain/suppression.js';
import type { SuppressionList } from '../ports/suppression-list.js';

/** The keyed hash of a tenant's (normalized) recipient: recipientHash under PRIVACY_HASH_KEY. */
export type HashOf = (tenant: string, recipient: string) => string;

/** Both entries as one: the plain one's fields, the channels of both. */
function joined(plain: Suppression | undefined, hashed: Suppression | undefined): Suppression | undefined {
  if (!plain || !hashed) return plain ?? hashed;
  return { ...plain, channels: sortChannels([...plain.channels, ...hashed.channels]) };
}

/**
 * The suppression list with its erased entries: an erasure (POST /erasures) moves a recipient's
 * entry to the recipient's keyed hash, so that it no longer holds the recipient and still keeps
 * them from being messaged. Every call names the plain recipient and reaches the entry under either
 * key: the gate's read asks for both at once (the second read is the cost: docs/privacy.md), an add
 * joins the hashed entry if there is one (it stays erased), a lift lifts both, a list filtered by
 * recipient finds the hashed one.
 */
export function withErasedEntries(list: SuppressionList, hashOf: HashOf): SuppressionList {
  return {
    async get(tenant, recipient) {
      const [plain, hashed] = await Promise.all([
        list.get(tenant, recipient),
        list.get(tenant, hashOf(tenant, recipient)),
      ]);
      return joined(plain, hashed);
    },
    async add(input) {
      const hash = hashOf(input.tenant, input.recipient);
      const [plain, hashed] = await Promise.all([
        list.get(input.tenant, input.recipient),
        list.get(input.tenant, hash),
      ]);
      return hashed && !plain ? list.add({ ...input, recipient: hash }) : list.add(input);
    },
    async lift(tenant, recipient, at, channels) {
      const plain = await list.lift(tenant, recipient, at, channels);
      const hashed = await list.lift(tenant, hashOf(tenant, recipient), at, channels);
      if (plain === 'absent') return hashed;
      return hashed === 'absent' ? plain : joined(plain, hashed);
    },
    async list(query) {
      const page = await list.list(query);
      if (query.recipient === undefined || page.items.length > 0) return page;
      return list.list({ ...query, recipient: hashOf(query.tenant, query.recipient) });
    },
    erase: (tenant, recipient, hash) => list.erase(tenant, recipient, hash),
    close: () => list.close(),
  };
}
