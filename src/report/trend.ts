import type { KeyFigures, RunSummary } from './summary-types.js';

/**
 * The trend of a run against the one before it: the few figures a sales manager compares
 * week to week. Pure: the caller reads the previous summary (src/pipeline/previous-summary.ts).
 */

/** Stages that count as MQLs by name, for rows without stage_mql: marketing-qualified or further on (the default "MQL", "SQL-ready"). */
const MQL_OR_LATER = new Set(['mql', 'sql', 'sql_ready']);

const stageKey = (stage: string) => stage.trim().toLowerCase().replace(/[\s-]+/g, '_');

export function keyFigures(s: RunSummary): KeyFigures {
  const stage = (label: string) => s.funnel.find((f) => f.label === label)?.rows;
  const imported = stage('imported') ?? s.rows;
  const valid = stage('valid') ?? imported;
  const stages = Object.entries(s.stages ?? {});
  const k: KeyFigures = {
    finished_at: s.finished_at,
    as_of: s.as_of,
    rows: s.rows,
    valid_share: imported > 0 ? valid / imported : 0,
    duplicates: s.duplicates_merged,
  };
  // Rows that say so themselves (stage_mql, from the rules file's MQL stage on) count first; a
  // summary without that column counts the built-in names.
  // A night that carried persons over counted the stages of its other rows only: no MQL figure to compare.
  if (s.delta?.carried) return k;
  if (typeof s.mql_rows === 'number') k.mqls = s.mql_rows;
  else if (stages.length) k.mqls = stages.reduce((n, [label, rows]) => n + (MQL_OR_LATER.has(stageKey(label)) ? rows : 0), 0);
  return k;
}

export interface TrendRow {
  label: string;
  now: number;
  before: number;
  /** now − before (for a share: in percentage points as a fraction, 0.02 = 2 points). */
  change: number;
  /** up, down or same, from the sign of the change. */
  direction: 'up' | 'down' | 'same';
  /** Whether up is good news (more rows) or bad (more duplicates). */
  upIsGood: boolean;
  kind: 'count' | 'share';
}

/** The rows of the trend table; a figure one of the runs lacks (no stage column) is left out. */
export function trendRows(current: KeyFigures, previous: KeyFigures): TrendRow[] {
  const row = (label: string, now: number, before: number, upIsGood: boolean, kind: TrendRow['kind']): TrendRow => {
    // Shares are compared to 0.1 points, as shown: 81.04% vs 81.01% reads as no change.
    const change = kind === 'share' ? Math.round((now - before) * 1000) / 1000 : now - before;
    return { label, now, before, change, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'same', upIsGood, kind };
  };
  const rows = [
    row('Rows', current.rows, previous.rows, true, 'count'),
    row('Valid share', current.valid_share, previous.valid_share, true, 'share'),
    row('Duplicates', current.duplicates, previous.duplicates, false, 'count'),
  ];
  if (current.mqls !== undefined && previous.mqls !== undefined) rows.push(row('MQLs', current.mqls, previous.mqls, true, 'count'));
  return rows;
}

/**
 * The key figures of a saved summary JSON (a whole RunSummary), or why it is not one. A
 * summary written before a figure was counted still compares on the others.
 */
export function parsePreviousSummary(text: string): KeyFigures | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const s = data as Partial<RunSummary> | null;
  if (!s || typeof s !== 'object' || typeof s.rows !== 'number' || !Array.isArray(s.funnel) || typeof s.duplicates_merged !== 'number') {
    return 'not a leadkit run summary (written by --summary-json)';
  }
  return keyFigures({ ...(s as RunSummary), stages: s.stages ?? {}, finished_at: String(s.finished_at ?? ''), as_of: String(s.as_of ?? '') });
}
