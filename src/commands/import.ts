import fs from 'node:fs';
import { distance } from 'fastest-levenshtein';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { Row, Table } from '../table.js';
import { openSources, reportSource, unionColumns } from '../io/table-read.js';
import type { RawSource } from '../io/read.js';
import { compileRowBuilder } from '../io/row-shape.js';
import { IMPORT_STATUS, issueTally, noteRecordIssue } from '../io/import-status.js';
import { guessedColumns, mapHeader, mappingAsYaml, parseMapFile, parseMapPair, type ColumnMapping } from '../import/mapping.js';
import { readOptOut } from '../import/opt-out.js';
import { splitFullName } from '../person/name-split.js';
import { composeBirthDateInto, composesBirthDate } from '../import/compose-date.js';
import { CANONICAL_FIELDS, headerKey, PROVENANCE_FIELDS } from '../schema.js';
import { stageFile } from '../io/sink.js';
import { compileRowTidier, describeTidied } from '../text/whitespace.js';
import { compileDisplayFiller, displayColumns, displayFields } from '../import/display-forms.js';
import { UsageError } from '../errors.js';
import { DELIVERY_STATUS, originOf, perInput, vendorProblem, type InputOrigin } from '../import/provenance.js';

export interface ImportOptions {
  map?: string[];
  source?: string[];
  showMapping?: boolean;
  mappingOnly?: boolean;
  splitName?: boolean;
  displayCase?: boolean;
  vendor?: string[];
  delivered?: string[];
}

/** A pipeline input's own vendor and delivery date (`inputs: [{path, vendor, delivered}]`), over import's --vendor / --delivered. */
export interface InputProvenance {
  vendor?: string;
  delivered?: string;
}

const NAME_PARTS = ['salutation', 'academic_title', 'first_name', 'last_name'] as const;

/** Where import had to guess how a row reads (the values: src/io/import-status.ts). */
export { IMPORT_STATUS };

/** The explicit mapping, and the `--map 'Column=field'` pairs given on their own (by column). */
function loadExplicitMap(specs: string[]): { map: Map<string, string>; pairs: Map<string, string> } {
  const m = new Map<string, string>();
  const pairs = new Map<string, string>();
  for (const spec of specs) {
    const isFile = /\.(ya?ml|json)$/i.test(spec) || (!spec.includes('=') && fs.existsSync(spec));
    if (isFile) {
      let text: string;
      try {
        text = fs.readFileSync(spec, 'utf8');
      } catch {
        throw new UsageError(`--map ${spec}: cannot read the mapping file`, 'E_MAP_FILE');
      }
      for (const [k, v] of parseMapFile(text, spec)) m.set(k, v);
    } else {
      const [k, v] = parseMapPair(spec);
      m.set(k, v);
      pairs.set(k, spec);
    }
  }
  return { map: m, pairs };
}

/**
 * A `--map 'Column=field'` pair must name a column of some input: one that names none (a typo,
 * the header of another vendor's list) would map nothing, and the field stay empty unnoticed.
 * (A mapping file may list the headers of several lists, so its entries are not checked.)
 */
function checkPairsFound(sources: RawSource[], pairs: Map<string, string>, flag: string): void {
  if (pairs.size === 0) return;
  const headers = unionColumns(sources.map((s) => s.columns));
  const keys = new Set(headers.map(headerKey));
  for (const [column, spec] of pairs) {
    if (headers.includes(column) || keys.has(headerKey(column))) continue;
    const where = sources.length === 1 ? sources[0].file : `any of the ${sources.length} inputs`;
    throw new UsageError(`${flag} '${spec}': no column ${JSON.stringify(column)} in ${where}; ${closeHeaders(column, headers)}`, 'E_UNKNOWN_COLUMN');
  }
}

