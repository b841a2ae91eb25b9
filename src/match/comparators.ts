/**
 * Comparators: how two normalised values of one field agree, as a level. Levels are turned into
 * weights by the model (model.ts); keeping the two apart lets --explain name the level ("nickname",
 * "initial", "switchboard") next to the evidence it was worth.
 */
import { sameCity, streetName } from './address.js';
import { emailDomain, emailLocalPart, isFreemailDomain, isRoleAddress } from './email.js';
import { compareDateLevels } from '../date/compare.js';
import { editDistance } from '../text/edit-distance.js';
import { jaroWinkler } from './jaro-winkler.js';
import { doubleMetaphone } from './double-metaphone.js';
import { koelnerPhonetik } from './koelner-phonetik.js';
import { isKnownGivenName, nicknameGroups } from './nicknames.js';
import { surnameFrequencyFloor } from './common-names.js';
import { surnameCore } from './person-name.js';

export type Level =
  | 'exact'
  | 'wildcard'
  | 'nickname'
  | 'partial'
  | 'middle_name'
  | 'similar'
  | 'initial'
  | 'local_part'
  | 'domain'
  | 'mailbox'
  | 'prefix'
  | 'city'
  | 'street_name'
  | 'differ'
  | 'missing';

const phoneticMemo = new Map<string, string>();

/** Kölner Phonetik with a memo: names repeat, and comparators run per candidate pair. */
export function phonetic(word: string): string {
  let code = phoneticMemo.get(word);
  if (code === undefined) {
    code = koelnerPhonetik(word);
    if (phoneticMemo.size > 100_000) phoneticMemo.clear();
    phoneticMemo.set(word, code);
  }
  return code;
}

/**
 * The Double Metaphone primary code of a folded word (double-metaphone.ts), whole: "smith" →
 * "SM0", "thompson" → "TMPSN". Lost characters ("m?ller") are left out. The reference algorithm
 * keeps four letters; take `.slice(0, 4)` for a coarser key. No memo: NameInfo holds it once per
 * distinct name, and a call costs about a microsecond.
 */
export function metaphone(word: string): string {
  return doubleMetaphone(word.indexOf('?') === -1 ? word : word.replace(/\?/g, ''))[0];
}

/**
 * What name comparisons need about one folded name, computed once per distinct name (features.ts
 * keeps one per dictionary entry) rather than once per compared pair.
 */
export interface NameInfo {
  /** The folded name: "hans peter", "von der heide". */
  text: string;
  tokens: string[];
  /** Surnames: tokens without particles; given names: all tokens. */
  core: string[];
  /** The part typos are looked for in: the first given name, or the surname core joined. */
  compact: string;
  /** All tokens joined: "von der heide" → "vonderheide". */
  joined: string;
  /** compact with umlaut spellings as one vowel ("mueller" → "muller"). */
  single: string;
  /** Kölner Phonetik of compact. */
  phonetic: string;
  /**
   * Double Metaphone primary code of compact, whole ("schmidt" → "XMT", "thompson" → "TMPSN"):
   * a second sound key for names Kölner Phonetik codes poorly. `.slice(0, 4)` is the reference key.
   */
  metaphone: string;
  /** Every token is a single letter ("t", "h p"). */
  initials: boolean;
  /** The name holds a lost character ("m?ller": see foldNameField in person-name.ts). */
  lost: boolean;
  /**
   * compact is a known name of its own (a given name in nicknames.ts or common-names.ts, a
   * common surname): two known names are never taken for one name with a typo.
   */
  known: boolean;
  /** Nickname groups of the first given name (empty for surnames). */
  groups: readonly number[];
}

/** "mueller" → "muller": the umlaut spellings ae, oe, ue as one vowel. */
function singleVowels(s: string): string {
  return s.indexOf('e') === -1 ? s : s.replace(/([aou])e/g, '$1');
}

// Infos for names compared outside a feature table (string comparators, swapped-name checks).
const givenMemo = new Map<string, NameInfo>();
const surnameMemo = new Map<string, NameInfo>();
function memo(map: Map<string, NameInfo>, key: string, make: (s: string) => NameInfo): NameInfo {
  let info = map.get(key);
  if (info === undefined) {
    if (map.size > 50_000) map.clear();
    map.set(key, (info = make(key)));
  }
  return info;
}

