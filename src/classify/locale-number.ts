/**
 * Numbers as people type them in German and English lists: "1.234,5", "1,234.5", "1.000",
 * "2,5", "1'000" (Swiss), "1 000". Every cell is a string, so this is the one place that
 * decides what a number is.
 *
 * With both separators present, the last one is the decimal mark. With only one kind, a
 * single separator followed by exactly three digits is a thousands separator ("1.000" and
 * "1,000" are a thousand; German lists write "1.000 Mitarbeiter"), otherwise it is the decimal
 * mark ("2,5", "2.5", "0,750"); a separator that occurs twice is always a thousands separator.
 */
export function parseLocaleNumber(text: string): number | undefined {
  let s = text.trim().replace(/[\u00a0\u202f\u2009]/g, ' ');
  if (s === '') return undefined;
  let sign = 1;
  if (/^[+-]/.test(s)) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1).trimStart();
  }
  // Swiss apostrophes and spaces only ever group thousands.
  if (/^\d{1,3}(?:['’ ]\d{3})+(?:[.,]\d+)?$/.test(s)) s = s.replace(/['’ ]/g, '');
  if (!/^(?:\d[\d.,]*)?\d$|^[.,]\d+$/.test(s)) return undefined;

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const [intPart, frac, ...rest] = s.split(decimal);
    if (rest.length > 0 || !isGrouped(intPart, thousands)) return undefined;
    normalized = `${intPart.split(thousands).join('')}.${frac}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!isGrouped(s, sep)) return undefined;
      normalized = parts.join('');
    } else if (parts[1].length === 3 && parts[0] !== '' && parts[0] !== '0' && parts[0].length <= 3) {
      normalized = parts.join('');
    } else {
      normalized = `${parts[0] || '0'}.${parts[1]}`;
    }
  } else {
    normalized = s;
  }
  const n = Number(normalized);
  return Number.isFinite(n) ? sign * n : undefined;
}

/** "1.234.567" grouped by `sep`: a 1–3 digit head, then groups of exactly three. */
function isGrouped(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * Whether the text is a number only the convention above reads: one separator followed by
 * exactly three digits ("1.200", "1,200", "12.500"), a thousand and more in a German list but a
 * decimal in an English one. Where a misreading costs money (a list's price), a caller refuses
 * it and asks for "1200", "1200.00" or "1.200,00".
 */
export function isAmbiguousGrouping(text: string): boolean {
  const s = text.trim().replace(/^[+-]\s*/, '');
  return /^[1-9]\d{0,2}[.,]\d{3}$/.test(s);
}
