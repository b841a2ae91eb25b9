/**
 * Weights learnt from the list itself, without labels (Fellegi–Sunter as Splink and fastLink
 * estimate it, anchored as lead lists need):
 *
 * - u, the chance that two records of different people show a level, from random pairs of the
 *   list (seeded, so a rerun learns the same);
 * - m, the chance that two records of one person show it, from the candidate pairs that agree on
 *   a strong identifier: a personal email or phone, or an identifier column. Plain EM over all
 *   candidate pairs learns "same family or company" on lead lists, where colleagues and
 *   relatives outnumber duplicates; pairs tied by an identifier are mostly one person's. Fields
 *   other than the names and gender also learn their agreement levels from pairs that agree on a
 *   rare full name (lists of persons without emails or identifiers: how often a birth date is one
 *   digit off); a disagreement's m is learnt from identifier anchors only.
 *
 * Each estimate is shrunk towards the prior (the lead-list weights in model.ts) by a fixed number
 * of pseudo-pairs, so a list with few anchors keeps the priors and one with many speaks for itself.
 * The comparison table (comparison-table.ts) says which levels are learnt. Exact agreement keeps its
 * weight from the value's frequency, with m learnt.
 */
import type { Features } from './features.js';
import { DEFAULT_MODEL, type Model } from './model.js';
import { isMu, levelWeights } from './comparison-table.js';
import type { FieldComparison } from './scorer.js';
import { Scorer } from './scorer.js';

/** One learnt level: where it sits in the model, the prior and the estimate. */
export interface LearntLevel {
  field: string;
  level: string;
  priorM: number;
  m: number;
  priorU?: number;
  u?: number;
  /** Anchor pairs that compared the field, and of them how many showed the level. */
  anchors: number;
  count: number;
}

export interface Learnt {
  model: Model;
  /** Candidate pairs agreeing on a strong identifier. */
  anchorPairs: number;
  /** Candidate pairs agreeing on a rare full name (anchors for the other fields). */
  nameAnchorPairs: number;
  randomPairs: number;
  levels: LearntLevel[];
  /** Given-name pairs the list's shared emails showed to be one name (learn-nicknames.ts). */
  nicknames?: readonly (readonly [string, string])[];
}

export interface LearnOptions {
  /** Random pairs for u (default 20,000). */
  samples?: number;
  /** Anchor pairs used at most (default 20,000). */
  maxAnchors?: number;
  /** Weight of the prior, in pairs (default 100): a small list keeps the priors. */
  priorPairs?: number;
  seed?: number;
  /** Fields of identifier columns (exact type) that anchor a pair. */
  identifierFields?: readonly string[];
}

/** The compared fields that anchor a pair besides email and phone: identifier columns. */
export function identifierFields(opts: { compare: readonly { field: string; type: string }[] }): string[] {
  return opts.compare.filter((c) => c.type === 'exact').map((c) => c.field);
}

/** Rows a list needs before its random pairs estimate u. */
export const MIN_ROWS_FOR_U = 1000;

