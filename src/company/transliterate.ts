/**
 * Text folding shared by company keys and person matching.
 *
 * German lists spell the same name three ways: "Müller", "Mueller", "MÜLLER". Folding maps all of
 * them to "mueller": lower case, German transliteration first (ä→ae, ö→oe, ü→ue, ß→ss, so that the
 * umlaut and its two-letter spelling meet), then every remaining accent dropped (é→e, ł→l), and
 * anything that is not a letter or digit turned into a single space.
 */

/** Letters whose folded form is not simply "the base letter without its accent". */
const SPECIAL: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
};

/** Folded form of one non-ASCII character: letters, or '' for marks, or ' ' for separators. */
const charCache = new Map<number, string>();

function foldChar(cp: number): string {
  const hit = charCache.get(cp);
  if (hit !== undefined) return hit;
  const lower = String.fromCodePoint(cp).toLowerCase();
  let out = '';
  for (const ch of lower) {
    const special = SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    // NFKD can expand ligatures and fractions into several characters ("ﬁ" → "fi").
    for (const b of base) out += /[\p{L}\p{N}]/u.test(b) ? b.toLowerCase() : /\p{M}/u.test(b) ? '' : ' ';
  }
  charCache.set(cp, out);
  return out;
}

// Output buffer for foldText: one string is made per call instead of one per character.
let buf = new Uint16Array(256);

/**
 * Lower-case, transliterate and strip accents; every run of non-alphanumerics becomes one space.
 * "Müller-Lüdenscheidt GmbH" → "mueller luedenscheidt gmbh".
 */
export function foldText(input: string): string {
  if (input.length * 3 + 2 > buf.length) buf = new Uint16Array(input.length * 3 + 2);
  let n = 0;
  let space = false;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 128) {
      let out: number;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out = c;
      else if (c >= 65 && c <= 90) out = c + 32;
      else {
        space = true;
        continue;
      }
      if (space && n > 0) buf[n++] = 32;
      space = false;
      buf[n++] = out;
      continue;
    }
    const cp = input.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    const piece = foldChar(cp);
    if (piece === '') continue;
    if (piece === ' ') {
      space = true;
      continue;
    }
    if (space && n > 0) buf[n++] = 32;
    space = false;
    if (n + piece.length > buf.length) {
      const grown = new Uint16Array((n + piece.length) * 2);
      grown.set(buf);
      buf = grown;
    }
    for (let k = 0; k < piece.length; k++) buf[n++] = piece.charCodeAt(k);
  }
  return n === 0 ? '' : String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
}

/**
 * Transliterate German letters and drop accents but keep case, spacing and punctuation:
 * "Müller & Söhne Straße" → "Mueller & Soehne Strasse". For display and for keys that must keep
 * their shape (emails, codes).
 */
export function transliterate(input: string): string {
  // Fast path: plain ASCII needs nothing.
  if (!/[^\u0000-\u007f]/.test(input)) return input;
  return input
    .replace(/[äöüÄÖÜßẞ]/g, (ch) => {
      switch (ch) {
        case 'ä':
          return 'ae';
        case 'ö':
          return 'oe';
        case 'ü':
          return 'ue';
        case 'Ä':
          return 'Ae';
        case 'Ö':
          return 'Oe';
        case 'Ü':
          return 'Ue';
        default:
          return 'ss';
      }
    })
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/** True when the text has letters and all of them are capitals ("MÜLLER HOLZBAU"). */
export function isAllCaps(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
