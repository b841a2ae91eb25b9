import fs from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, isScalar, type Node, type YAMLMap } from 'yaml';
import { UsageError } from '../errors.js';
import { parseYaml, YamlInputError, type ParsedYaml } from '../io/yaml-doc.js';
import { checkMetricNames, parseThresholds, type Threshold } from '../report/thresholds.js';
import { isIsoDate } from '../date/parse.js';
import { vendorProblem } from '../import/provenance.js';
import { parseDeltaKinds } from '../state/delta.js';
import type { DeltaKind } from '../state/store.js';

/**
 * pipeline.yml: what `leadkit run` does, in one file.
 *
 *   name: Nightly leads
 *   as_of: 2026-11-22          # optional; default today
 *   inputs:                    # files or globs (relative to this file), or objects
 *     - incoming/*.csv
 *     - { path: messe.xlsx, sheet: Kontakte }
 *     - { path: vendor.csv, delimiter: ';', header: false }   # no header row: col1, col2, …
 *     - { path: acme.csv, vendor: Acme Adressen GmbH, delivered: 2026-10-01 }   # where it came from (GDPR Art. 14)
 *   import: { map: mapping.yml }
 *   steps:                     # in order; each is a subcommand with its options
 *     - validate: { reject-if: invalid_email, rejects: out/rejects.csv }
 *   outputs:                   # sinks; all receive the final rows
 *     - export: { output: out/leads.csv }
 *   summary_json: out/summary.json   # optional; like --summary-json
 *   report: out/report.html          # optional; like --report
 *   fail_if: [email_invalid_rate>0.2, rows<100]   # optional; like --fail-if (one or a list)
 *   state: state/                    # optional; like --state: remember the night (delta, ids)
 *   delta_fields: [email, phone, title]   # optional; like --delta-fields
 *   forget_after: 90                 # optional; like --forget-after (days)
 *   gone: out/gone.csv               # optional; like --gone (default: DIR/gone.csv)
 *   id_map: out/id-map.csv           # optional; like --id-map (default: DIR/id-map.csv)
 * An output may also take `only: [new, changed]` (rows by their delta) and `deliver: false`
 * (an export whose rows do not count as delivered).
 */
export interface PipelineInput {
  path: string;
  sheet?: string;
  encoding?: string;
  delimiter?: string;
  /** `header: false`: the file has no header row (like --no-header). */
  header?: boolean;
  /** Who delivered the list (source_vendor), over import's vendor option. */
  vendor?: string;
  /** Its delivery date yyyy-mm-dd (source_delivered_at), over import's delivered option. */
  delivered?: string;
  line: number;
}

export interface PipelineStep {
  command: string;
  options: Record<string, unknown>;
  line: number;
  /** Outputs: only rows with these deltas (`only: [new, changed]`; needs a state). */
  only?: DeltaKind[];
  /** Outputs: `deliver: false` — an export whose rows do not count as delivered. */
  deliver?: boolean;
}

/** The night's state keys of a pipeline file (each like its run option). */
export interface PipelineState {
  dir?: string;
  deltaFields?: string[];
  forgetAfter?: number;
  gone?: string;
  idMap?: string;
  /** Where the keys are, for messages. */
  line: number;
}

export interface PipelineSpec {
  file: string;
  /** The file's folder: paths the pipeline reads are relative to it. */
  dir: string;
  /** Where paths of files the pipeline writes are relative to: the file's folder, except for
   *  the bundled demo, which lives inside the installed package and writes where it is run. */
  writeDir: string;
  name: string;
  asOf?: string;
  inputs: PipelineInput[];
  importOptions: Record<string, unknown>;
  importLine: number;
  steps: PipelineStep[];
  outputs: PipelineStep[];
  /** The run summary as JSON (path relative to where we run, resolved from the file). */
  summaryJson?: string;
  /** The HTML report (path as summaryJson). */
  report?: string;
  /** `fail_if` thresholds, parsed and name-checked, so a typo stops the run before it starts. */
  failIf: Threshold[];
  /** state:, delta_fields:, forget_after:, gone:, id_map: (paths resolved from writeDir); absent when none is given. */
  state?: PipelineState;
  /** Where in the file a key of a step's options is, for error messages. */
  lineOf: Map<object, Map<string, number>>;
}