export function givenNameInfo(folded: string): NameInfo {
  return memo(givenMemo, folded, makeGivenNameInfo);
}

export function surnameInfo(folded: string): NameInfo {
  return memo(surnameMemo, folded, makeSurnameInfo);
}

function makeGivenNameInfo(folded: string): NameInfo {
  const tokens = folded.split(' ');
  const compact = tokens[0];
  return {
    text: folded,
    tokens,
    core: tokens,
    compact,
    joined: tokens.join(''),
    single: singleVowels(compact),
    phonetic: phonetic(compact),
    metaphone: metaphone(compact),
    initials: tokens.every((t) => t.length === 1),
    lost: folded.indexOf('?') !== -1,
    known: isKnownGivenName(compact),
    groups: nicknameGroups(compact),
  };
}

function makeSurnameInfo(folded: string): NameInfo {
  const tokens = folded.split(' ');
  const core = surnameCore(folded);
  const compact = core.join('');
  return {
    text: folded,
    tokens,
    core,
    compact,
    joined: tokens.join(''),
    single: singleVowels(compact),
    phonetic: phonetic(compact),
    metaphone: metaphone(compact),
    initials: false,
    lost: folded.indexOf('?') !== -1,
    known: surnameFrequencyFloor(compact) > 0,
    groups: NO_GROUPS,
  };
}
const NO_GROUPS: readonly number[] = Object.freeze([]);

/**
 * Two spellings of one name with a typo: one edit apart (a letter deleted, doubled, swapped or
 * mistyped), or two edits apart in a name of five letters or more that sounds alike (Kölner
 * Phonetik). A lost character ("m?ller") costs no edit where it stands. Jaro-Winkler alone is too
 * generous for names: "Sonnensteiner" and "Sonnenreiter" share a long prefix and score 0.9.
 */
export function similarNames(a: NameInfo, b: NameInfo): boolean {
  const x = a.compact;
  const y = b.compact;
  if (x.length < 3 || y.length < 3) return false;
  // Cheap exits first: most compared names are plainly different.
  const dl = Math.abs(x.length - y.length);
  if (dl > 2 && Math.abs(a.single.length - b.single.length) > 2) return false;
  let d = dl > 2 || (!a.lost && !b.lost && bagDistance(x, y) > 2) ? 3 : editDistance(x, y, 2);
  // A typo next to a transliterated umlaut ("Burgöktter" → "burgoektter" for "burgkoetter")
  // is one edit on the single-vowel spelling.
  if (d > 1 && (a.single !== x || b.single !== y)) d = Math.min(d, editDistance(a.single, b.single, 2));
  // A lost character costs nothing where it stands for a letter: "m?lelr" is one swap from "muller".
  if (d > 1 && (a.lost || b.lost)) d = Math.min(d, lostEditDistance(a.single, b.single));
  if (d <= 1) return true;
  // Not the Double Metaphone code: on three benchmark lists it added no true pair at two edits
  // and only different people ("brain" / "brown", "peter" / "petwra").
  return d === 2 && Math.min(x.length, y.length) >= 5 && a.phonetic === b.phonetic;
}

/**
 * Optimal string alignment distance in which "?" (a lost character) matches any one letter at
 * no cost. Only for names that hold one, so a plain quadratic table is fine.
 */
function lostEditDistance(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  const d: number[][] = [];
  for (let i = 0; i <= la; i++) {
    d.push(new Array<number>(lb + 1).fill(0));
    d[i][0] = i;
  }
  for (let j = 0; j <= lb; j++) d[0][j] = j;
  for (let i = 1; i <= la; i++) {
    for (let j = 1; j <= lb; j++) {
      const same = a[i - 1] === b[j - 1] || a[i - 1] === '?' || b[j - 1] === '?';
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (same ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[la][lb];
}

/**
 * A lower bound of the edit distance that costs one pass: the larger number of letters one word
 * has and the other lacks. Filters out most different names before the quadratic comparison.
 */
const bag = new Int32Array(128);
function bagDistance(a: string, b: string): number {
  if (!ASCII.test(a) || !ASCII.test(b)) return 0;
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i)]++;
  let missing = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (bag[c] > 0) bag[c]--;
    else missing++;
  }
  // What is left of a's letters is what b lacks; count it and clear the table on the way.
  let extra = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    extra += bag[c];
    bag[c] = 0;
  }
  return Math.max(missing, extra);
}
const ASCII = /^[\x00-\x7f]*$/;

