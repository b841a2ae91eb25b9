import { closest, distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';

/**
 * Column selection in the style of xsv: names, 1-based indexes, ranges (`2-4`, `email-city`,
 * `3-`, `-2`), quoted names for names with commas or dashes, `/regex/` for every column whose
 * name matches (case-insensitive, in input order), and `!` to exclude. Names match in any case
 * (`Email` finds `email`); the exact spelling wins when two columns differ only in case. A
 * selection of only exclusions starts from all columns. An unknown column is a usage error with
 * the nearest name as a suggestion, never a silently empty column (and not a list of 72 names).
 * Returns column names in the order selected.
 */
export function selectColumns(spec: string, columns: string[]): string[] {
  const items = splitItems(spec);
  if (items.length === 0) throw new UsageError('--columns is empty');
  const include: string[] = [];
  const exclude = new Set<string>();
  let anyInclude = false;
  for (const raw of items) {
    const neg = raw.startsWith('!');
    const item = neg ? raw.slice(1) : raw;
    const names = resolveItem(item, columns);
    if (neg) names.forEach((n) => exclude.add(n));
    else {
      anyInclude = true;
      include.push(...names);
    }
  }
  const base = anyInclude ? include : columns;
  return base.filter((c) => !exclude.has(c));
}

function splitItems(spec: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  let re = false;
  for (const ch of spec) {
    if (re) {
      // A regex runs to its closing slash, commas and quotes included ("/^(a|b),/").
      if (ch === '/' && !cur.endsWith('\\')) re = false;
      cur += ch;
    } else if (ch === '/' && !q && /^!?$/.test(cur.trim())) {
      re = true;
      cur += ch;
    } else if (ch === '"') {
      q = !q;
      cur += ch;
    } else if (ch === ',' && !q) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (q) throw new UsageError(`--columns has an unclosed quote: ${spec}`);
  if (re) throw new UsageError(`--columns has an unclosed /regex/: ${spec}`);
  out.push(cur.trim());
  return out.filter((s) => s !== '');
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

function indexOf(ref: string, columns: string[], side: 'start' | 'end'): number {
  if (ref === '') return side === 'start' ? 0 : columns.length - 1;
  const name = unquote(ref);
  const byName = nameIndex(name, columns);
  if (byName !== -1) return byName;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    if (i >= 1 && i <= columns.length) return i - 1;
    throw new UsageError(`--columns: index ${i} is out of range (1-${columns.length})`, 'E_UNKNOWN_COLUMN');
  }
  throw new UsageError(`--columns: no column "${name}"${suggestion(name, columns)}`, 'E_UNKNOWN_COLUMN');
}

/** The column of this name: as spelt, else the one column that matches ignoring case; -1 if none. */
function nameIndex(name: string, columns: string[]): number {
  const exact = columns.indexOf(name);
  if (exact !== -1) return exact;
  const lower = name.toLowerCase();
  const found = columns.flatMap((c, i) => (c.toLowerCase() === lower ? [i] : []));
  if (found.length > 1) {
    throw new UsageError(`--columns: "${name}" matches ${found.map((i) => `"${columns[i]}"`).join(' and ')}, which differ only in case; write it as spelt`, 'E_UNKNOWN_COLUMN');
  }
  return found.length === 1 ? found[0] : -1;
}

/**
 * " (did you mean …?)" for a near miss; else a hint with the first few names. The whole list of
 * a 72-column export in an error line hides the one name the user was after.
 */
export function suggestion(name: string, columns: readonly string[]): string {
  if (columns.length === 0) return ' (the input has no columns)';
  const key = (s: string) => s.toLowerCase().replace(/[\s_.-]+/g, '');
  const keys = columns.map(key);
  const want = key(name);
  const near = closest(want, keys);
  // One edit for short names, else two or a third of the length: "emial" → "email", "xyz" → nothing.
  const room = want.length <= 3 ? 1 : Math.max(2, Math.floor(want.length / 3));
  if (want !== '' && distance(want, near) <= room) return ` (did you mean "${columns[keys.indexOf(near)]}"?)`;
  const shown = columns.slice(0, 6).join(', ');
  return ` (the input has ${columns.length} columns: ${shown}${columns.length > 6 ? ', …' : ''})`;
}

/** A `/regex/` item: the columns whose names match, in input order; matching none is an error. */
function regexItem(item: string, columns: string[]): string[] {
  const source = item.slice(1, -1);
  let re: RegExp;
  try {
    re = new RegExp(source, 'iu');
  } catch (e) {
    throw new UsageError(`--columns: invalid regular expression ${item}: ${(e as Error).message}`);
  }
  const out = columns.filter((c) => re.test(c));
  if (out.length === 0) throw new UsageError(`--columns: ${item} matches no column${suggestion(source, columns)}`, 'E_UNKNOWN_COLUMN');
  return out;
}

function resolveItem(item: string, columns: string[]): string[] {
  // A whole item that names a column wins over a range reading ("E-Mail" is a name).
  const whole = unquote(item);
  if (columns.includes(whole)) return [whole];
  if (item.length >= 2 && item.startsWith('/') && item.endsWith('/')) return regexItem(item, columns);
  const named = nameIndex(whole, columns);
  if (named !== -1) return [columns[named]];
  const dash = findRangeDash(item);
  if (dash === -1) return [columns[indexOf(item, columns, 'start')]];
  const a = indexOf(item.slice(0, dash).trim(), columns, 'start');
  const b = indexOf(item.slice(dash + 1).trim(), columns, 'end');
  const out: string[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(columns[i]);
  else for (let i = a; i >= b; i--) out.push(columns[i]);
  return out;
}

/** The dash of a range, outside quotes; -1 if none. */
function findRangeDash(item: string): number {
  let q = false;
  for (let i = 0; i < item.length; i++) {
    if (item[i] === '"') q = !q;
    else if (item[i] === '-' && !q) return i;
  }
  return -1;
}

/**
 * A table whose written columns are the --columns selection (the rows keep every field, so a
 * later stage of the same process still sees them); the table itself without a selection.
 */
export function withSelectedColumns<T extends { columns: string[] }>(table: T, spec: unknown): T {
  return typeof spec === 'string' ? { ...table, columns: selectColumns(spec, table.columns) } : table;
}
