/**
 * A row's name as a letter addresses it: given names and surname cased for display, particles on
 * the surname, titles and salutation words that vendors leave inside the name fields taken out.
 *
 *   first_name "Dr. Thomas", last_name "MÜLLER"           → Thomas · Müller, titles "Dr."
 *   first_name "Richard von", last_name "Weizsäcker"       → Richard · von Weizsäcker
 *   last_name "Weizsäcker, von" / "Weizsäcker von"         → von Weizsäcker
 *   last_name "Von der Leyen" / "VON DER LEYEN"            → von der Leyen
 *   last_name "Müller, MBA" / "Prof. Dr. Schmidt"          → Müller / Schmidt, titles kept aside
 *   last_name "Müller, Thomas" (first_name empty or Thomas) → Thomas · Müller; beside another
 *                                                            first_name the name is unclear: no surname
 *   last_name "DI MAIO"                                    → Di Maio (in capitals DI is no title)
 *   full_name "Herr Dipl.-Ing. Thomas Müller" (no first/last) → src/person/name-split.ts splits it
 *
 * Casing: a field written all in capitals or all in small letters is cased by src/text's display
 * case ("O'BRIEN" → "O'Brien", "mcdonald" → "McDonald"), which is a guess and is reported
 * (`recased`); a field in mixed case is the writer's choice and stays. German particles (von,
 * vom, zu, zum, zur and what follows them: "von der", "von und zu") are written small whatever
 * the list wrote. Dutch rows follow the Dutch rule: the first particle takes a capital when no
 * given name or initial precedes it ("Mr Van der Berg", "De Vries"), and is small after one
 * ("Pieter van der Berg"). Other particles ("Van Damme" in Belgium, "De Luca", "Van Buren") stay
 * as written, since their case is part of the name.
 */
import { displayCase } from '../text/display-case.js';
import { isAllCaps } from '../text/case.js';
import { isParticle, isTitle, salutationWord, splitFullName } from './name-split.js';

export interface LetterName {
  /** Given names for display; '' when there are none or only initials ("T.", "H.-P."). */
  first: string;
  /** Surname with its particles as said after an honorific or title ("Herr von Weizsäcker", Dutch "Mr Van der Berg"); '' when there is none. */
  last: string;
  /** The same surname after the given name ("Pieter van der Berg"): differs from `last` for Dutch rows only. */
  lastAfterGiven: string;
  /** Titles found inside the name fields ("Dr.", "Prof. Dr."), for the title reader. */
  titles: string;
  /** A salutation word found inside the name fields ("Herr" in "Herr Thomas"), else ''. */
  salutation: string;
  /** The given names were in capitals (or all small) and cased for display: a guess. */
  firstRecased: boolean;
  /** The same for the surname. */
  lastRecased: boolean;
}

/** Cells that stand for "no name". */
const PLACEHOLDERS = new Set(['-', '--', '---', '.', '?', 'x', 'xx', 'xxx', 'n/a', 'n.a.', 'nn', 'n.n.', 'k.a.', 'k. a.', 'ka', 'keine angabe', 'unbekannt', 'unknown', 'none', 'null', 'nil', 'tbd', '#nv', '#n/a']);

/** Particles that German names write small after a salutation, and what may follow "von". */
const GERMAN_PARTICLES = new Set(['von', 'vom', 'zu', 'zum', 'zur']);
const GERMAN_FOLLOWERS = new Set(['der', 'dem', 'den', 'und', 'zu', 'zum', 'zur']);
const DUTCH_PARTICLES = new Set(['van', 'de', 'den', 'der', 'het', "'t", 'ter', 'ten', 'te', 'in']);

/** A word that is only an initial: "T.", "T", "H.-P.". */
const INITIAL = /^\p{L}\.?(?:-\p{L}\.?)*$/u;

function isPlaceholder(value: string): boolean {
  return !/\p{L}/u.test(value) || (value.length <= 12 && PLACEHOLDERS.has(value.toLowerCase()));
}

