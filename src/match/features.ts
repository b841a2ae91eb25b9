/**
 * Per-row match features, computed once per row and kept in compact columns: every compared field
 * is dictionary-encoded (see dictionary.ts), and what comparisons need about a distinct value
 * (phonetic code, nickname groups, surname parts, whether an address is a role address) is
 * computed once per distinct value, not once per pair.
 */
import { companyKey } from '../company/key.js';
import type { Row } from '../table.js';
import { normaliseCity, normalisePostalCode, normaliseStreet } from './address.js';
import { normaliseForCompare, type CompareField } from './compare-spec.js';
import { Dictionary, hash32, IntColumn } from './dictionary.js';
import { compareGivenNameInfo, compareGivenNames, compareSurnameInfo, compareSurnames, givenNameInfo, phonetic, surnameInfo, type NameInfo } from './comparators.js';
import { emailMatchKey, isDisposableEmailDomain, isFreemailDomain, isHouseholdLocal, isRoleAddress } from './email.js';
import { givenNameFrequencyFloor, surnameFrequencyFloor } from './common-names.js';
import { canonicalGivenName } from './nicknames.js';
import { metaphonePrimary } from './double-metaphone.js';
import { givenNameParts, personName } from './person-name.js';
import { matchPhoneKey, regionOfCallingCode } from './phone.js';
import { resolveRowCountry, type CountryContext } from '../address/country-resolver.js';
import { normaliseCountry } from '../address/country.js';
import { BoundedMemo } from '../text/bounded-memo.js';

export const EMAIL_ROLE = 1;
export const EMAIL_FREEMAIL = 2;
/** Disposable or household mailboxes: the same address never identifies a person. */
export const EMAIL_NOT_PERSONAL = 4;

/** Owner marks for emails and phones: no person seen yet, or several different people. */
export const NO_OWNER = -1;
export const SHARED = -2;

/** The initial of a missing name in Features.initials (no letter's code). */
const NO_INITIAL = 126;

export interface FeatureOptions {
  compare?: CompareField[];
  /** Calling code for national phone numbers in rows without a country (default "49"). */
  defaultCallingCode?: string;
  /** The same as a country (ISO alpha-2 or a name); wins over defaultCallingCode. */
  defaultCountry?: string;
  /** The list's dominant country (src/address dominantCountry), tried before the default. */
  listCountry?: string;
}

/** What the comparisons read of a row (Features.normalise), before it is stored. */
interface Normalised {
  first: string;
  /** Of `first`: its first given name, and whether all are initials (person-name.ts givenNameParts). */
  firstToken: string;
  initialOnly: boolean;
  last: string;
  /** 1 male, 2 female, 0 unknown. */
  gender: number;
  email: string;
  phone1: string;
  phone2: string;
  postal: string;
  city: string;
  street: string;
  company: string;
  legalForm: string;
  extras: string[];
}

/**
 * Separates the values of normalisedOf(): a tab, which normalising folds away (a value that still
 * holds one is not given out: its row is read again).
 */
const SEP = '\t';

export interface ExtraColumn {
  spec: CompareField;
  dict: Dictionary;
  col: IntColumn;
}

export class Features {
  /** Rows stored (including a link-mode query slot). */
  size = 0;

  // Given names: folded full given names, with per-name comparison info and the canonical form
  // ("tom" → "thomas") used for counting and blocking.
  readonly first = new Dictionary();
  readonly firstInfo: NameInfo[] = [];
  /** Canonical given name per first-name id, as an id in `canonical`. */
  readonly firstCanonical: number[] = [];
  readonly canonical = new Dictionary();

  readonly last = new Dictionary();
  readonly lastInfo: NameInfo[] = [];
  /** Hashes of the sound (Kölner Phonetik) of each surname's first and last core word, and of each canonical given name: blocking keys are built from these. */
  readonly lastSound: number[] = [];
  readonly lastSoundEnd: number[] = [];
  readonly canonicalSound: number[] = [];
  /**
   * A second sound (Double Metaphone's primary code) per surname and canonical given name: Kölner
   * Phonetik suits German names and splits English ones ("Thompson" / "Tomson").
   */
  readonly lastSound2: number[] = [];
  readonly canonicalSound2: number[] = [];
  /**
   * Hashes of the first and of the last three letters of each surname's first core word and of
   * each given name: one typo leaves one of them intact, so keys built on them survive it.
   */
  readonly lastEnds: number[] = [];
  readonly firstEnds: number[] = [];
  /** Population frequency floors (common-names.ts) per surname id and per canonical given-name id. */
  readonly lastFloor: number[] = [];
  readonly canonicalFloor: number[] = [];

