/**
 * The comparators of the comparison table (comparison-table.ts): for a pair of rows, the index of
 * the level the pair shows, the value frequency of a term-frequency level, and what the pair's
 * other evidence changes (a cap, a penalty). They read the precomputed match features (features.ts)
 * and record in the pair's state what later comparisons and the conflict rule need: whether an
 * identifier agreed, whether the place agreed, whether a disagreement is a veto.
 *
 * Hot path: these run for millions of candidate pairs; they allocate nothing unless explaining.
 */
import {
  compareCompanies,
  compareExact,
  compareGivenNameInfo,
  compareGivenNames,
  compareLocations,
  compareStreets,
  compareSurnameInfo,
  compareSurnames,
  compareText,
  compatibleWords,
  isPersonalLocalPart,
  sameExchange,
  type Level,
} from './comparators.js';
import type { Comparison, ComparatorName, ExplainLevel } from './comparison-table.js';
import { EMAIL_FREEMAIL, EMAIL_NOT_PERSONAL, EMAIL_ROLE, SHARED, type Features } from './features.js';
import type { Model } from './model.js';
import type { Dictionary, IntColumn } from './dictionary.js';
import { compareDateLevels } from '../date/compare.js';

/** The level index a comparator returns when either record lacks the field (or it is not compared). */
export const NOT_COMPARED = -1;

/** What the comparisons of one pair found so far: read by later comparisons and the conflict rule. */
export class PairState {
  i = 0;
  j = 0;
  /** Filled only while explaining: the values and the note of the comparison being scored. */
  explaining = false;
  note: string | undefined = undefined;
  /** A level name the comparator's adjustment chose instead of the table's (family_name). */
  levelName: ExplainLevel | undefined = undefined;

  // Names, compared together (the given-name comparator reads both for swapped fields).
  firstLevel: Level = 'missing';
  lastLevel: Level = 'missing';
  swapped = false;
  swappedB = false;
  /** Neither record names a person: an account list, matched as organisations. */
  account = false;

  /** An email domain or a phone number the two share: what ties two organisation records. */
  tie = false;
  /** A personal email or phone agreed, naming more than a surname (lifts a different surname). */
  contact = false;
  /** A personal mailbox naming more than the surname agreed (lifts a different given name too). */
  mailbox = false;
  /** An identifier column agreed. */
  strong = false;
  dateAgrees = false;
  firstDisagrees = false;
  disagree = false;

  located = false;
  elsewhere = false;
  sameStreet = false;
  sameAddress = false;
  companyExact = false;

  reset(i: number, j: number, explaining: boolean): void {
    this.i = i;
    this.j = j;
    this.explaining = explaining;
    this.note = undefined;
    this.levelName = undefined;
    this.firstLevel = 'missing';
    this.lastLevel = 'missing';
    this.swapped = false;
    this.swappedB = false;
    this.account = false;
    this.tie = false;
    this.contact = false;
    this.mailbox = false;
    this.strong = false;
    this.dateAgrees = false;
    this.firstDisagrees = false;
    this.disagree = false;
    this.located = false;
    this.elsewhere = false;
    this.sameStreet = false;
    this.sameAddress = false;
    this.companyExact = false;
  }

  /** Whether the disagreements found keep the pair apart, given the identifiers that agree. */
  conflict(): boolean {
    // A personal mailbox naming more than the surname lifts a different given name too.
    if (this.strong || (this.firstDisagrees && this.mailbox)) return false;
    const dated = this.dateAgrees && (this.sameAddress || this.contact);
    if (this.firstDisagrees && !dated) return true;
    return this.disagree && !this.contact && !dated;
  }
}

/** Which disagreements are vetoes: those the model says a person's records almost never show. */
export interface Vetoes {
  first: boolean;
  last: boolean;
  gender: boolean;
  /** Weight at or below which a date disagreement is a veto. */
  bits: number;
}

export interface Comparator {
  /** The index of the level the pair shows in the comparison's levels, or NOT_COMPARED. */
  level(s: PairState, c: Comparison): number;
  /** The frequency of the agreeing value, for a term-frequency level. */
  frequency?(s: PairState, c: Comparison, level: number): number;
  /** The weight once the pair's other evidence is known; may set s.note and s.levelName. */
  adjust?(s: PairState, c: Comparison, level: number, weight: number): number;
  /** The compared values, for --explain. */
  values(s: PairState, c: Comparison): [string, string];
}