export function parsePipeline(text: string, file: string, opts: { writeDir?: string } = {}): PipelineSpec {
  let parsed: ParsedYaml;
  try {
    // Nesting and alias limits included (src/io/yaml-doc.ts): a pipeline file is run from cron.
    parsed = parseYaml(text);
  } catch (err) {
    if (err instanceof YamlInputError) throw new UsageError(`${file}:${err.line}: ${err.reason}`, 'E_PIPELINE');
    throw err;
  }
  const { doc, lc } = parsed;
  const lineAt = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const fail = (n: Node | null | undefined, msg: string): never => {
    throw new UsageError(`${file}:${lineAt(n)}: ${msg}`, 'E_PIPELINE');
  };
  /** Plain data of a node, aliases resolved (Node.toJSON() would leave them as { source }). */
  const plain = (n: Node) => parsed.toJS(n) as Record<string, unknown>;
  const root = doc.contents;
  if (!isMap(root)) return fail(root as Node, 'a pipeline file is a mapping with inputs, steps and outputs');
  const known = new Set(['name', 'as_of', 'inputs', 'import', 'steps', 'outputs', 'summary_json', 'report', 'fail_if', ...STATE_KEYS]);
  for (const item of root.items) {
    const k = String((item.key as { value?: unknown })?.value ?? item.key);
    if (!known.has(k)) fail(item.key as Node, `unknown key "${k}" (known: ${[...known].join(', ')})`);
  }
  const lineOf = new Map<object, Map<string, number>>();
  const get = (m: YAMLMap, k: string) => m.get(k, true) as Node | undefined;

  const inputsNode = get(root, 'inputs');
  if (!inputsNode || !isSeq(inputsNode) || inputsNode.items.length === 0) fail(inputsNode ?? root, 'inputs: give a list of files or globs');
  const inputs: PipelineInput[] = (inputsNode as unknown as { items: Node[] }).items.map((n) => {
    if (isScalar(n)) return { path: String(n.value), line: lineAt(n) };
    if (isMap(n)) {
      const o = plain(n);
      const keys = ['path', 'sheet', 'encoding', 'delimiter', 'header', 'vendor', 'delivered'];
      for (const k of Object.keys(o)) if (!keys.includes(k)) fail(n, `inputs: unknown key "${k}" (${keys.join(', ')})`);
      if (typeof o.path !== 'string') fail(n, 'inputs: an input object needs path');
      if (o.header !== undefined && typeof o.header !== 'boolean') fail(n, 'inputs: header is true or false (false: the file has no header row)');
      const at = (k: string) => (n.get(k, true) as Node | undefined) ?? n;
      if (o.vendor !== undefined) {
        const problem = typeof o.vendor === 'string' ? vendorProblem(o.vendor) : 'is not text';
        if (problem) fail(at('vendor'), `inputs: vendor ${JSON.stringify(o.vendor)}: the vendor name ${problem}`);
      }
      const delivered = o.delivered instanceof Date ? o.delivered.toISOString().slice(0, 10) : o.delivered;
      if (delivered !== undefined && (typeof delivered !== 'string' || !isIsoDate(delivered.trim()))) fail(at('delivered'), `inputs: delivered must be a date yyyy-mm-dd that exists, such as 2026-10-01; got ${JSON.stringify(delivered)}`);
      return {
        path: o.path as string,
        sheet: o.sheet === undefined ? undefined : String(o.sheet),
        encoding: o.encoding as string | undefined,
        delimiter: o.delimiter as string | undefined,
        header: o.header as boolean | undefined,
        vendor: o.vendor === undefined ? undefined : (o.vendor as string).trim(),
        delivered: delivered === undefined ? undefined : (delivered as string).trim(),
        line: lineAt(n),
      };
    }
    return fail(n, 'inputs: each input is a path or { path, sheet, encoding, delimiter, header, vendor, delivered }');
  });

  const stepList = (key: 'steps' | 'outputs'): PipelineStep[] => {
    const node = get(root, key);
    if (!node) return [];
    if (!isSeq(node)) return fail(node, `${key}: a list of "- command: { options }"`);
    return node.items.map((n) => {
      const item = n as Node;
      if (isScalar(item)) return { command: String(item.value), options: {}, line: lineAt(item) };
      if (!isMap(item) || item.items.length !== 1) return fail(item, `${key}: each entry is one command with its options, e.g. "- validate: { reject-if: invalid_email }"`);
      const pair = item.items[0];
      const command = String((pair.key as { value?: unknown }).value);
      const val = pair.value as Node | null;
      let options: Record<string, unknown> = {};
      if (val && isMap(val)) {
        options = plain(val);
        lineOf.set(options, new Map(val.items.map((p) => [String((p.key as { value?: unknown }).value), lineAt(p.key as Node)])));
      } else if (val && !(isScalar(val) && val.value === null)) fail(val, `${command}: options must be a mapping`);
      return { command, options, line: lineAt(item) };
    });
  };

  const importNode = get(root, 'import');
  let importOptions: Record<string, unknown> = {};
  if (importNode) {
    if (!isMap(importNode)) fail(importNode, 'import: options must be a mapping');
    importOptions = plain(importNode);
    lineOf.set(importOptions, new Map((importNode as YAMLMap).items.map((p) => [String((p.key as { value?: unknown }).value), lineAt(p.key as Node)])));
  }
  const dir = path.dirname(path.resolve(file));
  const writeDir = opts.writeDir ? path.resolve(opts.writeDir) : dir;
  const artifact = (key: string): string | undefined => {
    const n = get(root, key);
    if (!n) return undefined;
    if (!isScalar(n) || typeof n.value !== 'string' || n.value.trim() === '') return fail(n, `${key}: give a file path`);
    return resolveFrom(writeDir, n.value);
  };
  const failIf = thresholdsAt(get(root, 'fail_if'), fail);
  const asOf = root.get('as_of');
  const asOfStr = asOf === undefined ? undefined : asOf instanceof Date ? asOf.toISOString().slice(0, 10) : String(asOf);
  if (asOfStr !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOfStr)) fail(get(root, 'as_of'), `as_of must be a date like 2026-11-22, got "${asOfStr}"`);
  return {
    file,
    dir,
    writeDir,
    name: String(root.get('name') ?? path.basename(file)),
    asOf: asOfStr,
    inputs,
    importOptions,
    importLine: lineAt(importNode),
    steps: stepList('steps'),
    outputs: stepList('outputs').map((o) =>
      outputKeys(o, lineOf, (line, msg) => {
        throw new UsageError(`${file}:${line}: ${msg}`, 'E_PIPELINE');
      }),
    ),
    summaryJson: artifact('summary_json'),
    report: artifact('report'),
    failIf,
    state: stateKeys(root, get, artifact, fail, lineAt),
    lineOf,
  };
}