/** similarNames for two single words. */
export function similarWords(a: string, b: string): boolean {
  return similarNames(surnameInfo(a), surnameInfo(b));
}

/**
 * Letters (folded) that an export without the character may have lost: those that carry accents
 * or umlauts in European and Turkish names (ä ü ö é ç ş ğ ı ł ń ś ź ż ř đ ť …). "M?ller" may be
 * Müller, Möller or Mueller, not Miller… except through "ï"; b, f, h, k, m, p, … are never lost.
 */
const LOSABLE = new Set('acdegilnorstuyz');
/** Two-letter folds of one lost character: ä ö ü ß, and æ œ. */
const LOSABLE_PAIR = new Set(['ae', 'oe', 'ue', 'ss']);

/**
 * Do two folded names agree when each "?" (a character lost in an export) stands for one
 * losable letter or for a two-letter fold (ü → "ue", ß → "ss")? A run of two ("M??ller": one
 * letter written as two bytes) stands for one or two letters. The name holding them must keep at
 * least three letters, and more letters than lost ones, so that "?" never matches a name alone.
 */
export function lostCharactersAgree(x: string, y: string): boolean {
  if (!fewLost(x) || !fewLost(y)) return false;
  return matchLost(x, 0, y, 0, 0);
}

function fewLost(s: string): boolean {
  let lost = 0;
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '?') lost++;
    else if (c !== ' ') letters++;
  }
  return lost === 0 || (letters >= 3 && letters > lost);
}

/** Matching with backtracking; names are short and the branches few (a budget bounds the rest). */
function matchLost(x: string, i: number, y: string, j: number, depth: number): boolean {
  if (depth > 64) return false;
  while (i < x.length && j < y.length && x[i] !== '?' && y[j] !== '?') {
    if (x[i] !== y[j]) return false;
    i++;
    j++;
  }
  if (i === x.length || j === y.length) return i === x.length && j === y.length;
  // Let x be the side with the lost run here.
  if (x[i] !== '?') return matchLost(y, j, x, i, depth + 1);
  let k = 0;
  while (i + k < x.length && x[i + k] === '?') k++;
  const min = Math.ceil(k / 2);
  for (let n = min; n <= k + 1; n++) {
    const piece = y.slice(j, j + n);
    if (piece.length < n || piece.indexOf(' ') !== -1) break;
    if (!piece.split('').every((c) => c === '?' || LOSABLE.has(c))) continue;
    // k + 1 letters only as the fold of one character: "?" → "ue", "??" → "ue" is within k.
    if (n === k + 1 && !(k === 1 && LOSABLE_PAIR.has(piece))) continue;
    if (matchLost(x, i + k, y, j + n, depth + 1)) return true;
  }
  return false;
}

/**
 * After the first given names agree, do the later ones fit? Each later name of the longer list is
 * the same name, an initial of it ("thomas j" / "thomas josef"), or an initial with nothing to
 * compare it with ("thomas j" / "thomas"). A full name the other lacks ("hans peter" / "hans")
 * or a different one ("thomas j" / "thomas k") does not fit.
 */
function laterNamesFit(a: readonly string[], b: readonly string[]): boolean {
  const [x, y] = a.length >= b.length ? [a, b] : [b, a];
  for (let k = 1; k < x.length; k++) {
    const s = x[k];
    const t = y[k];
    if (t === undefined) {
      if (s.length !== 1) return false;
      continue;
    }
    if (s === t) continue;
    if (s.length === 1 ? t[0] === s : t.length === 1 && s[0] === t) continue;
    return false;
  }
  return true;
}

