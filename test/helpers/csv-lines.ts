// The string form of a CSV line, as leadkit wrote it before encoding straight to bytes
// (src/io/csv-encode.ts): RFC 4180 quoting only where needed. The tests use it as the reference
// the byte encoder must match, and to write CSV for the parser's round trips.
function makeQuoter(delimiter: string): (v: string) => string {
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

