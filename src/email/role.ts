import roleLocals from '../data/email/role-locals.json' with { type: 'json' };

const ROLE_LOCALS: ReadonlySet<string> = new Set(roleLocals);

const SEPARATORS = /[._-]/g;

/**
 * First pieces of role words that are written with separators ("no" of no-reply, "do" of
 * do-not-reply). Only local parts starting with one of these are re-checked with their
 * separators dropped, which keeps the common "vorname.nachname" case to two Set look-ups.
 */
const COMPOUND_HEADS: ReadonlySet<string> = new Set(
  roleLocals.filter((word) => /[._-]/.test(word)).map((word) => word.split(/[._-]/, 1)[0]),
);

function isSeparator(code: number): boolean {
  return code === 46 /* . */ || code === 95 /* _ */ || code === 45 /* - */;
}

function withoutTrailingDigits(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) >= 48 && text.charCodeAt(end - 1) <= 57) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * True for mailboxes of a function rather than a person: info@, vertrieb@, noreply@.
 * Recognised forms, for a lower-cased local part:
 * - the word itself, after dropping a +tag and trailing digits: info+crm, kontakt2, info2024;
 * - the word as the first of several parts: info.berlin, vertrieb-nord, service_24;
 * - the word with its separators dropped: no.reply, do_not_reply.
 * A role word later in the local part (anna.marketing) is not enough: that is usually a person.
 */
export function isRoleLocal(local: string): boolean {
  const plus = local.indexOf('+');
  const base = withoutTrailingDigits(plus >= 0 ? local.slice(0, plus) : local);
  if (base === '') return false;
  if (ROLE_LOCALS.has(base)) return true;
  let sep = 0;
  while (sep < base.length && !isSeparator(base.charCodeAt(sep))) sep++;
  if (sep === base.length || sep === 0) return false;
  const head = base.slice(0, sep);
  if (ROLE_LOCALS.has(withoutTrailingDigits(head))) return true;
  return COMPOUND_HEADS.has(head) && ROLE_LOCALS.has(base.replace(SEPARATORS, ''));
}
