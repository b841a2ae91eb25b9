/**
 * Options shared by dedupe and link mode, normalised once.
 */
import { asHeld, type HeldRows } from './held-rows.js';
import { parseCompareField, type CompareField } from './compare-spec.js';
import { DEFAULT_BLOCKING } from './blocking.js';
import { DEFAULT_MODEL, PRIOR_ROWS, weightForProbability, type Model } from './model.js';
import { callingCode } from './phone.js';
import { parsePrefer, type Prefer } from './survivorship.js';
import type { Row } from '../table.js';

export interface MatchOptions {
  /** Match probability (0–1) a pair needs to be linked. Default 0.9. */
  threshold?: number;
  /** Extra comparison fields: { field, type } or "FIELD:TYPE" ("vat_id:exact", "birth_date:date"). */
  compare?: (CompareField | string)[];
  /** Country for national phone numbers in rows without one (default "DE"). */
  defaultCountry?: string;
  /** Blocks larger than this are compared by sorted neighbourhood (default 16). */
  maxBlockSize?: number;
  /** Neighbours compared inside an oversized block (default 8). */
  window?: number;
  /** Weights; defaults to DEFAULT_MODEL, adjusted to the list (learn.ts) unless given. */
  model?: Model;
  /** Learn weights from the list (default: when no model is given). */
  learn?: boolean;
  /** Given-name pairs known to be one name beyond the nickname table, learnt before (a --model file). */
  nicknames?: readonly (readonly [string, string])[];
  /** Linking: the reference's own id column, written as match_crm_id (see crm-id.ts). */
  idColumn?: string;
  /** Compare DEFAULT_COMPARE's fields when present (default true). */
  defaultCompare?: boolean;
  /** The input's columns, when known. */
  columns?: readonly string[];
}

export interface DedupeOptions extends MatchOptions {
  /** Survivor rule: "complete" (default), "newest", "oldest" or "source:A,B". */
  prefer?: Prefer | string;
  /**
   * Anti-chaining guard: every pair of records in a cluster must score at least this weight
   * (bits), besides having no hard conflict. Default 0: no two members may be more unlike than
   * alike.
   */
  minPairWeight?: number;
  /** Largest cluster allowed (default 50). */
  maxClusterSize?: number;
  /**
   * The input's columns, when known (a table's header). Output rows are built with exactly these
   * plus the added columns; without it the union of the rows' keys is used.
   */
  columns?: readonly string[];
}

export interface ResolvedOptions {
  threshold: number;
  thresholdWeight: number;
  compare: CompareField[];
  defaultCallingCode: string;
  maxBlockSize: number;
  window: number;
  model: Model;
  learn: boolean;
  nicknames: readonly (readonly [string, string])[];
  prefer: Prefer;
  minPairWeight: number;
  maxClusterSize: number;
}

export const DEFAULT_THRESHOLD = 0.9;

/**
 * Canonical fields that identify a person or an organisation, compared whenever the list has
 * them: a birth date, an identifier column, a website. `--compare` adds others or gives one of
 * these another type.
 */
export const DEFAULT_COMPARE: readonly CompareField[] = [
  { field: 'birth_date', type: 'date' },
  { field: 'national_id', type: 'exact' },
  { field: 'customer_number', type: 'exact' },
  { field: 'vat_id', type: 'exact' },
  { field: 'website', type: 'domain' },
];

/** The comparisons for a list: the default fields it has a value in, then --compare's. */
export function comparisonsFor(compare: readonly CompareField[], columns: readonly string[] | undefined, rows: readonly Row[] | HeldRows | undefined): CompareField[] {
  const given = new Set(compare.map((c) => c.field));
  const present = (field: string): boolean => {
    if (columns && !columns.includes(field)) return false;
    if (!rows) return columns !== undefined;
    // A column that is there but empty everywhere compares nothing.
    return asHeld(rows).hasValue(field);
  };
  return [...DEFAULT_COMPARE.filter((c) => !given.has(c.field) && present(c.field)), ...compare];
}

/** `rows` (or `opts.columns`) decide which default comparisons apply (see comparisonsFor). */
/**
 * How many bits more evidence a pair needs in a list of `rows` rows than in one of PRIOR_ROWS: the
 * prior odds of a match fall with the list's size (model.ts). A smaller list keeps the default:
 * asking less of its pairs would find more of its duplicates, but merge more namesakes too, and a
 * wrong merge costs a lead list more than a missed one.
 */
export function listSizeBits(rows: number): number {
  return Math.max(0, Math.log2(rows / PRIOR_ROWS));
}

export function resolveOptions(opts: DedupeOptions = {}, rows?: readonly Row[] | HeldRows): ResolvedOptions {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold > 0 && threshold < 1)) throw new Error(`threshold must be between 0 and 1 (exclusive), got ${threshold}`);
  const model = { ...(opts.model ?? DEFAULT_MODEL), listBits: listSizeBits(rows?.length ?? PRIOR_ROWS) };
  const country = opts.defaultCountry ?? 'DE';
  const code = callingCode(country);
  if (!code) throw new Error(`unknown default country "${country}"`);
  const given = (opts.compare ?? []).map((c) => (typeof c === 'string' ? parseCompareField(c) : c));
  const compare = opts.defaultCompare === false ? given : comparisonsFor(given, opts.columns, rows);
  const maxBlockSize = opts.maxBlockSize ?? DEFAULT_BLOCKING.maxBlockSize;
  const window = opts.window ?? DEFAULT_BLOCKING.window;
  if (maxBlockSize < 2 || window < 1) throw new Error('maxBlockSize must be at least 2 and window at least 1');
  return {
    threshold,
    thresholdWeight: weightForProbability(threshold, model),
    compare,
    defaultCallingCode: code,
    maxBlockSize,
    window,
    model,
    learn: opts.learn ?? opts.model === undefined,
    nicknames: opts.nicknames ?? [],
    prefer: typeof opts.prefer === 'string' ? parsePrefer(opts.prefer) : opts.prefer ?? { kind: 'complete' },
    minPairWeight: opts.minPairWeight ?? 0,
    maxClusterSize: opts.maxClusterSize ?? 50,
  };
}
