/**
 * Dates as lists write them — "24.12.1980", "1980-12-24", "24/12/1980", "1980-12-24T10:00:00Z",
 * "24.12.80" — as "YYYY-MM-DD", or '' when the value is not a date. Slashed dates are read
 * day-first, as European lists write them.
 */
export function normaliseDate(value: string): string {
  if (!value) return '';
  const v = value.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(v);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:$|[T\s,])/.exec(v);
  if (m) {
    let year = +m[3];
    // Two-digit years: the nearer century (up to 30 years ahead of 2000 counts as 20xx).
    if (m[3].length === 2) year += year <= 30 ? 2000 : 1900;
    return ymd(year, +m[2], +m[1]);
  }
  return '';
}

function ymd(y: number, mo: number, d: number): string {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return '';
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return '';
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A sortable timestamp string for survivorship ("newest"/"oldest"): ISO date-times keep their
 * time, other dates become "YYYY-MM-DD". '' when unparseable.
 */
export function sortableTimestamp(value: string): string {
  if (!value) return '';
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) return v.replace(' ', 'T');
  const d = normaliseDate(v);
  if (!d) return '';
  const time = /\s(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(v);
  return time ? `${d}T${time[1].padStart(2, '0')}:${time[2]}:${time[3] ?? '00'}` : d;
}
