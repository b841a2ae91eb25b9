/**
 * Reduces a phone cell to the digits of one number, before any numbering-plan logic.
 *
 * Lead lists wrap numbers in labels and comments ("Tel.: 089/1234567 (Zentrale)"), give
 * extensions in words ("Durchwahl 12", "DW 12", "App. 12", "ext. 12", "x12"), use placeholders
 * for "none" ("n/a", "-", "keine", Excel's "#NV") and let spreadsheets mangle them ("4.91E+11",
 * "491711234567.0"). What is left is digits, whether a "+" led them, the extension, and the
 * digits after a final hyphen — in DIN 5008 "089 12345-67" the part after the hyphen is a direct
 * dial that belongs to the number, but a caller may need it as an extension when the whole is
 * too long to be one number.
 */

export type CleanedPhone =
  | { kind: 'missing' }
  /** Text with no usable number: words only, a number in scientific notation. */
  | { kind: 'junk' }
  | { kind: 'digits'; digits: string; plus: boolean; ext: string; tail: string }
  /** A shape this cleaner does not take apart; libphonenumber's own extraction gets the text. */
  | { kind: 'text'; text: string; ext: string };

/** Cell values that mean "no number" (compared in lower case). */
const PLACEHOLDERS = new Set([
  '-', '--', '---', '–', '—', '.', '/', '?', '0', 'x', 'n/a', 'na', 'n.a.', 'k.a.', 'k. a.', 'ka', 'keine', 'keine angabe',
  'kein', 'nicht vorhanden', 'unbekannt', 'unknown', 'none', 'null', 'nil', '#nv', '#n/a', 'tbd', 'folgt', 'siehe oben',
]);

/**
 * Possible boundaries between several numbers in one cell: ";", "|", line breaks, " / ",
 * ", " before another number, and words ("oder", "Fax", "mobil") between digit groups. Each of
 * these also occurs inside a single number ("+49 (0) 171 / 123 45 67"), so the caller decides
 * by checking whether the parts are numbers on their own.
 */
const NUMBER_SEPARATORS = /[;|\n\r]|\s\/\s|,\s*(?=[+(]|0\d)|\s[\p{L}][\p{L}.]+:?\s/u;
/** A comment in brackets without digits: "(Zentrale)", "[mobil]". */
const TRAILING_COMMENT = /\s*[([][^()[\]\d]*[)\]]\s*$/;
/** Extension markers, English and German (Durchwahl, DW, Nebenstelle, Apparat, Klappe). */
const EXTENSION =
  /(?:^|[\s,;(/])(?:ext\.?|extension|x|durchwahl|durchw\.?|dw\.?|nebenstelle|nst\.?|apparat|app\.?|kl\.?|klappe|poste|int\.?|#)\s*[:.=]?\s*-?\s*(\d{1,6})\s*\)?$/i;
/** Trailing words after the number: "089 1234567 Zentrale", "0171 1234567 privat". */
const TRAILING_WORDS = /[\s,;:]+[\p{L}][\p{L}\s.,:/-]*$/u;
const NUMBER_CHARS = /^[\d\s+\-/.()[\]]+$/;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Parts of a cell that may each be a number (at least six digits); one part for most cells. */
export function splitNumberGroups(raw: string): string[] {
  // Most cells have no separator at all: a test allocates nothing, a split an array.
  if (!NUMBER_SEPARATORS.test(raw)) return digitCount(raw) >= 6 ? [raw] : [];
  return raw.split(NUMBER_SEPARATORS).filter((part) => digitCount(part) >= 6);
}

export function cleanPhoneText(raw: string): CleanedPhone {
  let text = raw.trim();
  if (text === '') return { kind: 'missing' };
  // Full-width digits and plus signs, no-break spaces, typographic dashes.
  if (/[^\u0000-\u007f]/.test(text)) text = text.normalize('NFKC').replace(/[\u2010-\u2015\u2212]/g, '-').trim();
  // Most cells are nothing but a number ("+49 (0)351 6622701", "040/2671200"): no words, so
  // no label, extension word, trailing words or scientific notation to look for.
  const plain = NUMBER_CHARS.test(text);
  if (PLACEHOLDERS.has(plain ? text : text.toLowerCase())) return { kind: 'missing' };
  if (digitCount(text) === 0 || (!plain && SCIENTIFIC.test(text))) return { kind: 'junk' };
  // A number stored as a float comes back as "491711234567.0".
  if (/^\+?\d+\.0$/.test(text)) text = text.slice(0, -2);

  // Label before the number: "Tel.: ", "Mobil ", "T ".
  const start = text.search(/[+(\d]/);
  if (start > 0 && /^[\p{L}\s.:/-]*$/u.test(text.slice(0, start))) text = text.slice(start);

  let ext = '';
  if (!plain) {
    for (let guard = 0; guard < 4; guard++) {
      const before = text;
      text = text.replace(TRAILING_COMMENT, '');
      if (ext === '') {
        const m = EXTENSION.exec(text);
        if (m) {
          ext = m[1];
          text = text.slice(0, m.index);
        }
      }
      text = text.replace(TRAILING_WORDS, '').trim();
      if (text === before) break;
    }
  } else if (text.endsWith(')') || text.endsWith(']')) {
    // A bracket without digits at the end: "089 1234567 (-)".
    for (let guard = 0; guard < 4; guard++) {
      const before = text;
      text = text.replace(TRAILING_COMMENT, '').trim();
      if (text === before) break;
    }
  }

  if (!NUMBER_CHARS.test(text)) return { kind: 'text', text, ext };
  const firstSignificant = text.replace(/^[\s([]+/, '');
  const plus = firstSignificant.startsWith('+');
  if ((plus ? firstSignificant.slice(1) : firstSignificant).includes('+')) return { kind: 'text', text, ext };

  const digits = text.replace(/\D/g, '');
  if (digits === '') return { kind: 'junk' };
  const tailMatch = /-\s*(\d{1,5})\s*$/.exec(text);
  const tail = tailMatch && digitCount(text.slice(0, tailMatch.index)) >= 6 ? tailMatch[1] : '';
  return { kind: 'digits', digits, plus, ext, tail };
}
