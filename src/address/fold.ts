/**
 * Comparison keys for place and country names.
 *
 * Lists spell the same town "München", "Muenchen", "MUENCHEN" and "Munchen" (the umlaut dropped
 * by a non-German keyboard or system). All four must meet, so the key lower-cases, spells ß as
 * ss, drops every accent (ü → u) and then also folds the two-letter umlaut spellings ae/oe/ue
 * to their base vowel. Both sides of a comparison go through the same function, so the rare word
 * that naturally contains "ue" (Neue → neu) still compares correctly. Anything that is not a
 * letter or digit becomes a single space.
 */

const accentCache = new Map<string, string>();

/** Lower-case base letters of one non-ASCII character ('' for combining marks). */
function stripAccent(ch: string): string {
  const hit = accentCache.get(ch);
  if (hit !== undefined) return hit;
  const lower = ch.toLowerCase();
  let out: string;
  if (lower === 'ß' || lower === 'ẞ') out = 'ss';
  else if (lower === 'æ') out = 'ae';
  else if (lower === 'œ') out = 'oe';
  else if (lower === 'ø') out = 'o';
  else if (lower === 'ł') out = 'l';
  else if (lower === 'đ' || lower === 'ð') out = 'd';
  else if (lower === 'þ') out = 'th';
  else if (lower === 'ı') out = 'i';
  else out = lower.normalize('NFKD').replace(/\p{M}/gu, '');
  accentCache.set(ch, out);
  return out;
}

/**
 * "Frankfurt a. M." → "frankfurt a m", "Müllheim/Baden" → "mullheim baden",
 * "MUENCHEN" → "munchen".
 */
export function foldName(input: string): string {
  let ascii = '';
  let space = false;
  for (const ch of input) {
    const c = ch.charCodeAt(0);
    let piece: string;
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) piece = ch;
      else if (c >= 65 && c <= 90) piece = String.fromCharCode(c + 32);
      else piece = ' ';
    } else {
      piece = stripAccent(ch);
      if (piece === '') continue;
      if (!/^[a-z0-9]+$/.test(piece)) piece = ' ';
    }
    if (piece === ' ') {
      space = true;
      continue;
    }
    if (space && ascii.length > 0) ascii += ' ';
    space = false;
    ascii += piece;
  }
  return ascii.includes('e') ? ascii.replace(/([aou])e/g, '$1') : ascii;
}
