/**
 * Pair scoring: one loop over the comparison table (comparison-table.ts). Each comparison's
 * comparator (pair-comparators.ts) names the level a pair shows; the level's weight is log2(m/u)
 * from the model, with u the agreeing value's frequency for term-frequency levels. Positive name
 * evidence is capped, and so is the positive "same organisation or place" evidence. One function
 * computes both the bare weight (hot path: millions of candidate pairs, no allocation) and the
 * field-by-field explanation.
 */
import { comparisonTable, isMu, levelPenalty, levelWeights, type Comparison, type ExplainLevel } from './comparison-table.js';
import { comparators, NOT_COMPARED, PairState, type Comparator } from './pair-comparators.js';
import type { Features } from './features.js';
import { bits, DEFAULT_MODEL, probability, tfBits, type Model, type TermFrequency } from './model.js';

export type { ExplainLevel } from './comparison-table.js';

export interface FieldComparison {
  /** The compared field: first_name, last_name, salutation, email, phone, company, company_legal_form, location, street, an extra field, or name_cap / context_cap. */
  field: string;
  level: ExplainLevel;
  /** Evidence in bits (log2 m/u): positive for agreement, negative for disagreement. */
  weight: number;
  /** Counted towards the capped "same organisation or place" evidence. */
  context: boolean;
  /** The compared (normalised) values. */
  a: string;
  b: string;
  note?: string;
}

export interface PairScore {
  /** Row indices. */
  a: number;
  b: number;
  /** Total weight in bits. */
  weight: number;
  /** Match probability (0–1) of the total weight. */
  score: number;
  fields: FieldComparison[];
  /** Hard conflict: different given names, genders or dates, or surnames without a shared personal email or phone; such records never share a cluster. */
  conflict: boolean;
}

/** A comparison ready to score: its comparator and each level's weight, computed once. */
interface Compiled {
  c: Comparison;
  impl: Comparator;
  /** Bits of a level with fixed m and u (NaN for a term-frequency level). */
  fixed: Float64Array;
  /** The term frequency of a level whose u is the value's frequency. */
  tf: (TermFrequency | undefined)[];
  penalty: Float64Array;
  context: Uint8Array;
  /** This comparison is the last of the capped name group. */
  endsNames: boolean;
}

export class Scorer {
  /** Set by the last weight()/explain() call. */
  private conflictFlag = false;
  /** The comparisons scored, in order: the table of this list's fields. */
  readonly table: readonly Comparison[];
  private readonly early: Compiled[];
  private readonly late: Compiled[];
  private readonly s = new PairState();

  constructor(
    readonly f: Features,
    readonly model: Model = DEFAULT_MODEL,
  ) {
    const m = model;
    // Which disagreements keep records apart (PairState.conflict): those the model says a person's
    // records almost never show, at most vetoBits. With weights learnt from a list whose
    // duplicates are heavily garbled (learn.ts), a different given name may become plain evidence.
    const impls = comparators(f, m, {
      first: bits(m.first.differ) <= m.vetoBits,
      last: bits(m.last.differ) <= m.vetoBits,
      gender: bits(m.gender.differ) <= m.vetoBits,
      bits: m.vetoBits,
    });
    this.table = comparisonTable(f.extras.map((x) => x.spec));
    const compiled = this.table.map((c, k): Compiled => {
      const fixed = new Float64Array(c.levels.length);
      const tf: (TermFrequency | undefined)[] = [];
      const penalty = new Float64Array(c.levels.length);
      const context = new Uint8Array(c.levels.length);
      c.levels.forEach((spec, l) => {
        const w = levelWeights(m, spec);
        if (isMu(w)) fixed[l] = bits(w);
        else {
          fixed[l] = NaN;
          tf[l] = w;
        }
        penalty[l] = levelPenalty(m, spec);
        context[l] = spec.context ? 1 : 0;
      });
      const endsNames = c.cap === 'name' && this.table[k + 1]?.cap !== 'name';
      return { c, impl: impls[c.comparator], fixed, tf, penalty, context, endsNames };
    });
    this.early = compiled.filter((x) => !x.c.late);
    this.late = compiled.filter((x) => x.c.late);
  }

  /** Total weight of a pair of rows. */
  weight(i: number, j: number): number {
    return this.run(i, j, undefined, -Infinity);
  }

