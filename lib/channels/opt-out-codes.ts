/**
 * The vendors' error codes that mean "this recipient opted out of your messages", by provider name:
 * a send or a receipt failing with one adds the recipient to the tenant's suppression list.
 * - Twilio 21610: the recipient replied STOP (or another opt-out keyword) to the sending number.
 * - Meta 131050: the user stopped marketing messages from the business.
 * Meta's 131047 (the 24-hour window has passed) and 131026 (undeliverable, which includes a
 * blocked business but also an old app) are not opt-outs: a template or a later message may reach
 * the user, so they do not suppress (docs/api.md, Suppressions).
 */
const OPT_OUT_CODES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['twilio', new Set(['21610'])],
  ['meta', new Set(['131050'])],
]);

/** Whether `code` (`code` or `code:subcode`) from `provider` says the recipient opted out. */
export function isOptOutCode(provider: string | null | undefined, code: string | null | undefined): boolean {
  if (!provider || !code) return false;
  return OPT_OUT_CODES.get(provider)?.has(code.split(':')[0] ?? '') ?? false;
}
