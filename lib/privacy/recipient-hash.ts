import { createHmac } from 'node:crypto';

/**
 * The keyed hash that stands for a recipient once they are erased (and in the suppression list):
 * HMAC-SHA256 under the deployment's PRIVACY_HASH_KEY of the tenant and the normalized recipient,
 * lower-case hex. Keyed, so that nobody without the key can test a guessed address or number against
 * it (a plain hash of a phone number is reversed by trying every number); with the tenant, so that
 * two tenants' hashes of one person cannot be linked. Give it the recipient normalized as on sending
 * (lib/domain/recipient.ts), or one person gets two hashes.
 */
export function recipientHash(secret: string, tenant: string, recipient: string): string {
  // The tenant holds no NUL (TenantId), so no (tenant, recipient) pair runs into another's.
  return createHmac('sha256', secret).update(`${tenant}\u0000${recipient}`).digest('hex');
}
