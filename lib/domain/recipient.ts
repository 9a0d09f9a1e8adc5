import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { lazy } from '../lazy.js';
import * as z from '../zod.js';
import { normalizedString } from './fields.js';

// The characters E.164 input may carry besides digits; letters, extensions or text around the
// number are refused rather than guessed at.
const PHONE_CHARACTERS = /^\+[0-9 ()\-.]+$/;

/** The E.164 form of a phone number valid for its numbering plan, or undefined. */
export function toE164(input: string): string | undefined {
  if (!PHONE_CHARACTERS.test(input)) return undefined;
  try {
    const phone = parsePhoneNumberWithError(input);
    return phone.isValid() && !phone.ext ? phone.number : undefined;
  } catch {
    return undefined;
  }
}

// zod's email format: no display name, no CR/LF or spaces, a dotted domain with a TLD.
const emailFormat = /* @__PURE__ */ lazy(() => z.email());

/** The address with its domain lower-cased (the local part is case-sensitive by RFC 5321), or undefined. */
export function normalizeEmail(input: string): string | undefined {
  if (input.length > 254 || !emailFormat.safeParse(input).success) return undefined;
  const at = input.lastIndexOf('@');
  return `${input.slice(0, at)}@${input.slice(at + 1).toLowerCase()}`;
}

export const PHONE_HINT = 'must be a phone number in E.164 format, e.g. +14155550123';
export const EMAIL_HINT =
  'must be an email address such as user@example.com (no display name, at most 254 characters)';

export const emailRecipient = /* @__PURE__ */ lazy(() => normalizedString(normalizeEmail, EMAIL_HINT));
export const phoneRecipient = /* @__PURE__ */ lazy(() => normalizedString(toE164, PHONE_HINT));
/** Either kind of recipient, for filters where the channel is not known. */
export const anyRecipient = /* @__PURE__ */ lazy(() =>
  normalizedString(
    (value) => (value.includes('@') ? normalizeEmail(value) : toE164(value)),
    'must be an email address or an E.164 phone number',
  ),
);