  /**
   * The weight of a pair if it reaches `bound`, else some weight below `bound` (computed without
   * the organisation and place fields when they cannot make the difference).
   */
  weightAtLeast(i: number, j: number, bound: number): number {
    return this.run(i, j, undefined, bound);
  }

  /** True when the last scored pair had a hard conflict. */
  get lastConflict(): boolean {
    return this.conflictFlag;
  }

  /** Weight and conflict of a pair, without explanation. */
  conflictOrBelow(i: number, j: number, floor: number): boolean {
    const w = this.run(i, j, undefined, floor);
    return this.conflictFlag || w < floor;
  }

  explain(i: number, j: number): PairScore {
    const fields: FieldComparison[] = [];
    const weight = this.run(i, j, fields, -Infinity);
    return { a: i, b: j, weight, score: probability(weight, this.model), fields, conflict: this.conflictFlag };
  }

  private run(i: number, j: number, out: FieldComparison[] | undefined, bound: number): number {
    const m = this.model;
    const s = this.s;
    s.reset(i, j, out !== undefined);
    this.identity = 0;
    this.namePos = 0;
    this.ctxPos = 0;
    this.ctxNeg = 0;
    this.out = out;
    this.score(this.early);
    // Early exit: organisation and place add at most the context cap, so a pair that cannot
    // reach the bound even with it is decided here (most candidate pairs are).
    const cap = s.account ? m.accountCap : m.contextCap;
    if (this.identity + cap + this.ctxNeg < bound) {
      this.conflictFlag = s.conflict();
      this.out = undefined;
      return this.identity + Math.min(this.ctxPos, cap) + this.ctxNeg;
    }
    this.score(this.late);
    // Records of an organisation: its name, place, street, domain and numbers are what identifies
    // it, so their evidence is not capped as it is beside a person's name.
    const ctxPos = this.ctxPos;
    if (out && ctxPos > cap) {
      out.push({ field: 'context_cap', level: 'capped', weight: cap - ctxPos, context: true, a: '', b: '', note: `organisation and place evidence capped at ${cap} bits` });
    }
    this.conflictFlag = s.conflict();
    this.out = undefined;
    return this.identity + (ctxPos > cap ? cap : ctxPos) + this.ctxNeg;
  }

  /** The one loop: each comparison's level, its weight, and the evidence it adds. */
  private score(list: readonly Compiled[]): void {
    const s = this.s;
    for (let k = 0; k < list.length; k++) {
      const x = list[k];
      s.note = undefined;
      s.levelName = undefined;
      const level = x.impl.level(s, x.c);
      if (level !== NOT_COMPARED) {
        const tf = x.tf[level];
        let weight = tf === undefined ? x.fixed[level] : tfBits(tf, (x.impl.frequency as NonNullable<Comparator['frequency']>)(s, x.c, level)) - x.penalty[level];
        if (x.impl.adjust) weight = x.impl.adjust(s, x.c, level, weight);
        if (x.c.cap === 'name' && weight > 0) this.namePos += weight;
        if (x.context[level] === 1) {
          if (weight > 0) this.ctxPos += weight;
          else this.ctxNeg += weight;
        } else this.identity += weight;
        if (this.out) {
          const spec = x.c.levels[level];
          const [a, b] = x.impl.values(s, x.c);
          const note = s.note ?? spec.note;
          const field: FieldComparison = { field: x.c.field, level: s.levelName ?? spec.level, weight, context: spec.context, a, b };
          if (note !== undefined) field.note = note;
          this.out.push(field);
        }
      }
      // A name is never proof on its own: first and last name together count at most nameCap.
      if (x.endsNames && this.namePos > this.model.nameCap) {
        const excess = this.model.nameCap - this.namePos;
        this.identity += excess;
        this.out?.push({ field: 'name_cap', level: 'capped', weight: excess, context: false, a: '', b: '', note: `name evidence capped at ${this.model.nameCap} bits` });
      }
    }
  }

  // Accumulators of the pair being scored (fields, not closure variables: run() is hot and must
  // not allocate).
  private identity = 0;
  private namePos = 0;
  private ctxPos = 0;
  private ctxNeg = 0;
  private out: FieldComparison[] | undefined;
}