/** The header names closest to a mistyped one, or (none being close) the first few. */
function closeHeaders(column: string, headers: string[]): string {
  const want = column.toLowerCase();
  const scored = headers
    .map((h) => ({ h, d: distance(want, h.toLowerCase()) }))
    .filter(({ h, d }) => d <= Math.max(2, Math.floor(Math.max(want.length, h.length) / 3)))
    .sort((a, b) => a.d - b.d || headers.indexOf(a.h) - headers.indexOf(b.h))
    .slice(0, 3);
  const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');
  if (scored.length) return `did you mean ${list(scored.map((s) => s.h))}?`;
  if (headers.length === 0) return 'the input has no header';
  return `the columns are ${list(headers.slice(0, 10))}${headers.length > 10 ? `, … (${formatCount(headers.length)} in all)` : ''}`;
}

/** Column order: provenance, canonical fields in schema order, then the rest as they came. */
function orderColumns(cols: string[]): string[] {
  const rank = new Map<string, number>();
  PROVENANCE_FIELDS.forEach((f, i) => rank.set(f, i));
  CANONICAL_FIELDS.forEach((f, i) => rank.set(f, 10 + i));
  const known = cols.filter((c) => rank.has(c)).sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
  return [...known, ...cols.filter((c) => !rank.has(c))];
}

export const importCommand: Command<ImportOptions> = {
  name: 'import',
  summary: 'Read vendor/CRM lists (CSV, XLSX) into the canonical lead schema',
  description:
    'Maps vendor and CRM headers (English, German and French; Outlook, Salesforce, HubSpot, Pipedrive, Zoho, Dynamics, ACT!, ' +
    'LinkedIn and address-vendor exports) onto one schema: the business address block wins and the others stay as their own columns, ' +
    'opt-out columns map inverted onto consent, and an ambiguous "Title" or a name column of businesses is settled by its values (a counted guess). ' +
    'Splits a lone name column of persons, ' +
    'and adds `source` and `record_id` (<source>:<row>) to every row, with where the list came from (GDPR Art. 14): ' +
    'source_vendor (--vendor), source_delivered_at (--delivered, else the file\'s modification date) and source_delivered_status ' +
    '(given, file_date: a guess, or unknown). A list leadkit wrote keeps its own. Unrecognised columns are kept unchanged.',
  examples: [
    'leadkit import fixtures/vendor-de.csv > leads.csv',
    "leadkit import vendor.csv crm.xlsx --sheet Leads --map 'Ansprechpartner=full_name' -o leads.csv",
    'leadkit import vendor.csv --mapping-only > mapping.yml   # edit, then: --map mapping.yml',
    "leadkit import acme-2026-10.csv --vendor 'Acme Adressen GmbH' --delivered 2026-10-01 -o leads.csv",
  ],
  options: [
    { flags: '--map <spec>', description: "header mapping: 'Vendor Column=field' ('=not consent_email' reads an opt-out column inverted) or a YAML/JSON mapping file; wins over built-in synonyms and value guesses", repeatable: true, path: true },
    { flags: '--source <name>', description: 'source name for record_id (default: file name without extension); one per input file', repeatable: true },
    { flags: '--vendor <name>', description: 'who delivered the list, written to source_vendor (GDPR Art. 14: where the data came from); once for every input or once per input file', repeatable: true },
    {
      flags: '--delivered <date>',
      description: "the list's delivery date yyyy-mm-dd, written to source_delivered_at (default: the file's modification date, marked source_delivered_status=file_date; standard input: empty, unknown); once for every input or once per input file",
      repeatable: true,
      type: 'date',
    },
    { flags: '--show-mapping', description: 'print the chosen header mapping to stderr' },
    { flags: '--mapping-only', description: 'write the mapping as a reusable YAML mapping file (to -o FILE, else stdout) and read no rows' },
    { flags: '--no-split-name', description: 'do not split a lone name column into salutation/academic_title/first_name/last_name' },
    { flags: '--no-display-case', description: 'add no <field>_display columns (first_name, last_name, company, city as written, or cased when written in capitals) and no display_status' },
  ],

  async source(files: string[], opts: ImportOptions, ctx: Context): Promise<Table | null> {
    const sources = await openSources(files, ctx);
    if (opts.mappingOnly) {
      await writeMapping(sources, opts, ctx);
      return null;
    }
    return importSources(sources, opts, ctx);
  },
};

