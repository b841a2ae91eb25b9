/**
 * Email for matching. The address in a cell and its match key belong to src/email (parse.ts), the
 * one reader validate, dedupe, match and suppress share; this file only re-exports them under the
 * names the engine uses and adds what matching alone needs (role addresses, freemail domains).
 * The written address is never changed: the key is used only to find duplicates
 * ("Thomas.Mueller+crm@gmail.com" and "thomasmueller@googlemail.com" reach the same inbox).
 */
import { emailMatchKey, parseEmailCell } from '../email/parse.js';

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
 * Local parts that name a function, not a person: such an address is shared by everyone at a
 * company and says only "same company".
 */
const ROLE_LOCAL_PARTS = new Set([
  'info', 'kontakt', 'contact', 'office', 'mail', 'post', 'email', 'e-mail', 'hallo', 'hello', 'hi', 'team', 'service',
  'kundenservice', 'support', 'sales', 'vertrieb', 'verkauf', 'einkauf', 'buchhaltung', 'rechnung', 'rechnungen',
  'invoice', 'billing', 'accounting', 'finance', 'hr', 'personal', 'jobs', 'karriere', 'career', 'careers',
  'bewerbung', 'marketing', 'presse', 'press', 'admin', 'webmaster', 'zentrale', 'empfang', 'reception',
  'sekretariat', 'verwaltung', 'anfrage', 'anfragen', 'bestellung', 'order', 'orders', 'noreply', 'no-reply',
  'kanzlei', 'praxis', 'buero', 'büro', 'firma', 'shop', 'newsletter', 'datenschutz', 'privacy', 'legal',
  'it', 'technik', 'dispo', 'disposition', 'logistik', 'versand', 'lager', 'werkstatt', 'montage', 'planung',
]);

export function isRoleAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  return ROLE_LOCAL_PARTS.has(local) || ROLE_LOCAL_PARTS.has(local.replace(/[.\-_]?\d+$/, ''));
}

/** Mailbox providers for private addresses: a shared domain there says nothing. */
const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'web.de', 't-online.de',
  'yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'ymail.com', 'hotmail.com', 'hotmail.de', 'outlook.com', 'outlook.de',
  'live.com', 'live.de', 'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aol.de', 'freenet.de',
  'posteo.de', 'mail.de', 'mailbox.org', 'arcor.de', 'online.de', 'email.de', 'vodafone.de', 'kabelmail.de',
  'bluewin.ch', 'hispeed.ch', 'sunrise.ch', 'aon.at', 'chello.at', 'a1.net', 'protonmail.com', 'proton.me',
  'pm.me', 'fastmail.com', 'tutanota.com', 'tuta.io', 'gmx.li',
]);

export function isFreemailDomain(domain: string): boolean {
  return FREEMAIL.has(domain);
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
