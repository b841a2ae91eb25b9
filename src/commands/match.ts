import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import type { Row, Table } from '../table.js';
import { openSource } from '../io/read.js';
import { importSources } from './import.js';
import { createMatcherAsync, DEFAULT_THRESHOLD, LINK_COLUMNS, type Matcher } from '../match/index.js';
import { parseCompare, parseThreshold, warnUnmapped } from './dedupe.js';
import { UsageError } from '../errors.js';
import { crmIdColumn } from '../match/crm-id.js';
import { decisionsNote, readDecisions } from './decisions-file.js';
import { DEFAULT_SPILL_ABOVE_MB, holdRows, SPILL_ABOVE_OPTION, spillNote, type Held } from './hold-rows.js';

export interface MatchOptions {
  against?: string;
  againstMap?: string[];
  againstSheet?: string;
  defaultCountry?: string;
  only?: 'new' | 'existing';
  threshold?: number;
  compare?: string[];
  decisions?: string[];
  spillAbove?: number;
}

/**
 * The reference list, read with the same I/O layer and header mapping as `leadkit import` (its
 * own --against-map and --against-sheet), so a CRM export's "Last Name" or "Nachname" is
 * compared with the input's last_name, raw or imported before. Its own encoding and delimiter
 * are detected: the --encoding/--delimiter flags describe the input.
 *
 * The rows are held as dedupe holds its own (hold-rows.ts): past --spill-above MB in a temporary
 * file, with the record ids and the CRM id column in memory, which is all the matcher asks for
 * once it has read each row's features. The caller closes them.
 */
export async function readReference(
  file: string,
  opts: Pick<MatchOptions, 'againstMap' | 'againstSheet' | 'spillAbove'>,
  ctx: Context,
): Promise<{ rows: Held; columns: string[]; idColumn: string | undefined }> {
  const src = await openSource(file, { strict: ctx.io.strict, sheet: opts.againstSheet }, ctx.stdin);
  // import's own summary line would read as if this command imported the reference.
  const quiet: Context = { ...ctx, summary: () => undefined };
  const table = importSources([src], { map: opts.againstMap }, quiet, '--against-map');
  const idColumn = crmIdColumn(table.columns);
  // Of every row the matcher asks only for the CRM id (the list-wide date columns are dedupe's).
  const rows = await holdRows(table.batches, table.columns, opts.spillAbove ?? DEFAULT_SPILL_ABOVE_MB, undefined, undefined, idColumn ? [idColumn] : []);
  return { rows, columns: table.columns, idColumn };
}

