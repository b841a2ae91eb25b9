/**
 * The matcher's model as data, as Splink's settings are: the comparisons a pair of records is
 * scored on, in order, each with its comparator and its ordered levels, and for each level where
 * in the model (model.ts) its m and u live. The scorer (scorer.ts) is one loop over this table,
 * learn.ts learns the levels marked `learn`, and `--explain` / `--save-model` print the same table.
 * Adding a field or a level is adding a row here (and, for a new way of comparing, a comparator in
 * pair-comparators.ts).
 */
import type { CompareField } from './compare-spec.js';
import type { Level } from './comparators.js';
import type { DateLevel } from '../date/compare.js';
import type { Model, Mu, TermFrequency } from './model.js';

export type ExplainLevel = Level | DateLevel | 'shared' | 'switchboard' | 'family_name' | 'capped';

/** How a field is compared (pair-comparators.ts has one implementation of each). */
export type ComparatorName =
  | 'given_name'
  | 'surname'
  | 'gender'
  | 'email'
  | 'phone'
  | 'date'
  | 'identifier'
  | 'text'
  | 'location'
  | 'street'
  | 'company'
  | 'legal_form';

export interface LevelSpec {
  /** The level's name, as --explain, --report and the learnt weights show it. */
  level: ExplainLevel;
  /**
   * Where m and u live in the model, as a dotted path ("first.nickname"): a Mu, or a
   * TermFrequency whose u is the agreeing value's frequency in the list.
   */
  slot: string;
  /** A path to a number of bits taken off the level's weight ("first.partialPenalty"). */
  penalty?: string;
  /** Counts towards the capped "same organisation or place" evidence (model.contextCap). */
  context: boolean;
  /** m (and u, for a Mu) learnt from the list (learn.ts); the others keep their prior. */
  learn: boolean;
  /** Said of every pair at this level in --explain (a comparator may say more of one pair). */
  note?: string;
}

export interface Comparison {
  /** The compared field as --explain names it. */
  field: string;
  comparator: ComparatorName;
  /** What the comparator reads, for --explain. */
  description: string;
  /** The levels, in the order the comparator's level indices refer to. */
  levels: readonly LevelSpec[];
  /** Positive evidence capped together with the other comparisons of the group (model.nameCap). */
  cap?: 'name';
  /**
   * Organisation and place: compared after the early exit, since they add at most the context cap
   * and a pair that cannot reach the bound even with it is decided without them.
   */
  late: boolean;
  /** The --compare column this comparison reads (extra fields only), and its index among them. */
  extra?: CompareField;
  column?: number;
}

/** A level of the model: its m/u or term frequency. */
export type LevelWeights = Mu | TermFrequency;

export function isMu(x: LevelWeights): x is Mu {
  return 'u' in x;
}

function lv(level: ExplainLevel, slot: string, extra: Partial<Omit<LevelSpec, 'level' | 'slot'>> = {}): LevelSpec {
  return { level, slot, context: false, learn: false, ...extra };
}

const learnt = { learn: true } as const;
const context = { context: true } as const;

export const GIVEN_NAME_LEVELS = [
  lv('exact', 'first.exact', learnt),
  lv('partial', 'first.exact', { penalty: 'first.partialPenalty' }),
  lv('wildcard', 'first.exact', { penalty: 'first.partialPenalty' }),
  lv('nickname', 'first.nickname', learnt),
  lv('similar', 'first.similar', learnt),
  lv('middle_name', 'first.middleName'),
  lv('initial', 'first.initial', learnt),
  lv('differ', 'first.differ', learnt),
] as const;

export const SURNAME_LEVELS = [
  lv('exact', 'last.exact', learnt),
  lv('wildcard', 'last.exact', { penalty: 'first.partialPenalty' }),
  lv('partial', 'last.partial'),
  lv('similar', 'last.similar', learnt),
  lv('differ', 'last.differ', learnt),
] as const;

export const GENDER_LEVELS = [lv('exact', 'gender.same', learnt), lv('differ', 'gender.differ', learnt)] as const;

export const EMAIL_LEVELS = [
  lv('exact', 'email.exact'),
  lv('shared', 'email.shared', context),
  lv('local_part', 'email.localPart'),
  lv('local_part', 'email.nameLocalPart', { note: 'local part is the name' }),
  lv('domain', 'email.domain', context),
  lv('mailbox', 'email.mailbox', { note: 'two mailboxes at one domain' }),
  lv('differ', 'email.differ'),
] as const;

export const PHONE_LEVELS = [
  lv('exact', 'phone.exact'),
  lv('switchboard', 'phone.shared', { ...context, note: 'number used by several people' }),
  lv('prefix', 'phone.prefix', { ...context, note: 'same exchange, other extension' }),
  lv('differ', 'phone.differ'),
] as const;

export const LOCATION_LEVELS = [
  lv('exact', 'location.postal', context),
  lv('city', 'location.city', context),
  lv('differ', 'location.differ', { ...context, ...learnt }),
] as const;