/** Park–Miller minimal standard generator: small, seeded, the same on every machine. */
function random(seed: number): () => number {
  let s = (seed >>> 0) % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Counts of each (field, level) among the given pairs' comparisons, and of pairs comparing each field. */
function tally(pairs: Iterable<FieldComparison[]>): { level: Map<string, number>; field: Map<string, number> } {
  const level = new Map<string, number>();
  const field = new Map<string, number>();
  for (const fields of pairs) {
    for (const c of fields) {
      // Swapped names are compared crosswise; the levels still say how the names agree.
      const name = c.field === 'name_cap' || c.field === 'context_cap' ? '' : c.field;
      if (!name) continue;
      field.set(name, (field.get(name) ?? 0) + 1);
      const lv = c.level === 'family_name' ? 'exact' : c.level;
      level.set(`${name}\u0000${lv}`, (level.get(`${name}\u0000${lv}`) ?? 0) + 1);
    }
  }
  return { level, field };
}

/** Given name and surname agree exactly and together weigh at least `bits` (a rare full name). */
function rareName(fields: readonly FieldComparison[], bits: number): boolean {
  let sum = 0;
  for (const c of fields) if ((c.field === 'first_name' || c.field === 'last_name') && c.level === 'exact') sum += c.weight;
  return sum >= bits;
}

/** Does a compared pair agree on a strong identifier? */
function anchored(fields: readonly FieldComparison[], identifiers: ReadonlySet<string>): boolean {
  for (const c of fields) {
    if (c.level !== 'exact') continue;
    if (c.field === 'email' || c.field === 'phone' || identifiers.has(c.field)) return true;
  }
  return false;
}

/**
 * Learn a model for the rows [0, n) of `f` from its candidate pairs (packed a · 2^rowBits + b,
 * blocking.ts). Deterministic for a given list and seed.
 */
export function learnModel(f: Features, n: number, pairs: Float64Array, rowBits: number, prior: Model = DEFAULT_MODEL, opts: LearnOptions = {}): Learnt {
  const samples = opts.samples ?? 20_000;
  const maxAnchors = opts.maxAnchors ?? 20_000;
  const k = opts.priorPairs ?? 100;
  const identifiers = new Set(opts.identifierFields ?? []);
  const scorer = new Scorer(f, prior);

  // Anchors: a cheap look at the dictionaries first (same email, phone or identifier value),
  // the full comparison only for those.
  const scale = 2 ** rowBits;
  const anchorFields: FieldComparison[][] = [];
  const nameAnchors: FieldComparison[][] = [];
  const idColumns = f.extras.filter((x) => identifiers.has(x.spec.field)).map((x) => x.col.data);
  for (let p = 0; p < pairs.length && anchorFields.length < maxAnchors; p++) {
    const i = Math.floor(pairs[p] / scale);
    const j = pairs[p] - i * scale;
    const e = f.colEmail.data[i];
    const shareEmail = e >= 0 && e === f.colEmail.data[j];
    const a1 = f.colPhone1.data[i];
    const a2 = f.colPhone2.data[i];
    const b1 = f.colPhone1.data[j];
    const b2 = f.colPhone2.data[j];
    const sharePhone = (a1 >= 0 && (a1 === b1 || a1 === b2)) || (a2 >= 0 && (a2 === b1 || a2 === b2));
    const shareId = idColumns.some((col) => col[i] >= 0 && col[i] === col[j]);
    const fn = f.colFirst.data[i];
    const ln = f.colLast.data[i];
    const shareName = nameAnchors.length < maxAnchors && fn >= 0 && ln >= 0 && fn === f.colFirst.data[j] && ln === f.colLast.data[j];
    if (!shareEmail && !sharePhone && !shareId && !shareName) continue;
    const fields = scorer.explain(i, j).fields;
    if (anchored(fields, identifiers)) anchorFields.push(fields);
    else if (shareName && rareName(fields, prior.nameCap)) nameAnchors.push(fields);
  }

  // Random pairs stand for pairs of different people only in a list large enough that its
  // duplicates are a vanishing share of all pairs; a small list keeps the prior u.
  const randomFields: FieldComparison[][] = [];
  if (n >= MIN_ROWS_FOR_U) {
    const next = random(opts.seed ?? 1);
    for (let s = 0; s < samples; s++) {
      const i = Math.floor(next() * n);
      let j = Math.floor(next() * (n - 1));
      if (j >= i) j++;
      randomFields.push(scorer.explain(i, j).fields);
    }
  }

  const a = tally(anchorFields);
  const byName = tally(nameAnchors);
  const r = tally(randomFields);
  const model: Model = structuredClone(prior);
  const levels: LearntLevel[] = [];
  // The levels the comparison table marks as learnt, in its order.
  const slots = scorer.table.flatMap((c) => c.levels.filter((l) => l.learn).map((spec) => ({ field: c.field, level: spec.level, spec })));
  for (const slot of slots) {
    const key = `${slot.field}\u0000${slot.level}`;
    const target = levelWeights(model, slot.spec);
    // Namesakes share a rare full name too: those pairs say how often a person's date is one digit
    // off, not how often two dates agree or differ (namesakes would lift the veto that keeps a
    // mother and her daughter apart).
    const personal = slot.field === 'first_name' || slot.field === 'last_name' || slot.field === 'salutation' || slot.level === 'differ' || slot.level === 'exact';
    const anchors = (a.field.get(slot.field) ?? 0) + (personal ? 0 : byName.field.get(slot.field) ?? 0);
    const count = (a.level.get(key) ?? 0) + (personal ? 0 : byName.level.get(key) ?? 0);
    const priorM = target.m;
    target.m = (count + k * priorM) / (anchors + k);
    const entry: LearntLevel = { field: slot.field, level: slot.level, priorM, m: target.m, anchors, count };
    if (isMu(target)) {
      const compared = r.field.get(slot.field) ?? 0;
      const priorU = target.u;
      target.u = ((r.level.get(key) ?? 0) + k * priorU) / (compared + k);
      entry.priorU = priorU;
      entry.u = target.u;
    }
    levels.push(entry);
  }
  return { model, anchorPairs: anchorFields.length, nameAnchorPairs: nameAnchors.length, randomPairs: randomFields.length, levels };
}
