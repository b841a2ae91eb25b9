/**
 * Pair scoring: the sum of the weights of every compared field (model.ts), with the positive
 * "same organisation or place" evidence capped. One function computes both the bare weight (hot
 * path: millions of candidate pairs, no allocation) and the field-by-field explanation.
 */
import {
  compareCompanies,
  compareExact,
  compareGivenNameInfo,
  compareGivenNames,
  compareLocations,
  sameExchange,
  compareStreets,
  compareSurnameInfo,
  compareSurnames,
  compareText,
  compatibleWords,
  isPersonalLocalPart,
  type Level,
} from './comparators.js';
import { EMAIL_FREEMAIL, EMAIL_NOT_PERSONAL, EMAIL_ROLE, SHARED, type Features } from './features.js';
import { bits, DEFAULT_MODEL, probability, tfBits, type Model, type Mu } from './model.js';
import { compareDateLevels, type DateLevel } from '../date/compare.js';

export type ExplainLevel = Level | DateLevel | 'shared' | 'switchboard' | 'family_name' | 'capped';

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

const NO_PHONES: readonly string[] = [];

export class Scorer {
  /** Set by the last weight()/explain() call. */
  private conflictFlag = false;
  /** Words of each company key, split on first use. */
  private readonly companyTokens: string[][] = [];
  private readonly w: {
    nickname: number;
    firstSimilar: number;
    middleName: number;
    initial: number;
    firstDiffer: number;
    lastPartial: number;
    lastSimilar: number;
    lastDiffer: number;
    genderSame: number;
    genderDiffer: number;
    emailShared: number;
    emailLocal: number;
    emailNameLocal: number;
    emailMailbox: number;
    emailDomain: number;
    emailDiffer: number;
    phoneShared: number;
    phonePrefix: number;
    phoneDiffer: number;
    companySimilar: number;
    companyDiffer: number;
    legalDiffer: number;
    locationDiffer: number;
    streetSimilar: number;
    streetName: number;
    streetDiffer: number;
  };

  /**
   * Which disagreements keep records apart (see run()): those the model says a person's records
   * almost never show, at most `vetoBits`. With weights learnt from a list whose duplicates are
   * heavily garbled (learn.ts), a different given name may become plain evidence against.
   */
  private readonly veto: { first: boolean; last: boolean; gender: boolean };

