/**
 * What a salutation cell says about the person: the one reader of gender for every command (the
 * matcher's gender comparison, classify's `gender` and letter salutation). Lists put many things
 * in that column, because "Anrede", "Geschlecht", "Gender" and "Civilité" all map onto it:
 *
 *   "Herr", "Frau Dr.", "Herrn Prof. Dr."        German, with titles after the word
 *   "Mr.", "Mrs", "Ms", "Miss", "Mx", "Sir"       English
 *   "M.", "Mme", "Mlle", "Monsieur", "Madame"     French
 *   "Sig.", "Sig.ra", "Signora", "Sr.", "Sra."    Italian and Spanish
 *   "Dhr.", "Mevr.", "Pan", "Pani"                Dutch and Polish
 *   "m", "w", "f", "männlich", "female"           a gender column
 *   "Sehr geehrter Herr Dr. Müller"                a whole letter salutation ("Briefanrede")
 *
 * Neutral forms ("Divers", "d", "Mx", "non-binary") say the person is addressed without a
 * gender; they give gender '' and `neutral`. Everything else gives '' too: a couple ("Herr und
 * Frau", "Mr. & Mrs."), a placeholder ("Herr/Frau", "m/w/d"), a company ("Firma"), a title alone
 * ("Dr."), a lone "x" (a placeholder: letter-name reads it as "no name", and a gender column's "x"
 * is more often "unknown" than a choice). Nothing is guessed from a first name.
 */
import { foldForKey } from '../text/fold.js';

export type Gender = '' | 'm' | 'f';

/** The English honorific the cell names, for English letters ("Mrs" stays Mrs, "Frau" is Ms). */
export type Honorific = '' | 'Mr' | 'Mrs' | 'Ms' | 'Miss' | 'Mx';

/** The language a salutation word is written in: a hint for rows whose country says nothing. */
export type SalutationLanguage = '' | 'de' | 'en' | 'fr';

export interface SalutationReading {
  gender: Gender;
  /** A neutral form (Divers, Mx): addressed without a gender, on purpose. */
  neutral: boolean;
  honorific: Honorific;
  language: SalutationLanguage;
}

interface Word {
  gender: Gender;
  neutral?: boolean;
  honorific?: Honorific;
  language?: SalutationLanguage;
}

const m = (language: SalutationLanguage = '', honorific: Honorific = 'Mr'): Word => ({ gender: 'm', honorific, language });
const f = (language: SalutationLanguage = '', honorific: Honorific = 'Ms'): Word => ({ gender: 'f', honorific, language });
const NEUTRAL: Word = { gender: '', neutral: true, honorific: 'Mx' };

/**
 * Whole cells (folded with foldForKey: lower case, umlauts spelt out, punctuation gone). These
 * include single letters and gender words, which only count as the whole cell: "M." alone is
 * male (or Monsieur), but an "M." in "Frau Anna M. Berger" is an initial.
 */
const WHOLE = new Map<string, Word>([
  ['m', m()],
  ['male', m('en')],
  ['maennlich', m('de')],
  ['mann', m('de')],
  ['man', m('en')],
  ['w', f('de')],
  ['f', f()],
  ['female', f('en')],
  ['weiblich', f('de')],
  ['woman', f('en')],
  ['sig ra', f()],
  ['sig na', f()],
  ['d', NEUTRAL],
  ['divers', NEUTRAL],
  ['diverse', NEUTRAL],
  ['non binary', NEUTRAL],
  ['nonbinary', NEUTRAL],
  ['nicht binaer', NEUTRAL],
  ['neutral', NEUTRAL],
]);

/** Salutation words, read as the first word of a cell ("Frau Dr.", "Mme la Directrice"). */
const WORDS = new Map<string, Word>([
  ['herr', m('de')],
  ['herrn', m('de')],
  ['hr', m('de')],
  ['frau', f('de')],
  ['fr', f('de')],
  ['mr', m('en')],
  ['mister', m('en')],
  ['sir', m('en')],
  ['mrs', f('en', 'Mrs')],
  ['ms', f('en')],
  ['miss', f('en', 'Miss')],
  ['mx', NEUTRAL],
  ['monsieur', m('fr')],
  ['madame', f('fr')],
  ['mme', f('fr')],
  ['mlle', f('fr')],
  ['mademoiselle', f('fr')],
  ['signor', m()],
  ['signore', m()],
  ['sig', m()],
  ['signora', f()],
  ['signorina', f()],
  ['sr', m()],
  ['senor', m()],
  ['sra', f()],
  ['srta', f()],
  ['senora', f()],
  ['senorita', f()],
  ['dhr', m()],
  ['heer', m()],
  ['mevr', f()],
  ['mevrouw', f()],
  ['pan', m()],
  ['pani', f()],
]);

/** Greetings in front of the salutation word, when the cell holds a whole letter salutation. */
const GREETING = new Set(['sehr', 'geehrte', 'geehrter', 'geehrten', 'liebe', 'lieber', 'hallo', 'guten', 'tag', 'dear', 'hello', 'hi', 'cher', 'chere', 'bonjour', 'gentile', 'egregio', 'estimado', 'estimada']);

