import { domainToASCII } from 'node:url';
import { BoundedMemo } from '../text/bounded-memo.js';

/**
 * The one reader of "the address in a cell", used by validate, dedupe, match and suppress alike
 * (ARCHITECTURE.md, "One owner per concept"), and the one match key they compare.
 *
 * What a cell may look like, and what is read from it:
 *   " MAX@FIRMA.DE "                    surrounding whitespace (and a BOM) goes      → max@firma.de
 *   "\"max@firma.de\"", "'max@firma.de'" surrounding quotes go (also “…”, „…“, «…»)
 *   "max@firma.de;", "max@firma.de,"     trailing (and leading) separators go
 *   "<max@firma.de>"                     angle brackets go
 *   "Max Mustermann <Max@Firma.de>"      a display name goes, quoted or not, with commas or not:
 *   "\"Mustermann, Max\" <max@firma.de>"  "Mustermann, Max <max@firma.de>" is one mailbox too
 *   "mailto:max@firma.de?subject=Hi"     mailto: / MAILTO: goes, with its query
 *   "a@x.de; b@y.de"                     several addresses: all are listed, the first is `address`,
 *                                        `multiple` says so; `text` stays the whole cell, so
 *                                        validate still calls such a cell invalid (syntax), as before
 * Case: the domain is always lower-cased. The local part is lower-cased too, in `text` and
 * `address` (what validate writes) and in the key: strictly it is case-sensitive, but no
 * mainstream provider tells "Max" from "max", and lead lists must compare addresses.
 * Unicode: the text is NFC-normalised (a decomposed "u + ¨" is "ü"). The domain stays as written
 * in `address` ("max@müller.de" is written back as such); the key uses its ASCII (punycode) form,
 * so "max@müller.de" and "max@xn--mller-kva.de" get the same key.
 */

/**
 * Inputs longer than this are no address and are not read further. An address has at most 254
 * characters; the margin leaves room for a display name or mailto: wrapper, and the cut keeps
 * pasted paragraphs from costing regex and normalisation time.
 */
export const MAX_INPUT_LENGTH = 512;

export interface EmailCell {
  /**
   * The cell read as one mailbox: trimmed, unquoted, unwrapped (display name, angle brackets,
   * mailto:), without trailing separators, NFC and lower-cased. This is what validate checks and
   * writes; a cell with several addresses or other words stays whole here (and fails the syntax
   * check). '' for an empty cell.
   */
  text: string;
  /** The address, `local@domain` as in `text`; the first one when the cell holds several; '' when there is none. */
  address: string;
  /** Every address in the cell, in order (usually just `address`). */
  addresses: readonly string[];
  /** More than one address in the cell: `address` is the first of them. */
  multiple: boolean;
}

const EMPTY: EmailCell = Object.freeze({ text: '', address: '', addresses: Object.freeze([]), multiple: false });

/** A cell that is nothing but an ASCII address (most cells): only lower-casing to do. */
const PLAIN = /^[a-z0-9._%+'-]+@[a-z0-9.-]+$/i;
const NON_ASCII = /[^\x00-\x7f]/;
const MAILTO = /^mailto:/i;
/** Something that may be one address: one "@" with text on both sides, no spaces, brackets or separators. */
const ADDRESS_SHAPE = /^[^\s@<>,;]+@[^\s@<>,;]+$/;
const EDGE_SEPARATORS = /^[\s,;]+|[\s,;]+$/g;
/** Opening quote → the closing quotes that may end it (German „…“ and „…”, French «…» and »…«). */
const QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '“”'],
  ['‚', '‘’'],
  ['‘', '’'],
  ['«', '»'],
  ['»', '«'],
]);

const isSeparator = (c: string) => c === ',' || c === ';';

/** Surrounding whitespace, separators and quotes, repeatedly: `"max@firma.de";` → max@firma.de. */
function strip(cell: string): string {
  let t = cell.trim();
  while (t !== '') {
    const first = t[0];
    const last = t[t.length - 1];
    if (isSeparator(first) || isSeparator(last)) {
      t = t.replace(EDGE_SEPARATORS, '');
      continue;
    }
    const close = t.length >= 2 ? QUOTES.get(first) : undefined;
    // Only a quote around everything: "\"max mustermann\"@firma.de" keeps its (invalid) quotes.
    if (close === undefined || !close.includes(last) || t.slice(1, -1).includes(first)) break;
    t = t.slice(1, -1).trim();
  }
  return t;
}

/** mailto: and its query off: "mailto:max@firma.de?subject=Hi" → "max@firma.de". */
function withoutMailto(text: string): string {
  if (!MAILTO.test(text)) return text;
  const rest = text.slice(7);
  const query = rest.indexOf('?');
  return (query >= 0 ? rest.slice(0, query) : rest).trim();
}

/**
 * One mailbox, unwrapped: "Name <a@b>", "\"Name\" <a@b>", "<a@b>", "<mailto:a@b>", "mailto:a@b".
 * An "@" before the last "<" means a second address ("a@x.de, <b@y.de>"): that text stays whole.
 */
