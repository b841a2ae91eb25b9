/**
 * Link mode (`leadkit match --against REFERENCE`): which of these rows do we already have? The
 * reference list is indexed once (features, value frequencies, blocking keys); each input row is
 * then blocked against it, scored with the same model as dedupe, and linked to its best match at
 * or above the threshold. Input rows never change the reference's frequencies, so a row's result
 * does not depend on the other input rows.
 */
import type { Row } from '../table.js';
import { blockingKeys, packedKeySteps, rowBitsFor, signature } from './blocking.js';
import type { PairDecisions } from './decisions.js';
import { formatScore, matchReason, pairExplanation, type PairExplanation } from './explain.js';
import { Features } from './features.js';
import { probability } from './model.js';
import { resolveOptions, type MatchOptions } from './options.js';
import { Scorer } from './scorer.js';
import { copyRow } from './survivorship.js';
import { compileRowExtender } from '../io/row-shape.js';
import { runCooperatively, runSteps, Slice, type Steps } from '../parallel/cooperate.js';
import { asHeld, type HeldRows } from './held-rows.js';

export interface LinkOptions extends MatchOptions {
  /**
   * An analyst's decisions by record_id (input row, reference record): a `same` pair is linked
   * whatever it scores, a `different` pair never.
   */
  decisions?: PairDecisions;
}

/** Columns added to each input row. */
export const LINK_COLUMNS = ['match_id', 'match_score', 'match_reason', 'match_crm_id'] as const;

export interface LinkMatch {
  /** Index of the matched reference row. */
  index: number;
  /** Its record_id ("#<n>" when it has none). */
  recordId: string;
  /** Match probability 0–1 and weight in bits. */
  score: number;
  weight: number;
  /** The fields that agreed: "email=exact; last_name=exact"; "decision=same; …" for a decided link. */
  reason: string;
  /** Linked by a decision (same), not by its score. */
  decided?: boolean;
}

export interface Matcher {
  /** Reference rows indexed. */
  readonly size: number;
  /** The best reference match at or above the threshold, if any. */
  match(row: Row): LinkMatch | undefined;
  /** Field-by-field comparison of a row with a reference record (its best match when no id is given). */
  explain(row: Row, referenceId?: string): PairExplanation | undefined;
  /** Input rows with match_id, match_score and match_reason; `only` keeps new or existing rows. */
  /**
   * Input rows with match_id, match_score and match_reason; `only` keeps new or existing rows.
   * `columns` (the input header) lets every output row share one compiled shape.
   */
  annotate(rows: Iterable<Row>, opts?: { only?: 'new' | 'existing'; columns?: readonly string[] }): IterableIterator<Row>;
  columns(input: readonly string[]): string[];
  /** The reference rows (indices) blocking compares a row with: what match() scores (for measuring pair completeness). */
  candidates(row: Row): number[];
  /** Decisions given, and how many of them were used so far (an input row and a reference record they name met). */
  decisions(): { given: number; applied: number };
}

interface WideBlock {
  rows: Int32Array;
  sigs: string[];
}

export function createMatcher(reference: readonly Row[] | HeldRows, options: LinkOptions = {}): Matcher {
  return runSteps(matcherSteps(reference, options, new Slice()));
}

/**
 * createMatcher(), letting the event loop turn every few tens of milliseconds while the reference
 * is indexed (parallel/cooperate.ts). Matching itself goes row by row and needs no turns of its own.
 * The reference may be held in a file (src/commands/hold-rows.ts): each row is read once, for its
 * features; after that only its record_id and CRM id are asked for (keep the id column).
 */
export function createMatcherAsync(reference: readonly Row[] | HeldRows, options: LinkOptions = {}): Promise<Matcher> {
  return runCooperatively(matcherSteps(reference, options, new Slice()));
}