/**
 * DI is an Austrian title only in capitals in a field in mixed case: "Di Maio" starts with a
 * particle, and in a field in capitals ("DI MAIO") the particle cannot be told from the title.
 */
function isTitleWord(token: string, caps: boolean): boolean {
  return isTitle(token) && !(token.toLowerCase() === 'di' && (token !== 'DI' || caps));
}

interface Field {
  words: string[];
  titles: string[];
  salutation: string;
  /** Names after a comma that are neither titles nor particles ("Müller, Thomas"): given names, or another person. */
  afterComma?: string[];
}

/**
 * One name field without salutation words and titles in front, degrees behind, or a comma part
 * that holds only titles ("Müller, Dr.") or particles ("Weizsäcker, von"). Any other comma part
 * ("Müller, Thomas") is set aside in afterComma, cleaned the same way, for letterName to place. A
 * word that would leave the field empty stays: a surname "Herr" is a surname.
 */
function cleanField(value: string): Field {
  const out: Field = { words: [], titles: [], salutation: '' };
  // What a list adds in brackets or after "geb." ("Müller (geb. Schmidt)", "Meier (Vertrieb)",
  // "Jones née Smith") is no part of the name a letter says.
  let text = value
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\s(?:geb\.|geborene|née|nee)\s.*$/i, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '' || isPlaceholder(text)) return out;
  const caps = isAllCaps(text);
  const titleWord = (t: string) => isTitleWord(t, caps);
  let prefix: string[] = [];
  const comma = text.indexOf(',');
  if (comma !== -1) {
    const afterText = text.slice(comma + 1).trim();
    const after = afterText.split(' ').filter(Boolean);
    text = text.slice(0, comma).trim();
    if (after.length > 0 && after.every(titleWord)) out.titles.push(...after);
    else if (after.length > 0 && after.every(isParticle)) prefix = after;
    else if (after.length > 0) {
      const rest = cleanField(afterText);
      out.titles.push(...rest.titles);
      if (rest.salutation) out.salutation = rest.salutation;
      out.afterComma = [...rest.words, ...(rest.afterComma ?? [])];
    }
  }
  const words = text.split(' ').filter(Boolean);
  while (words.length > 1) {
    const sal = salutationWord(words[0]);
    if (sal && !out.salutation) out.salutation = sal;
    else if (!titleWord(words[0])) break;
    else out.titles.push(words[0]);
    words.shift();
  }
  while (words.length > 1 && titleWord(words[words.length - 1]) && !isParticle(words[words.length - 1]) && words[words.length - 1].replace(/\W/g, '').length > 1) {
    out.titles.unshift(words.pop() as string);
  }
  out.words = [...prefix, ...words];
  return out;
}

/** Display form of a name field and whether that was a guess. */
function cased(words: string[]): { text: string; recased: boolean } {
  const text = words.join(' ');
  if (!/\p{L}/u.test(text)) return { text: '', recased: false };
  // All small letters carries no more case than all capitals: both are cased by the same rules.
  if (isAllCaps(text) || !/\p{Lu}/u.test(text)) {
    const shown = displayCase(text.toUpperCase(), 'name');
    return { text: shown, recased: shown !== text };
  }
  return { text, recased: false };
}

/**
 * German particles small at the start of a surname; for Dutch rows Dutch ones too, the first with
 * a capital when `alone` (no given name before it: "Van der Berg") and small after one.
 */
function placeParticles(last: string, dutch: boolean, alone: boolean): string {
  const words = last.split(' ');
  if (words.length < 2) return last;
  const first = words[0].toLowerCase();
  let n = 0;
  let capital = false;
  if (GERMAN_PARTICLES.has(first)) {
    n = 1;
    while (n < words.length - 1 && GERMAN_FOLLOWERS.has(words[n].toLowerCase())) n++;
  } else if (dutch && DUTCH_PARTICLES.has(first)) {
    n = 1;
    while (n < words.length - 1 && DUTCH_PARTICLES.has(words[n].toLowerCase())) n++;
    // "'t Hart" keeps its small t: the capital goes on a particle that starts with a letter.
    capital = alone && /^\p{L}/u.test(first);
  }
  for (let i = 0; i < n; i++) words[i] = words[i].toLowerCase();
  if (capital) words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
  return words.join(' ');
}

