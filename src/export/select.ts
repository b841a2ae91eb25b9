import { UsageError } from '../errors.js';

/**
 * Column selection in the style of xsv: names, 1-based indexes, ranges (`2-4`, `email-city`,
 * `3-`, `-2`), quoted names for names with commas or dashes, and `!` to exclude. A selection of
 * only exclusions starts from all columns. An unknown column is a usage error, never a silently
 * empty column. Returns column names in the order selected.
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
  for (const ch of spec) {
    if (ch === '"') {
      q = !q;
      cur += ch;
    } else if (ch === ',' && !q) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (q) throw new UsageError(`--columns has an unclosed quote: ${spec}`);
  out.push(cur.trim());
  return out.filter((s) => s !== '');
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

function indexOf(ref: string, columns: string[], side: 'start' | 'end'): number {
  if (ref === '') return side === 'start' ? 0 : columns.length - 1;
  const name = unquote(ref);
  const byName = columns.indexOf(name);
  if (byName !== -1) return byName;
  if (/^\d+$/.test(ref)) {
    const i = Number(ref);
    if (i >= 1 && i <= columns.length) return i - 1;
    throw new UsageError(`--columns: index ${i} is out of range (1-${columns.length})`, 'E_UNKNOWN_COLUMN');
  }
  throw new UsageError(`--columns: no column "${name}" (have: ${columns.join(', ')})`, 'E_UNKNOWN_COLUMN');
}

function resolveItem(item: string, columns: string[]): string[] {
  // A whole item that names a column wins over a range reading ("E-Mail" is a name).
  const whole = unquote(item);
  if (columns.includes(whole)) return [whole];
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
