const NON_ASCII = /[^\x00-\x7f]/;
const MAILTO = /^mailto:/i;

/**
 * Inputs longer than this are rejected before any other work. An address has at most 254
 * characters; the margin leaves room for a display name or mailto: wrapper, and the cut keeps
 * pasted paragraphs from costing regex and normalisation time.
 */
export const MAX_INPUT_LENGTH = 512;

/**
 * The address inside the usual wrappers, Unicode-normalised (NFC) and lower-cased:
 * "<Max.Mustermann@Firma.DE>", "Max Mustermann <max@firma.de>", "mailto:max@firma.de?subject=Hi".
 * NFC makes a decomposed "u + ¨" equal to "ü", as typed on another system. Lower-casing the
 * local part is technically lossy, but no mainstream provider distinguishes case and lead lists
 * must compare addresses. Expects trimmed input; returns '' when nothing is left.
 */
export function cleanEmailText(trimmed: string): string {
  let text = trimmed;
  if (text.endsWith('>')) {
    const open = text.lastIndexOf('<');
    // An "@" before the bracket means a second address ("a@x.de, <b@y.de>"); picking one of
    // them would be a guess, so such a cell stays as it is and fails the syntax check.
    if (open >= 0 && !text.slice(0, open).includes('@')) text = text.slice(open + 1, -1).trim();
  }
  if (MAILTO.test(text)) {
    text = text.slice(7);
    const query = text.indexOf('?');
    if (query >= 0) text = text.slice(0, query);
    text = text.trim();
  }
  if (NON_ASCII.test(text)) text = text.normalize('NFC');
  return text.toLowerCase();
}

/** Splits at the last "@" (a quoted local part may contain one); null without both halves. */
export function splitAddress(text: string): { local: string; domain: string } | null {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  return { local: text.slice(0, at), domain: text.slice(at + 1) };
}