/** Same words, whatever their case and dots ("Thomas" and "THOMAS"). */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  const key = (w: readonly string[]) => w.join(' ').toLowerCase().replace(/\./g, '');
  return key(a) === key(b);
}

export interface NameFields {
  first_name?: string;
  last_name?: string;
  full_name?: string;
}

/**
 * The letter name of a row. `dutch`: the row is Dutch (its country is NL), so Dutch particles are
 * written small too ("van der Berg").
 */
export function letterName(row: NameFields, dutch = false): LetterName {
  let firstField: Field;
  let lastField: Field;
  if ((row.first_name ?? '').trim() === '' && (row.last_name ?? '').trim() === '' && (row.full_name ?? '').trim() !== '') {
    const p = splitFullName(row.full_name as string);
    firstField = cleanField(p.first_name);
    lastField = cleanField(p.last_name);
    if (p.academic_title) lastField.titles.unshift(p.academic_title);
    if (p.salutation) lastField.salutation = p.salutation;
  } else {
    firstField = cleanField(row.first_name ?? '');
    lastField = cleanField(row.last_name ?? '');
    placeCommaParts(firstField, lastField);
  }
  // Particles the list left at the end of the given names belong to the surname ("Richard von").
  const fw = firstField.words;
  let moved: string[] = [];
  if (lastField.words.length > 0) {
    let k = fw.length;
    while (k > 1 && isParticle(fw[k - 1]) && (fw[k - 1] === fw[k - 1].toLowerCase() || isAllCaps(fw.join(' ')))) k--;
    moved = fw.splice(k);
    // "Richard von" + "von Weizsäcker": the list wrote the particle twice.
    const lead = lastField.words.slice(0, moved.length).map((w) => w.toLowerCase());
    if (moved.every((w, i) => w.toLowerCase() === lead[i])) moved = [];
  }
  // … and particles written after the surname without a comma ("Weizsäcker von der").
  const lw = lastField.words;
  let j = lw.length;
  while (j > 1 && isParticle(lw[j - 1]) && lw[j - 1] === lw[j - 1].toLowerCase()) j--;
  const trailing = lw.splice(j);
  const lastWords = [...moved, ...trailing, ...lw];

  const first = cased(fw);
  const last = cased(lastWords);
  const givenOk = first.text !== '' && !fw.every((w) => INITIAL.test(w));
  const surnameOk = last.text !== '' && !lastWords.every((w) => INITIAL.test(w)) && last.text.replace(/\P{L}/gu, '').length >= 2;
  return {
    first: givenOk ? first.text : '',
    last: surnameOk ? placeParticles(last.text, dutch, true) : '',
    lastAfterGiven: surnameOk ? placeParticles(last.text, dutch, false) : '',
    titles: [...firstField.titles, ...lastField.titles].join(' '),
    salutation: firstField.salutation || lastField.salutation,
    firstRecased: givenOk && first.recased,
    lastRecased: surnameOk && last.recased,
  };
}

/**
 * Names a field held after a comma: "Müller, Thomas" in last_name is surname and given name, so
 * an empty first_name takes "Thomas" and one that says "Thomas" already stays; beside another
 * first_name nobody can tell which is which, so the surname is not said. A first_name "Müller,
 * Thomas" with no last_name is read the same way; beside a last_name its comma part is dropped
 * and the given name not said.
 */
function placeCommaParts(first: Field, last: Field): void {
  const lastRest = last.afterComma;
  if (lastRest?.length) {
    if (first.words.length === 0 && !first.afterComma?.length) first.words = lastRest;
    else if (!sameWords(first.words, lastRest)) last.words = [];
  }
  const firstRest = first.afterComma;
  if (firstRest?.length) {
    if (last.words.length === 0 && !lastRest?.length) {
      last.words = first.words;
      first.words = firstRest;
    } else first.words = [];
  }
}
