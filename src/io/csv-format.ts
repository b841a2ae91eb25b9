/**
 * CSV serialisation: RFC 4180 quoting, only where needed, so values pass between stages
 * byte for byte (`+4930…`, `01067`). Hand-written for speed on the hot path; csv-stringify is
 * the oracle in the tests.
 */
export function makeQuoter(delimiter: string): (v: string) => string {
  // A regex test measured faster than a charCode loop on lead-list values.
  const needs = new RegExp(`["\\r\\n${delimiter.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&')}]`);
  return (v: string) => (needs.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
}

export function makeLineFormatter(delimiter: string, eol = '\n'): (values: string[]) => string {
  const quote = makeQuoter(delimiter);
  return (values: string[]) => {
    // A lone empty field would be a blank line, which readers skip.
    if (values.length === 1 && !values[0]) return `""${eol}`;
    let s = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) s += delimiter;
      const v = values[i];
      if (v) s += quote(v);
    }
    return s + eol;
  };
}

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