  readonly email = new Dictionary();
  readonly emailFlags: number[] = [];
  /** Local part and domain id (in `domain`) per email id. */
  readonly emailLocal: string[] = [];
  /** Words of the local part ("t.mueller" → ["t", "mueller"]), split on first use. */
  private readonly emailWords: (string[] | undefined)[] = [];

  localPartWords(id: number): string[] {
    let words = this.emailWords[id];
    if (words === undefined) {
      words = this.emailLocal[id].split(/[._-]+/).filter(Boolean);
      this.emailWords[id] = words;
    }
    return words;
  }
  readonly emailDomain: number[] = [];
  readonly domain = new Dictionary();
  readonly emailOwner: number[] = [];
  readonly phone = new Dictionary();
  readonly phoneOwner: number[] = [];

  readonly postal = new Dictionary();
  readonly city = new Dictionary();
  readonly street = new Dictionary();
  readonly company = new Dictionary();
  readonly legalForm = new Dictionary();

  readonly colFirst: IntColumn;
  readonly colLast: IntColumn;
  readonly colGender: IntColumn;
  readonly colEmail: IntColumn;
  readonly colPhone1: IntColumn;
  readonly colPhone2: IntColumn;
  readonly colPostal: IntColumn;
  readonly colCity: IntColumn;
  readonly colStreet: IntColumn;
  readonly colCompany: IntColumn;
  readonly colLegal: IntColumn;
  readonly extras: ExtraColumn[];

  /** Region for national phone numbers when a row's country is unknown, and the resolver's context. */
  private readonly defaultRegion: string;
  private readonly countryContext: CountryContext;

  constructor(capacity: number, opts: FeatureOptions = {}) {
    const c = capacity + 1;
    this.colFirst = new IntColumn(c);
    this.colLast = new IntColumn(c);
    this.colGender = new IntColumn(c, 0);
    this.colEmail = new IntColumn(c);
    this.colPhone1 = new IntColumn(c);
    this.colPhone2 = new IntColumn(c);
    this.colPostal = new IntColumn(c);
    this.colCity = new IntColumn(c);
    this.colStreet = new IntColumn(c);
    this.colCompany = new IntColumn(c);
    this.colLegal = new IntColumn(c);
    this.extras = (opts.compare ?? []).map((spec) => ({ spec, dict: new Dictionary(), col: new IntColumn(c) }));
    this.defaultRegion = (opts.defaultCountry ? normaliseCountry(opts.defaultCountry).code : '') || regionOfCallingCode(opts.defaultCallingCode ?? '49') || 'DE';
    this.countryContext = { listCountry: opts.listCountry, defaultCountry: this.defaultRegion };
  }

  /** Append a row; `count` makes it part of the value frequencies (false for link queries). */
  add(row: Row, count = true): number {
    const i = this.size++;
    this.set(i, row, count);
    return i;
  }

  /**
   * Write a row's features at index i. Link mode reuses one slot past the reference rows for each
   * query, with count = false so queries never change the reference's frequencies.
   */
  set(i: number, row: Row, count: boolean): void {
    this.store(i, this.normalise(row), count);
  }

  /**
   * Append a row from the normalised values normalisedOf() gave for it earlier (a night's state
   * keeps them): the same features as add(row), without reading the row again.
   */
  addNormalised(text: string, count = true): number {
    const i = this.size++;
    const v = text.split(SEP);
    if (v.length !== 11 + this.extras.length) throw new Error(`normalised features of another shape (${v.length} values)`);
    this.store(i, { first: v[0], ...givenNameParts(v[0]), last: v[1], gender: Number(v[2]), email: v[3], phone1: v[4], phone2: v[5], postal: v[6], city: v[7], street: v[8], company: v[9], legalForm: v[10], extras: v.slice(11) }, count);
    return i;
  }

  /** Row i's normalised values, as addNormalised() reads them ('' when they cannot be given out). */
  normalisedOf(i: number): string {
    const at = (d: Dictionary, id: number) => (id >= 0 ? d.values[id] : '');
    const v = [
      at(this.first, this.colFirst.data[i]),
      at(this.last, this.colLast.data[i]),
      String(this.colGender.data[i]),
      at(this.email, this.colEmail.data[i]),
      at(this.phone, this.colPhone1.data[i]),
      at(this.phone, this.colPhone2.data[i]),
      at(this.postal, this.colPostal.data[i]),
      at(this.city, this.colCity.data[i]),
      at(this.street, this.colStreet.data[i]),
      at(this.company, this.colCompany.data[i]),
      at(this.legalForm, this.colLegal.data[i]),
      ...this.extras.map((x) => at(x.dict, x.col.data[i])),
    ];
    return v.some((x) => x.includes(SEP)) ? '' : v.join(SEP);
  }

