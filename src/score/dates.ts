/**
 * Dates as lists write them: ISO ("2024-03-01", "2024-03-01T14:05:00Z", "2024/03/01") and
 * German ("01.03.2024", "1.3.2024", "01.03.24", with an optional time). Slash dates like
 * "03/01/2024" are refused: they mean March in the US and January in the UK.
 * Results are milliseconds since the epoch; dates without a zone are taken as UTC so the same
 * file scores the same on every machine.
 */

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*uhr)?)?$/i;

export const DAY_MS = 86_400_000;

function build(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, zone?: string): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(t);
  // 31.02.2024 would roll over into March; refuse it instead.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  if (!zone || zone.toUpperCase() === 'Z') return t;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  const offset = (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  return m[1] === '+' ? t - offset : t + offset;
}

/** Parses a date cell; undefined when it is not a date in one of the accepted forms. */
export function parseDate(text: string): number | undefined {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7]);
  }
  m = GERMAN.exec(s);
  if (m) {
    // Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX pivot).
    const yy = Number(m[3]);
    const year = m[3].length === 4 ? yy : yy < 70 ? 2000 + yy : 1900 + yy;
    return build(year, Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  return undefined;
}

/** True for an ISO calendar date "yyyy-mm-dd" that exists. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDate(text) !== undefined;
}

/** Whole and fractional days from `from` to `to` (both epoch ms). */
export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}
