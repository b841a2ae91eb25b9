/**
 * Kölner Phonetik (Postel 1969): a phonetic code made for German names, so that "Müller",
 * "Mueller" and "Möller" or "Meier", "Maier", "Meyer" and "Mayr" share a code where Soundex (made
 * for English) would not. Letters map to digits by their neighbours, repeated digits collapse, and
 * vowels (0) are dropped except at the start: "Wikipedia" → 3412, "Müller-Lüdenscheidt" → 65752682.
 */

const VOWELS = 'aeijouy';

/** Lower-case a-z only, with umlauts as their vowel, ß as s and other accents dropped. */
function letters(input: string): string {
  const lower = input.toLowerCase();
  if (/^[a-z]*$/.test(lower)) return lower;
  return lower
    .replace(/ß/g, 's')
    .normalize('NFKD')
    .replace(/[^a-z]/g, '');
}

function code(s: string, i: number): string {
  const c = s[i];
  const prev = i > 0 ? s[i - 1] : '';
  const next = i + 1 < s.length ? s[i + 1] : '';
  if (VOWELS.includes(c)) return '0';
  switch (c) {
    case 'h':
      return '';
    case 'b':
      return '1';
    case 'p':
      return next === 'h' ? '3' : '1';
    case 'd':
    case 't':
      return next === 'c' || next === 's' || next === 'z' ? '8' : '2';
    case 'f':
    case 'v':
    case 'w':
      return '3';
    case 'g':
    case 'k':
    case 'q':
      return '4';
    case 'c':
      if (i === 0) return 'ahkloqrux'.includes(next) && next !== '' ? '4' : '8';
      if (prev === 's' || prev === 'z') return '8';
      return 'ahkoqux'.includes(next) && next !== '' ? '4' : '8';
    case 'x':
      return prev === 'c' || prev === 'k' || prev === 'q' ? '8' : '48';
    case 'l':
      return '5';
    case 'm':
    case 'n':
      return '6';
    case 'r':
      return '7';
    case 's':
    case 'z':
      return '8';
    default:
      return '';
  }
}

export function koelnerPhonetik(input: string): string {
  const s = letters(input);
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const digits = code(s, i);
    for (const d of digits) {
      if (d === last) continue;
      last = d;
      // A vowel code separates repeats ("Lolli" keeps both l's) but is itself kept only first.
      if (d !== '0' || out.length === 0) out += d;
    }
  }
  return out;
}