  /** What the comparisons read of a row: each field in the form every command reads it. */
  private normalise(row: Row): Normalised {
    const name = personName(row);
    // The row's country as src/address resolves it for every command ('' when its cell names none).
    const country = resolveRowCountry(row, this.countryContext).code;
    const ck = companyKey(row.company ?? '');
    return {
      first: name.first,
      firstToken: name.firstToken,
      initialOnly: name.initialOnly,
      last: name.last,
      gender: name.gender === 'm' ? 1 : name.gender === 'f' ? 2 : 0,
      // The key src/email gives every command: validate's, match's and suppress's reading of the cell.
      email: emailMatchKey(row.email ?? ''),
      // src/phone's key, so a validated row (E.164, extension in its own column) meets its raw form.
      phone1: matchPhoneKey(row.phone ?? '', country, this.defaultRegion, row.phone_extension ?? ''),
      phone2: matchPhoneKey(row.mobile ?? '', country, this.defaultRegion, row.mobile_extension ?? ''),
      postal: normalisePostalCode(row.postal_code ?? ''),
      city: cityKey(row.city ?? ''),
      street: normaliseStreet(row.street ?? '', row.house_number ?? ''),
      company: ck.key,
      legalForm: ck.legalForm,
      extras: this.extras.map((x) => {
        const v = normaliseForCompare(x.spec.type, row[x.spec.field] ?? '', country);
        return v === '' && x.spec.field === 'birth_date' ? birthDateFromParts(row) : v;
      }),
    };
  }

  private store(i: number, v: Normalised, count: boolean): void {
    if (i >= this.size) this.size = i + 1;
    const { firstToken, initialOnly } = v;

    const fid = this.firstId(v.first, firstToken, initialOnly, count);
    this.colFirst.set(i, fid);
    if (fid >= 0 && count && !initialOnly) this.canonical.id(this.canonical.values[this.firstCanonical[fid]], true);

    const lid = this.lastId(v.last, count);
    this.colLast.set(i, lid);
    this.colGender.set(i, v.gender);

    // Who holds an email or phone, to tell a personal one from a shared one: the first row that
    // names a person with it owns it, and a later row whose names do not fit the owner's makes it
    // shared (see claim): same initials (a typo, a nickname or swapped fields must not make one
    // person look like two), or names that agree at some level. Rows with only an initial or one
    // name claim nothing; two people with the same initials are left to the name comparison.
    const pid = fid >= 0 && lid >= 0 && !initialOnly ? i : -1;

    const eid = v.email ? this.emailId(v.email, count) : -1;
    this.colEmail.set(i, eid);
    if (eid >= 0 && count) this.emailOwner[eid] = this.claim(this.emailOwner[eid], pid);

    const p1 = this.phoneId(v.phone1, count);
    // The same number as phone and as mobile is one number of the row: counted once, stored once
    // (normalisedOf gives no second one, so a night's or a helper's copy counts it once too).
    const p2 = v.phone2 === v.phone1 ? -1 : this.phoneId(v.phone2, count);
    this.colPhone1.set(i, p1);
    this.colPhone2.set(i, p2);
    if (count) {
      if (p1 >= 0) this.phoneOwner[p1] = this.claim(this.phoneOwner[p1], pid);
      if (p2 >= 0) this.phoneOwner[p2] = this.claim(this.phoneOwner[p2], pid);
    }

    this.colPostal.set(i, this.postal.id(v.postal, count));
    this.colCity.set(i, this.city.id(v.city, count));
    this.colStreet.set(i, this.street.id(v.street, count));
    this.colCompany.set(i, this.company.id(v.company, count));
    this.colLegal.set(i, this.legalForm.id(v.legalForm, false));
    for (let k = 0; k < this.extras.length; k++) {
      const x = this.extras[k];
      x.col.set(i, x.dict.id(v.extras[k], count));
    }
  }