/**
 * --mapping-only: the mapping of every input as a YAML mapping file, to -o FILE like every other
 * output (written atomically, in place once the command has succeeded), else to stdout.
 */
async function writeMapping(sources: RawSource[], opts: ImportOptions, ctx: Context): Promise<void> {
  const { map: explicit, pairs } = loadExplicitMap(opts.map ?? []);
  const mappings = sources.map((s) => mapHeader(s.columns, explicit, s.sample));
  checkPairsFound(sources, pairs, '--map');
  const yaml = sources.map((s, i) => mappingAsYaml(s.file, mappings[i])).join('\n');
  const out = ctx.io.output;
  if (out && out !== '-') ctx.files.add(await stageFile(out, yaml));
  else ctx.stdout.write(yaml);
}

/**
 * Import already opened sources (the pipeline runner opens each with its own settings; match
 * reads its reference so, its --against-map being `mapFlag`). --mapping-only is the command's.
 */
export function importSources(sources: RawSource[], opts: ImportOptions, ctx: Context, mapFlag = '--map', perInputOrigin: readonly InputProvenance[] = []): Table {
  const { map: explicit, pairs } = loadExplicitMap(opts.map ?? []);
  const names = opts.source ?? [];
  if (names.length > 0 && names.length !== sources.length) {
    throw new UsageError(`--source was given ${names.length} time(s) for ${sources.length} input(s): give one per input file`);
  }
  const origins = inputOrigins(sources, opts, perInputOrigin, ctx);
  // Two inputs with the same base name would give the same record_ids: keep them apart.
  const labels: string[] = [];
  sources.forEach((s, i) => {
    let label = names[i] ?? s.label;
    let n = 2;
    const base = label;
    while (labels.includes(label)) label = `${base}-${n++}`;
    labels.push(label);
  });

  const mappings = sources.map((s) => mapHeader(s.columns, explicit, s.sample));
  checkPairsFound(sources, pairs, mapFlag);
  if (opts.showMapping) for (let i = 0; i < sources.length; i++) ctx.info(describeMapping(sources[i].file, mappings[i]));
  sources.forEach((s, i) => warnGuessed(s, mappings[i], mapFlag, ctx));
  sources.forEach((s, i) => warnOwnProvenance(s, mappings[i], origins[i], ctx));

  const split = sources.map((_, i) => {
    const out = new Set(mappings[i].map((m) => m.to));
    return opts.splitName !== false && out.has('full_name') && !out.has('first_name') && !out.has('last_name');
  });
  const compose = mappings.map((m) => composesBirthDate(m.map((c) => c.to)));
  const outCols = mappings.map((m, i) => {
    const cols = m.map((c) => c.to).filter((c) => c !== '');
    if (compose[i] && !cols.includes('birth_date')) cols.push('birth_date');
    return split[i] ? [...cols, ...NAME_PARTS.filter((p) => !cols.includes(p))] : cols;
  });
  const columns = orderColumns(unionColumns([[...PROVENANCE_FIELDS], ...outCols, [IMPORT_STATUS]]));
  // An opt-out column's own value (a date, "TRUE") is the evidence of the objection: it stays
  // beside the consent field its inverted reading goes to, as <field>_original.
  for (const m of mappings) for (const c of m) if (c.invert && c.to !== '' && !columns.includes(`${c.to}_original`)) columns.push(`${c.to}_original`);
  const shown = opts.displayCase === false ? [] : displayFields(columns);
  for (const c of displayColumns(shown)) if (!columns.includes(c)) columns.push(c);
  warnDropped(sources, mappings, explicit, ctx);

  let total = 0;
  // Surrounding whitespace goes before anything reads the values (the name split, later stages).
  const tidy = ctx.io.keepWhitespace ? undefined : compileRowTidier(columns);
  let tidied = 0;
  const fillDisplay = shown.length ? compileDisplayFiller(shown) : undefined;
  let recasedValues = 0;
  let recasedRows = 0;
  // Rows whose delivery date was read off their file, and rows without one (summary, --fail-if).
  const undated = { guessed: 0, unknown: 0 };
  async function* batches(): AsyncGenerator<Row[]> {
    for (let s = 0; s < sources.length; s++) {
      const src = sources[s];
      const targets = mappings[s].map((m) => m.to);
      const label = labels[s];
      const doSplit = split[s];
      const doCompose = compose[s];
      // Opt-out columns mapped onto their consent field: values read inverted (src/import/opt-out.ts).
      const inverted = mappings[s].filter((m) => m.invert && m.to !== '').map((m) => m.to);
      // Index by name once: a header of 100,000 columns must not cost 100,000² lookups.
      const fieldOf = new Map<string, number>();
      targets.forEach((t, i) => {
        if (t !== '' && !fieldOf.has(t)) fieldOf.set(t, i);
      });
      const build = compileRowBuilder(
        columns,
        columns.map((c) => (c === 'record_id' ? { arg: 0 } : c === 'source' ? { arg: 1 } : fieldOf.has(c) ? { field: fieldOf.get(c) as number } : { empty: true })),
      );
      const prefix = `${label}:`;
      // Re-importing a list leadkit wrote keeps its record_id and source (see mapHeader).
      const ownId = mappings[s].findIndex((m) => m.how === 'provenance' && m.from === 'record_id');
      const ownSource = mappings[s].findIndex((m) => m.how === 'provenance' && m.from === 'source');
      const stampOrigin = compileOriginStamp(origins[s], mappings[s]);
      let n = 0;
      const tally = issueTally(src, ctx.io.strict);
      const dated = { guessed: 0, unknown: 0 };
      for await (const recs of src.records) {
        const out = new Array<Row>(recs.length);
        for (let i = 0; i < recs.length; i++) {
          n++;
          const rec = recs[i];
          const row = build(rec.fields, ownId >= 0 && rec.fields[ownId] ? rec.fields[ownId] : prefix + n, ownSource >= 0 && rec.fields[ownSource] ? rec.fields[ownSource] : label);
          const delivery = stampOrigin(row);
          if (delivery === DELIVERY_STATUS.fileDate) dated.guessed++;
          else if (delivery === DELIVERY_STATUS.unknown) dated.unknown++;
          if (rec.issue !== undefined || rec.control || rec.encodingIssue !== undefined) noteRecordIssue(row, rec, tally, true);
          if (tidy) tidied += tidy(row);
          if (doSplit && row.full_name) {
            const parts = splitFullName(row.full_name);
            for (const p of NAME_PARTS) if (!row[p]) row[p] = parts[p];
          }
          if (doCompose) composeBirthDateInto(row);
          for (const c of inverted) {
            row[`${c}_original`] = row[c];
            row[c] = readOptOut(row[c]);
          }
          if (fillDisplay) {
            const r = fillDisplay(row);
            recasedValues += r;
            if (r) recasedRows++;
          }
          out[i] = row;
        }
        yield out;
      }
      total += n;
      deliveryCounts.set(src, dated);
      undated.guessed += dated.guessed;
      undated.unknown += dated.unknown;
      reportSource(src, ctx);
    }
    const detail = sources.map((s) => `${s.file}: ${s.encoding}${s.delimiter ? `, '${s.delimiter === '\t' ? '\\t' : s.delimiter}'` : s.encoding === 'xlsx' ? '' : ', one column'}`).join('; ');
    const mapped = new Set(mappings.flatMap((m) => m.filter((c) => c.how === 'explicit' || c.how === 'synonym' || c.how === 'guessed').map((c) => c.to))).size;
    const trimmed = describeTidied(tidied, formatCount);
    const recased = recasedValues ? `; cased ${formatCount(recasedValues)} ${recasedValues === 1 ? 'value' : 'values'} written in capitals for display (*_display; ${formatCount(recasedRows)} ${recasedRows === 1 ? 'row' : 'rows'} display_status=recased)` : '';
    const delivered = describeDelivery(undated);
    ctx.summary(`import: ${formatCount(total)} rows from ${sources.length} input(s) (${detail}); ${mapped} columns mapped to the schema, ${columns.length} columns out${trimmed ? `; ${trimmed}` : ''}${recased}${delivered}`);
  }
  return { columns, batches: batches() };
}

