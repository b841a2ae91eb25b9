import fs from 'node:fs';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { defaultRules, parseRules, RulesError } from '../rules/load.js';
import type { Rules } from '../rules/schema.js';
import { UsageError } from '../errors.js';
import type { Row } from '../table.js';

/**
 * What classify, score, route and suppress share: the --rules option, option checks and the
 * value counts their summary lines are made of.
 */

export const RULES_OPTION = {
  flags: '--rules <file>',
  type: 'file',
  description: 'rules file (YAML or JSON; `leadkit init` writes a starter, fixtures/rules/example.yml in the leadkit package shows every key); default: the built-in rules',
  path: true,
} as const;

/**
 * The rules for a run: the file's, or the built-in ones without --rules. A rules file is the
 * user's configuration like a pipeline or --map file, so its errors are usage errors (exit 2)
 * and read "file:line:column: path: message" — the engine's RulesError carries exit 1 for
 * library callers, which is rewrapped here rather than changed there.
 */
export function loadRules(file: string | undefined): Rules {
  if (file === undefined) return defaultRules();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (code ?? 'unreadable');
    throw new UsageError(`--rules ${file}: cannot read the rules file (${why})`, 'E_RULES');
  }
  try {
    return parseRules(text, file);
  } catch (err) {
    if (err instanceof RulesError) throw new UsageError(err.display, 'E_RULES');
    throw err;
  }
}

/** Columns some rules read that the input does not have: they count as empty, which is worth a warning. */
export function warnMissingColumns(step: string, wanted: readonly string[], have: readonly string[], ctx: Context, hint = ''): void {
  const missing = [...new Set(wanted)].filter((c) => !have.includes(c));
  if (missing.length === 0) return;
  ctx.warn(`${step}: the input has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that the rules read; they count as empty${hint}`);
}

/** Counts of values per column, for one-line summaries. */
export class ValueCounts {
  private readonly counts = new Map<string, number>();

  add(value: string, n = 1): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + n);
  }

  get(value: string): number {
    return this.counts.get(value) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }

  /**
   * "A 12, B 30, (empty) 4": values in `order` first (those with a count), then the rest by
   * falling count. At most `limit` values are shown and the rest summed, so a column with
   * hundreds of owners still fits on one line.
   */
  describe(order: readonly string[] = [], limit = 8): string {
    const known = order.filter((v) => this.counts.has(v));
    const rest = [...this.counts.entries()]
      .filter(([v]) => !order.includes(v))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([v]) => v);
    const all = [...known, ...rest];
    const shown = all.slice(0, limit).map((v) => `${v === '' ? '(empty)' : v} ${formatCount(this.counts.get(v) as number)}`);
    const hidden = all.slice(limit);
    if (hidden.length > 0) {
      const n = hidden.reduce((s, v) => s + (this.counts.get(v) as number), 0);
      shown.push(`${hidden.length} more ${formatCount(n)}`);
    }
    return shown.length ? shown.join(', ') : 'none';
  }
}

/**
 * The rows a step after dedupe leaves alone in a night that carries its unchanged persons over
 * (src/state/carry.ts): no output writes them. It counts them for the step's summary line.
 */
export class CarriedRows {
  private readonly set: { has(row: Row): boolean } | undefined;
  count = 0;
  constructor(ctx: Pick<Context, 'night'>) {
    this.set = ctx.night?.carried;
  }

  /** Whether the step skips this row, without counting it (skips() counts). */
  has(row: Row): boolean {
    return this.set?.has(row) ?? false;
  }

  /** Whether the step skips this row (and counts it). */
  skips(row: Row): boolean {
    if (!this.set?.has(row)) return false;
    this.count++;
    return true;
  }

  /** "; 196,000 unchanged persons carried from the state" ('' for none). */
  note(): string {
    const n = this.count;
    return n ? `; ${formatCount(n)} unchanged ${n === 1 ? 'person' : 'persons'} carried from the state` : '';
  }
}
