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
import { mapHeader, mappingAsYaml, parseMapFile, parseMapPair, type ColumnMapping } from '../import/mapping.js';
import { splitFullName } from '../person/name-split.js';
import { composeBirthDateInto, composesBirthDate } from '../import/compose-date.js';
import { CANONICAL_FIELDS, headerKey, PROVENANCE_FIELDS } from '../schema.js';
import { stageFile } from '../io/sink.js';
import { UsageError } from '../errors.js';

export interface ImportOptions {
  map?: string[];
  source?: string[];
  showMapping?: boolean;
  mappingOnly?: boolean;
  splitName?: boolean;
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
    'Maps vendor and CRM headers (English and German synonyms) onto one schema, splits a lone name column, ' +
    'and adds `source` and `record_id` (<source>:<row>) to every row. Unrecognised columns are kept unchanged.',
  examples: [
    'leadkit import fixtures/vendor-de.csv > leads.csv',
    "leadkit import vendor.csv crm.xlsx --sheet Leads --map 'Ansprechpartner=full_name' -o leads.csv",
    'leadkit import vendor.csv --mapping-only > mapping.yml   # edit, then: --map mapping.yml',
  ],
  options: [
    { flags: '--map <spec>', description: "header mapping: 'Vendor Column=field' or a YAML/JSON mapping file; wins over built-in synonyms", repeatable: true, path: true },
    { flags: '--source <name>', description: 'source name for record_id (default: file name without extension); one per input file', repeatable: true },
    { flags: '--show-mapping', description: 'print the chosen header mapping to stderr' },
    { flags: '--mapping-only', description: 'write the mapping as a reusable YAML mapping file (to -o FILE, else stdout) and read no rows' },
    { flags: '--no-split-name', description: 'do not split a lone name column into salutation/academic_title/first_name/last_name' },
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
  const mappings = sources.map((s) => mapHeader(s.columns, explicit));
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
export function importSources(sources: RawSource[], opts: ImportOptions, ctx: Context, mapFlag = '--map'): Table {
  const { map: explicit, pairs } = loadExplicitMap(opts.map ?? []);
  const names = opts.source ?? [];
  if (names.length > 0 && names.length !== sources.length) {
    throw new UsageError(`--source was given ${names.length} time(s) for ${sources.length} input(s): give one per input file`);
  }
  // Two inputs with the same base name would give the same record_ids: keep them apart.
  const labels: string[] = [];
  sources.forEach((s, i) => {
    let label = names[i] ?? s.label;
    let n = 2;
    const base = label;
    while (labels.includes(label)) label = `${base}-${n++}`;
    labels.push(label);
  });

  const mappings = sources.map((s) => mapHeader(s.columns, explicit));
  checkPairsFound(sources, pairs, mapFlag);
  if (opts.showMapping) for (let i = 0; i < sources.length; i++) ctx.info(describeMapping(sources[i].file, mappings[i]));

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
  warnDropped(sources, mappings, explicit, ctx);

  let total = 0;
  async function* batches(): AsyncGenerator<Row[]> {
    for (let s = 0; s < sources.length; s++) {
      const src = sources[s];
      const targets = mappings[s].map((m) => m.to);
      const label = labels[s];
      const doSplit = split[s];
      const doCompose = compose[s];
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
      let n = 0;
      const tally = issueTally(src, ctx.io.strict);
      for await (const recs of src.records) {
        const out = new Array<Row>(recs.length);
        for (let i = 0; i < recs.length; i++) {
          n++;
          const rec = recs[i];
          const row = build(rec.fields, ownId >= 0 && rec.fields[ownId] ? rec.fields[ownId] : prefix + n, ownSource >= 0 && rec.fields[ownSource] ? rec.fields[ownSource] : label);
          if (rec.issue !== undefined || rec.control || rec.encodingIssue !== undefined) noteRecordIssue(row, rec, tally, true);
          if (doSplit && row.full_name) {
            const parts = splitFullName(row.full_name);
            for (const p of NAME_PARTS) if (!row[p]) row[p] = parts[p];
          }
          if (doCompose) composeBirthDateInto(row);
          out[i] = row;
        }
        yield out;
      }
      total += n;
      reportSource(src, ctx);
    }
    const detail = sources.map((s) => `${s.file}: ${s.encoding}${s.delimiter ? `, '${s.delimiter === '\t' ? '\\t' : s.delimiter}'` : ''}`).join('; ');
    const mapped = new Set(mappings.flatMap((m) => m.filter((c) => c.how === 'explicit' || c.how === 'synonym').map((c) => c.to))).size;
    ctx.summary(`import: ${formatCount(total)} rows from ${sources.length} input(s) (${detail}); ${mapped} columns mapped to the schema, ${columns.length} columns out`);
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

function describeMapping(file: string, mapping: ColumnMapping[]): string {
  const lines = mapping.map((m) => {
    const how = m.how === 'kept' ? 'kept (not recognised)' : m.how === 'renamed' ? 'kept, renamed' : m.how === 'dropped' ? 'dropped' : m.how === 'provenance' ? 'kept (leadkit provenance)' : m.how;
    return `  ${JSON.stringify(m.from)} → ${m.to || '(dropped)'}  [${how}]`;
  });
  return `mapping for ${file}:\n${lines.join('\n')}`;
}