/**
 * A column dropped with --map 'Column=' is gone from every row: say so, whatever --show-mapping
 * says (an unset shell variable in `--map "E-Mail=$FIELD"` drops it just the same).
 */
function warnDropped(sources: RawSource[], mappings: ColumnMapping[][], explicit: Map<string, string>, ctx: Context): void {
  if (![...explicit.values()].includes('')) return;
  sources.forEach((s, i) => {
    const gone = mappings[i].filter((m) => m.how === 'dropped').map((m) => m.from);
    if (gone.length) ctx.warn(`${s.file}: dropped on request (--map '…='): ${gone.map((g) => JSON.stringify(g)).join(', ')}; their values are in no output row (map them to a field name to keep them)`);
  });
}

/**
 * Each input's provenance: its pipeline input's vendor and delivery date, else --vendor and
 * --delivered (once for all inputs or once per input), else no vendor and the file's date.
 */
function inputOrigins(sources: RawSource[], opts: ImportOptions, given: readonly InputProvenance[], ctx: Context): InputOrigin[] {
  const vendors = perInput(opts.vendor, sources.length);
  const dates = perInput(opts.delivered, sources.length);
  for (const [flag, v] of [['--vendor', vendors], ['--delivered', dates]] as const) {
    if (typeof v === 'number') throw new UsageError(`${flag} was given ${v} times for ${sources.length} inputs: give it once for all of them or once per input file`);
  }
  return sources.map((src, i) => {
    const vendor = given[i]?.vendor ?? (vendors as (string | undefined)[])[i];
    const delivered = given[i]?.delivered ?? (dates as (string | undefined)[])[i];
    if (vendor !== undefined) {
      const problem = vendorProblem(vendor);
      if (problem) throw new UsageError(`--vendor ${JSON.stringify(vendor)} (for ${src.file}): the vendor name ${problem}`);
    }
    if (delivered !== undefined && delivered > ctx.today) ctx.warn(`${src.file}: delivered ${delivered} is after today (${ctx.today}); check --delivered`);
    return originOf({ modified: src.modified, vendor, delivered }, ctx.today);
  });
}