function hasInitial(a: NameInfo): boolean {
  for (const t of a.tokens) if (t.length === 1) return true;
  return false;
}

/**
 * Given names (folded): "exact", also when they differ only in spacing ("anna lena" /
 * "annalena") or in a leftover initial ("thomas j" / "thomas", "thomas j" / "thomas josef");
 * "wildcard" when they agree once a lost character is read as any letter ("j?rgen" /
 * "juergen"); "partial" when one holds the other's first name ("hans peter" / "hans") or an
 * initial of it before the same later names ("j thomas" / "johann thomas"); "nickname"
 * (Tom / Thomas); "similar" (typo, also across a space: "lachlq njohn" / "lachlan john");
 * "middle_name" when they share a later given name ("karl thomas" / "thomas", "j thomas" /
 * "thomas"); "initial" when one is only initials that fit the other ("t" / "thomas"); else
 * "differ".
 */
export function compareGivenNames(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  return compareGivenNameInfo(givenNameInfo(a), givenNameInfo(b));
}

export function compareGivenNameInfo(a: NameInfo, b: NameInfo): Level {
  if (a.text === b.text) return 'exact';
  if (a.initials || b.initials) return a.text[0] === b.text[0] ? 'initial' : 'differ';
  if (a.joined === b.joined) return 'exact';
  if (a.compact === b.compact) return laterNamesFit(a.tokens, b.tokens) ? 'exact' : 'partial';
  if ((a.lost || b.lost) && lostCharactersAgree(a.compact, b.compact)) {
    return laterNamesFit(a.tokens, b.tokens) ? 'wildcard' : 'partial';
  }
  for (const g of a.groups) if (b.groups.includes(g)) return 'nickname';
  // "J. Thomas" / "Johann Thomas": the first given name abbreviated, the later ones the same.
  const ia = a.compact.length === 1;
  const ib = b.compact.length === 1;
  if (ia !== ib && a.compact[0] === b.compact[0] && a.tokens.length > 1 && b.tokens.length > 1 && laterNamesFit(a.tokens, b.tokens)) {
    return 'partial';
  }
  // Two known given names a letter apart are two names ("christian" / "christine").
  if (!(a.known && b.known) && similarNames(a, b)) return 'similar';
  // A space typed into a name or left out, with a typo too: "lachlq njohn" / "lachlan john"
  // ("soph ie" / "sophie" is exact above). Not across an initial: "j thomas" is not "thomas".
  if ((a.tokens.length > 1 || b.tokens.length > 1) && Math.min(a.joined.length, b.joined.length) >= 5 && !hasInitial(a) && !hasInitial(b) && editDistance(a.joined, b.joined, 1) <= 1) {
    return 'similar';
  }
  // A second given name used as the call name: "Karl Thomas" / "Thomas". Weaker than a shared
  // first given name: "Claudia-Laura" and "Laura" are as often two people.
  if (a.tokens.length > 1 || b.tokens.length > 1) {
    for (const t of a.tokens) if (t.length > 1 && b.tokens.includes(t)) return 'middle_name';
  }
  return 'differ';
}

/**
 * Surnames (folded): "exact" also when they differ only in particles or spacing ("von der heide" /
 * "vonderheide"); "wildcard" when they agree once a lost character is read as any letter
 * ("m?ller" / "mueller"); "partial" when a double surname, or a surname with a birth name
 * ("mueller schmidt" from "Müller (geb. Schmidt)"), is used in part ("mueller luedenscheidt" /
 * "mueller") or a particle was dropped ("von der heide" / "heide"); "similar" for a typo, also
 * one in the part of a double surname the other record holds ("steinbaer" / "steinbauer keller").
 */
/** One edit apart as written or in the single-vowel spelling ("kraeaemer" / "kraemer"). */
function oneEditApart(a: NameInfo, b: NameInfo): boolean {
  if (Math.abs(a.compact.length - b.compact.length) > 1 && Math.abs(a.single.length - b.single.length) > 1) return false;
  return editDistance(a.compact, b.compact, 1) <= 1 || editDistance(a.single, b.single, 1) <= 1;
}