  constructor(
    readonly f: Features,
    readonly model: Model = DEFAULT_MODEL,
  ) {
    const m = model;
    this.veto = {
      first: bits(m.first.differ) <= m.vetoBits,
      last: bits(m.last.differ) <= m.vetoBits,
      gender: bits(m.gender.differ) <= m.vetoBits,
    };
    this.w = {
      nickname: bits(m.first.nickname),
      firstSimilar: bits(m.first.similar),
      middleName: bits(m.first.middleName),
      initial: bits(m.first.initial),
      firstDiffer: bits(m.first.differ),
      lastPartial: bits(m.last.partial),
      lastSimilar: bits(m.last.similar),
      lastDiffer: bits(m.last.differ),
      genderSame: bits(m.gender.same),
      genderDiffer: bits(m.gender.differ),
      emailShared: bits(m.email.shared),
      emailLocal: bits(m.email.localPart),
      emailNameLocal: bits(m.email.nameLocalPart),
      emailMailbox: bits(m.email.mailbox),
      emailDomain: bits(m.email.domain),
      emailDiffer: bits(m.email.differ),
      phoneShared: bits(m.phone.shared),
      phonePrefix: bits(m.phone.prefix),
      phoneDiffer: bits(m.phone.differ),
      companySimilar: bits(m.company.similar),
      companyDiffer: bits(m.company.differ),
      legalDiffer: bits(m.company.legalFormDiffer),
      locationDiffer: bits(m.location.differ),
      streetSimilar: bits(m.street.similar),
      streetName: bits(m.street.streetName),
      streetDiffer: bits(m.street.differ),
    };
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
    const f = this.f;
    const m = this.model;
    const w = this.w;
    this.identity = 0;
    this.ctxPos = 0;
    this.ctxNeg = 0;
    this.out = out;
    // A disagreement (given name, surname, gender, birth date) is evidence against, weighted like
    // any other; it keeps two records out of one cluster (a conflict) only when no strong
    // identifier outweighs it: an identifier column, a birth date at the same address or with the
    // same personal email or phone. A personal email or phone alone lifts a different surname,
    // gender or birth date (marriage, typos); a different given name only an address whose local
    // part says more than the surname and an initial: colleagues with the same initials share
    // "mueller@" or "t.mueller@" in a family firm. Likewise "birgit@" lifts no different surname.
    let firstDisagrees = false;
    let disagree = false;
    let strong = false;
    let contact = false;
    let mailbox = false;
    let dateAgrees = false;

    // --- Names -----------------------------------------------------------------------------
    const fa = f.colFirst.data[i];
    const fb = f.colFirst.data[j];
    const la = f.colLast.data[i];
    const lb = f.colLast.data[j];
    const firstA = fa >= 0 ? f.first.values[fa] : '';
    const firstB = fb >= 0 ? f.first.values[fb] : '';
    const lastA = la >= 0 ? f.last.values[la] : '';
    const lastB = lb >= 0 ? f.last.values[lb] : '';
    let fl: Level = fa === fb ? (fa < 0 ? 'missing' : 'exact') : fa < 0 || fb < 0 ? 'missing' : compareGivenNameInfo(f.firstInfo[fa], f.firstInfo[fb]);
    let ll: Level = la === lb ? (la < 0 ? 'missing' : 'exact') : la < 0 || lb < 0 ? 'missing' : compareSurnameInfo(f.lastInfo[la], f.lastInfo[lb]);
    // Swapped fields: only worth a look when the initials cross over. Either record may be the one
    // whose fields are swapped, and the given-name comparison (nicknames) must be made between the
    // two given names: "Osterheim, Wolf" is Wolfgang Osterheim through wolf~wolfgang, not through
    // comparing "wolfgang" with "wolf" as surnames. `swapped`: A's fields hold surname, given name;
    // `swappedB`: B's do. Trying both finds the swap whichever of the two records holds it.
    let swapped = false;
    let swappedB = false;
    if ((fl === 'differ' || ll === 'differ') && fa >= 0 && fb >= 0 && la >= 0 && lb >= 0 && firstA[0] === lastB[0] && lastA[0] === firstB[0]) {
      let sf = compareGivenNames(lastA, firstB);
      let sl = compareSurnames(firstA, lastB);
      if (acceptableSwap(sf, sl)) swapped = true;
      else {
        sf = compareGivenNames(firstA, lastB);
        sl = compareSurnames(lastA, firstB);
        swappedB = acceptableSwap(sf, sl);
      }
      if (swapped || swappedB) {
        fl = sf;
        ll = sl;
      }
    }
    const swapNote = swapped || swappedB ? 'first and last name swapped' : undefined;
    // Neither record names a person: an account list, matched as organisations.
    const account = fa < 0 && la < 0 && fb < 0 && lb < 0;
    // An email domain or a phone number the two share: what ties two organisation records.
    let tie = false;
    let namePositive = 0;
    if (fl !== 'missing') {
      let weight: number;
      // 'wildcard': the same name once a lost character ("M?ller", U+FFFD) is read as any letter.
      if (fl === 'exact' || fl === 'partial' || fl === 'wildcard') {
        if (f.firstInfo[swapped ? fb : fa].initials) {
          fl = 'initial';
          weight = w.initial;
        } else {
          const canon = f.firstCanonical[swapped ? fb : fa];
          const freq = Math.max(f.canonical.frequency(canon), f.canonicalFloor[canon]);
          weight = tfBits(m.first.exact, freq) - (fl === 'exact' ? 0 : m.first.partialPenalty);
        }
      } else if (fl === 'nickname') weight = w.nickname;
      else if (fl === 'similar') weight = w.firstSimilar;
      else if (fl === 'middle_name') weight = w.middleName;
      else if (fl === 'initial') weight = w.initial;
      else {
        weight = w.firstDiffer;
        firstDisagrees = this.veto.first;
      }
      if (weight > 0) namePositive += weight;
      this.add('first_name', fl, weight, false, firstA, firstB, swapNote);
    }
    if (ll !== 'missing') {
      let weight: number;
      let level: ExplainLevel = ll;
      let note: string | undefined;
      if (ll === 'exact' || ll === 'wildcard') {
        // A lost character costs what a dropped part of a double name does, and the frequency is
        // that of the spelling that can be read.
        const own = swapped ? lb : la;
        const id = ll === 'wildcard' && f.last.values[own].includes('?') ? (swapped ? la : lb) : own;
        weight = tfBits(m.last.exact, Math.max(f.last.frequency(id), f.lastFloor[id])) - (ll === 'wildcard' ? m.first.partialPenalty : 0);
      }
      else if (ll === 'partial') weight = w.lastPartial;
      else if (ll === 'similar') weight = w.lastSimilar;
      else {
        // Surnames change with marriage, and a typo can defeat the comparison: a strong
        // identifier can outweigh this.
        weight = w.lastDiffer;
        disagree ||= this.veto.last;
      }
      if (weight > m.last.familyNameMax && this.surnameInCompany(i, j, swapped ? f.firstInfo[fa].tokens : f.lastInfo[la].core)) {
        weight = m.last.familyNameMax;
        level = 'family_name';
        note = 'surname is part of the company name';
      }
      if (swapNote) {
        weight -= m.last.swapPenalty;
        note = swapNote;
      }
      if (weight > 0) namePositive += weight;
      this.add('last_name', level, weight, false, lastA, lastB, note);
    }
    if (namePositive > m.nameCap) this.add('name_cap', 'capped', m.nameCap - namePositive, false, '', '', `name evidence capped at ${m.nameCap} bits`);
    const ga = f.colGender.data[i];
    const gb = f.colGender.data[j];
    if (ga !== 0 && gb !== 0) {
      if (ga === gb) this.add('salutation', 'exact', w.genderSame, false, gender(ga), gender(gb));
      else {
        this.add('salutation', 'differ', w.genderDiffer, false, gender(ga), gender(gb));
        disagree ||= this.veto.gender;
      }
    }

    // --- Email and phone: identifiers when personal, "same organisation" when shared -------------
    const ea = f.colEmail.data[i];
    const eb = f.colEmail.data[j];
    if (ea >= 0 && eb >= 0) {
      const va = f.email.values[ea];
      const vb = f.email.values[eb];
      if (ea === eb) {
        tie = true;
        const flags = f.emailFlags[ea];
        const role = (flags & EMAIL_ROLE) !== 0;
        const impersonal = (flags & EMAIL_NOT_PERSONAL) !== 0;
        if (!role && !impersonal && f.emailOwner[ea] !== SHARED && f.mayBeOnePerson(i, j)) {
          const words = f.localPartWords(ea);
          mailbox = !oneNameOnly(words, lastA, lastB);
          // "birgit@" at a company is any Birgit's: it does not lift a different surname.
          contact ||= !oneNameOnly(words, firstA, firstB);
          this.add('email', 'exact', tfBits(m.email.exact, f.email.frequency(ea)), false, va, vb);
        }
        else this.add('email', 'shared', w.emailShared, true, va, vb, role ? 'role address' : impersonal ? 'disposable or household address' : 'address used by several people');
      } else {
        const level = this.emailLevel(ea, eb);
        if (level === 'local_part') {
          if (localPartIsName(va, lastA) || localPartIsName(va, lastB)) this.add('email', level, w.emailNameLocal, false, va, vb, 'local part is the name');
          else this.add('email', level, w.emailLocal, false, va, vb);
        } else if (level === 'domain') {
          tie = true;
          this.add('email', level, w.emailDomain, true, va, vb);
        }
        else if (level === 'mailbox') this.add('email', level, w.emailMailbox, false, va, vb, 'two mailboxes at one domain');
        else this.add('email', 'differ', w.emailDiffer, false, va, vb);
      }
    }

    const a1 = f.colPhone1.data[i];
    const a2 = f.colPhone2.data[i];
    const b1 = f.colPhone1.data[j];
    const b2 = f.colPhone2.data[j];
    if ((a1 >= 0 || a2 >= 0) && (b1 >= 0 || b2 >= 0)) {
      const common = a1 >= 0 && (a1 === b1 || a1 === b2) ? a1 : a2 >= 0 && (a2 === b1 || a2 === b2) ? a2 : -1;
      if (common >= 0) {
        tie = true;
        const v = f.phone.values[common];
        if (f.phoneOwner[common] !== SHARED && f.mayBeOnePerson(i, j)) {
          contact = true;
          this.add('phone', 'exact', tfBits(m.phone.exact, f.phone.frequency(common)), false, v, v);
        }
        else this.add('phone', 'switchboard', w.phoneShared, true, v, v, 'number used by several people');
      } else {
        const pa = out ? this.phones(a1, a2).join(' ') : '';
        const pb = out ? this.phones(b1, b2).join(' ') : '';
        if (this.sameExchange(a1, b1) || this.sameExchange(a1, b2) || this.sameExchange(a2, b1) || this.sameExchange(a2, b2)) {
          tie = true;
          this.add('phone', 'prefix', w.phonePrefix, true, pa, pb, 'same exchange, other extension');
        } else this.add('phone', 'differ', w.phoneDiffer, false, pa, pb);
      }
    }

    // --- Extra fields (--compare) ---------------------------------------------------------------
    for (const x of f.extras) {
      const xa = x.col.data[i];
      const xb = x.col.data[j];
      if (xa < 0 || xb < 0) continue;
      const va = x.dict.values[xa];
      const vb = x.dict.values[xb];
      const type = x.spec.type;
      if (type === 'date') {
        const level = xa === xb ? 'exact' : compareDateLevels(va, vb);
        if (level === 'exact') {
          this.add(x.spec.field, level, tfBits(m.extra.date.exact, x.dict.frequency(xa)), false, va, vb);
          dateAgrees = true;
          continue;
        }
        const mu: Mu = level === 'transposed' ? m.extra.date.transposed : level === 'one_digit' ? m.extra.date.oneDigit : level === 'one_part' ? m.extra.date.onePart : level === 'same_year' ? m.extra.date.sameYear : m.extra.date.differ;
        const weight = bits(mu);
        this.add(x.spec.field, level, weight, false, va, vb);
        // Two different birth dates are two people unless an identifier says otherwise (or the
        // list shows such dates among one person's records: learn.ts).
        if (weight <= m.vetoBits) disagree = true;
        continue;
      }
      const context = type === 'company' || type === 'postal' || type === 'city' || type === 'street' || type === 'domain';
      const identifier = type === 'exact' || type === 'email' || type === 'phone' || type === 'postal';
      const group = identifier ? m.extra.exact : m.extra.text;
      let level: Level;
      if (xa === xb) level = 'exact';
      else if (identifier) level = compareExact(va, vb);
      else level = compareText(va, vb);
      const similar = identifier ? undefined : m.extra.text.similar;
      if (level === 'exact') {
        this.add(x.spec.field, level, tfBits(group.exact, x.dict.frequency(xa)), context, va, vb);
        if (type === 'domain') tie = true;
        else if (identifier && type !== 'postal') strong = true;
      }
      else if (level === 'similar' && similar) this.add(x.spec.field, level, bits(similar), context, va, vb);
      else this.add(x.spec.field, 'differ', bits(group.differ), context, va, vb);
    }

    // Early exit: organisation and place add at most the context cap, so a pair that cannot
    // reach the bound even with it is decided here (most candidate pairs are).
    const reach = account ? m.accountCap : m.contextCap;
    if (this.identity + reach + this.ctxNeg < bound) {
      this.conflictFlag = conflictOf(firstDisagrees, disagree, strong, contact, mailbox, dateAgrees, false);
      this.out = undefined;
      return this.identity + Math.min(this.ctxPos, reach) + this.ctxNeg;
    }

    // --- Organisation and place (context) ---------------------------------------------------------
    const za = f.colPostal.data[i];
    const zb = f.colPostal.data[j];
    const ta = f.colCity.data[i];
    const tb = f.colCity.data[j];
    let located = false;
    let elsewhere = false;
    if ((za >= 0 || ta >= 0) && (zb >= 0 || tb >= 0)) {
      const postalA = za >= 0 ? f.postal.values[za] : '';
      const postalB = zb >= 0 ? f.postal.values[zb] : '';
      const cityA = ta >= 0 ? f.city.values[ta] : '';
      const cityB = tb >= 0 ? f.city.values[tb] : '';
      const level = compareLocations(postalA, cityA, postalB, cityB);
      const a = out ? `${postalA} ${cityA}`.trim() : '';
      const b = out ? `${postalB} ${cityB}`.trim() : '';
      if (level === 'exact') {
        located = true;
        this.add('location', level, tfBits(m.location.postal, f.postal.frequency(za)), true, a, b);
      } else if (level === 'city') {
        located = true;
        this.add('location', level, tfBits(m.location.city, f.city.frequency(ta)), true, a, b);
      } else if (level === 'differ') {
        elsewhere = true;
        this.add('location', level, w.locationDiffer, true, a, b);
      }
    }

    // A different street only counts within one town: across towns the location said it already.
    // Where a record has no town, only agreement counts (the same street and number).
    const sa = f.colStreet.data[i];
    const sb = f.colStreet.data[j];
    let sameAddress = located && (sa < 0 || sb < 0);
    let sameStreet = false;
    if (sa >= 0 && sb >= 0 && !elsewhere) {
      const va = f.street.values[sa];
      const vb = f.street.values[sb];
      const level = sa === sb ? 'exact' : compareStreets(va, vb);
      sameStreet = level === 'exact' || level === 'similar';
      if (level === 'exact') this.add('street', level, tfBits(m.street.exact, f.street.frequency(sa)), true, va, vb);
      else if (level === 'similar') this.add('street', level, w.streetSimilar, true, va, vb);
      else if (!located) {
        // Without a town another street says nothing either way.
      } else if (level === 'street_name') this.add('street', level, w.streetName, true, va, vb);
      else this.add('street', 'differ', w.streetDiffer, true, va, vb);
      if (located) sameAddress = sameStreet;
    }

    // A company name is shared by its branches and by namesakes: "Autohaus Müller" in Köln and in
    // Kiel are two firms. Its evidence counts in full only where the place agrees, or (records of
    // an organisation without a person) where a domain or number ties the two together.
    const ca = f.colCompany.data[i];
    const cb = f.colCompany.data[j];
    if (ca >= 0 && cb >= 0) {
      const va = f.company.values[ca];
      const vb = f.company.values[cb];
      const level = ca === cb ? 'exact' : compareCompanies(va, vb);
      const tied = located || sameStreet || (account ? tie : !elsewhere);
      if (level === 'exact' || level === 'similar') {
        const full = level === 'exact' ? tfBits(m.company.exact, f.company.frequency(ca)) : w.companySimilar;
        const weight = tied ? full : Math.min(full, m.company.untiedMax);
        this.add('company', level, weight, true, va, vb, tied ? undefined : elsewhere ? 'same name, other place' : 'no place or domain to tie the names');
        if (level === 'exact') {
          const fa2 = f.colLegal.data[i];
          const fb2 = f.colLegal.data[j];
          if (fa2 >= 0 && fb2 >= 0 && fa2 !== fb2) {
            this.add('company_legal_form', 'differ', w.legalDiffer, true, f.legalForm.values[fa2], f.legalForm.values[fb2]);
          }
        }
      } else this.add('company', 'differ', w.companyDiffer, true, va, vb);
    }

    // Records of an organisation: its name, place, street, domain and numbers are what identifies
    // it, so their evidence is not capped as it is beside a person's name.
    const cap = account ? m.accountCap : m.contextCap;
    const ctxPos = this.ctxPos;
    if (out && ctxPos > cap) {
      out.push({ field: 'context_cap', level: 'capped', weight: cap - ctxPos, context: true, a: '', b: '', note: `organisation and place evidence capped at ${cap} bits` });
    }
    this.conflictFlag = conflictOf(firstDisagrees, disagree, strong, contact, mailbox, dateAgrees, sameAddress);
    this.out = undefined;
    return this.identity + (ctxPos > cap ? cap : ctxPos) + this.ctxNeg;
  }