  /**
   * A 32-bit digest of what rows [0, n) stored: every id column, each dictionary's size and row
   * count, who owns each email and phone, and the nickname groups of the given names. Features
   * built from the same rows agree on it; a copy built in another thread (a pair-scoring worker,
   * src/parallel/pair-scoring.ts) must show this one's before its weights are used.
   */
  digest(n: number): number {
    let h = 0x811c9dc5;
    const mixIn = (v: number) => {
      h = Math.imul(h ^ (v | 0), 0x01000193);
    };
    const cols = [this.colFirst, this.colLast, this.colGender, this.colEmail, this.colPhone1, this.colPhone2, this.colPostal, this.colCity, this.colStreet, this.colCompany, this.colLegal, ...this.extras.map((x) => x.col)];
    for (const col of cols) for (let i = 0; i < n; i++) mixIn(col.data[i]);
    for (const d of [this.first, this.canonical, this.last, this.email, this.domain, this.phone, this.postal, this.city, this.street, this.company, this.legalForm, ...this.extras.map((x) => x.dict)]) {
      mixIn(d.size);
      mixIn(d.total);
    }
    for (const owner of [this.emailOwner, this.phoneOwner]) for (let id = 0; id < owner.length; id++) mixIn(owner[id]);
    for (let id = 0; id < this.firstInfo.length; id++) {
      const groups = this.firstInfo[id].groups;
      mixIn(groups.length);
      for (let g = 0; g < groups.length; g++) mixIn(groups[g]);
    }
    return h >>> 0;
  }

  /** An email that may identify one person: not a role, household or disposable address. */
  personalEmailValue(id: number): boolean {
    return (this.emailFlags[id] & (EMAIL_ROLE | EMAIL_NOT_PERSONAL)) === 0;
  }

  /**
   * Decide again who owns each email and phone of rows [0, n), as set() did row by row: after
   * nickname pairs were learnt (learn-nicknames.ts), "Bob" and "Robert" under one address are one
   * person, and the address is theirs, not shared.
   */
  reclaimOwners(n: number): void {
    this.emailOwner.fill(NO_OWNER);
    this.phoneOwner.fill(NO_OWNER);
    for (let i = 0; i < n; i++) {
      const fid = this.colFirst.data[i];
      const pid = fid >= 0 && this.colLast.data[i] >= 0 && !this.firstInfo[fid].initials ? i : -1;
      const e = this.colEmail.data[i];
      if (e >= 0) this.emailOwner[e] = this.claim(this.emailOwner[e], pid);
      const p1 = this.colPhone1.data[i];
      const p2 = this.colPhone2.data[i];
      if (p1 >= 0) this.phoneOwner[p1] = this.claim(this.phoneOwner[p1], pid);
      if (p2 >= 0) this.phoneOwner[p2] = this.claim(this.phoneOwner[p2], pid);
    }
  }

    /** The owner mark after row `row` is seen with a value (-1: a row naming no person claims nothing). */
  private claim(owner: number, row: number): number {
    if (row < 0 || owner === SHARED) return owner;
    if (owner === NO_OWNER || owner === row) return row;
    return this.mayBeOnePerson(owner, row) ? owner : SHARED;
  }

  /**
   * Could rows x and y be one person's, so that a value they share may be personal? Yes unless
   * both name a person and neither their initials nor their names fit (see samePersonNames). In
   * link mode the query row claims nothing, so this is asked of each pair too.
   */
  mayBeOnePerson(x: number, y: number): boolean {
    const fx = this.colFirst.data[x];
    const fy = this.colFirst.data[y];
    const lx = this.colLast.data[x];
    const ly = this.colLast.data[y];
    if (fx < 0 || fy < 0 || lx < 0 || ly < 0 || this.firstInfo[fx].initials || this.firstInfo[fy].initials) return true;
    return this.initials(x) === this.initials(y) || this.samePersonNames(x, y);
  }

  /**
   * The initials of a row's canonical given name and surname, order-free: the same for Thomas
   * Müller, Tom Mueller, T. Müller and Müller Thomas (a missing name counts as one more letter).
   */
  initials(row: number): number {
    const fi = this.colFirst.data[row];
    const l = this.colLast.data[row];
    const x = fi >= 0 ? this.canonical.values[this.firstCanonical[fi]].charCodeAt(0) : NO_INITIAL;
    const y = l >= 0 ? this.last.values[l].charCodeAt(0) : NO_INITIAL;
    return x < y ? x * 65536 + y : y * 65536 + x;
  }

