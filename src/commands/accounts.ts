import path from 'node:path';
import type { Command, OptionSpec } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { collect, fromArray, type Row, type Table } from '../table.js';
import { openSource } from '../io/read.js';
import type { CsvRecord } from '../io/csv-parser.js';
import { IMPORT_STATUS } from '../io/import-status.js';
import { checkSideFile, SideFile, withSideFiles } from '../io/side-file.js';
import { compileRowExtender } from '../io/row-shape.js';
import { writeTable } from '../io/table-write.js';
import { ensureDir } from '../io/make-dir.js';
import type { OutputFormat } from '../io/output-format.js';
import { withSelectedColumns } from '../export/select.js';
import { importSources } from './import.js';
import { STANDARD_IO_OPTIONS } from './option-flags.js';
import { loadRules, RULES_OPTION } from './qualify-shared.js';
import { inBatches } from './dedupe.js';
import { crmIdColumn } from '../match/crm-id.js';
import { DEFAULT_THRESHOLD } from '../match/options.js';
import { compileTitleOverrides } from '../classify/title.js';
import { ACCOUNT_COLUMNS, ACCOUNT_STATUSES, BUYING_ROLES, buildAccounts, GROUPING_STATUSES, TARGET_COLUMNS, TRAILING_COLUMNS, roleReader, targetFacts, type AccountsResult, type AccountsStats, type OrgFacts, type TargetList } from '../accounts/index.js';
import { MAX_ACCOUNT_VIEWS } from '../accounts/group.js';
import { DataError, UsageError } from '../errors.js';

export interface AccountsOptions {
  contacts?: string;
  targets?: string;
  targetsMap?: string[];
  targetsSheet?: string;
  threshold?: number;
  defaultCountry?: string;
  rules?: string;
  // The shared I/O options: declared here too, so a pipeline step can name the accounts table's
  // file (output) and format; the input ones mean nothing in a step.
  output?: string;
  format?: OutputFormat;
  bom?: boolean;
  excel?: boolean;
  outDelimiter?: string;
  columns?: string;
  encoding?: string;
  delimiter?: string;
  strict?: boolean;
  keepWhitespace?: boolean;
  header?: boolean;
  sheet?: string;
}

/** The column the contacts get. */
export const ACCOUNT_ID = 'account_id';

/**
 * The shared I/O options, with -o saying what it writes here: the command line writes the
 * accounts table to -o (or stdout); a pipeline step writes it to `output` and passes the rows on.
 */
const IO_OPTIONS: OptionSpec[] = STANDARD_IO_OPTIONS.map((o) =>
  o.flags.startsWith('-o,')
    ? { ...o, description: 'write the accounts table to this file (atomically) instead of stdout; .csv, .tsv, .jsonl/.ndjson or .xlsx picks the format. In leadkit run: the step\'s accounts table (required), while the rows flow on with account_id' }
    : o,
);

/** Input options that a pipeline step cannot use: the rows come from the step before. */
const INPUT_ONLY: [keyof AccountsOptions, string][] = [
  ['encoding', 'encoding'],
  ['delimiter', 'delimiter'],
  ['strict', 'strict'],
  ['keepWhitespace', 'keep-whitespace'],
  ['sheet', 'sheet'],
];

/** import_status values that mean a target row was not read as the file says (see import-status.ts). */
const UNREAD = new Set(['stray_quote', 'ragged', 'folded', 'quote_text']);

/**
 * The ABM list, read like match reads its reference: the same I/O layer and header mapping as
 * `leadkit import` (its own --targets-map and --targets-sheet), its own encoding and delimiter.
 * A target is a company, so a row without one, or one the reader had to guess at, is an error
 * naming its line: a target list is short and hand-kept, and a guessed target is a wrong one.
 */