/** The top-level keys of a night's state. */
const STATE_KEYS = ['state', 'delta_fields', 'forget_after', 'gone', 'id_map'];

function stateKeys(
  root: YAMLMap,
  get: (m: YAMLMap, k: string) => Node | undefined,
  artifact: (key: string) => string | undefined,
  fail: (n: Node | null | undefined, msg: string) => never,
  lineAt: (n: Node | null | undefined) => number,
): PipelineState | undefined {
  const first = STATE_KEYS.map((k) => get(root, k)).find(Boolean);
  if (!first) return undefined;
  const out: PipelineState = { dir: artifact('state'), gone: artifact('gone'), idMap: artifact('id_map'), line: lineAt(first) };
  const fields = get(root, 'delta_fields');
  if (fields) {
    const items = isSeq(fields) ? (fields.items as Node[]) : [fields];
    const names = items.flatMap((n) => {
      if (!isScalar(n) || typeof n.value !== 'string') return fail(n, 'delta_fields: give column names, e.g. [email, phone, title]');
      return n.value.split(',').map((v) => v.trim()).filter(Boolean);
    });
    if (names.length === 0) fail(fields, 'delta_fields: give at least one column name');
    out.deltaFields = [...new Set(names)];
  }
  const forget = get(root, 'forget_after');
  if (forget) {
    const v = isScalar(forget) ? forget.value : undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) fail(forget, 'forget_after: a whole number of days, at least 1');
    out.forgetAfter = v as number;
  }
  return out;
}

