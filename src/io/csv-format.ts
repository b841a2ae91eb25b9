/**
 * Spreadsheet formula-injection guard for files written for people: a cell that a spreadsheet
 * would run as a formula gets a leading apostrophe. `+`/`-` followed by a plain number or a
 * phone number (`+49 30 1234567`, `-12,5`) is data, not a formula, and is left alone, as are
 * placeholders made of dashes only.
 */
export function guardFormula(v: string): string {
  if (v === '') return v;
  const c = v.charCodeAt(0);
  // = @ TAB CR
  if (c === 61 || c === 64 || c === 9 || c === 13) return `'${v}`;
  if (c === 43 || c === 45) {
    return PLAIN_NUMBER_OR_PHONE.test(v) ? v : `'${v}`;
  }
  return v;
}

// Also dashes alone ("-", "--": the usual placeholder for "no value" in vendor lists) and a lone
// "+": with nothing to compute, a spreadsheet shows them as text.
const PLAIN_NUMBER_OR_PHONE = /^(?:[+-](?:\d[\d.,]*|\d[\d ()/.-]*\d)|-+|\+)$/;
