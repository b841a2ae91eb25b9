import fs from 'node:fs';
import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { compileCondition, compileUnreadable, conditionFields, type ConditionSpec } from '../score/conditions.js';
import { parseWhere, WhereSyntaxError } from '../rules/where.js';
import { parseConditionFile, RulesError } from '../rules/load.js';
import { checkSideFile, SideFile, withSideFiles } from '../io/side-file.js';
import { UsageError } from '../errors.js';
import { suggestion } from '../export/select.js';

/** Side-file column: the fields a number/date comparison could not read in that row. */
const UNREADABLE_COLUMN = 'filter_unreadable';

export interface FilterOptions {
  where?: string;
  whereFile?: string;
  invert?: boolean;
  rest?: string;
}

/** The condition from the expression or the file; every mistake is a usage error with its position. */
function loadCondition(opts: FilterOptions): { spec: ConditionSpec; text: string } {
  if (opts.where !== undefined && opts.whereFile !== undefined) throw new UsageError('filter: give a condition or --where-file, not both');
  if (opts.whereFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(opts.whereFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(`--where-file ${opts.whereFile}: cannot read the condition file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? 'unreadable')})`, 'E_RULES');
    }
    try {
      return { spec: parseConditionFile(text, opts.whereFile), text: opts.whereFile };
    } catch (err) {
      if (err instanceof RulesError) throw new UsageError(err.display, 'E_RULES');
      throw err;
    }
  }
  if (opts.where === undefined) throw new UsageError("filter needs a condition, e.g. leadkit filter 'grade in [A,B]' leads.csv (or --where-file FILE)");
  try {
    return { spec: parseWhere(opts.where), text: opts.where };
  } catch (err) {
    if (err instanceof WhereSyntaxError) throw new UsageError(`filter: ${err.message}`, 'E_WHERE');
    throw err;
  }
}

export const filterCommand: Command<FilterOptions> = {
  name: 'filter',
  summary: 'Keep the rows that match a condition (rules-file operators, and / or / not); the others to --rest',
  args: '[condition] [files...]',
  leadingArg: { key: 'where', unless: ['where', 'whereFile'] },
  description:
    'Keeps rows matching a condition written with the operators of the rules file: eq, ne, in, not_in, contains, ' +
    'regex, gt, gte, lt, lte, between, empty, not_empty, joined with and, or, not and parentheses (and binds ' +
    'tighter than or). Text compares case-insensitively with umlauts folded; gt/gte/lt/lte/between compare dates ' +
    'when the value is a date (2026-01-31 or 31.01.2026), else numbers in either locale ("1.234,5"). A cell that is ' +
    'no number or date never matches an ordering operator. Quote values with spaces (\'city eq "Wiener Neustadt"\'); ' +
    'a bare 70 is a number, 01067 stays text. --where-file takes the same condition as YAML (field/op/value, all/any/not). ' +
    'The first argument is the condition unless --where or --where-file is given.',
  examples: [
    "leadkit filter 'email_status eq valid and grade in [A,B]' scored.csv -o ab.csv",
    "leadkit filter 'not (country in [DE,AT]) or score gte 70' scored.csv --rest rest.csv -o keep.csv",
    "leadkit filter 'website empty' leads.csv --columns 'company,/^e-?mail$/,phone' -o no-website.csv",
    'leadkit filter --where-file hot.yml scored.csv --invert > not-hot.csv',
  ],
  options: [
    { flags: '--where <condition>', description: 'the condition, as the first argument would give it (for pipeline steps: where: "…")' },
    { flags: '--where-file <file>', description: 'the condition as YAML: field + op (+ value), or all / any / not, as in the rules file', path: true },
    { flags: '--invert', description: 'keep the rows that do not match' },
    { flags: '--rest <file>', description: 'side file for the rows not kept (same columns), committed with the output', path: true },
  ],

  async transform(input: Table, opts: FilterOptions, ctx: Context): Promise<Table> {
    const { spec, text } = loadCondition(opts);
    checkSideFile('--rest', opts.rest, ctx.io.output);
    // A missing column counts as empty, as in the rules file; a typo deserves the nearest name.
    for (const f of new Set(conditionFields(spec))) {
      if (!input.columns.includes(f)) ctx.warn(`filter: no column "${f}"${suggestion(f, input.columns)}; it counts as empty`);
    }
    const matches = compileCondition(spec);
    const keepMatch = opts.invert !== true;
    // A cell `score gte 70` cannot read ("n/a") never matches: counted, named in --rest, a --fail-if metric.
    const unreadable = compileUnreadable(spec);
    const restColumns = unreadable ? withColumns(input.columns, [UNREADABLE_COLUMN]) : input.columns;
    const rest = opts.rest ? new SideFile(opts.rest, restColumns, ctx) : undefined;
    const unread = new Map<string, { rows: number; example: string }>();
    let unreadRows = 0;
    let rowsIn = 0;
    let kept = 0;

    async function* out(): AsyncGenerator<Row[]> {
      for await (const batch of input.batches) {
        const keep: Row[] = [];
        const drop: Row[] = [];
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          const keepIt = matches(row) === keepMatch;
          (keepIt ? keep : drop).push(row);
          if (!unreadable) continue;
          const fields = unreadable(row);
          if (fields !== '') {
            unreadRows++;
            for (const f of fields.split(';')) {
              const u = unread.get(f) ?? { rows: 0, example: row[f] };
              u.rows++;
              unread.set(f, u);
            }
          }
          // Only side-file rows carry the note: kept rows keep the input's columns.
          if (rest && !keepIt) row[UNREADABLE_COLUMN] = fields;
        }
        rowsIn += batch.length;
        kept += keep.length;
        if (rest) await rest.writeBatch(drop);
        if (keep.length) yield keep;
      }
      const dropped = rowsIn - kept;
      // Dropped rows leave the stream as a rejection with its reason, so the run's funnel
      // (imported = output + rejected + merged + suppressed) still accounts for every row.
      if (dropped > 0) ctx.tally.record('filter', 'rejected', ['filtered'], dropped);
      ctx.tally.measure('filter_unreadable', unreadRows);
      if (unreadRows > 0) {
        const which = [...unread].map(([f, u]) => `${f} ${formatCount(u.rows)} (e.g. ${JSON.stringify(u.example)})`).join(', ');
        ctx.warn(`filter: ${formatCount(unreadRows)} ${unreadRows === 1 ? 'row has' : 'rows have'} a value that is no number or date where the condition compares one, so it never matches there: ${which}`);
      }
      const where = rest ? ` → ${opts.rest}` : '';
      ctx.summary(`filter: ${formatCount(rowsIn)} in = ${formatCount(kept)} kept + ${formatCount(dropped)} ${opts.invert ? 'matching (inverted)' : 'not matching'}${where}; where ${text}`);
    }
    return { columns: input.columns, batches: withSideFiles([rest], out()) };
  },
};