/**
 * Writes an input's provenance on a row. A list leadkit wrote brings its own (mapped as
 * provenance): a non-empty vendor or delivery date of its own is kept, since the row was
 * delivered then and by them, not when this file was saved; only the empty ones are filled. A
 * delivery date of its own without a status (a row that has no source_delivered_status at all)
 * is one given.
 */
export function compileOriginStamp(origin: InputOrigin, mapping: readonly ColumnMapping[]): (row: Row) => string {
  const own = (field: string) => mapping.some((m) => m.how === 'provenance' && m.from === field);
  const ownVendor = own('source_vendor');
  const ownDate = own('source_delivered_at');
  return (row) => {
    if (!ownVendor || row.source_vendor === '') row.source_vendor = origin.vendor;
    if (!ownDate || row.source_delivered_at === '') {
      row.source_delivered_at = origin.deliveredAt;
      row.source_delivered_status = origin.deliveredStatus;
    } else if ((row.source_delivered_status ?? '') === '') row.source_delivered_status = DELIVERY_STATUS.given;
    return row.source_delivered_status;
  };
}

/** A vendor or delivery date given for a list leadkit wrote fills only the rows that have none: say so. */
function warnOwnProvenance(src: RawSource, mapping: readonly ColumnMapping[], origin: InputOrigin, ctx: Context): void {
  const own = (field: string) => mapping.some((m) => m.how === 'provenance' && m.from === field);
  const kept: string[] = [];
  if (origin.vendor !== '' && own('source_vendor')) kept.push('source_vendor (--vendor)');
  if (origin.deliveredStatus === DELIVERY_STATUS.given && own('source_delivered_at')) kept.push('source_delivered_at (--delivered)');
  if (kept.length) ctx.warn(`${src.file}: a list leadkit wrote: its rows keep their own ${kept.join(' and ')}; the value given fills only rows without one`);
}