  /**
   * Could rows x and y name one person? Both names agree at some level (typo, nickname, initial,
   * part of a double name), directly or with one record's fields swapped: "Noah Watson",
   * "oNah Watson" and "Watson, Noah" can; Thomas and Tobias Müller cannot.
   */
  samePersonNames(x: number, y: number): boolean {
    const fx = this.colFirst.data[x];
    const fy = this.colFirst.data[y];
    const lx = this.colLast.data[x];
    const ly = this.colLast.data[y];
    if (fx < 0 || fy < 0 || lx < 0 || ly < 0) return true;
    const first = fx === fy || compareGivenNameInfo(this.firstInfo[fx], this.firstInfo[fy]) !== 'differ';
    const last = lx === ly || compareSurnameInfo(this.lastInfo[lx], this.lastInfo[ly]) !== 'differ';
    if (first && last) return true;
    const fxs = this.first.values[fx];
    const lxs = this.last.values[lx];
    const fys = this.first.values[fy];
    const lys = this.last.values[ly];
    return (compareGivenNames(lxs, fys) !== 'differ' && compareSurnames(fxs, lys) !== 'differ') || (compareGivenNames(fxs, lys) !== 'differ' && compareSurnames(lxs, fys) !== 'differ');
  }

  private firstId(first: string, token: string, initialOnly: boolean, count: boolean): number {
    const id = this.first.id(first, count);
    if (!this.first.added) return id;
    // Of the dictionary's own copy, as below: what is kept per name is cut from nothing else.
    this.firstInfo[id] = givenNameInfo(this.first.values[id]);
    const canon = initialOnly ? token : canonicalGivenName(token);
    const cid = this.canonical.id(canon, false);
    this.firstCanonical[id] = cid;
    if (this.canonical.added) {
      this.canonicalFloor[cid] = givenNameFrequencyFloor(canon);
      this.canonicalSound[cid] = hash32(phonetic(canon));
      this.canonicalSound2[cid] = hash32(metaphonePrimary(canon));
    }
    const [head, tail] = wordEnds(token);
    this.firstEnds[2 * id] = head;
    this.firstEnds[2 * id + 1] = tail;
    return id;
  }

  private lastId(last: string, count: boolean): number {
    const id = this.last.id(last, count);
    if (this.last.added) {
      const info = surnameInfo(this.last.values[id]);
      this.lastInfo[id] = info;
      this.lastFloor[id] = surnameFrequencyFloor(info.core.join(' '));
      this.lastSound[id] = hash32(phonetic(info.core[0]));
      this.lastSoundEnd[id] = info.core.length > 1 ? hash32(phonetic(info.core[info.core.length - 1])) : -1;
      this.lastSound2[id] = hash32(metaphonePrimary(info.core[0]));
      const [head, tail] = wordEnds(info.core[0]);
      this.lastEnds[2 * id] = head;
      this.lastEnds[2 * id + 1] = tail;
    }
    return id;
  }

  private emailId(cell: string, count: boolean): number {
    const id = this.email.id(cell, count);
    if (this.email.added) {
      // The dictionary's own copy: parts cut from it keep nothing else alive (a night's kept text).
      const key = this.email.values[id];
      const at = key.lastIndexOf('@');
      const domain = key.slice(at + 1);
      this.emailLocal[id] = key.slice(0, at);
      this.emailDomain[id] = this.domain.id(domain, false);
      this.emailFlags[id] =
        (isRoleAddress(key) ? EMAIL_ROLE : 0) |
        (isFreemailDomain(domain) ? EMAIL_FREEMAIL : 0) |
        (isDisposableEmailDomain(domain) || isHouseholdLocal(this.emailLocal[id]) ? EMAIL_NOT_PERSONAL : 0);
      this.emailOwner[id] = NO_OWNER;
    }
    return id;
  }

  private phoneId(phone: string, count: boolean): number {
    const id = this.phone.id(phone, count);
    if (this.phone.added) this.phoneOwner[id] = NO_OWNER;
    return id;
  }
}

// Cities repeat on every row of a town: fold each spelling once (bounded like the other memos).
const cityMemo = new BoundedMemo(100_000, normaliseCity);
function cityKey(raw: string): string {
  return raw ? cityMemo.get(raw) : '';
}

/**
 * A birth date kept in parts whose day does not exist ("1994-11-71", month 0): no date for the
 * list, but still a key that a one-digit typo away from the right date compares as one
 * (src/date compareDateLevels reads digits by position).
 */
function birthDateFromParts(row: Row): string {
  const y = (row.birth_year ?? '').trim();
  const m = (row.birth_month ?? '').trim();
  const d = (row.birth_day ?? '').trim();
  if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * Hashes of a name's first and last three letters (0x1 / 0x2 mixed in, so "ann" as a head and as
 * a tail differ); -1 for both when the name is shorter than five letters, where one typo reaches
 * both ends and the sound keys do better.
 */
function wordEnds(word: string): [number, number] {
  const letters = word.replace(/[^a-z\u00df-\u024f]/g, '');
  if (letters.length < 5) return [-1, -1];
  return [hash32(`\u0001${letters.slice(0, 3)}`), hash32(`\u0002${letters.slice(-3)}`)];
}