/**
 * similarNames for surnames, except for two common surnames that sound different ("schmitt" /
 * "schmitz", "bauer" / "sauer"): two families, not a typo. Sound-alikes stay similar ("meier" /
 * "maier"), as lists write them by ear.
 */
function similarSurnames(a: NameInfo, b: NameInfo): boolean {
  if (a.known && b.known && a.phonetic !== b.phonetic) return false;
  return similarNames(a, b);
}

export function compareSurnames(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  return compareSurnameInfo(surnameInfo(a), surnameInfo(b));
}

export function compareSurnameInfo(a: NameInfo, b: NameInfo): Level {
  if (a.text === b.text || a.compact === b.compact || a.joined === b.joined) return 'exact';
  const lost = a.lost || b.lost;
  if (lost && (lostCharactersAgree(a.compact, b.compact) || lostCharactersAgree(a.joined, b.joined))) return 'wildcard';
  const parts = a.core.length > 1 || b.core.length > 1;
  if (parts) {
    for (const t of a.core) if (t.length >= 3 && b.core.includes(t)) return 'partial';
    if (lost) for (const t of a.core) for (const u of b.core) if (t.length >= 3 && u.length >= 3 && lostCharactersAgree(t, u)) return 'partial';
  }
  if (similarSurnames(a, b)) return 'similar';
  // One record holds one part of the other's double surname, with a typo: "steinbaer" /
  // "steinbauer keller". Only one edit in a part of six letters or more, and not between two
  // common surnames: "schmid" / "reiterhofer schmidt" and "moeller" / "mueller beck" are
  // colleagues or relatives as often as not, and short parts have many neighbours ("black well" /
  // "block").
  if (parts && (a.core.length === 1 || b.core.length === 1)) {
    const [one, many] = a.core.length === 1 ? [a, b] : [b, a];
    if (one.compact.length >= 6) {
      for (const t of many.core) {
        if (t.length < 6) continue;
        const part = surnameInfo(t);
        if (!(one.known && part.known) && oneEditApart(one, part)) return 'similar';
      }
    }
  }
  return 'differ';
}

/**
 * Email match keys: "exact"; "local_part" when the same personal-looking local part sits at two
 * domains (thomas.mueller@gmail.com / thomas.mueller@holzbau.de); at one company domain "domain"
 * when the two local parts could be one person's (t.mueller / thomas.mueller, or one is a role
 * address) and "mailbox" when they are two people's mailboxes (anna.weber / birgit.weber); else
 * "differ".
 */
export function compareEmails(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const la = emailLocalPart(a);
  const lb = emailLocalPart(b);
  if (la === lb && isPersonalLocalPart(la) && !isRoleAddress(a)) return 'local_part';
  const da = emailDomain(a);
  if (da === emailDomain(b) && !isFreemailDomain(da)) {
    return isRoleAddress(a) || isRoleAddress(b) || compatibleLocalParts(la, lb) ? 'domain' : 'mailbox';
  }
  return 'differ';
}

/**
 * Could two local parts at one domain be one person's? They must end in the same surname-like
 * word, and either one is that word alone or both start with the same letter:
 * "thomas.mueller" / "t.mueller" / "mueller" yes, "anna.mueller" / "thomas.mueller" no.
 */
export function compatibleLocalParts(a: string, b: string): boolean {
  return compatibleWords(a.split(/[._-]+/).filter(Boolean), b.split(/[._-]+/).filter(Boolean));
}

/** compatibleLocalParts on local parts already split into words. */
export function compatibleWords(ta: readonly string[], tb: readonly string[]): boolean {
  if (ta.length === 0 || tb.length === 0) return false;
  const sa = ta[ta.length - 1];
  const sb = tb[tb.length - 1];
  // Joined only when the last words differ ("t.mueller" / "thomasmueller"): this runs per pair.
  if (sa !== sb) {
    const ca = ta.join('');
    const cb = tb.join('');
    if (!((sb.length >= 3 && ca.endsWith(sb)) || (sa.length >= 3 && cb.endsWith(sa)))) return false;
  }
  return ta.length === 1 || tb.length === 1 || ta[0][0] === tb[0][0];
}