/** The comparators of one list's features and model. */
export function comparators(f: Features, m: Model, veto: Vetoes): Record<ComparatorName, Comparator> {
  const companyTokens: string[][] = [];
  /** Both records work at companies whose names contain the agreeing surname ("Müller Holzbau"). */
  const surnameInCompany = (i: number, j: number, core: readonly string[]): boolean => {
    const ca = f.colCompany.data[i];
    const cb = f.colCompany.data[j];
    if (ca < 0 || cb < 0) return false;
    const inName = (company: number) => {
      const tokens = (companyTokens[company] ??= f.company.values[company].split(' '));
      return core.some((t) => t.length >= 3 && tokens.includes(t));
    };
    return inName(ca) && inName(cb);
  };
  const firstOf = (row: number) => {
    const id = f.colFirst.data[row];
    return id >= 0 ? f.first.values[id] : '';
  };
  const lastOf = (row: number) => {
    const id = f.colLast.data[row];
    return id >= 0 ? f.last.values[id] : '';
  };
  const swapNote = (s: PairState) => (s.swapped || s.swappedB ? 'first and last name swapped' : undefined);
  const exchange = (x: number, y: number) => x >= 0 && y >= 0 && sameExchange(f.phone.values[x], f.phone.values[y]);
  const phones = (p1: number, p2: number) => [p1, p2].filter((p) => p >= 0).map((p) => f.phone.values[p]).join(' ');
  /** compareEmails on precomputed local parts and domains. */
  const emailLevel = (ea: number, eb: number): Level => {
    const la = f.emailLocal[ea];
    const lb = f.emailLocal[eb];
    if (f.emailDomain[ea] === f.emailDomain[eb]) {
      if ((f.emailFlags[ea] & EMAIL_FREEMAIL) !== 0) return la === lb ? 'exact' : 'differ';
      if ((f.emailFlags[ea] & EMAIL_ROLE) !== 0 || (f.emailFlags[eb] & EMAIL_ROLE) !== 0) return 'domain';
      return compatibleWords(f.localPartWords(ea), f.localPartWords(eb)) ? 'domain' : 'mailbox';
    }
    return la === lb && isPersonalLocalPart(la) && (f.emailFlags[ea] & EMAIL_ROLE) === 0 ? 'local_part' : 'differ';
  };
  /** Frequency and values of a field read from one dictionary column. */
  const ofColumn = (col: IntColumn, dict: Dictionary) => ({
    frequency: (s: PairState) => dict.frequency(col.data[s.i]),
    values: (s: PairState): [string, string] => [dict.values[col.data[s.i]], dict.values[col.data[s.j]]],
  });
  /** The level of an extra column's values, or undefined when either record lacks it. */
  const extraLevel = (s: PairState, c: Comparison, compare: (a: string, b: string) => string): string | undefined => {
    const x = f.extras[c.column as number];
    const xa = x.col.data[s.i];
    const xb = x.col.data[s.j];
    if (xa < 0 || xb < 0) return undefined;
    return xa === xb ? 'exact' : compare(x.dict.values[xa], x.dict.values[xb]);
  };
  const extraFrequency = (s: PairState, c: Comparison) => {
    const x = f.extras[c.column as number];
    return x.dict.frequency(x.col.data[s.i]);
  };
  const extraValues = (s: PairState, c: Comparison): [string, string] => {
    const x = f.extras[c.column as number];
    return [x.dict.values[x.col.data[s.i]], x.dict.values[x.col.data[s.j]]];
  };

  return {
    given_name: {
      // Both names are read here: a swap is found from the two together.
      level(s) {
        const { i, j } = s;
        const fa = f.colFirst.data[i];
        const fb = f.colFirst.data[j];
        const la = f.colLast.data[i];
        const lb = f.colLast.data[j];
        let fl: Level = fa === fb ? (fa < 0 ? 'missing' : 'exact') : fa < 0 || fb < 0 ? 'missing' : compareGivenNameInfo(f.firstInfo[fa], f.firstInfo[fb]);
        let ll: Level = la === lb ? (la < 0 ? 'missing' : 'exact') : la < 0 || lb < 0 ? 'missing' : compareSurnameInfo(f.lastInfo[la], f.lastInfo[lb]);
        // Swapped fields: only worth a look when the initials cross over. Either record may be the
        // one whose fields are swapped, and the given-name comparison (nicknames) must be made
        // between the two given names: "Osterheim, Wolf" is Wolfgang Osterheim through
        // wolf~wolfgang, not through comparing "wolfgang" with "wolf" as surnames. `swapped`: A's
        // fields hold surname, given name; `swappedB`: B's do.
        if ((fl === 'differ' || ll === 'differ') && fa >= 0 && fb >= 0 && la >= 0 && lb >= 0) {
          const firstA = f.first.values[fa];
          const firstB = f.first.values[fb];
          const lastA = f.last.values[la];
          const lastB = f.last.values[lb];
          if (firstA[0] === lastB[0] && lastA[0] === firstB[0]) {
            let sf = compareGivenNames(lastA, firstB);
            let sl = compareSurnames(firstA, lastB);
            if (acceptableSwap(sf, sl)) s.swapped = true;
            else {
              sf = compareGivenNames(firstA, lastB);
              sl = compareSurnames(lastA, firstB);
              s.swappedB = acceptableSwap(sf, sl);
            }
            if (s.swapped || s.swappedB) {
              fl = sf;
              ll = sl;
            }
          }
        }
        s.account = fa < 0 && la < 0 && fb < 0 && lb < 0;
        s.lastLevel = ll;
        // An exact, partial or wildcard agreement of initials only ("T.") is an initial's.
        if ((fl === 'exact' || fl === 'partial' || fl === 'wildcard') && f.firstInfo[s.swapped ? fb : fa].initials) fl = 'initial';
        s.firstLevel = fl;
        if (fl === 'differ') s.firstDisagrees = veto.first;
        s.note = swapNote(s);
        return givenIndex(fl);
      },
      frequency(s) {
        const canon = f.firstCanonical[f.colFirst.data[s.swapped ? s.j : s.i]];
        return Math.max(f.canonical.frequency(canon), f.canonicalFloor[canon]);
      },
      values: (s) => [firstOf(s.i), firstOf(s.j)],
    },

    surname: {
      level(s) {
        const ll = s.lastLevel;
        if (ll === 'differ') s.disagree ||= veto.last;
        return surnameIndex(ll);
      },
      frequency(s, c, level) {
        // A lost character costs what a dropped part of a double name does, and the frequency is
        // that of the spelling that can be read.
        const la = f.colLast.data[s.i];
        const lb = f.colLast.data[s.j];
        const own = s.swapped ? lb : la;
        const id = c.levels[level].level === 'wildcard' && f.last.values[own].includes('?') ? (s.swapped ? la : lb) : own;
        return Math.max(f.last.frequency(id), f.lastFloor[id]);
      },
      adjust(s, _c, _level, weight) {
        const la = f.colLast.data[s.i];
        const core = s.swapped ? f.firstInfo[f.colFirst.data[s.i]].tokens : f.lastInfo[la].core;
        if (weight > m.last.familyNameMax && surnameInCompany(s.i, s.j, core)) {
          weight = m.last.familyNameMax;
          s.levelName = 'family_name';
          s.note = 'surname is part of the company name';
        }
        const swap = swapNote(s);
        if (swap) {
          weight -= m.last.swapPenalty;
          s.note = swap;
        }
        return weight;
      },
      values: (s) => [lastOf(s.i), lastOf(s.j)],
    },

    gender: {
      level(s) {
        const ga = f.colGender.data[s.i];
        const gb = f.colGender.data[s.j];
        if (ga === 0 || gb === 0) return NOT_COMPARED;
        if (ga === gb) return 0;
        s.disagree ||= veto.gender;
        return 1;
      },
      values: (s) => [gender(f.colGender.data[s.i]), gender(f.colGender.data[s.j])],
    },

    email: {
      level(s) {
        const ea = f.colEmail.data[s.i];
        const eb = f.colEmail.data[s.j];
        if (ea < 0 || eb < 0) return NOT_COMPARED;
        if (ea === eb) {
          s.tie = true;
          const flags = f.emailFlags[ea];
          const role = (flags & EMAIL_ROLE) !== 0;
          const impersonal = (flags & EMAIL_NOT_PERSONAL) !== 0;
          if (!role && !impersonal && f.emailOwner[ea] !== SHARED && f.mayBeOnePerson(s.i, s.j)) {
            const words = f.localPartWords(ea);
            const firstA = firstOf(s.i);
            const firstB = firstOf(s.j);
            s.mailbox = !oneNameOnly(words, lastOf(s.i), lastOf(s.j));
            // "birgit@" at a company is any Birgit's: it does not lift a different surname.
            s.contact ||= !oneNameOnly(words, firstA, firstB);
            return 0;
          }
          if (s.explaining) s.note = role ? 'role address' : impersonal ? 'disposable or household address' : 'address used by several people';
          return 1;
        }
        const level = emailLevel(ea, eb);
        if (level === 'local_part') {
          const va = f.email.values[ea];
          return localPartIsName(va, lastOf(s.i)) || localPartIsName(va, lastOf(s.j)) ? 3 : 2;
        }
        if (level === 'domain') {
          s.tie = true;
          return 4;
        }
        return level === 'mailbox' ? 5 : 6;
      },
      ...ofColumn(f.colEmail, f.email),
    },

    phone: {
      level(s) {
        const a1 = f.colPhone1.data[s.i];
        const a2 = f.colPhone2.data[s.i];
        const b1 = f.colPhone1.data[s.j];
        const b2 = f.colPhone2.data[s.j];
        if ((a1 < 0 && a2 < 0) || (b1 < 0 && b2 < 0)) return NOT_COMPARED;
        const common = commonPhone(a1, a2, b1, b2);
        if (common >= 0) {
          s.tie = true;
          if (f.phoneOwner[common] !== SHARED && f.mayBeOnePerson(s.i, s.j)) {
            s.contact = true;
            return 0;
          }
          return 1;
        }
        if (exchange(a1, b1) || exchange(a1, b2) || exchange(a2, b1) || exchange(a2, b2)) {
          s.tie = true;
          return 2;
        }
        return 3;
      },
      frequency: (s) => f.phone.frequency(commonPhone(f.colPhone1.data[s.i], f.colPhone2.data[s.i], f.colPhone1.data[s.j], f.colPhone2.data[s.j])),
      values(s) {
        const a1 = f.colPhone1.data[s.i];
        const a2 = f.colPhone2.data[s.i];
        const b1 = f.colPhone1.data[s.j];
        const b2 = f.colPhone2.data[s.j];
        const common = commonPhone(a1, a2, b1, b2);
        if (common >= 0) return [f.phone.values[common], f.phone.values[common]];
        return [phones(a1, a2), phones(b1, b2)];
      },
    },

    date: {
      level(s, c) {
        const level = extraLevel(s, c, compareDateLevels);
        if (level === undefined) return NOT_COMPARED;
        if (level === 'exact') {
          s.dateAgrees = true;
          return 0;
        }
        return dateIndex(level);
      },
      frequency: extraFrequency,
      adjust(s, _c, level, weight) {
        // Two different birth dates are two people unless an identifier says otherwise (or the
        // list shows such dates among one person's records: learn.ts).
        if (level > 0 && weight <= veto.bits) s.disagree = true;
        return weight;
      },
      values: extraValues,
    },

    identifier: {
      level(s, c) {
        const level = extraLevel(s, c, compareExact);
        if (level === undefined) return NOT_COMPARED;
        if (level !== 'exact') return 1;
        if (c.extra?.type !== 'postal') s.strong = true;
        return 0;
      },
      frequency: extraFrequency,
      values: extraValues,
    },

    text: {
      level(s, c) {
        const level = extraLevel(s, c, compareText);
        if (level === undefined) return NOT_COMPARED;
        if (level === 'exact') {
          if (c.extra?.type === 'domain') s.tie = true;
          return 0;
        }
        return level === 'similar' ? 1 : 2;
      },
      frequency: extraFrequency,
      values: extraValues,
    },

    location: {
      level(s) {
        const za = f.colPostal.data[s.i];
        const zb = f.colPostal.data[s.j];
        const ta = f.colCity.data[s.i];
        const tb = f.colCity.data[s.j];
        if ((za < 0 && ta < 0) || (zb < 0 && tb < 0)) return NOT_COMPARED;
        const level = compareLocations(za >= 0 ? f.postal.values[za] : '', ta >= 0 ? f.city.values[ta] : '', zb >= 0 ? f.postal.values[zb] : '', tb >= 0 ? f.city.values[tb] : '');
        if (level === 'exact' || level === 'city') {
          s.located = true;
          return level === 'exact' ? 0 : 1;
        }
        if (level === 'differ') {
          s.elsewhere = true;
          return 2;
        }
        return NOT_COMPARED;
      },
      frequency: (s, _c, level) => (level === 0 ? f.postal.frequency(f.colPostal.data[s.i]) : f.city.frequency(f.colCity.data[s.i])),
      values(s) {
        const place = (row: number) => {
          const z = f.colPostal.data[row];
          const t = f.colCity.data[row];
          return `${z >= 0 ? f.postal.values[z] : ''} ${t >= 0 ? f.city.values[t] : ''}`.trim();
        };
        return [place(s.i), place(s.j)];
      },
    },

    // A different street only counts within one town: across towns the location said it already.
    // Where a record has no town, only agreement counts (the same street and number).
    street: {
      level(s) {
        const sa = f.colStreet.data[s.i];
        const sb = f.colStreet.data[s.j];
        s.sameAddress = s.located && (sa < 0 || sb < 0);
        if (sa < 0 || sb < 0 || s.elsewhere) return NOT_COMPARED;
        const level = sa === sb ? 'exact' : compareStreets(f.street.values[sa], f.street.values[sb]);
        s.sameStreet = level === 'exact' || level === 'similar';
        if (s.located) s.sameAddress = s.sameStreet;
        if (level === 'exact') return 0;
        if (level === 'similar') return 1;
        // Without a town another street says nothing either way.
        if (!s.located) return NOT_COMPARED;
        return level === 'street_name' ? 2 : 3;
      },
      ...ofColumn(f.colStreet, f.street),
    },

    // A company name is shared by its branches and by namesakes: "Autohaus Müller" in Köln and in
    // Kiel are two firms. Its evidence counts in full only where the place agrees, or (records of
    // an organisation without a person) where a domain or number ties the two together.
    company: {
      level(s) {
        const ca = f.colCompany.data[s.i];
        const cb = f.colCompany.data[s.j];
        if (ca < 0 || cb < 0) return NOT_COMPARED;
        const level = ca === cb ? 'exact' : compareCompanies(f.company.values[ca], f.company.values[cb]);
        s.companyExact = level === 'exact';
        return level === 'exact' ? 0 : level === 'similar' ? 1 : 2;
      },
      ...ofColumn(f.colCompany, f.company),
      adjust(s, _c, level, weight) {
        if (level === 2) return weight;
        const tied = s.located || s.sameStreet || (s.account ? s.tie : !s.elsewhere);
        if (tied) return weight;
        s.note = s.elsewhere ? 'same name, other place' : 'no place or domain to tie the names';
        return Math.min(weight, m.company.untiedMax);
      },
    },

    legal_form: {
      level(s) {
        if (!s.companyExact) return NOT_COMPARED;
        const fa = f.colLegal.data[s.i];
        const fb = f.colLegal.data[s.j];
        return fa >= 0 && fb >= 0 && fa !== fb ? 0 : NOT_COMPARED;
      },
      values: (s) => [f.legalForm.values[f.colLegal.data[s.i]], f.legalForm.values[f.colLegal.data[s.j]]],
    },
  };
}