async function readTargets(file: string, opts: AccountsOptions, ctx: Context): Promise<TargetList> {
  const src = await openSource(file, { strict: ctx.io.strict, sheet: opts.targetsSheet }, ctx.stdin);
  const lines: number[] = [];
  async function* tracked(records: AsyncIterable<CsvRecord[]>): AsyncGenerator<CsvRecord[]> {
    for await (const batch of records) {
      for (const r of batch) lines.push(r.line);
      yield batch;
    }
  }
  // import's own summary line would read as if this command imported the target list.
  const quiet: Context = { ...ctx, summary: () => undefined };
  const table = importSources([{ ...src, records: tracked(src.records) }], { map: opts.targetsMap }, quiet, '--targets-map');
  const rows = await collect(table.batches);
  if (!table.columns.includes('company')) {
    throw new UsageError(`--targets ${file}: no column maps to company (the target's name): name it with --targets-map 'Column=company'`, 'E_TARGETS');
  }
  const facts = targetFacts(rows, opts.defaultCountry);
  rows.forEach((row, k) => {
    const issue = (row[IMPORT_STATUS] ?? '').split(';').find((s) => UNREAD.has(s));
    if (issue) throw new DataError('E_TARGET_ROW', `target row not read as written (${issue}): fix the row or quote its fields`, file, lines[k]);
    if (!facts[k]) throw new DataError('E_TARGET_ROW', 'target without a company name: every target names its company (a domain or place alone is not enough)', file, lines[k]);
  });
  const idColumn = crmIdColumn(table.columns);
  return {
    rows,
    facts: facts as OrgFacts[],
    ids: rows.map((r) => (idColumn ? (r[idColumn] ?? '').trim() : '') || r.record_id),
    idColumn,
  };
}

interface Computed {
  rows: Row[];
  result: AccountsResult;
}

/** Options checked before any row is read. */
function prepare(opts: AccountsOptions): { overrides: ReturnType<typeof compileTitleOverrides> } {
  if (opts.targets === '-') throw new UsageError('--targets needs a file: standard input carries the contacts');
  return { overrides: compileTitleOverrides(loadRules(opts.rules).classify.titles) };
}

async function compute(input: Table, opts: AccountsOptions, overrides: ReturnType<typeof compileTitleOverrides>, ctx: Context): Promise<Computed> {
  // The target list first: a row of it that cannot be read stops the run before the contacts are.
  const targets = opts.targets !== undefined ? await readTargets(opts.targets, opts, ctx) : undefined;
  const rows = await collect(input.batches);
  const roles = roleReader(input.columns, overrides);
  const result = await buildAccounts(rows, { threshold: opts.threshold ?? DEFAULT_THRESHOLD, defaultCountry: opts.defaultCountry, roles, targets });
  return { rows, result };
}

function warnInput(columns: readonly string[], ctx: Context): void {
  if (!columns.includes('company')) ctx.warn('accounts: the input has no company column (run leadkit import first?): every row counts as private, in no account');
  if (!columns.includes('record_id')) ctx.warn('accounts: no record_id column (run leadkit import first): account ids follow the rows\' positions, #1, #2, …');
  if (columns.includes(ACCOUNT_ID)) ctx.warn(`accounts: replacing the values of the existing column ${ACCOUNT_ID}`);
}

/** The input's columns with account_id last (an input column of that name is replaced). */
function contactColumns(columns: readonly string[]): string[] {
  return [...columns.filter((c) => c !== ACCOUNT_ID), ACCOUNT_ID];
}

function* contactRows(c: Computed, columns: string[]): Generator<Row> {
  const shape = compileRowExtender(columns, [ACCOUNT_ID]);
  for (let i = 0; i < c.rows.length; i++) yield shape(c.rows[i], [c.result.idOf[i]]);
}