/** An output's own keys (only, deliver), taken out of the options the sink gets. */
function outputKeys(o: PipelineStep, lineOf: Map<object, Map<string, number>>, fail: (line: number, msg: string) => never): PipelineStep {
  const at = (k: string) => lineOf.get(o.options)?.get(k) ?? o.line;
  const out: PipelineStep = { ...o };
  if ('only' in o.options) {
    const v = o.options.only;
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : undefined;
    if (!list || list.some((x) => typeof x !== 'string')) fail(at('only'), `${o.command}: only: a list of new, changed, unchanged, e.g. only: [new, changed]`);
    try {
      out.only = parseDeltaKinds(list as string[], `${o.command}: only`);
    } catch (err) {
      fail(at('only'), (err as Error).message);
    }
    delete o.options.only;
  }
  if ('deliver' in o.options) {
    if (typeof o.options.deliver !== 'boolean') fail(at('deliver'), `${o.command}: deliver is true or false`);
    if (o.command !== 'export') fail(at('deliver'), `${o.command}: deliver: only an export output delivers rows`);
    out.deliver = o.options.deliver as boolean;
    delete o.options.deliver;
  }
  return out;
}

/** `fail_if: expr` or `fail_if: [expr, …]`, each checked where it is written (file:line). */
function thresholdsAt(node: Node | undefined, fail: (n: Node | null | undefined, msg: string) => never): Threshold[] {
  if (!node) return [];
  const items = isSeq(node) ? (node.items as Node[]) : [node];
  return items.flatMap((n) => {
    if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) return fail(n, 'fail_if: give expressions like email_invalid_rate>0.2');
    try {
      const ts = parseThresholds(String(n.value));
      checkMetricNames(ts);
      return ts;
    } catch (err) {
      return fail(n, `fail_if: ${(err as Error).message}`);
    }
  });
}

/** A path from a pipeline file: relative to the file; shown relative to where we run when inside it. */
export function resolveFrom(base: string, p: string): string {
  const abs = path.isAbsolute(p) ? p : path.join(base, p);
  const rel = path.relative(process.cwd(), abs);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

/** Expand `*` and `?` in the last path segment (sorted, so runs are reproducible). */
export function expandInput(pattern: string, base: string): string[] {
  const abs = resolveFrom(base, pattern);
  if (!/[*?]/.test(path.basename(abs))) return [abs];
  const dir = path.dirname(abs);
  if (/[*?]/.test(dir)) throw new UsageError(`inputs: wildcards only in the file name, not in folders: ${pattern}`);
  const re = new RegExp(`^${path.basename(abs).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    throw new UsageError(`inputs: folder ${dir} does not exist (${pattern})`);
  }
  const hits = names.filter((n) => re.test(n)).sort().map((n) => path.join(dir, n));
  if (hits.length === 0) throw new UsageError(`inputs: nothing matches ${pattern}`);
  return hits;
}
