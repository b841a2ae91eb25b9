/**
 * Email normalisation for matching. The written address is never changed: the match key below is
 * used only to find duplicates ("Thomas.Mueller+crm@gmail.com" and "thomasmueller@googlemail.com"
 * reach the same inbox), never written back to a row.
 */

/** Trimmed, lower-cased address without "mailto:" and angle brackets; '' when it has no "@". */
export function normaliseEmail(value: string): string {
  if (!value) return '';
  // Most addresses are already in shape: return them without making a new string.
  if (!/[A-Z\s<>:]/.test(value)) {
    const at = value.lastIndexOf('@');
    return at <= 0 || at === value.length - 1 ? '' : value;
  }
  let v = value.trim().toLowerCase();
  if (v.startsWith('mailto:')) v = v.slice(7);
  if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1);
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1 || /\s/.test(v)) return '';
  return v;
}

/** Providers that ignore dots in the local part and deliver "name+tag@" to "name@". */
const DOTLESS = new Set(['gmail.com', 'googlemail.com']);
/** Providers that deliver "name+tag@" to "name@" (sub-addressing) but honour dots. */
const PLUS_TAGS = new Set([
  'outlook.com',
  'outlook.de',
  'hotmail.com',
  'hotmail.de',
  'live.com',
  'live.de',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'fastmail.com',
  'posteo.de',
  'mailbox.org',
]);

/** The matching key of a normalised address: provider-specific aliases folded together. */
export function emailMatchKey(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '';
  let domain = email.slice(at + 1);
  if (!DOTLESS.has(domain) && !(PLUS_TAGS.has(domain) && email.lastIndexOf('+', at) !== -1)) return email;
  let local = email.slice(0, at);
  if (DOTLESS.has(domain)) {
    domain = 'gmail.com';
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
  } else if (PLUS_TAGS.has(domain)) {
    local = local.replace(/\+.*$/, '');
  }
  return `${local}@${domain}`;
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

export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1) : '';
}

export function emailLocalPart(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(0, at) : '';
}