export const matchCommand: Command<MatchOptions> = {
  name: 'match',
  summary: 'Which of these leads do we already have? Link rows to a reference list (CRM export)',
  description:
    'Compares each input row with the reference list given by --against (mapped onto the schema like ' +
    '`leadkit import`, with the same matching model as dedupe) and adds match_id (the reference record_id, ' +
    '<file>:<row>, or its own when it was imported before), match_score, match_reason and match_crm_id (the ' +
    "reference's own id column — Salesforce Id, HubSpot Record ID, a customer number — so results can go back " +
    'into the CRM as updates), empty when there is no match at or above --threshold. --decisions (a filled-in ' +
    '`dedupe --review` file, or any table with record_id_a, record_id_b, decision) overrides the score for the ' +
    'pairs it names: an input row decided the same as a reference record is linked to it, one decided different ' +
    'never is. Emails and phones are ' +
    'compared by the same keys as everywhere, so a validated input matches a raw reference as well as a raw one. ' +
    '--only new keeps the rows the reference lacks, --only existing the ones it has. Input rows never ' +
    'influence each other: each is matched against the reference alone.',
  examples: [
    'leadkit import purchased.csv | leadkit match --against crm-export.csv > linked.csv',
    'leadkit import purchased.csv | leadkit match --against crm-export.csv --only new -o new-leads.csv',
    'leadkit match leads.csv --against crm.xlsx --threshold 0.95 --only existing',
    'leadkit match leads.csv --against crm.csv --decisions reviewed.csv',
  ],
  options: [
    { flags: '--against <file>', description: 'reference list (CSV or XLSX, e.g. a CRM export, raw or imported); required', path: true, type: 'file' },
    { flags: '--against-map <spec>', description: "header mapping for the reference, like import's --map", repeatable: true, path: true },
    { flags: '--against-sheet <name|n>', description: 'sheet of an .xlsx reference (name or 1-based number; default first)' },
    { flags: '--default-country <cc>', description: 'country for national phone numbers in rows of either list without one (default DE)', type: 'country' },
    { flags: '--only <which>', description: 'keep only rows that are new or existing in the reference', choices: ['new', 'existing'] },
    { flags: '--threshold <p>', description: 'match probability (0–1) a pair needs to be linked', default: String(DEFAULT_THRESHOLD), type: 'probability' },
    { flags: '--compare <field:type>', description: 'extra comparison field present in both lists (see dedupe)', repeatable: true },
    { flags: '--decisions <file>', description: 'decided pairs (input record_id, reference record_id): same links them, different never (see dedupe --review)', repeatable: true, path: true, type: 'file' },
    { ...SPILL_ABOVE_OPTION, description: `hold up to this many MB of the reference in memory; a larger one goes to a temporary file (in TMPDIR), read once for its match features: the same output in less memory (0: always)` },
  ],

  async transform(input: Table, opts: MatchOptions, ctx: Context): Promise<Table> {
    if (!opts.against) throw new UsageError('match needs --against FILE (the reference list, e.g. a CRM export)');
    if (opts.against === '-') throw new UsageError('--against needs a file: standard input carries the rows to match');
    const threshold = parseThreshold(opts.threshold);
    const compare = parseCompare(opts.compare, input.columns);
    const only = opts.only;
    if (only !== undefined && only !== 'new' && only !== 'existing') throw new UsageError(`--only expects new or existing, got "${String(only)}"`);
    warnUnmapped(input.columns, 'the input', ctx);
    const against = opts.against;
    const columns = [...input.columns.filter((c) => !(LINK_COLUMNS as readonly string[]).includes(c)), ...LINK_COLUMNS];

    async function* out(): AsyncGenerator<Row[]> {
      const { rows: reference, idColumn } = await readReference(against, opts, ctx);
      let matcher: Matcher;
      try {
        const decisions = await readDecisions(opts.decisions, ctx);
        matcher = await createMatcherAsync(reference, { threshold, compare, defaultCountry: opts.defaultCountry, idColumn, decisions });
      } finally {
        // The matcher has read every reference row it needs; what it keeps is in memory.
        reference.close();
      }
      let rows = 0;
      let existing = 0;
      for await (const batch of input.batches) {
        const keep: Row[] = [];
        // annotate() without a filter, so every row is counted before --only picks.
        for (const row of matcher.annotate(batch, { columns: input.columns })) {
          rows++;
          const found = row.match_id !== '';
          if (found) existing++;
          if (only === undefined || (only === 'existing') === found) keep.push(row);
        }
        if (keep.length) yield keep;
      }
      const fresh = rows - existing;
      let tail = '';
      if (only !== undefined) {
        const left = only === 'new' ? existing : fresh;
        // Rows --only leaves out are accounted for like suppressed rows, so a pipeline reconciles.
        if (left > 0) ctx.tally.record('match', 'suppressed', [only === 'new' ? 'in_reference' : 'not_in_reference'], left);
        tail = ` (--only ${only}: ${formatCount(rows - left)} out + ${formatCount(left)} left out)`;
      }
      const decided = matcher.decisions();
      ctx.tally.measure('decisions_applied', decided.applied);
      const decidedNote = decisionsNote(decided.given, decided.applied, 'the input and the reference');
      ctx.summary(`match: ${formatCount(rows)} rows against ${formatCount(reference.length)} in ${against}: ${formatCount(existing)} existing, ${formatCount(fresh)} new${tail}; threshold ${threshold}${decidedNote}${idColumn ? `; CRM ids from "${idColumn}" in match_crm_id` : ''}${spillNote(reference, opts.spillAbove)}`);
    }
    return { columns, batches: out() };
  },
};
