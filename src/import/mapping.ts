import { parseYaml, YamlInputError } from '../io/yaml-doc.js';
import { canonicalFor, headerKey } from '../schema.js';
import { UsageError } from '../errors.js';

/** What became of one input column. */
export interface ColumnMapping {
  from: string;
  /** Output column name ('' = dropped on request). */
  to: string;
  /** `provenance`: record_id / source of a list leadkit wrote before, kept as they are. */
  how: 'explicit' | 'synonym' | 'kept' | 'dropped' | 'renamed' | 'provenance';
}

/** Explicit mapping: vendor header (matched exactly or by headerKey) → field; '' drops the column. */
export type ExplicitMap = Map<string, string>;

/** Parse `--map` values: 'Vendor Col=field' pairs, or the text of a YAML/JSON mapping file. */
export function parseMapPair(spec: string): [string, string] {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--map expects 'Vendor Column=field' or a mapping file, got "${spec}"`);
  return [spec.slice(0, eq).trim(), spec.slice(eq + 1).trim()];
}

/**
 * A mapping file is YAML or JSON: either `{ "Vendor Column": field }` or
 * `{ columns: { "Vendor Column": field } }`. A null or empty field drops the column.
 */
export function parseMapFile(text: string, file: string): [string, string][] {
  let doc: unknown;
  try {
    // With limits on nesting and aliases (src/io/yaml-doc.ts): mapping files travel with vendor lists.
    doc = parseYaml(text).value;
  } catch (err) {
    if (err instanceof YamlInputError) throw new UsageError(`${file}:${err.line}: not valid YAML/JSON (${err.reason})`, 'E_MAP_FILE');
    throw err;
  }
  if (doc && typeof doc === 'object' && 'columns' in doc) doc = (doc as { columns: unknown }).columns;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UsageError(`${file}: a mapping file must be an object of "Vendor Column": field`, 'E_MAP_FILE');
  }
  return Object.entries(doc as Record<string, unknown>).map(([k, v]) => {
    if (v !== null && typeof v !== 'string') throw new UsageError(`${file}: the field for "${k}" must be a name or empty`, 'E_MAP_FILE');
    return [k, (v ?? '').trim()];
  });
}

const RESERVED = new Set(['record_id', 'source']);

/** A header with both provenance columns is one leadkit wrote. */
export function isLeadkitOutput(columns: readonly string[]): boolean {
  return columns.includes('record_id') && columns.includes('source');
}

/**
 * Choose the output name of every column of one file. Explicit mappings win, then built-in
 * synonyms; the first column to claim a field gets it, later ones keep their own name.
 * German lists often say "Name" for the surname next to "Vorname": then Name → last_name.
 */
export function mapHeader(columns: string[], explicit: ExplicitMap): ColumnMapping[] {
  const explicitByKey = new Map<string, string>();
  for (const [k, v] of explicit) explicitByKey.set(headerKey(k), v);
  const claimed = new Set<string>();
  const result: ColumnMapping[] = columns.map((from) => ({ from, to: from, how: 'kept' as ColumnMapping['how'] }));
  // A list leadkit wrote (a CRM reference imported yesterday, a re-import): its record_id and
  // source are provenance, kept as they are, not "source" → lead_source and record_id renamed.
  if (isLeadkitOutput(columns)) {
    for (const m of result) if (RESERVED.has(m.from)) m.how = 'provenance';
  }

  // Pass 1: explicit mappings. Two columns into one field, or into a provenance column, would
  // leave one of them out of every row: refuse rather than lose it.
  const claimedBy = new Map<string, string>();
  result.forEach((m) => {
    const target = explicit.get(m.from) ?? explicitByKey.get(headerKey(m.from));
    if (target === undefined || m.how === 'provenance') return;
    if (target === '') {
      m.to = '';
      m.how = 'dropped';
      return;
    }
    if (RESERVED.has(target)) {
      throw new UsageError(`--map: ${target} is set by import (<source>:<row number>); map "${m.from}" to another name, e.g. ${target === 'record_id' ? 'crm_id' : 'lead_source'}`, 'E_MAPPING');
    }
    const other = claimedBy.get(target);
    if (other !== undefined) {
      throw new UsageError(`--map: "${other}" and "${m.from}" both map to ${target}; map one of them elsewhere (e.g. ${target}_2) or drop it with '${m.from}='`, 'E_MAPPING');
    }
    claimedBy.set(target, m.from);
    m.to = target;
    m.how = 'explicit';
    claimed.add(target);
  });

  // Pass 2: synonyms.
  const synonym = columns.map((c) => canonicalFor(c));
  const hasFirst = synonym.includes('first_name') || claimed.has('first_name');
  const hasLast = synonym.includes('last_name') || claimed.has('last_name');
  result.forEach((m, i) => {
    if (m.how !== 'kept') return;
    let field: string | undefined = synonym[i];
    if (field === 'full_name' && headerKey(m.from) === 'name' && hasFirst && !hasLast) field = 'last_name';
    if (field && !claimed.has(field)) {
      m.to = field;
      m.how = 'synonym';
      claimed.add(field);
    }
  });

  // Pass 3: kept columns must not collide with mapped names or provenance columns.
  const taken = new Set(result.filter((m) => m.how !== 'kept' && m.how !== 'provenance').map((m) => m.to));
  for (const r of RESERVED) taken.add(r);
  result.forEach((m) => {
    if (m.how !== 'kept') return;
    if (taken.has(m.to)) {
      let n = 2;
      const base = RESERVED.has(m.to) ? `${m.to}_original` : m.to;
      let name = base;
      while (taken.has(name)) name = `${base}_${n++}`;
      m.to = name;
      m.how = 'renamed';
    }
    taken.add(m.to);
  });
  return result;
}

/** The mapping as a YAML mapping file that `--map` accepts back. */
export function mappingAsYaml(file: string, mapping: ColumnMapping[]): string {
  const q = (s: string) => (/^[\w][\w .-]*$/.test(s) && !/^(yes|no|true|false|null|on|off)$/i.test(s) ? s : JSON.stringify(s));
  const lines = [`# leadkit mapping for ${file}: edit and pass back with --map FILE`];
  for (const m of mapping) {
    if (m.how === 'provenance') {
      lines.push(`# ${q(m.from)}: kept as it is (leadkit's own provenance column)`);
      continue;
    }
    const note = m.how === 'kept' ? '  # not recognised: kept as is' : m.how === 'renamed' ? '  # kept, renamed to avoid a clash' : '';
    lines.push(`${q(m.from)}: ${m.to === '' ? 'null' : q(m.to)}${note}`);
  }
  return lines.join('\n') + '\n';
}