  /** compareEmails on precomputed local parts and domains. */
  private emailLevel(ea: number, eb: number): Level {
    const f = this.f;
    const la = f.emailLocal[ea];
    const lb = f.emailLocal[eb];
    if (f.emailDomain[ea] === f.emailDomain[eb]) {
      if ((f.emailFlags[ea] & EMAIL_FREEMAIL) !== 0) return la === lb ? 'exact' : 'differ';
      if ((f.emailFlags[ea] & EMAIL_ROLE) !== 0 || (f.emailFlags[eb] & EMAIL_ROLE) !== 0) return 'domain';
      return compatibleWords(f.localPartWords(ea), f.localPartWords(eb)) ? 'domain' : 'mailbox';
    }
    return la === lb && isPersonalLocalPart(la) && (f.emailFlags[ea] & EMAIL_ROLE) === 0 ? 'local_part' : 'differ';
  }

  // Accumulators of the pair being scored (fields, not closure variables: run() is hot and must
  // not allocate).
  private identity = 0;
  private ctxPos = 0;
  private ctxNeg = 0;
  private out: FieldComparison[] | undefined;

  private add(field: string, level: ExplainLevel, weight: number, context: boolean, a: string, b: string, note?: string): void {
    if (context) {
      if (weight > 0) this.ctxPos += weight;
      else this.ctxNeg += weight;
    } else this.identity += weight;
    if (this.out) this.out.push(note === undefined ? { field, level, weight, context, a, b } : { field, level, weight, context, a, b, note });
  }

