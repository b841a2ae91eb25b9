/**
 * Person names as the matcher compares them. Lists put titles and salutations into the name
 * fields ("Dr. Thomas", "Müller MBA", "Herr Dipl.-Ing. Thomas Müller" in full_name), abbreviate
 * given names ("T.", "H.-P.") and write double surnames in part. This module reduces a row to the
 * folded given names and surname tokens; src/person does the splitting.
 */
import { foldForKey } from '../text/fold.js';
import { splitFullName } from '../person/name-split.js';
// The salutation's gender: src/person/gender.ts reads it for every command.
import { genderOf } from '../person/gender.js';
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

/**
 * One name field without salutation and academic titles, folded: "Dr. Thomas" → "thomas". A
 * maiden or other former surname joins the surname as a second part ("Müller (geb. Schmidt)",
 * "Müller geb. Schmidt", "Jones née Smith" → "mueller schmidt", "jones smith"), as a double
 * surname does, so either name alone agrees in part. A character lost in an export ("M?ller",
 * "M\uFFFDller" from a Windows-1252 or ASCII conversion) stays in the folded name as "?"
 * ("m?ller"), which the comparators read as any one letter.
 */
export function foldNameField(value: string): string {
  if (!value) return '';
  const hit = fieldMemo.get(value);
  if (hit !== undefined) return hit;
  const { rest, former } = splitFormerSurname(value);
  let text = rest;
  // Only fields that may hold a title or salutation go through the splitter.
  if (/[.,]|\s/.test(rest.trim())) {
    const p = splitFullName(rest);
    const joined = `${p.first_name} ${p.last_name}`.trim();
    if (joined) text = joined;
  }
  const out = joinNames(foldKeepingLost(text), foldKeepingLost(former));
  if (fieldMemo.size >= MEMO_LIMIT) fieldMemo.clear();
  fieldMemo.set(value, out);
  return out;
}

function joinNames(a: string, b: string): string {
  return a && b ? `${a} ${b}` : a || b;
}

/**
 * Words that introduce another surname of the same person: the birth name (geb., geborene,
 * née, born, z domu) or a later one (verh., verw., gesch.). Each counts only between two
 * names, so "Max Born" stays a surname.
 */
const FORMER_NAME = new Set(['geb', 'geborene', 'geborener', 'geborenen', 'nee', 'née', 'né', 'nata', 'born', 'verh', 'verheiratete', 'verw', 'verwitwete', 'gesch', 'geschiedene']);
/** A quick test that rules out nearly every value before it is split into words. */
const FORMER_HINT = /[\s(\[,](?:geb(?:orene[rn]?)?|n[eé]e?|nata|born|verh(?:eiratete)?|verw(?:itwete)?|gesch(?:iedene)?|z)[\s.:]/i;

/**
 * "Müller (geb. Schmidt)" → { rest: "Müller", former: "Schmidt" }; "Kowalska z domu Nowak" →
 * { rest: "Kowalska", former: "Nowak" }. A marker needs a name before it and one after it;
 * without one the value is returned whole as rest.
 */
export function splitFormerSurname(value: string): { rest: string; former: string } {
  if (!FORMER_HINT.test(value)) return { rest: value, former: '' };
  const tokens = value.split(/\s+/).filter(Boolean);
  for (let k = 1; k < tokens.length - 1; k++) {
    const raw = tokens[k];
    const word = raw.replace(/^[(\[]+/, '').replace(/[.:,]+$/, '').toLowerCase();
    let skip = 1;
    if (word === 'z' && /^(domu|d\.?)$/i.test(tokens[k + 1])) {
      // Polish "z domu" / "z d." (born).
      if (k + 2 >= tokens.length) continue;
      skip = 2;
    } else if (!FORMER_NAME.has(word)) continue;
    const before = tokens.slice(0, k);
    const opened = raw.startsWith('(') || raw.startsWith('[');
    // The former name runs to the closing bracket, or to the end.
    const after = tokens.slice(k + skip);
    let end = after.length;
    if (opened) {
      const close = after.findIndex((t) => /[)\]]/.test(t));
      if (close !== -1) end = close + 1;
    }
    const former = after
      .slice(0, end)
      .join(' ')
      .replace(/[()[\]]/g, ' ')
      .trim();
    const rest = [...before, ...after.slice(end)]
      .join(' ')
      .replace(/[,;]\s*$/, '')
      .trim();
    if (!/\p{L}/u.test(former) || !/\p{L}/u.test(rest)) continue;
    return { rest, former };
  }
  return { rest: value, former: '' };
}

const LOST = /[?\uFFFD]/;
/** A "?" or U+FFFD next to a letter (or to another one): a letter the export could not write. */
const LOST_IN_WORD = /(?<=[\p{L}\p{M}?\uFFFD])[?\uFFFD]|[?\uFFFD](?=[\p{L}?\uFFFD])/u;
const LOST_IN_WORD_ALL = new RegExp(LOST_IN_WORD.source, 'gu');
const EDGE_SEPARATOR_START = /^[^\p{L}\p{N}\p{M}]/u;
const EDGE_SEPARATOR_END = /[^\p{L}\p{N}\p{M}]$/u;

/**
 * foldForKey (src/text/fold.ts) that keeps lost characters as "?": "M?ller" → "m?ller",
 * "J\uFFFDrgen" → "j?rgen". A "?" that touches no letter ("Thomas ?") is punctuation as before,
 * and a word of lost characters alone ("??") is dropped.
 */
export function foldKeepingLost(text: string): string {
  if (!text) return '';
  if (!LOST.test(text) || !LOST_IN_WORD.test(text)) return foldForKey(text);
  const pieces = text.split(LOST_IN_WORD_ALL);
  let out = '';
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    const f = foldForKey(p);
    if (f === '') out += p === '' ? '' : ' ';
    else out += (EDGE_SEPARATOR_START.test(p) ? ' ' : '') + f + (EDGE_SEPARATOR_END.test(p) ? ' ' : '');
    if (k < pieces.length - 1) out += '?';
  }
  return out
    .split(' ')
    .filter((t) => t !== '' && !/^\?+$/.test(t))
    .join(' ');
}

export function personName(row: Row): PersonName {
  let first = foldNameField(row.first_name ?? '');
  let last = foldNameField(row.last_name ?? '');
  let gender = genderOf(row.salutation ?? '');
  if (first === '' && last === '' && row.full_name) {
    const { rest, former } = splitFormerSurname(row.full_name);
    const p = splitFullName(rest);
    first = foldKeepingLost(p.first_name);
    last = joinNames(foldKeepingLost(p.last_name), foldKeepingLost(former));
    if (!gender) gender = genderOf(p.salutation);
  }
  return { first, ...givenNameParts(first), last, gender };
}

/** The first given name of a folded given-name field, and whether every given name is an initial. */
export function givenNameParts(first: string): { firstToken: string; initialOnly: boolean } {
  const sp = first.indexOf(' ');
  // "t", "h p": every given name is a single letter.
  return { firstToken: sp === -1 ? first : first.slice(0, sp), initialOnly: first !== '' && first.split(' ').every((t) => t.length === 1) };
}

/** Surname tokens without particles ("von der heide" → ["heide"]); all tokens if only particles. */
export function surnameCore(last: string): string[] {
  if (!last) return [];
  const tokens = last.split(' ');
  const core = tokens.filter((t) => !PARTICLES.has(t));
  return core.length ? core : tokens;
}
