/**
 * Birth dates kept in parts: a list with birth_year, birth_month and birth_day columns (Geburtsjahr,
 * Geburtsmonat, …, see src/schema.ts) gets birth_date = "YYYY-MM-DD" composed from them, where
 * birth_date is empty and the parts form a day that exists. The part columns stay as they are, and
 * a birth_date the list gave is never overwritten.
 *
 * Parts as lists write them: year "1980" or "80" (two digits by the date reader's pivot), month
 * "3", "03", "März", "Mar", "Jänner", day "7", "07", "7.". Anything else composes nothing.
 */
import { formatDate, fullYear, monthNumber } from '../date/parse.js';
import type { Row } from '../table.js';

export const BIRTH_PARTS = ['birth_year', 'birth_month', 'birth_day'] as const;

/** True when a list's output columns hold all three parts: then import composes birth_date. */
export function composesBirthDate(columns: readonly string[]): boolean {
  return BIRTH_PARTS.every((p) => columns.includes(p));
}

/** "YYYY-MM-DD" from a year, month and day as written, or '' when they are no day that exists. */
export function composeDate(year: string, month: string, day: string): string {
  const y = year.trim().replace(/\.$/, '');
  const m = month.trim().replace(/\.$/, '');
  const d = day.trim().replace(/\.$/, '');
  if (!/^(?:\d{4}|\d{2})$/.test(y) || !/^\d{1,2}$/.test(d)) return '';
  const mo = /^\d{1,2}$/.test(m) ? Number(m) : monthNumber(m);
  const yy = fullYear(y);
  if (yy < 1800 || yy > 2100) return '';
  return formatDate(yy, mo, Number(d));
}

/** Sets row.birth_date from the parts when it is empty and they compose; the row is changed in place. */
export function composeBirthDateInto(row: Row): void {
  if ((row.birth_date ?? '').trim() !== '') return;
  const date = composeDate(row.birth_year ?? '', row.birth_month ?? '', row.birth_day ?? '');
  if (date) row.birth_date = date;
}