  /** comparePhones' "prefix" test on two phone ids (no arrays: this runs per candidate pair). */
  private sameExchange(x: number, y: number): boolean {
    if (x < 0 || y < 0) return false;
    return sameExchange(this.f.phone.values[x], this.f.phone.values[y]);
  }

  private phones(p1: number, p2: number): readonly string[] {
    if (p1 < 0 && p2 < 0) return NO_PHONES;
    const out: string[] = [];
    if (p1 >= 0) out.push(this.f.phone.values[p1]);
    if (p2 >= 0) out.push(this.f.phone.values[p2]);
    return out;
  }

  /** Both records work at companies whose names contain the agreeing surname ("Müller Holzbau"). */
  private surnameInCompany(i: number, j: number, core: readonly string[]): boolean {
    const f = this.f;
    const ca = f.colCompany.data[i];
    const cb = f.colCompany.data[j];
    if (ca < 0 || cb < 0) return false;
    const inName = (company: number) => {
      const tokens = (this.companyTokens[company] ??= f.company.values[company].split(' '));
      return core.some((t) => t.length >= 3 && tokens.includes(t));
    };
    return inName(ca) && inName(cb);
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

/** Whether the disagreements of a pair keep it apart, given the identifiers that agree (see run()). */
function conflictOf(firstDisagrees: boolean, disagree: boolean, strong: boolean, contact: boolean, mailbox: boolean, dateAgrees: boolean, sameAddress: boolean): boolean {
  // A personal mailbox naming more than the surname lifts a different given name too.
  if (strong || (firstDisagrees && mailbox)) return false;
  const dated = dateAgrees && (sameAddress || contact);
  if (firstDisagrees && !dated) return true;
  return disagree && !contact && !dated;
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