/** "thomas.mueller", "t_mueller", "thomasmueller": long enough, or joined by a separator. */
export function isPersonalLocalPart(local: string): boolean {
  return local.length >= 8 || (local.length >= 5 && /[._-]/.test(local));
}

/**
 * Phone numbers as match keys (src/match/phone.ts matchPhoneKey: src/phone's key, E.164 for a
 * valid number, with the extension's digits after it), up to two per record: "exact" when any number is shared;
 * "prefix" when two numbers differ only in a short extension (+49 30 12345-0 / -17: one
 * company's lines); else "differ".
 */
export function comparePhones(a: readonly string[], b: readonly string[]): Level {
  if (a.length === 0 || b.length === 0) return 'missing';
  for (const x of a) if (b.includes(x)) return 'exact';
  for (const x of a) for (const y of b) if (sameExchange(x, y)) return 'prefix';
  return 'differ';
}

/** Same number up to the last two digits, both long enough to be company lines with extensions. */
export function sameExchange(x: string, y: string): boolean {
  if (x.length < 10 || y.length < 10) return false;
  if (Math.abs(x.length - y.length) > 2) return false;
  // Compared in place: slicing both numbers made two strings per candidate pair.
  const n = Math.min(x.length, y.length) - 2;
  for (let k = 0; k < n; k++) if (x.charCodeAt(k) !== y.charCodeAt(k)) return false;
  return true;
}

/**
 * Company keys: "exact"; "similar" for a typo or when one name is the other with words added
 * ("mueller holzbau" / "mueller holzbau und soehne"); else "differ".
 */
export function compareCompanies(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return 'exact';
  // Jaro-Winkler cannot reach 0.93 when one key is under 0.65 of the other's length.
  const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
  if (ratio >= 0.65 && jaroWinkler(a, b) >= 0.93) return 'similar';
  const ta = a.split(' ');
  const tb = b.split(' ');
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (short.every((t) => long.includes(t))) {
    const substantial = short.length >= 2 || (short[0].length >= 5 && short.length * 2 >= long.length);
    if (substantial) return 'similar';
  }
  return 'differ';
}

/**
 * Location from postal code and city: "exact" for the same postal code, "city" for the same city
 * (postal code missing or different), else "differ".
 */
export function compareLocations(postalA: string, cityA: string, postalB: string, cityB: string): Level {
  const hasA = postalA !== '' || cityA !== '';
  const hasB = postalB !== '' || cityB !== '';
  if (!hasA || !hasB) return 'missing';
  if (postalA !== '' && postalA === postalB) return 'exact';
  if (sameCity(cityA, cityB)) return 'city';
  if (postalA === '' || postalB === '') return cityA === '' || cityB === '' ? 'missing' : 'differ';
  return 'differ';
}

/**
 * Normalised streets ("hauptstr 12a"): "exact"; "similar" for a typo; "street_name" for the same
 * street with another house number; else "differ".
 */
export function compareStreets(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const na = streetName(a);
  const nb = streetName(b);
  const sameName = na === nb || similarWords(na, nb);
  if (!sameName) return 'differ';
  // Same street: a typo in the name with the same number is the same address; another number is
  // only the same street.
  return a.slice(na.length) === b.slice(nb.length) ? 'similar' : 'street_name';
}

/**
 * Dates "YYYY-MM-DD": "exact"; "similar" when day and month are swapped or one digit differs (or
 * two adjacent ones are swapped); else "differ". The finer levels: compareDateLevels (src/date).
 */
export function compareDates(a: string, b: string): Level {
  const level = compareDateLevels(a, b);
  return level === 'transposed' || level === 'one_digit' ? 'similar' : level === 'same_year' || level === 'one_part' ? 'differ' : level;
}

/** Free text (folded): "exact", "similar" (Jaro-Winkler ≥ 0.9), else "differ". */
export function compareText(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  return jaroWinkler(a, b) >= 0.9 ? 'similar' : 'differ';
}

/** Identifiers: equal or not. */
export function compareExact(a: string, b: string): Level {
  if (!a || !b) return 'missing';
  return a === b ? 'exact' : 'differ';
}