export const STREET_LEVELS = [
  lv('exact', 'street.exact', context),
  lv('similar', 'street.similar', context),
  lv('street_name', 'street.streetName', context),
  lv('differ', 'street.differ', context),
] as const;

export const COMPANY_LEVELS = [
  lv('exact', 'company.exact', context),
  lv('similar', 'company.similar', context),
  lv('differ', 'company.differ', context),
] as const;

export const LEGAL_FORM_LEVELS = [lv('differ', 'company.legalFormDiffer', context)] as const;

/**
 * A date column's levels. Every date column shares the model's date weights; they are learnt from
 * the birth date, the one date that identifies a person (a signup date says little).
 */
function dateLevels(learn: boolean): LevelSpec[] {
  return [
    lv('exact', 'extra.date.exact', { learn }),
    lv('transposed', 'extra.date.transposed', { learn }),
    lv('one_digit', 'extra.date.oneDigit', { learn }),
    lv('one_part', 'extra.date.onePart', { learn }),
    lv('same_year', 'extra.date.sameYear', { learn }),
    lv('differ', 'extra.date.differ', { learn }),
  ];
}

/** Types of a --compare column that say "same organisation or place", not "same person". */
const CONTEXT_TYPES = new Set(['company', 'postal', 'city', 'street', 'domain']);
/** Types compared as identifiers: equal after normalising, or not. */
const IDENTIFIER_TYPES = new Set(['exact', 'email', 'phone', 'postal']);

function extraComparison(spec: CompareField, column: number): Comparison {
  const ctx = CONTEXT_TYPES.has(spec.type);
  if (spec.type === 'date') {
    return { field: spec.field, comparator: 'date', description: 'exact, transposed day/month, one digit, two of three parts, same year', levels: dateLevels(spec.field === 'birth_date'), late: false, extra: spec, column };
  }
  if (IDENTIFIER_TYPES.has(spec.type)) {
    return {
      field: spec.field,
      comparator: 'identifier',
      description: `${spec.type} identifier: equal after normalising, or not`,
      levels: [lv('exact', 'extra.exact.exact', { context: ctx }), lv('differ', 'extra.exact.differ', { context: ctx })],
      late: false,
      extra: spec,
      column,
    };
  }
  return {
    field: spec.field,
    comparator: 'text',
    description: `${spec.type}: equal, similar (edit distance) or different`,
    levels: [lv('exact', 'extra.text.exact', { context: ctx }), lv('similar', 'extra.text.similar', { context: ctx }), lv('differ', 'extra.text.differ', { context: ctx })],
    late: false,
    extra: spec,
    column,
  };
}

/**
 * The comparisons of a run: the person and contact fields, the --compare columns, then
 * organisation and place. The order is the order --explain lists them in.
 */
export function comparisonTable(extras: readonly CompareField[] = []): Comparison[] {
  return [
    { field: 'first_name', comparator: 'given_name', description: 'frequency-weighted exact, nicknames, typos, middle names, initials; swapped fields', levels: GIVEN_NAME_LEVELS, cap: 'name', late: false },
    { field: 'last_name', comparator: 'surname', description: 'frequency-weighted exact, double names and maiden names part-wise, typos; capped within a family firm', levels: SURNAME_LEVELS, cap: 'name', late: false },
    { field: 'salutation', comparator: 'gender', description: 'the gender the salutation says', levels: GENDER_LEVELS, late: false },
    { field: 'email', comparator: 'email', description: 'personal addresses identify, role, disposable and shared ones say "same organisation"', levels: EMAIL_LEVELS, late: false },
    { field: 'phone', comparator: 'phone', description: 'phone and mobile: a personal number identifies, a switchboard says "same organisation"', levels: PHONE_LEVELS, late: false },
    ...extras.map((spec, k) => extraComparison(spec, k)),
    { field: 'location', comparator: 'location', description: 'postal code, else city', levels: LOCATION_LEVELS, late: true },
    { field: 'street', comparator: 'street', description: 'street and house number, within one town', levels: STREET_LEVELS, late: true },
    { field: 'company', comparator: 'company', description: 'company name key; full weight only with an agreeing place (or, between organisations, a domain or number)', levels: COMPANY_LEVELS, late: true },
    { field: 'company_legal_form', comparator: 'legal_form', description: 'legal form, where the company names agree', levels: LEGAL_FORM_LEVELS, late: true },
  ];
}

/** The model entry at a dotted path ("first.nickname"). */
export function modelAt(model: Model, path: string): unknown {
  let at: unknown = model;
  for (const key of path.split('.')) at = (at as Record<string, unknown>)[key];
  if (at === undefined) throw new Error(`model has no ${path}`);
  return at;
}

export function levelWeights(model: Model, spec: LevelSpec): LevelWeights {
  return modelAt(model, spec.slot) as LevelWeights;
}

export function levelPenalty(model: Model, spec: LevelSpec): number {
  return spec.penalty ? (modelAt(model, spec.penalty) as number) : 0;
}