/** Words that join two people: the cell addresses a couple or a choice, not one person. */
const JOINING = new Set(['und', 'and', 'et', 'oder', 'or', 'ou', 'en']);

const UNKNOWN: SalutationReading = Object.freeze({ gender: '', neutral: false, honorific: '', language: '' });

function reading(w: Word): SalutationReading {
  return Object.freeze({ gender: w.gender, neutral: w.neutral ?? false, honorific: w.honorific ?? '', language: w.language ?? '' });
}

function read(cell: string): SalutationReading {
  const key = foldForKey(cell);
  if (key === '') return UNKNOWN;
  const whole = WHOLE.get(key) ?? WORDS.get(key);
  if (whole) return reading(whole);
  const tokens = key.split(' ');
  // "m w d", "w m": a gender column's placeholder for everyone.
  if (tokens.every((t) => t.length === 1)) return UNKNOWN;
  let i = 0;
  while (i < tokens.length - 1 && GREETING.has(tokens[i])) i++;
  // "Sig.ra Rossi", "Sig.na Bianchi": Italian abbreviations that fold into two words.
  if (tokens[i] === 'sig' && (tokens[i + 1] === 'ra' || tokens[i + 1] === 'na')) return reading(f());
  const first = WORDS.get(tokens[i]) ?? (tokens[i] === 'm' ? m('fr') : undefined);
  if (!first) return UNKNOWN;
  for (let k = i + 1; k < tokens.length; k++) {
    if (JOINING.has(tokens[k])) return UNKNOWN;
    const other = WORDS.get(tokens[k]);
    // "Herr Frau", "Mr Mrs": two people, or a form nobody filled in.
    if (other && (other.gender !== first.gender || Boolean(other.neutral) !== Boolean(first.neutral))) return UNKNOWN;
  }
  return reading(first);
}

// A list has a handful of salutation spellings: read each once, not once per row.
const memo = new Map<string, SalutationReading>();

/** What a salutation cell says (see the module comment); never throws. */
export function readSalutation(cell: string): SalutationReading {
  if (typeof cell !== 'string' || cell === '') return UNKNOWN;
  let r = memo.get(cell);
  if (r === undefined) {
    r = read(cell);
    if (memo.size >= 1000) memo.clear();
    memo.set(cell, r);
  }
  return r;
}

/** 'm', 'f' or '' from a salutation cell. */
export function genderOf(salutation: string): Gender {
  return readSalutation(salutation).gender;
}

/**
 * Where a row's gender came from (classify's gender_status):
 *   salutation   the salutation cell, or a salutation word in the name fields ("Herr Thomas")
 *   given        the row's own gender column ("female", "w", "M"), written as m / f
 *   neutral      a neutral form (Divers, Mx) in either: gender ''
 *   conflict     the gender column and the salutation disagree ("female" beside "Herr"): the
 *                letter names no gender, the gender column keeps the list's value (as m / f)
 *   unreadable   the gender column holds something no gender is read from ("unbekannt", "3"):
 *                kept as it is
 *   ''           no gender anywhere
 */
export const GENDER_STATUSES = ['salutation', 'given', 'neutral', 'conflict', 'unreadable', ''] as const;
export type GenderStatus = (typeof GENDER_STATUSES)[number];

export interface RowGender {
  /** The gender column's value: m, f, '' (neutral or unknown), or an unreadable given value as is. */
  gender: string;
  status: GenderStatus;
  /** What the letter salutation goes by: no gender on a conflict. */
  letter: SalutationReading;
}

function known(r: SalutationReading): boolean {
  return r.gender !== '' || r.neutral;
}

/**
 * A row's gender from what its salutation says (the cell, else a salutation word in the name
 * fields) and its own gender column. `keepColumn` (classify.keep_existing): the column's value
 * is the list's and stays, written as m / f when it reads as one; otherwise the salutation's
 * reading is written. Either way a column that disagrees with the salutation is a conflict.
 */
export function rowGender(salutation: SalutationReading, column: string, keepColumn: boolean): RowGender {
  const cell = typeof column === 'string' ? column.trim() : '';
  // "-", "?", "": nothing the list says.
  const given = foldForKey(cell) === '' ? '' : cell;
  const col = given === '' ? UNKNOWN : readSalutation(given);
  const conflict = known(salutation) && known(col) && (salutation.gender !== col.gender || salutation.neutral !== col.neutral);
  const letter = conflict ? reading({ gender: '', language: salutation.language }) : known(salutation) ? salutation : col;
  if (keepColumn && given !== '') {
    if (!known(col)) return { gender: given, status: 'unreadable', letter };
    return { gender: col.gender, status: conflict ? 'conflict' : col.neutral ? 'neutral' : 'given', letter };
  }
  if (conflict) return { gender: '', status: 'conflict', letter };
  const from = known(salutation) ? salutation : col;
  const status: GenderStatus = !known(from) ? (given !== '' ? 'unreadable' : '') : from.neutral ? 'neutral' : from === salutation ? 'salutation' : 'given';
  return { gender: from.gender, status, letter };
}