function commonPhone(a1: number, a2: number, b1: number, b2: number): number {
  return a1 >= 0 && (a1 === b1 || a1 === b2) ? a1 : a2 >= 0 && (a2 === b1 || a2 === b2) ? a2 : -1;
}

function givenIndex(l: Level): number {
  switch (l) {
    case 'exact': return 0;
    case 'partial': return 1;
    case 'wildcard': return 2;
    case 'nickname': return 3;
    case 'similar': return 4;
    case 'middle_name': return 5;
    case 'initial': return 6;
    case 'missing': return NOT_COMPARED;
    default: return 7;
  }
}

function surnameIndex(l: Level): number {
  switch (l) {
    case 'exact': return 0;
    case 'wildcard': return 1;
    case 'partial': return 2;
    case 'similar': return 3;
    case 'missing': return NOT_COMPARED;
    default: return 4;
  }
}

function dateIndex(l: string): number {
  switch (l) {
    case 'transposed': return 1;
    case 'one_digit': return 2;
    case 'one_part': return 3;
    case 'same_year': return 4;
    default: return 5;
  }
}

/** A local part made of one of two names and an initial only ("mueller", "t.mueller", "birgit2"). */
function oneNameOnly(words: readonly string[], nameA: string, nameB: string): boolean {
  const joined = words.join('').replace(/\d+$/, '');
  for (const name of [nameA, nameB]) {
    const core = name.replace(/ /g, '');
    if (core.length < 2) continue;
    const at = joined.indexOf(core);
    if (at >= 0 && joined.length - core.length <= 1) return true;
  }
  return false;
}

/** A swapped reading of two names counts when both names then agree beyond an initial. */
function acceptableSwap(first: Level, last: Level): boolean {
  return first !== 'differ' && first !== 'initial' && first !== 'missing' && last !== 'differ' && last !== 'missing';
}

/** The local part of an address spells the surname ("thomas.mueller@" for Müller). */
function localPartIsName(email: string, last: string): boolean {
  if (!last) return false;
  const local = email.slice(0, email.lastIndexOf('@'));
  for (const t of last.split(' ')) if (t.length >= 3 && local.includes(t)) return true;
  return false;
}

function gender(g: number): string {
  return g === 1 ? 'm' : g === 2 ? 'f' : '';
}
