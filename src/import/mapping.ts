import { parseYaml, YamlInputError } from '../io/yaml-doc.js';
import { canonicalFor, headerKey, optOutFor, PROVENANCE_FIELDS, VALUE_DECIDED_HEADERS, type CanonicalField } from '../schema.js';
import { UsageError } from '../errors.js';
import { formatCount } from '../context.js';
import { BLOCK_RANK, parseHeader, type Block, type HeaderParts } from './header-parts.js';
import { decideNameColumn, decideTitleColumn, decideWebsiteColumn, EVIDENCE_VALUES } from './value-evidence.js';

/** What became of one input column. */
export interface ColumnMapping {
  from: string;
  /** Output column name ('' = dropped on request). */
  to: string;
  /**
   * `provenance`: record_id / source of a list leadkit wrote before, kept as they are.
   * `guessed`: the header alone is ambiguous and its values (or the columns beside it) decided
   * the field; `why` says what they showed.
   */
  how: 'explicit' | 'synonym' | 'guessed' | 'kept' | 'dropped' | 'renamed' | 'provenance';
  /** An opt-out column mapped onto its consent field: its values are read inverted (src/import/opt-out.ts). */
  invert?: boolean;
  /** Set when the values decided: what they showed (a `kept` column too, when they kept it out of a field). */
  why?: string;
  /** For a `kept` column the synonyms know: why it is not the field ("Home Street" beside the business address). */
  note?: string;
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

/** The provenance columns import writes itself (schema.ts PROVENANCE_FIELDS). */
const RESERVED: ReadonlySet<string> = new Set(PROVENANCE_FIELDS);

/** What sets a provenance column, and a name to map a vendor's own column of that name to instead. */
function reservedHint(field: string): { setBy: string; instead: string } {
  if (field === 'record_id') return { setBy: '<source>:<row number>', instead: 'crm_id' };
  if (field === 'source') return { setBy: 'the --source name, else the file name', instead: 'lead_source' };
  if (field === 'source_vendor') return { setBy: '--vendor', instead: 'vendor' };
  return { setBy: '--delivered, else the file date', instead: 'delivered_at' };
}

/** A header with both provenance columns is one leadkit wrote. */
export function isLeadkitOutput(columns: readonly string[]): boolean {
  return columns.includes('record_id') && columns.includes('source');
}

/** Fields of one address: a row's address comes from one block, never Business Street with Home City. */
const ADDRESS_FIELDS: ReadonlySet<string> = new Set(['street', 'house_number', 'postal_code', 'city', 'state', 'country']);

/** Fields of a person, which an organisation's column ("Organization - First Name") never fills. */
const PERSON_FIELDS: ReadonlySet<string> = new Set(['salutation', 'academic_title', 'first_name', 'last_name', 'birth_date', 'birth_year', 'birth_month', 'birth_day', 'national_id', 'mobile']);

/** Fields only a company has: beside them and no person field, a lone name column is the company. */
const COMPANY_FACTS = ['industry', 'employees', 'revenue', 'vat_id'] as const;

/** Salutation synonyms that name the gender only. */
const GENDER_HEADERS: ReadonlySet<string> = new Set(['gender', 'geschlecht', 'sexe']);

/** Bases that name a field only once qualified: "Billing Code" (Zoho), "Address 1: Line 1" (Dynamics). */
const QUALIFIED_BASES: Record<string, CanonicalField> = { code: 'postal_code', line: 'street' };

/** What a header means by the synonym tables: a field, inverted for an opt-out column. */
interface Meaning {
  field: CanonicalField;
  invert: boolean;
}

/** A column's claim on a field, and the block it belongs to (the best block's column wins). */
export interface Candidate extends Meaning {
  block: Block;
}

function meaningOf(text: string): Meaning | undefined {
  const field = canonicalFor(text);
  if (field) return { field, invert: false };
  const optOut = optOutFor(text);
  return optOut ? { field: optOut, invert: true } : undefined;
}

/** What a parsed header's base means, with its object and mobile qualifiers applied. */
function baseMeaning(p: HeaderParts): Meaning | undefined {
  let m: Meaning | undefined = p.base === '' ? (p.mobile ? { field: 'mobile', invert: false } : undefined) : meaningOf(p.base);
  if (!m && p.qualified && QUALIFIED_BASES[headerKey(p.base)]) m = { field: QUALIFIED_BASES[headerKey(p.base)], invert: false };
  // "Address - City", "Adresse Ort": a part of the address under the word address.
  const part = /^(?:address|adresse|anschrift) (.+)$/.exec(p.base);
  if (!m && part) {
    const inner = meaningOf(part[1]) ?? (QUALIFIED_BASES[headerKey(part[1])] ? { field: QUALIFIED_BASES[headerKey(part[1])], invert: false } : undefined);
    if (inner && ADDRESS_FIELDS.has(inner.field)) m = inner;
  }
  if (!m) return undefined;
  if (m.field === 'phone' && p.mobile) m = { ...m, field: 'mobile' };
  if (p.company) {
    if (m.field === 'full_name') m = { ...m, field: 'company' };
    else if (PERSON_FIELDS.has(m.field)) return undefined;
  }
  return m;
}

/**
 * The field one header claims, from the header alone. A header the synonym table knows as a
 * whole ("Telefon geschäftlich", "Mailing Street") takes its block from its qualifier words when
 * its base means the same ("Telefon" is a phone); other headers are parsed (src/import/header-parts.ts):
 * "Business Postal Code", "Ort geschäftlich", "MailingPostalCode", "Address 1: City",
 * "Phone - Mobile". A second or third value ("Business Street 2", "E-Mail 2: Adresse") claims nothing.
 */
export function candidateFor(header: string): Candidate | undefined {
  const p = parseHeader(header);
  // A Salesforce custom field is named as any other: "Newsletter__c".
  const whole = meaningOf(header.replace(/__c$/i, ''));
  if (whole) {
    // "Company Name", "Account Owner": the object word is part of the name, not a lesser block.
    const base = p.qualified ? baseMeaning(p) : undefined;
    return { ...whole, block: base && base.field === whole.field && p.block !== 'company' ? p.block : '' };
  }
  if (!p.qualified || p.index >= 2) return undefined;
  const base = baseMeaning(p);
  return base ? { ...base, block: p.block } : undefined;
}

const BLOCK_NAMES: Record<Block, string> = { business: 'business', '': 'main', mailing: 'mailing', company: 'company', billing: 'billing', home: 'home', shipping: 'shipping', other: 'other' };

/**
 * Choose the output name of every column of one file. Explicit mappings win, then built-in
 * synonyms. Among columns that claim one field, the best block wins (business, then unqualified,
 * mailing, company, billing, home, shipping, other; see BLOCK_RANK), then the first column; the
 * others keep their own name, so "Home Street" is kept beside the business address, not lost.
 * An address is taken from one block only. German lists often say "Name" for the surname next
 * to "Vorname": then Name → last_name.
 *
 * `sample` (the first rows, as read) settles what the header alone cannot (src/import/value-evidence.ts):
 * whether "Title" is a name prefix or a job title, whether a name column holds businesses, and,
 * when the best address block is empty, which block holds the address. Those columns are
 * `guessed`, with the reason in `why`.
 */
export function mapHeader(columns: string[], explicit: ExplicitMap, sample: readonly (readonly string[])[] = []): ColumnMapping[] {
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
    const given = explicit.get(m.from) ?? explicitByKey.get(headerKey(m.from));
    if (given === undefined || m.how === 'provenance') return;
    if (given === '') {
      m.to = '';
      m.how = 'dropped';
      return;
    }
    // "not consent_email": an opt-out column, read inverted (the way --mapping-only writes it).
    const not = /^not\s+(\S+)$/i.exec(given);
    const target = not ? not[1] : given;
    if (not && !/^consent(_|$)/.test(target)) {
      throw new UsageError(`--map: "${m.from}" → "${given}": only a consent field (consent_email, consent_phone, …) can be read inverted`, 'E_MAPPING');
    }
    if (RESERVED.has(target)) {
      const hint = reservedHint(target);
      throw new UsageError(`--map: ${target} is set by import (${hint.setBy}); map "${m.from}" to another name, e.g. ${hint.instead}`, 'E_MAPPING');
    }
    const other = claimedBy.get(target);
    if (other !== undefined) {
      throw new UsageError(`--map: "${other}" and "${m.from}" both map to ${target}; map one of them elsewhere (e.g. ${target}_2) or drop it with '${m.from}='`, 'E_MAPPING');
    }
    claimedBy.set(target, m.from);
    m.to = target;
    m.how = 'explicit';
    if (not) m.invert = true;
    claimed.add(target);
  });

  // Pass 2: synonyms, by block, with the values settling ambiguous headers.
  const cands: (Candidate | undefined)[] = result.map((m) => (m.how === 'kept' ? candidateFor(m.from) : undefined));
  const valuesOf = (i: number): string[] => {
    const out: string[] = [];
    for (const row of sample) {
      if (out.length >= EVIDENCE_VALUES) break;
      const v = (row[i] ?? '').trim();
      if (v !== '') out.push(v);
    }
    return out;
  };
  const claims = (field: string, except = -1) => claimed.has(field) || cands.some((c, j) => j !== except && c?.field === field);
  const guessed = new Map<number, string>();
  const notes = new Map<number, string>();

  const hasFirst = claims('first_name');
  const hasLast = claims('last_name');
  cands.forEach((c, i) => {
    if (c?.field === 'full_name' && headerKey(columns[i]) === 'name' && hasFirst && !hasLast) cands[i] = { ...c, field: 'last_name' };
  });

  // "Title": a name prefix (Outlook) or the job title (Salesforce, most CRMs).
  cands.forEach((c, i) => {
    if (!c || !VALUE_DECIDED_HEADERS.has(headerKey(columns[i]))) return;
    const jobTitleBeside = claimed.has('title') || cands.some((o, j) => j !== i && o?.field === 'title' && !VALUE_DECIDED_HEADERS.has(headerKey(columns[j])));
    // Outlook's "Gender" (Unspecified, Male, Female) is no salutation the prefix would duplicate.
    const salutationBeside = claimed.has('salutation') || cands.some((o, j) => j !== i && o?.field === 'salutation' && !GENDER_HEADERS.has(headerKey(columns[j])));
    const d = decideTitleColumn(valuesOf(i), jobTitleBeside, salutationBeside);
    if (d.field === c.field) return;
    guessed.set(i, d.why);
    cands[i] = d.field ? { ...c, field: d.field } : undefined;
  });

  // A name column of businesses is the company, never split into first and last name: by its
  // values, or (values showing no person either) beside company facts and no person field, as in
  // a Salesforce account export ("Name", "BillingStreet", "Industry") or a vendor's company list.
  const companyFacts = COMPANY_FACTS.filter((f) => claims(f));
  const personFields = [...PERSON_FIELDS, 'title'].some((f) => f !== 'mobile' && claims(f));
  cands.forEach((c, i) => {
    if (c?.field !== 'full_name') return;
    const d = decideNameColumn(valuesOf(i));
    if (!d.business && companyFacts.length > 0 && !personFields && d.persons === 0 && !claims('company', i)) {
      d.business = true;
      d.why = `beside company facts (${companyFacts.join(', ')}) and no person field${d.values ? `, and none of its ${d.values} values reads as a person` : ''}`;
    }
    if (!d.business) return;
    const companyBeside = claims('company', i);
    guessed.set(i, companyBeside ? `${d.why}; the company column beside it keeps the company, so it is not split as a person` : d.why);
    cands[i] = companyBeside ? undefined : { ...c, field: 'company' };
  });

  // A "URL" column of LinkedIn or Xing profiles is no company website.
  cands.forEach((c, i) => {
    if (c?.field !== 'website') return;
    const d = decideWebsiteColumn(valuesOf(i));
    if (d === undefined) return;
    guessed.set(i, d);
    cands[i] = undefined;
  });

  // One address block: the best one, unless its columns are empty in the sample and another's are not.
  const address = cands.flatMap((c, i) => (c && ADDRESS_FIELDS.has(c.field) ? [i] : []));
  if (address.length) {
    const blocks = [...new Set(address.map((i) => (cands[i] as Candidate).block))].sort((a, b) => BLOCK_RANK[a] - BLOCK_RANK[b]);
    let best = blocks[0];
    if (sample.length > 0 && blocks.length > 1) {
      const filled = (b: Block) => address.some((i) => (cands[i] as Candidate).block === b && valuesOf(i).length > 0);
      const alt = filled(best) ? undefined : blocks.find(filled);
      if (alt !== undefined) {
        for (const i of address) {
          if ((cands[i] as Candidate).block === alt) guessed.set(i, `the ${BLOCK_NAMES[best]} address columns are empty in the first ${formatCount(sample.length)} rows; the ${BLOCK_NAMES[alt]} address is read as the address`);
        }
        best = alt;
      }
    }
    for (const i of address) {
      const c = cands[i] as Candidate;
      if (c.block === best) continue;
      notes.set(i, `${BLOCK_NAMES[c.block]} address; the ${BLOCK_NAMES[best]} address is the address`);
      cands[i] = undefined;
    }
  }

  // Best block first; within a block a consent column before an opt-out column (documented consent
  // is what a consent policy asks for), then the column order.
  const rank = (i: number) => BLOCK_RANK[(cands[i] as Candidate).block] * 2 + ((cands[i] as Candidate).invert ? 1 : 0);
  const order = cands.flatMap((c, i) => (c ? [i] : [])).sort((a, b) => rank(a) - rank(b) || a - b);
  const claimant = new Map<string, string>();
  for (const m of result) if (m.how === 'explicit') claimant.set(m.to, m.from);
  for (const i of order) {
    const c = cands[i] as Candidate;
    if (claimed.has(c.field)) {
      const by = claimant.get(c.field);
      if (by !== undefined) notes.set(i, `${c.block ? `${BLOCK_NAMES[c.block]} ` : ''}${c.field}; ${JSON.stringify(by)} is the ${c.field}`);
      continue;
    }
    claimant.set(c.field, columns[i]);
    const m = result[i];
    m.to = c.field;
    m.how = guessed.has(i) ? 'guessed' : 'synonym';
    if (c.invert) m.invert = true;
    if (guessed.has(i)) m.why = guessed.get(i);
    claimed.add(c.field);
  }
  // A column the values kept out of a field ("Title" of job titles beside "Job Title") says why.
  for (const [i, why] of guessed) if (cands[i] === undefined && result[i].how === 'kept') result[i].why = why;
  for (const [i, note] of notes) if (result[i].how === 'kept' && result[i].why === undefined) result[i].note = note;

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

/** Columns whose meaning was guessed from values (or from the columns beside them). */
export function guessedColumns(mapping: readonly ColumnMapping[]): ColumnMapping[] {
  return mapping.filter((m) => m.why !== undefined);
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
    const why = m.why?.replace(/\s+/g, ' ');
    const note =
      m.how === 'guessed' ? `  # guessed: ${why}; check it, this file pins it`
      : m.how === 'kept' && why ? `  # kept as is: ${why}`
      : m.how === 'kept' && m.note ? `  # kept as is: ${m.note}`
      : m.how === 'kept' ? '  # not recognised: kept as is'
      : m.how === 'renamed' ? '  # kept, renamed to avoid a clash'
      : m.invert ? '  # opt-out column: yes/1/true/a date = opted out (no consent)'
      : '';
    const to = m.to === '' ? 'null' : m.invert ? q(`not ${m.to}`) : q(m.to);
    lines.push(`${q(m.from)}: ${to}${note}`);
  }
  return lines.join('\n') + '\n';
}
