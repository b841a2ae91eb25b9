/**
 * Person names as the matcher compares them. Lists put titles and salutations into the name
 * fields ("Dr. Thomas", "Müller MBA", "Herr Dipl.-Ing. Thomas Müller" in full_name), abbreviate
 * given names ("T.", "H.-P.") and write double surnames in part. This module reduces a row to the
 * folded given names and surname tokens; src/person does the splitting.
 */
import { foldForKey } from '../text/fold.js';
import { splitFullName } from '../person/name-split.js';
import type { Row } from '../table.js';

export interface PersonName {
  /** Folded given names: "hans peter". */
  first: string;
  /** First given name: "hans". */
  firstToken: string;
  /** The given name is only an initial ("T.", "H.-P."). */
  initialOnly: boolean;
  /** Folded surname: "mueller luedenscheidt", "von der heide". */
  last: string;
  /** 'm', 'f' or '' from the salutation. */
  gender: '' | 'm' | 'f';
}

/** Name particles that are left out when parts of surnames are compared ("von der Heide" ~ "Heide"). */
export const PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'zu', 'zum', 'zur', 'vom', 'ten', 'ter', 'y']);

const MEMO_LIMIT = 200_000;
const fieldMemo = new Map<string, string>();

/** One name field without salutation and academic titles, folded: "Dr. Thomas" → "thomas". */
export function foldNameField(value: string): string {
  if (!value) return '';
  const hit = fieldMemo.get(value);
  if (hit !== undefined) return hit;
  let text = value;
  // Only fields that may hold a title or salutation go through the splitter.
  if (/[.,]|\s/.test(value.trim())) {
    const p = splitFullName(value);
    const rest = `${p.first_name} ${p.last_name}`.trim();
    if (rest) text = rest;
  }
  const out = foldForKey(text);
  if (fieldMemo.size >= MEMO_LIMIT) fieldMemo.clear();
  fieldMemo.set(value, out);
  return out;
}

const GENDER: Record<string, 'm' | 'f'> = {
  herr: 'm', herrn: 'm', hr: 'm', mr: 'm', sir: 'm', monsieur: 'm', m: 'm', signor: 'm', male: 'm', maennlich: 'm', mann: 'm',
  frau: 'f', fr: 'f', mrs: 'f', ms: 'f', miss: 'f', madame: 'f', mme: 'f', signora: 'f', female: 'f', weiblich: 'f', w: 'f', f: 'f',
};

// A list has a handful of salutation spellings: fold each once, not once per row.
const genderMemo = new Map<string, '' | 'm' | 'f'>();

export function genderOf(salutation: string): '' | 'm' | 'f' {
  if (!salutation) return '';
  let g = genderMemo.get(salutation);
  if (g === undefined) {
    g = GENDER[foldForKey(salutation)] ?? '';
    if (genderMemo.size >= 1000) genderMemo.clear();
    genderMemo.set(salutation, g);
  }
  return g;
}

export function personName(row: Row): PersonName {
  let first = foldNameField(row.first_name ?? '');
  let last = foldNameField(row.last_name ?? '');
  let gender = genderOf(row.salutation ?? '');
  if (first === '' && last === '' && row.full_name) {
    const p = splitFullName(row.full_name);
    first = foldForKey(p.first_name);
    last = foldForKey(p.last_name);
    if (!gender) gender = genderOf(p.salutation);
  }
  const sp = first.indexOf(' ');
  const firstToken = sp === -1 ? first : first.slice(0, sp);
  // "t", "h p": every given name is a single letter.
  const initialOnly = first !== '' && first.split(' ').every((t) => t.length === 1);
  return { first, firstToken, initialOnly, last, gender };
}

/** Surname tokens without particles ("von der heide" → ["heide"]); all tokens if only particles. */
export function surnameCore(last: string): string[] {
  if (!last) return [];
  const tokens = last.split(' ');
  const core = tokens.filter((t) => !PARTICLES.has(t));
  return core.length ? core : tokens;
}
