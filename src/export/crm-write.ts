import path from 'node:path';
import { formatCount, type Context } from '../context.js';
import { UsageError } from '../errors.js';
import { checkSideFile, sameFile, SideFile } from '../io/side-file.js';
import { openCsvWriter, type CsvRowWriter } from '../io/table-write.js';
import type { Row, Table } from '../table.js';
import { parseSortSpec, type SortKey } from './sort.js';
import { hasSuppressColumns, planCrmRow, type CrmPreset } from './crm.js';
import { hubspot } from './crm-hubspot.js';
import { isSalesforceUserId, salesforce } from './crm-salesforce.js';
import { CRM_NAMES } from './crm-names.js';

/** `export --crm NAME`: the presets by name. */
export const CRM_PRESETS: Record<string, CrmPreset> = { salesforce, hubspot } satisfies Record<(typeof CRM_NAMES)[number], CrmPreset>;
export { CRM_NAMES };

export interface CrmFiles {
  /** New records: -o, or standard output. */
  create: string | undefined;
  /** Records linked by `leadkit match` (match_crm_id). */
  update: string | undefined;
  /** Rows the CRM cannot create, with reject_reason. */
  rejects: string;
}

/**
 * The three files: `-o leads.csv` writes creates to leads.csv, updates to leads-update.csv and
 * the rows a CRM cannot create to leads-rejects.csv, unless --update / --rejects name them. On
 * standard output the side files need names of their own; the update file is then only needed
 * when the rows carry match_crm_id.
 */
export function crmFiles(output: string | undefined, update: string | undefined, rejects: string | undefined, linked: boolean): CrmFiles {
  const toStdout = !output || output === '-';
  // Nothing sits beside /dev/stdout or /dev/fd/3: as on standard output, the side files need names.
  const device = output !== undefined && output.startsWith('/dev/');
  const beside = (suffix: string) => {
    if (toStdout || device) return undefined;
    const ext = path.extname(output);
    return `${output.slice(0, output.length - ext.length)}-${suffix}${ext || '.csv'}`;
  };
  const updateFile = update ?? beside('update');
  const rejectsFile = rejects ?? beside('rejects');
  if (rejectsFile === undefined) throw new UsageError('export --crm to standard output or a device: name the file for rows the CRM cannot create with --rejects FILE');
  if (updateFile === undefined && linked) throw new UsageError('export --crm to standard output or a device: the rows have match_crm_id, name the update file with --update FILE');
  checkSideFile('--update', updateFile, output);
  checkSideFile('--rejects', rejectsFile, output);
  if (updateFile !== undefined && sameFile(updateFile, rejectsFile)) throw new UsageError(`--update and --rejects name the same file (${rejectsFile})`);
  return { create: toStdout ? undefined : output, update: updateFile, rejects: rejectsFile };
}

/** What one export --crm wrote and had to leave out, for the summary line and warnings. */
export interface CrmCounts {
  create: number;
  update: number;
  rejected: number;
  optOutAssumed: number;
  countryUnknown: number;
  stateUnknown: number;
  ownerNotId: number;
  /** Rows written without any provenance (no source, vendor or delivery date). */
  originMissing: number;
  /** New rows whose delivery date is not in the CRM's date field: read off the file, or no yyyy-mm-dd date. */
  deliveredFileDate: number;
  deliveredNotADate: number;
}

/** Streams rows into the create, update and rejects files; they commit with the run's other files. */
export class CrmWriter {
  readonly counts: CrmCounts = { create: 0, update: 0, rejected: 0, optOutAssumed: 0, countryUnknown: 0, stateUnknown: 0, ownerNotId: 0, originMissing: 0, deliveredFileDate: 0, deliveredNotADate: 0 };
  private readonly suppressRan: boolean;

  private constructor(
    private readonly preset: CrmPreset,
    private readonly create: CsvRowWriter,
    private readonly update: CsvRowWriter | undefined,
    private readonly rejects: SideFile,
    columns: readonly string[],
  ) {
    this.suppressRan = hasSuppressColumns(columns);
  }

  static async open(preset: CrmPreset, files: CrmFiles, columns: string[], guard: boolean, ctx: Context): Promise<CrmWriter> {
    // CRM importers read UTF-8 with commas: the file is the same whatever --out-delimiter or --excel say.
    const dialect = { delimiter: ',', bom: false, excel: false, guard };
    const create = await openCsvWriter([...preset.createColumns], files.create, dialect, ctx);
    const update = files.update === undefined ? undefined : await openCsvWriter([...preset.updateColumns], files.update, dialect, ctx);
    const rejects = new SideFile(files.rejects, [...columns, 'reject_reason'], ctx);
    return new CrmWriter(preset, create, update, rejects, columns);
  }

  async write(row: Row): Promise<void> {
    const plan = planCrmRow(this.preset, row, this.suppressRan);
    const c = this.counts;
    if (plan.destination === 'missing') {
      c.rejected++;
      await this.rejects.write({ ...row, reject_reason: plan.reasons.join(';') });
      return;
    }
    if (plan.facts.emailOptOutAssumed || plan.facts.phoneOptOutAssumed) c.optOutAssumed++;
    if (plan.facts.countryUnknown) c.countryUnknown++;
    if (plan.facts.stateUnknown) c.stateUnknown++;
    if (this.preset === salesforce && (row.owner ?? '').trim() !== '' && !isSalesforceUserId(row.owner)) c.ownerNotId++;
    const origin = plan.facts.origin;
    if (origin.origins === '') c.originMissing++;
    if (plan.destination === 'create' && origin.deliveredLeftOut === 'file_date') c.deliveredFileDate++;
    if (plan.destination === 'create' && origin.deliveredLeftOut === 'not_a_date') c.deliveredNotADate++;
    if (plan.destination === 'update') {
      c.update++;
      // crmFiles asks for an update file whenever the rows carry match_crm_id.
      await this.update!.write(plan.out);
    } else {
      c.create++;
      await this.create.write(plan.out);
    }
  }