/** What this run measured, for `leadkit run`'s summary and its --fail-if metrics. */
function measure(st: AccountsStats, ctx: Context): void {
  ctx.tally.measure('accounts', st.accounts);
  ctx.tally.measure('accounts_guessed', st.guessed);
  ctx.tally.measure('rows_without_account', st.privateRows);
  ctx.tally.measure('accounts_without_decider', st.missingRole.decider);
  ctx.tally.measure('rows_name_only', st.unanchoredRows);
  ctx.tally.measure('accounts_roles_from_title', st.rolesFromTitle);
  ctx.tally.measure('accounts_roles_guessed', st.rolesGuessedAccounts);
  if (st.targets > 0) ctx.tally.measure('targets_without_contacts', st.targetsWithoutContacts);
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The one summary line (stderr): rows reconciled, coverage, targets, guesses. */
export function summaryLine(st: AccountsStats, targetsFile: string | undefined): string {
  const withContacts = st.accounts - st.accountsWithoutContacts;
  const head = `accounts: ${formatCount(st.rows)} rows = ${formatCount(st.contactsAssigned)} in ${plural(withContacts, 'account', 'accounts')} + ${formatCount(st.privateRows)} without a company (private, no account_id)`;
  const source = st.roleSource === 'column' ? 'buying_role' : `read from title: no buying_role column, account_status roles_from_title on ${plural(st.rolesFromTitle, 'account', 'accounts')}`;
  const roles = `roles (${source}): all five in ${formatCount(st.fullCoverage)}, no decider in ${formatCount(st.missingRole.decider)}, no buyer in ${formatCount(st.missingRole.buyer)}`;
  const guessedRoles = st.rolesGuessed
    ? `; ${plural(st.rolesGuessed, 'role rests', 'roles rest')} on a seniority guessed from an occupation name classify does not know (seniority_status=guessed; account_status roles_guessed on ${plural(st.rolesGuessedAccounts, 'account', 'accounts')})`
    : '';
  const unknown = st.unknownRoles ? `; ${plural(st.unknownRoles, 'row', 'rows')} with a buying_role that is none of ${BUYING_ROLES.join(', ')} (not counted)` : '';
  const targets = targetsFile
    ? `; targets ${targetsFile}: ${formatCount(st.targets)}, ${formatCount(st.targetsMatched)} matched, ${formatCount(st.targetsWithoutContacts)} without contacts (accounts with contacts=0)`
    : '';
  const shown = ACCOUNT_STATUSES.filter((s) => GROUPING_STATUSES.has(s) && st.byStatus[s] > 0).map((s) => `${s} ${formatCount(st.byStatus[s])}`);
  const guessed = `; ${plural(st.guessed, 'account', 'accounts')} guessed (account_status${shown.length ? `: ${shown.join(', ')}` : ''})`;
  const loose = st.unanchoredRows
    ? `; ${plural(st.unanchoredRows, 'row names', 'rows name')} a company but no place, domain or VAT id (joined to others only by a shared phone; account_status name_only_contacts on ${plural(st.byStatus.name_only_contacts, 'account', 'accounts')})`
    : '';
  const scores = st.unreadableScores ? `; ${plural(st.unreadableScores, 'score cell', 'score cells')} not a number 0–100 (left out)` : '';
  const size = st.refusedBySize ? `; ${plural(st.refusedBySize, 'join', 'joins')} refused: an account would have held more than ${formatCount(MAX_ACCOUNT_VIEWS)} distinct spellings, places and domains` : '';
  return `${head}; ${roles}${guessedRoles}${unknown}${targets}${guessed}${loose}${scores}${size}`;
}

/** The accounts table's header, known before any row is read (the target columns with --targets). */
function accountsHeader(opts: AccountsOptions): string[] {
  return [...ACCOUNT_COLUMNS, ...(opts.targets !== undefined ? TARGET_COLUMNS : []), ...TRAILING_COLUMNS];
}

/** The accounts table as a Table. */
function accountsTable(result: AccountsResult): Table {
  return { columns: result.columns, batches: fromArray(result.accounts) };
}

export const accountsCommand: Command<AccountsOptions> = {
  name: 'accounts',
  summary: 'One row per company: contacts grouped by account matching, buying-center coverage, ABM targets',
  description:
    'Groups the contacts of one company into an account with dedupe\'s engine for organisations, never by the company ' +
    'string alone: name variants (Müller GmbH, Mueller GmbH, MÜLLER Gesellschaft mit beschränkter Haftung) with an agreeing ' +
    'place, domain (website, or a corporate email\'s registrable domain: vertrieb.mueller-holz.de is mueller-holz.de; never free-mail, disposable or a mistyped provider) or switchboard, so "Autohaus Müller" in ' +
    'Köln and in Kiel stay two accounts and a branch elsewhere joins through the domain it shares. Writes one row per ' +
    'account: account_id (a- and a hash of its smallest contact record_id: the same on a rerun and in any input order), ' +
    'account_name (the canonical spelling, as dedupe\'s company_display), domain, postal_code, city, country (the place ' +
    'most contacts give), contacts, roles_present and roles_missing (decider;buyer;influencer;user;gatekeeper, from ' +
    'buying_role, else read from the job title as classify does), best_score, score_sum, best_grade, owners, ' +
    'name_variants, locations and account_status: the guesses it rests on (narrow_match, name_and_city_only, ' +
    'name_only_contacts, target_narrow_match, target_by_name_only, target_ambiguous; roles_from_title when the roles ' +
    'were read from job titles, roles_guessed when one rests on a guessed seniority), counted in the summary. Rows without a company are ' +
    'in no account (empty account_id) and counted. --contacts writes the input rows with account_id, so the two files ' +
    'join. --targets marks the accounts of an ABM list (is_target, target_name, target_id: the file\'s own id column, ' +
    'else the target\'s record_id), matched by the same engine; a target no account fits is a row with contacts=0. In ' +
    'leadkit run the step adds account_id to the rows flowing on and writes the accounts table to its output.',
  examples: [
    'leadkit accounts scored.csv -o accounts.csv --contacts contacts.csv',
    'leadkit accounts scored.csv --targets fixtures/accounts/targets.csv -o accounts.xlsx',
    "leadkit import vendor.csv crm.csv | leadkit accounts --columns 'account_name,contacts,roles_missing'",
  ],
  options: [
    { flags: '--contacts <file>', description: 'also write the input rows with account_id added (committed with the accounts table); not in leadkit run, where the rows flow on', path: true },
    { flags: '--targets <file>', description: 'ABM target list (CSV or XLSX; company name, optional website/domain, city/postal code, own id column): marks its accounts, and keeps targets without contacts as rows with contacts=0', path: true, type: 'file' },
    { flags: '--targets-map <spec>', description: "header mapping for the target list, like import's --map", repeatable: true, path: true },
    { flags: '--targets-sheet <name|n>', description: 'sheet of an .xlsx target list (name or 1-based number; default first)' },
    { flags: '--threshold <p>', description: 'match probability (0–1) two organisation views need to be one account (as dedupe)', default: String(DEFAULT_THRESHOLD), type: 'probability' },
    { flags: '--default-country <cc>', description: 'country for national phone numbers in rows without one (default DE)', type: 'country' },
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its classify title overrides when roles are read from job titles (an input without buying_role)` },
    ...IO_OPTIONS,
  ],
  // The shared I/O options are among the options above (a pipeline step names its output with them).
  standardIo: false,

  /** leadkit run: the rows flow on with account_id; the accounts table goes to the step's output. */
  async transform(input: Table, opts: AccountsOptions, ctx: Context): Promise<Table> {
    for (const [key, name] of INPUT_ONLY) {
      if (opts[key] !== undefined && opts[key] !== false) throw new UsageError(`accounts: ${name} describes an input file; a step reads the rows of the step before`, 'E_PIPELINE');
    }
    if (opts.header === false) throw new UsageError('accounts: header describes an input file; a step reads the rows of the step before', 'E_PIPELINE');
    if (opts.contacts !== undefined) throw new UsageError('accounts: contacts is for the command line; in leadkit run the rows flow on with account_id (write them with an export output)', 'E_PIPELINE');
    if (!opts.output || opts.output === '-') throw new UsageError('accounts: give output: FILE for the accounts table (the rows flow on to the next step)', 'E_PIPELINE');
    const output = opts.output;
    const { overrides } = prepare(opts);
    // A typo in columns is refused now, not after the rows were read.
    withSelectedColumns({ columns: accountsHeader(opts) }, opts.columns);
    warnInput(input.columns, ctx);
    const columns = contactColumns(input.columns);

    async function* out(): AsyncGenerator<Row[]> {
      const c = await compute(input, opts, overrides, ctx);
      // The accounts table is an artifact of the run, committed with its other outputs.
      await ensureDir(path.dirname(output));
      const io = { ...ctx.io, output, format: opts.format, bom: Boolean(opts.bom), excel: Boolean(opts.excel), outDelimiter: opts.outDelimiter };
      await writeTable(withSelectedColumns(accountsTable(c.result), opts.columns), { ...ctx, io });
      yield* inBatches(contactRows(c, columns));
      measure(c.result.stats, ctx);
      ctx.summary(`${summaryLine(c.result.stats, opts.targets)}; accounts → ${output}`);
    }
    return { columns, batches: out() };
  },

  /** The command line: the accounts table is the output; --contacts writes the rows with account_id. */
  async transformOrReport(input: Table, opts: AccountsOptions, ctx: Context): Promise<Table> {
    const { overrides } = prepare(opts);
    checkSideFile('--contacts', opts.contacts, ctx.io.output);
    warnInput(input.columns, ctx);
    const contacts = opts.contacts !== undefined ? new SideFile(opts.contacts, contactColumns(input.columns), ctx) : undefined;
    const header = accountsHeader(opts);

    async function* out(): AsyncGenerator<Row[]> {
      const c = await compute(input, opts, overrides, ctx);
      if (contacts) for (const batch of inBatches(contactRows(c, contacts.columns))) await contacts.writeBatch(batch);
      yield* inBatches(c.result.accounts);
      measure(c.result.stats, ctx);
      ctx.summary(`${summaryLine(c.result.stats, opts.targets)}${contacts ? `; contacts with account_id → ${contacts.file}` : ''}`);
    }
    return { columns: header, batches: withSideFiles([contacts], out()) };
  },
};
