/**
 * An analyst's decisions on pairs of records (`dedupe --decisions FILE`, `match --decisions FILE`):
 * `same` is a must-link (the two are one person, whatever they score), `different` a cannot-link
 * (never in one cluster, not even through a third record; never linked by match). The file is the
 * one `dedupe --review` writes, with its decision column filled in, or any table with the columns
 * record_id_a, record_id_b and decision.
 *
 * Decision values, case-insensitive, spaces and hyphens read as `_`: same, yes, match, ja, y, true
 * (one person); different, no, no_match, nein, n, false (two). A blank decision is not decided yet
 * and skipped. Anything else stops the run with the file and line. When a pair is decided twice,
 * the later line (or file) wins: a later review round corrects an earlier one.
 *
 * Pure: the command reads the file through src/io and hands the records to DecisionReader.
 */
import { DataError } from '../errors.js';

export type Decision = 'same' | 'different';

export interface DecisionEntry {
  a: string;
  b: string;
  decision: Decision;
  /** Where it was decided, for messages. */
  file: string;
  line: number;
}

const SAME = new Set(['same', 'yes', 'y', 'match', 'ja', 'true', 'same_person']);
const DIFFERENT = new Set(['different', 'no', 'n', 'no_match', 'nomatch', 'not_match', 'nein', 'false', 'different_person']);

/** The decision a cell says: 'same', 'different', '' (blank: not decided yet) or undefined (not a decision). */
export function parseDecision(raw: string): Decision | '' | undefined {
  const v = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (v === '') return '';
  if (SAME.has(v)) return 'same';
  if (DIFFERENT.has(v)) return 'different';
  return undefined;
}

/** The columns a decisions file needs. */
export const DECISION_COLUMNS = ['record_id_a', 'record_id_b', 'decision'] as const;

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Decided pairs, unordered: (a, b) and (b, a) are one pair. */
export class PairDecisions {
  private readonly pairs = new Map<string, DecisionEntry>();

  /** Add a decision; a pair decided before takes the new decision. A record paired with itself is skipped. */
  add(entry: DecisionEntry): void {
    if (entry.a === entry.b) return;
    const k = key(entry.a, entry.b);
    this.pairs.delete(k);
    this.pairs.set(k, entry);
  }

  get(a: string, b: string): DecisionEntry | undefined {
    return this.pairs.get(key(a, b));
  }

  get size(): number {
    return this.pairs.size;
  }

  /** Every decided pair, in the order decided (a pair decided again counts where it was last decided). */
  entries(): IterableIterator<DecisionEntry> {
    return this.pairs.values();
  }
}

/** "decisions.csv:7" */
export function where(e: DecisionEntry): string {
  return `${e.file}:${e.line}`;
}

/**
 * Reads the records of one decisions file into a PairDecisions: finds the three columns in the
 * header (case and surrounding blanks ignored), then takes one record at a time.
 */
export class DecisionReader {
  private readonly ia: number;
  private readonly ib: number;
  private readonly id: number;

  constructor(
    readonly file: string,
    header: readonly string[],
    private readonly into: PairDecisions,
  ) {
    const names = header.map((h) => h.trim().toLowerCase());
    const find = (c: string) => names.indexOf(c);
    [this.ia, this.ib, this.id] = DECISION_COLUMNS.map(find);
    const missing = DECISION_COLUMNS.filter((_, k) => [this.ia, this.ib, this.id][k] < 0);
    if (missing.length) {
      throw new DataError('E_DECISIONS', `a decisions file needs the columns ${DECISION_COLUMNS.join(', ')} (missing: ${missing.join(', ')}); dedupe --review writes one`, file);
    }
  }

  /** One record of the file; returns whether it held a decision. */
  add(fields: readonly string[], line: number): boolean {
    const raw = fields[this.id] ?? '';
    const decision = parseDecision(raw);
    if (decision === undefined) {
      throw new DataError('E_DECISION', `decision ${JSON.stringify(raw.trim())} is not one of same, different (also yes/no, match/no_match, ja/nein); leave it blank when undecided`, this.file, line);
    }
    if (decision === '') return false;
    const a = (fields[this.ia] ?? '').trim();
    const b = (fields[this.ib] ?? '').trim();
    if (a === '' || b === '') throw new DataError('E_DECISION', `decision "${raw.trim()}" needs both record_id_a and record_id_b`, this.file, line);
    this.into.add({ a, b, decision, file: this.file, line });
    return true;
  }
}

/** Error for decisions that cannot all hold: `same` pairs join records decided `different`. */
export function contradiction(must: DecisionEntry, cannot: DecisionEntry): DataError {
  return new DataError(
    'E_DECISIONS_CONTRADICT',
    `${must.a} same ${must.b} would put ${cannot.a} and ${cannot.b} into one cluster, but ${where(cannot)} decided them different: correct one of the two`,
    must.file,
    must.line,
  );
}