  /** All rows written: the files join the transaction (an empty one says "none"). */
  async finish(ctx: Context): Promise<void> {
    ctx.files.add(this.create);
    if (this.update) ctx.files.add(this.update);
    await this.rejects.finish();
  }

  async abort(): Promise<void> {
    await this.create.abort();
    await this.update?.abort();
    await this.rejects.abort();
  }

  /** Warnings for what a CRM file could not carry; they go to stderr, also with --quiet. */
  warnings(): string[] {
    const c = this.counts;
    const rows = (n: number) => `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;
    const out: string[] = [];
    if (c.optOutAssumed) out.push(`${rows(c.optOutAssumed)} say nothing about consent and are opted out of email or calls; run suppress before export to apply your consent rules`);
    if (c.countryUnknown) out.push(`${rows(c.countryUnknown)} with a country no ISO code was found for: the country is left empty`);
    if (c.stateUnknown) out.push(`${rows(c.stateUnknown)} with a state no ISO code was found for: the state is left empty`);
    if (c.ownerNotId) out.push(`${rows(c.ownerNotId)} with an owner that is not a Salesforce user id (005…): OwnerId is left empty`);
    const f = this.preset.originFields;
    if (c.originMissing) out.push(`${rows(c.originMissing)} without provenance (no source, source_vendor or source_delivered_at: run leadkit import first): the CRM learns nothing of where they came from (GDPR Art. 14)`);
    if (c.deliveredFileDate) out.push(`${rows(c.deliveredFileDate)} to create whose delivery date was read off the file (source_delivered_status=file_date): ${f.deliveredAt} is left empty, ${f.origins} gives the date marked (file date); give import --delivered`);
    if (c.deliveredNotADate) out.push(`${rows(c.deliveredNotADate)} to create whose source_delivered_at is not a yyyy-mm-dd date: ${f.deliveredAt} is left empty, ${f.origins} gives it as written`);
    return out;
  }
}

export interface CrmExportOptions {
  crm: string;
  update?: string;
  rejects?: string;
  sort?: string;
  format?: string;
  columns?: string;
  view?: string;
  top?: number;
  splitBy?: string;
  formulaGuard?: boolean;
}

/**
 * The rows in sort order, held in memory or in a temporary file (src/commands/sorted-rows.ts):
 * read them with rows(), then close(); `note` is the summary's word on where they were held.
 */
export type HoldSorted = (keys: SortKey[]) => Promise<{ rows: () => AsyncIterable<Row>; close: () => void; note: string }>;

/**
 * export --crm: the rows in the CRM's import columns, new ones to the create file, linked ones
 * to the update file, the ones it cannot create to the rejects file. The preset decides the
 * columns, so --columns, --view and --top, which would change or cut them, are usage errors.
 * With --sort the rows are held as export holds them (`holdSorted`: past --spill-above in a file).
 */
export async function exportCrm(input: Table, opts: CrmExportOptions, ctx: Context, holdSorted: HoldSorted): Promise<void> {
  const preset = CRM_PRESETS[opts.crm];
  if (!preset) throw new UsageError(`--crm: unknown CRM "${opts.crm}" (known: ${CRM_NAMES.join(', ')})`);
  for (const [given, flag] of [[opts.columns, '--columns'], [opts.view, '--view'], [opts.top, '--top'], [opts.splitBy, '--split-by']] as const) {
    if (given !== undefined) throw new UsageError(`--crm ${preset.name} writes the CRM's own columns; ${flag} does not go with it`);
  }
  const format = opts.format ?? (ctx.io.output ? path.extname(ctx.io.output).slice(1).toLowerCase() || 'csv' : 'csv');
  if (format !== 'csv') throw new UsageError(`--crm ${preset.name} writes CSV, the format CRM importers read (not ${format})`);
  const files = crmFiles(ctx.io.output, opts.update, opts.rejects, input.columns.includes('match_crm_id'));
  const keys = opts.sort ? parseSortSpec(opts.sort, input.columns) : [];
  const writer = await CrmWriter.open(preset, files, input.columns, opts.formulaGuard !== false, ctx);
  let held = '';
  try {
    if (keys.length) {
      const sorted = await holdSorted(keys);
      try {
        for await (const row of sorted.rows()) await writer.write(row);
      } finally {
        sorted.close();
      }
      held = sorted.note;
    } else for await (const batch of input.batches) for (const row of batch) await writer.write(row);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.finish(ctx);
  for (const w of writer.warnings()) ctx.warn(`export --crm ${preset.name}: ${w}`);
  const c = writer.counts;
  ctx.tally.measure('crm_opt_out_assumed', c.optOutAssumed);
  const update = files.update ? `, ${formatCount(c.update)} to update → ${files.update}` : '';
  const line = `export --crm ${preset.name}: ${formatCount(c.create)} to create → ${files.create ?? 'stdout'}${update}, ${formatCount(c.rejected)} it cannot create → ${files.rejects}${held}`;
  // Printed once the files are in place, as the other export summaries.
  ctx.files.add({ commit: async () => ctx.summary(line), abort: async () => {} });
}