function unwrapMailbox(stripped: string): string {
  let text = stripped;
  if (text.endsWith('>')) {
    const open = text.lastIndexOf('<');
    if (open >= 0 && !text.slice(0, open).includes('@')) text = strip(text.slice(open + 1, -1));
  }
  return withoutMailto(text);
}

function fold(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize('NFC') : text).toLowerCase();
}

/** The parts of a cell separated by "," or ";" outside quotes and angle brackets. */
function segments(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (!angle && (c === ',' || c === ';')) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * Every address in a cell that is not one mailbox: its ","/";"-separated parts that are mailboxes,
 * or, for a part like "a@x.de b@y.de", its space-separated words when every one is an address.
 * Parts that are no address (a stray word, "n/a") are passed over.
 */
function listedAddresses(text: string): string[] {
  const out: string[] = [];
  for (const part of segments(text)) {
    const one = fold(unwrapMailbox(strip(part)));
    if (one === '') continue;
    if (ADDRESS_SHAPE.test(one)) {
      out.push(one);
      continue;
    }
    const words = part.trim().split(/\s+/).map((w) => fold(unwrapMailbox(strip(w))));
    if (words.length > 1 && words.every((w) => ADDRESS_SHAPE.test(w))) out.push(...words);
  }
  return out;
}

/** Reads the address(es) in one cell; never throws (non-strings from untyped callers are empty). */
export function parseEmailCell(raw: string): EmailCell {
  if (typeof raw !== 'string' || raw === '') return EMPTY;
  if (raw.length <= MAX_INPUT_LENGTH && PLAIN.test(raw)) {
    const text = raw.toLowerCase();
    return { text, address: text, addresses: [text], multiple: false };
  }
  const stripped = strip(raw);
  if (stripped === '') return EMPTY;
  if (stripped.length > MAX_INPUT_LENGTH) return { text: stripped, address: '', addresses: [], multiple: false };
  const text = fold(unwrapMailbox(stripped));
  if (ADDRESS_SHAPE.test(text)) return { text, address: text, addresses: [text], multiple: false };
  if (!text.includes('@')) return { text, address: '', addresses: [], multiple: false };
  const addresses = listedAddresses(stripped);
  return { text, address: addresses[0] ?? '', addresses, multiple: addresses.length > 1 };
}

/** Splits at the last "@" (a quoted local part may contain one); null without both halves. */
export function splitAddress(text: string): { local: string; domain: string } | null {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return null;
  return { local: text.slice(0, at), domain: text.slice(at + 1) };
}

const ASCII_DOMAIN = /^[a-z0-9.-]+$/;
/** IDN → punycode once per distinct domain (bounded: a list may hold millions of domains). */
const asciiMemo = new BoundedMemo<string>(100_000, (domain) => domainToASCII(domain) || domain);

/**
 * The ASCII (punycode) form of a lower-cased domain, for keys: "müller.de" → "xn--mller-kva.de",
 * "ｆｉｒｍａ.de" → "firma.de". A domain node:url cannot convert is kept as it is.
 */
export function asciiDomain(domain: string): string {
  return ASCII_DOMAIN.test(domain) && !domain.includes('xn--') ? domain : asciiMemo.get(domain);
}

const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/**
 * The key of one address (as `parseEmailCell` reads it), under which two spellings of one mailbox
 * compare equal: the domain in ASCII form; "name+tag" as "name" (sub-addressing: Gmail, Outlook,
 * iCloud, Posteo, Google Workspace, Microsoft 365 and most company mail servers deliver it to
 * "name"; a leading "+" is no tag); at Gmail, dots in the local part ignored and googlemail.com
 * read as gmail.com. Idempotent: the key of a key is the key.
 */
function addressKey(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return '';
  const written = address.slice(at + 1);
  const domain = asciiDomain(written);
  const plus = address.indexOf('+');
  const end = plus > 0 && plus < at ? plus : at;
  if (GMAIL_DOMAINS.has(domain)) {
    const local = address.slice(0, end);
    return `${local.replace(/\./g, '') || local}@gmail.com`;
  }
  return end === at && domain === written ? address : `${address.slice(0, end)}@${domain}`;
}

/**
 * The match key of a cell: what dedupe, match and suppress compare, never written back to a row.
 * The key of the cell's (first) address; '' when the cell holds no address ("", "n/a",
 * "max mustermann@firma.de"), so that placeholders never make two rows look alike.
 */
export function emailMatchKey(raw: string): string {
  // The common case without building a parse result: a bare ASCII address.
  if (typeof raw === 'string' && raw.length <= MAX_INPUT_LENGTH && PLAIN.test(raw)) return addressKey(raw.toLowerCase());
  const { address } = parseEmailCell(raw);
  return address === '' ? '' : addressKey(address);
}

/** The match keys of every address in a cell, in order and without repeats (suppress checks each). */
export function emailMatchKeys(raw: string): string[] {
  const { addresses } = parseEmailCell(raw);
  if (addresses.length === 1) return [addressKey(addresses[0])];
  return [...new Set(addresses.map(addressKey))];
}
