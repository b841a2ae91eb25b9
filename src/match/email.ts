/**
 * Email for matching. The address in a cell and its match key belong to src/email (parse.ts), the
 * one reader validate, dedupe, match and suppress share; this file only re-exports them and src/email's
 * role, free-mail and disposable readings under the names the engine uses, and adds what matching
 * alone needs (household addresses).
 * The written address is never changed: the key is used only to find duplicates
 * ("Thomas.Mueller+crm@gmail.com" and "thomasmueller@googlemail.com" reach the same inbox).
 */
import { isDisposableDomain } from '../email/disposable.js';
import { emailMatchKey, parseEmailCell } from '../email/parse.js';
import { isFreeProvider } from '../email/providers.js';
import { isRoleLocal } from '../email/role.js';

export { emailMatchKey };

/**
 * The address in a cell as src/email reads it (unwrapped, lower-cased; '' when there is none), for
 * telling cells apart (survivorship's emails_other). A cell with several addresses stays whole
 * ("a@x.de; b@y.de"), so that its second address is not taken for a repeat of the first.
 */
export function normaliseEmail(value: string): string {
  const cell = parseEmailCell(value);
  return cell.multiple ? cell.text : cell.address;
}

/**
 * Role addresses (info@, vertrieb@) are shared by everyone at a company and say only "same
 * company": src/email's reading, the one validate flags as `role`.
 */
export function isRoleAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  return isRoleLocal(at > 0 ? email.slice(0, at) : email);
}

/** Mailbox providers for private addresses (src/email's list): a shared domain there says nothing. */
export function isFreemailDomain(domain: string): boolean {
  return isFreeProvider(domain);
}

/** Throw-away mailboxes (mailinator.com …): anyone may use them, so they identify no one. */
export function isDisposableEmailDomain(domain: string): boolean {
  return isDisposableDomain(domain);
}

/**
 * Local parts a household or a couple shares ("familie.mueller", "anna.und.tom", "the.smiths"):
 * the same address on two records says "same household", not "same person".
 */
const HOUSEHOLD = /(?:^|[._-])(?:familie|family|famille|fam|eheleute|household|haushalt)(?:$|[._-])|[._-](?:und|and|et|u)[._-]|&/;
export function isHouseholdLocal(local: string): boolean {
  return HOUSEHOLD.test(local);
}

/** Domain of an address or key (one "@", as parseEmailCell guarantees); '' without one. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1) : '';
}

export function emailLocalPart(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(0, at) : '';
}
