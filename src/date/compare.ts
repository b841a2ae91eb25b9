/**
 * How close two dates are, for the matcher: the ways a birth date gets mistyped.
 *   exact       the same day
 *   transposed  day and month swapped (1980-03-04 / 1980-04-03)
 *   one_digit   one digit differs (1980-12-24 / 1980-12-25, 1980 / 1981), or two adjacent digits
 *               of the year, month or day are swapped (1985 / 1958, 13 / 31)
 *   one_part    two of year, month and day agree, the third differs wholly (a mistyped day,
 *               month or year: 1965-02-09 / 1965-02-20, 1981-09-23 / 2008-09-23)
 *   same_year   the same year, otherwise different
 *   differ      anything else
 *   missing     either side empty
 * Both sides are "YYYY-MM-DD" (parseDate / normaliseDate); other non-empty values compare as
 * exact when equal, else differ.
 */
export type DateLevel = 'exact' | 'transposed' | 'one_digit' | 'one_part' | 'same_year' | 'differ' | 'missing';

/** The levels, closest first. */
export const DATE_LEVELS: readonly DateLevel[] = ['exact', 'transposed', 'one_digit', 'one_part', 'same_year', 'differ', 'missing'];

function isYmd(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The end (exclusive) of the part (year, month, day) that position i of "YYYY-MM-DD" is in. */
function partEnd(i: number): number {
  return i < 4 ? 4 : i < 7 ? 7 : 10;
}

export function compareDateLevels(a: string, b: string): DateLevel {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  if (!isYmd(a) || !isYmd(b)) return 'differ';
  const sameYear = a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(1) === b.charCodeAt(1) && a.charCodeAt(2) === b.charCodeAt(2) && a.charCodeAt(3) === b.charCodeAt(3);
  if (sameYear && a[5] === b[8] && a[6] === b[9] && a[8] === b[5] && a[9] === b[6]) return 'transposed';
  // Positions where the two differ: one, or two adjacent ones within a part that are swapped.
  let first = -1;
  let second = -1;
  let count = 0;
  for (let i = 0; i < 10; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    count++;
    if (count > 2) break;
    if (first === -1) first = i;
    else second = i;
  }
  if (count === 1) return 'one_digit';
  if (count === 2 && second === first + 1 && partEnd(first) === partEnd(second) && a[first] === b[second] && a[second] === b[first]) return 'one_digit';
  const sameMonth = a.charCodeAt(5) === b.charCodeAt(5) && a.charCodeAt(6) === b.charCodeAt(6);
  const sameDay = a.charCodeAt(8) === b.charCodeAt(8) && a.charCodeAt(9) === b.charCodeAt(9);
  if ((sameYear ? 1 : 0) + (sameMonth ? 1 : 0) + (sameDay ? 1 : 0) === 2) return 'one_part';
  return sameYear ? 'same_year' : 'differ';
}