function* matcherSteps(rows: readonly Row[] | HeldRows, options: LinkOptions, slice: Slice): Steps<Matcher> {
  const reference = asHeld(rows);
  const opts = resolveOptions(options, reference);
  const n = reference.length;
  const features = new Features(n + 1, { compare: opts.compare, defaultCallingCode: opts.defaultCallingCode, defaultCountry: options.defaultCountry });
  for (let i = 0; i < n; i++) {
    features.add(reference.get(i));
    if ((i & 255) === 255 && slice.due()) yield;
  }
  const scorer = new Scorer(features, opts.model);
  const query = n;
  const idColumn = options.idColumn;
  const recordId = (i: number) => reference.recordId(i) || `#${i + 1}`;
  const crmIds = idColumn ? reference.column(idColumn) : undefined;

  const rowBits = rowBitsFor(n + 1);
  const scale = 2 ** rowBits;
  const shift = 32 - Math.min(32, 53 - rowBits);
  const keys = yield* packedKeySteps(features, n, rowBits, slice);

  // Blocks too large to compare whole are kept sorted by signature; a query meets the rows around
  // its own signature (the same sorted neighbourhood dedupe uses).
  const wide = new Map<number, WideBlock>();
  let blocks = 0;
  for (let k = 0; k < keys.length; ) {
    if ((++blocks & 1023) === 0 && slice.due()) yield;
    const h = Math.floor(keys[k] / scale);
    let e = k;
    while (e < keys.length && Math.floor(keys[e] / scale) === h) e++;
    if (e - k > opts.maxBlockSize) {
      const order = [];
      for (let x = k; x < e; x++) {
        const row = keys[x] - h * scale;
        order.push({ row, sig: signature(features, row) });
      }
      order.sort((p, q) => (p.sig < q.sig ? -1 : p.sig > q.sig ? 1 : p.row - q.row));
      wide.set(h, { rows: Int32Array.from(order, (o) => o.row), sigs: order.map((o) => o.sig) });
    }
    k = e;
  }

  // Decisions by input record_id: the reference rows decided the same, and those decided different.
  interface Decided {
    same: number[];
    different: Set<number>;
    /** The decisions behind them (counted once each when used). */
    keys: string[];
  }
  const decidedFor = new Map<string, Decided>();
  const usedDecisions = new Set<string>();
  if (options.decisions && options.decisions.size > 0) {
    const refRows = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const id = recordId(i);
      const l = refRows.get(id);
      if (l) l.push(i);
      else refRows.set(id, [i]);
    }
    for (const e of options.decisions.entries()) {
      const k = `${e.a}\u0000${e.b}`;
      // Either side may be the reference record.
      for (const [input, ref] of [[e.a, e.b], [e.b, e.a]]) {
        const rs = refRows.get(ref);
        if (!rs) continue;
        let d = decidedFor.get(input);
        if (!d) decidedFor.set(input, (d = { same: [], different: new Set(), keys: [] }));
        for (const r of rs) {
          if (e.decision === 'same') d.same.push(r);
          else d.different.add(r);
        }
        d.keys.push(k);
      }
    }
  }

  const seen = new Int32Array(n).fill(-1);
  let stamp = 0;

  function lowerBound(value: number): number {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function candidates(): number[] {
    stamp++;
    const out: number[] = [];
    const take = (row: number) => {
      if (seen[row] !== stamp) {
        seen[row] = stamp;
        out.push(row);
      }
    };
    blockingKeys(features, query, (key) => {
      const h = key >>> shift;
      const block = wide.get(h);
      if (block) {
        const sig = signature(features, query);
        let lo = 0;
        let hi = block.sigs.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (block.sigs[mid] < sig) lo = mid + 1;
          else hi = mid;
        }
        const from = Math.max(0, lo - opts.window);
        const to = Math.min(block.rows.length, lo + opts.window);
        for (let x = from; x < to; x++) take(block.rows[x]);
        return;
      }
      const end = lowerBound((h + 1) * scale);
      for (let x = lowerBound(h * scale); x < end; x++) take(keys[x] - h * scale);
    });
    return out;
  }

  function best(row: Row): { index: number; weight: number; decided?: boolean } | undefined {
    features.set(query, row, false);
    const d = row.record_id ? decidedFor.get(row.record_id) : undefined;
    if (d) for (const k of d.keys) usedDecisions.add(k);
    let bestIndex = -1;
    let bestWeight = -Infinity;
    if (d && d.same.length) {
      // Decided the same: linked to the best of those, whatever it scores.
      for (const r of d.same) {
        const w = scorer.weight(query, r);
        if (w > bestWeight || (w === bestWeight && r < bestIndex)) {
          bestWeight = w;
          bestIndex = r;
        }
      }
      return { index: bestIndex, weight: bestWeight, decided: true };
    }
    for (const r of candidates()) {
      if (d?.different.has(r)) continue;
      const w = scorer.weightAtLeast(query, r, Math.max(opts.thresholdWeight, bestWeight));
      if (w > bestWeight || (w === bestWeight && r < bestIndex)) {
        bestWeight = w;
        bestIndex = r;
      }
    }
    return bestIndex >= 0 && bestWeight >= opts.thresholdWeight ? { index: bestIndex, weight: bestWeight } : undefined;
  }

  function match(row: Row): LinkMatch | undefined {
    const b = best(row);
    if (!b) return undefined;
    const p = scorer.explain(query, b.index);
    const reason = matchReason(p.fields);
    const m: LinkMatch = { index: b.index, recordId: recordId(b.index), score: probability(b.weight, opts.model), weight: b.weight, reason };
    if (b.decided) {
      m.decided = true;
      m.reason = reason ? `decision=same; ${reason}` : 'decision=same';
    }
    return m;
  }

  let byId: Map<string, number> | undefined;
  function explain(row: Row, referenceId?: string): PairExplanation | undefined {
    let index: number | undefined;
    if (referenceId === undefined) index = best(row)?.index;
    else {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < n; i++) if (!byId.has(recordId(i))) byId.set(recordId(i), i);
      }
      index = byId.get(referenceId);
      features.set(query, row, false);
    }
    if (index === undefined) return undefined;
    return pairExplanation(scorer.explain(query, index), row.record_id ?? '', recordId(index));
  }

  const outColumns = (input: readonly string[]) => [...input.filter((c) => !(LINK_COLUMNS as readonly string[]).includes(c)), ...LINK_COLUMNS];

  function* annotate(rows: Iterable<Row>, o: { only?: 'new' | 'existing'; columns?: readonly string[] } = {}): IterableIterator<Row> {
    const shape = o.columns ? compileRowExtender(outColumns(o.columns), [...LINK_COLUMNS]) : undefined;
    for (const row of rows) {
      const m = match(row);
      if (o.only === 'new' && m) continue;
      if (o.only === 'existing' && !m) continue;
      const added = [m ? m.recordId : '', m ? formatScore(m.score) : '', m ? m.reason : '', m && crmIds ? crmIds[m.index] : ''];
      if (shape) {
        yield shape(row, added);
        continue;
      }
      const out = copyRow(row);
      LINK_COLUMNS.forEach((c, k) => (out[c] = added[k]));
      yield out;
    }
  }

  return {
    size: n,
    match,
    explain,
    annotate,
    columns: outColumns,
    candidates: (row: Row) => {
      features.set(query, row, false);
      return candidates();
    },
    decisions: () => ({ given: options.decisions?.size ?? 0, applied: usedDecisions.size }),
  };
}
