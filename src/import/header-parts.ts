/**
 * The parts of an export header: CRMs and mail programs write one field several times, once per
 * address or phone block ("Business Street", "Home Street", "Straße geschäftlich", "Mailing
 * City", "Address 1: City", "Phone - Work"), numbered ("E-mail 2 Address", "Street 2"), under
 * an object ("Organization - Name", "Account.Name") or as API names ("MailingPostalCode",
 * "address1_line1"). parseHeader takes those qualifiers off and leaves the base ("Street",
 * "City", "Phone") that the synonym table knows.
 *
 * Pure: words only, no values.
 */
import { foldForCompare } from '../text/fold.js';

/**
 * The block a header belongs to, best first (BLOCK_RANK): a B2B list wants the business
 * address; the contact's mailing address and the company's billing address come next; private,
 * shipping and other blocks are kept as their own columns.
 */
export type Block = 'business' | '' | 'mailing' | 'company' | 'billing' | 'home' | 'shipping' | 'other';

export const BLOCK_RANK: Record<Block, number> = { business: 0, '': 1, mailing: 2, company: 3, billing: 4, home: 5, shipping: 6, other: 7 };

export interface HeaderParts {
  /** The words left once qualifiers are off, space-joined ("street", "postal code"). */
  base: string;
  block: Block;
  /** A number that makes it a second or third value ("Street 2", "E-Mail 2: Adresse"); 0 when none. */
  index: number;
  /** The header names an organisation's field ("Organization - Name", "Account.Name"). */
  company: boolean;
  /** A phone header qualified as mobile ("Phone - Mobile", "Telefon (mobil)"). */
  mobile: boolean;
  /** Qualifier words were taken off: the base alone is not the header. */
  qualified: boolean;
}

/** Block words in English, German and French (folded: umlauts as ae/oe/ue, accents off). */
const BLOCK_WORDS = new Map<string, Block>([
  ['business', 'business'], ['work', 'business'], ['office', 'business'], ['main', 'business'],
  ['geschaeftlich', 'business'], ['dienstlich', 'business'], ['buero', 'business'],
  ['professionnel', 'business'], ['professionnelle', 'business'], ['pro', 'business'], ['travail', 'business'],
  ['primary', ''], ['haupt', ''], ['principal', ''], ['principale', ''],
  ['mailing', 'mailing'],
  ['billing', 'billing'], ['invoice', 'billing'], ['rechnung', 'billing'], ['rechnungs', 'billing'],
  ['rechnungsadresse', 'billing'], ['rechnungsanschrift', 'billing'], ['facturation', 'billing'],
  ['home', 'home'], ['personal', 'home'], ['private', 'home'], ['residential', 'home'], ['privat', 'home'],
  ['domicile', 'home'], ['personnel', 'home'], ['personnelle', 'home'], ['prive', 'home'], ['privee', 'home'],
  ['shipping', 'shipping'], ['delivery', 'shipping'], ['liefer', 'shipping'], ['lieferadresse', 'shipping'],
  ['lieferanschrift', 'shipping'], ['livraison', 'shipping'],
  ['other', 'other'], ['alt', 'other'], ['alternate', 'other'], ['alternative', 'other'], ['secondary', 'other'],
  ['additional', 'other'], ['weitere', 'other'], ['weiterer', 'other'], ['weiteres', 'other'], ['weiteres/r', 'other'],
  ['weiteres/e', 'other'], ['weitere/r', 'other'], ['andere', 'other'], ['anderer', 'other'], ['anderes', 'other'],
  ['zweite', 'other'], ['autre', 'other'], ['secondaire', 'other'],
]);

/** Words naming the record a field belongs to, in front ("Person - Email", "Organization - Name"). */
const PERSON_OBJECTS = new Set(['person', 'contact', 'kontakt', 'lead', 'people']);
const COMPANY_OBJECTS = new Set(['organization', 'organisation', 'org', 'company', 'account', 'unternehmen', 'societe', 'entreprise']);

/** Words that make a phone a mobile one. */
const MOBILE_WORDS = new Set(['mobile', 'mobil', 'cell', 'cellular', 'handy', 'portable']);

/** French joiners between a field and its block ("Adresse de facturation", "Téléphone du domicile"). */
const JOINERS = new Set(['de', 'du', 'des', 'd']);

const MAX_HEADER = 200;

/**
 * The header's words: API names split at their capitals and digits ("MailingPostalCode",
 * "address1_line1"), a Salesforce custom field's `__c` dropped, punctuation a separator except
 * the slash inside a word ("Land/Region", "Weiteres/r").
 */
export function headerWords(header: string): string[] {
  // No real header is longer; a mangled header line (binary input, an unclosed quote) is cut
  // here so that the camel-case split below stays linear.
  const spaced = header
    .slice(0, MAX_HEADER)
    .replace(/__c$/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2');
  // The way BLOCK_WORDS are written: lower case, umlauts spelt out, accents off.
  return foldForCompare(spaced)
    .split(/[^a-z0-9/']+/)
    .map((w) => w.replace(/^[/']+|[/']+$/g, '').replace(/'s$/, 's'))
    .filter(Boolean);
}

export function parseHeader(header: string): HeaderParts {
  // Parenthesised detail qualifies, never names: "Telefon (mobil)", "Revenue (USD)", "Employees (All Sites)".
  const detail = [...header.matchAll(/\(([^)]*)\)/g)].flatMap((m) => headerWords(m[1]));
  const words = headerWords(header.replace(/\([^)]*\)/g, ' '));
  const out: HeaderParts = { base: '', block: '', index: 0, company: false, mobile: false, qualified: detail.length > 0 };
  let blockSeen = false;
  const setBlock = (b: Block) => {
    // Two block words ("Company Main Phone"): the better one.
    if (!blockSeen || BLOCK_RANK[b] < BLOCK_RANK[out.block]) out.block = b;
    blockSeen = true;
    out.qualified = true;
  };

  // "Address 1: City", "address2_line1": the numbered address blocks of Dynamics and others.
  if (words.length > 2 && (words[0] === 'address' || words[0] === 'adresse') && /^[1-9]$/.test(words[1])) {
    setBlock(words[1] === '1' ? '' : 'other');
    words.splice(0, 2);
  }
  // The object in front: "Person - Email", "Organization - Name", "Account.Name".
  if (words.length > 1 && (PERSON_OBJECTS.has(words[0]) || COMPANY_OBJECTS.has(words[0]))) {
    out.company = COMPANY_OBJECTS.has(words[0]);
    words.shift();
    out.qualified = true;
  }
  // A header that is one word ("Privat", "Mobile") names itself, it qualifies nothing.
  const alone = words.length === 1;
  const rest: string[] = [];
  const qualify = (w: string, own: boolean): void => {
    const block = BLOCK_WORDS.get(w);
    if (block !== undefined && !alone) setBlock(block);
    else if (/^[1-9]$/.test(w) && out.index === 0) {
      out.index = Number(w);
      out.qualified = true;
    } else if (MOBILE_WORDS.has(w) && !alone) {
      out.mobile = true;
      out.qualified = true;
    } else if (own) rest.push(w);
  };
  for (const w of words) qualify(w, true);
  for (const w of detail) qualify(w, false);
  // "Adresse de facturation": the joiner went with its block word.
  while (rest.length > 1 && JOINERS.has(rest[rest.length - 1])) rest.pop();
  out.base = rest.join(' ');
  if (out.company && !(blockSeen && BLOCK_RANK[out.block] < BLOCK_RANK.company)) out.block = 'company';
  return out;
}
