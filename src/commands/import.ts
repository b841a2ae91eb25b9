import fs from 'node:fs';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { Row, Table } from '../table.js';
import { openSources, reportSource, unionColumns } from '../io/table-read.js';
import type { RawSource } from '../io/read.js';
import { compileRowBuilder } from '../io/row-shape.js';
import { mapHeader, mappingAsYaml, parseMapFile, parseMapPair, type ColumnMapping } from '../import/mapping.js';
import { splitFullName } from '../person/name-split.js';
import { CANONICAL_FIELDS, PROVENANCE_FIELDS } from '../schema.js';
import { UsageError } from '../errors.js';

export interface ImportOptions {
  map?: string[];
  source?: string[];
  showMapping?: boolean;
  mappingOnly?: boolean;
  splitName?: boolean;
}

const NAME_PARTS = ['salutation', 'academic_title', 'first_name', 'last_name'] as const;

/**
 * Where import had to guess how a row reads: `stray_quote` (split off a field that a stray `"`
 * ran across lines), `ragged` (not the header's number of fields: padded, or the surplus kept
 * in _extra_N), `folded` (more fields still: the surplus joined into the last column),
 * `nul_byte` (a NUL byte in a field, kept as data). Blank when the row read
 * cleanly; several are joined by ";". As a `*_status` column it gives `leadkit run` the
 * --fail-if metrics import_stray_quote_rate, import_ragged_rate, ….
 */
export const IMPORT_STATUS = 'import_status';

function loadExplicitMap(specs: string[]): Map<string, string> {
  const m = new Map<string, string>();
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
    }
  }
  return m;
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
    { flags: '--mapping-only', description: 'print the mapping as a reusable YAML mapping file to stdout and read no rows' },
    { flags: '--no-split-name', description: 'do not split a lone name column into salutation/academic_title/first_name/last_name' },
  ],

  async source(files: string[], opts: ImportOptions, ctx: Context): Promise<Table | null> {
    return importSources(await openSources(files, ctx), opts, ctx);
  },
};

/** Import already opened sources (the pipeline runner opens each with its own settings). */
export function importSources(sources: RawSource[], opts: ImportOptions, ctx: Context): Table | null {
  const explicit = loadExplicitMap(opts.map ?? []);
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
  if (opts.mappingOnly) {
    ctx.stdout.write(sources.map((s, i) => mappingAsYaml(s.file, mappings[i])).join('\n'));
    return null;
  }
  if (opts.showMapping) for (let i = 0; i < sources.length; i++) ctx.info(describeMapping(sources[i].file, mappings[i]));

  const split = sources.map((_, i) => {
    const out = new Set(mappings[i].map((m) => m.to));
    return opts.splitName !== false && out.has('full_name') && !out.has('first_name') && !out.has('last_name');
  });
  const outCols = mappings.map((m, i) => {
    const cols = m.map((c) => c.to).filter((c) => c !== '');
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
      for await (const recs of src.records) {
        const out = new Array<Row>(recs.length);
        for (let i = 0; i < recs.length; i++) {
          n++;
          const rec = recs[i];
          const row = build(rec.fields, ownId >= 0 && rec.fields[ownId] ? rec.fields[ownId] : prefix + n, ownSource >= 0 && rec.fields[ownSource] ? rec.fields[ownSource] : label);
          if (rec.issue !== undefined || rec.control) {
            const issue = rec.control ? (rec.issue ? `${rec.issue};nul_byte` : 'nul_byte') : (rec.issue as string);
            row[IMPORT_STATUS] = row[IMPORT_STATUS] ? `${row[IMPORT_STATUS]};${issue}` : issue;
          }
          if (doSplit && row.full_name) {
            const parts = splitFullName(row.full_name);
            for (const p of NAME_PARTS) if (!row[p]) row[p] = parts[p];
          }
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