/** "; delivery date read off the file's modification date for 120 rows (…), no delivery date for 5 (…)". */
function describeDelivery({ guessed: fileDate, unknown }: { guessed: number; unknown: number }): string {
  const rows = (n: number) => `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;
  const parts: string[] = [];
  if (fileDate) parts.push(`delivery date read off the file's modification date for ${rows(fileDate)} (source_delivered_status=file_date)`);
  if (unknown) parts.push(`no delivery date for ${rows(unknown)} (source_delivered_status=unknown: standard input, or a file modified after the run's day)`);
  return parts.length ? `; ${parts.join(', ')}; give --delivered` : '';
}

/** Rows per input whose delivery date is the file's modification date, or unknown (for the run summary). */
const deliveryCounts = new WeakMap<RawSource, { guessed: number; unknown: number }>();

/**
 * How many of an input's rows import gave the file's modification date as the delivery date
 * (source_delivered_status=file_date), and how many no date at all; 0 before import ran. For the
 * run summary's delivery_date_guessed, a --fail-if metric.
 */
export function deliveryDatesGuessed(src: RawSource): { guessed: number; unknown: number } {
  return deliveryCounts.get(src) ?? { guessed: 0, unknown: 0 };
}

/** Header meanings guessed per input (for the run summary's headers_guessed). */
const guessCounts = new WeakMap<RawSource, number>();

/** How many of an input's header meanings import guessed from the values (0 before import ran). */
export function headersGuessed(src: RawSource): number {
  return guessCounts.get(src) ?? 0;
}

/**
 * A header meaning decided from the values is a guess: say which, why and how to pin it, and
 * count it (the run summary's headers_guessed, a --fail-if metric).
 */
function warnGuessed(src: RawSource, mapping: ColumnMapping[], mapFlag: string, ctx: Context): void {
  const guessed = guessedColumns(mapping);
  guessCounts.set(src, guessed.length);
  for (const m of guessed) {
    const what = m.how === 'kept' || m.how === 'renamed' ? `kept as its own column${m.to !== m.from ? ` (${m.to})` : ''}` : `read as ${m.to}`;
    const pin = `${mapFlag} '${m.from}=${m.to}'`;
    ctx.warn(`${src.file}: ${JSON.stringify(m.from)} ${what}, a guess: ${m.why}; pin it with ${pin} or a mapping file (import --mapping-only)`);
  }
}

function describeMapping(file: string, mapping: ColumnMapping[]): string {
  const lines = mapping.map((m) => {
    const how =
      m.how === 'kept' ? (m.why || m.note ? `kept: ${m.why ?? m.note}` : 'kept (not recognised)')
      : m.how === 'renamed' ? 'kept, renamed'
      : m.how === 'dropped' ? 'dropped'
      : m.how === 'provenance' ? 'kept (leadkit provenance)'
      : m.how === 'guessed' ? `guessed: ${m.why}`
      : m.how;
    const to = m.invert ? `not ${m.to} (opt-out, values inverted)` : m.to || '(dropped)';
    return `  ${JSON.stringify(m.from)} → ${to}  [${how}]`;
  });
  return `mapping for ${file}:\n${lines.join('\n')}`;
}
