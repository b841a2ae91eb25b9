/**
 * Whether a record tonight is the record the state knows, when record ids are positions
 * (`<source>:<row>`): a vendor that drops one row shifts the ids of every row after it, and a
 * list delivered under a new file name (vendor-2026-11-23.csv) gives every row a new id. So the
 * state keeps, per record, three short hashes of who it is: the email (its match key), the phone
 * (the key of phone, else mobile) and the name (folded for keys). Only hashes of them are kept.
 *
 * - Same id and the same name: the same record (its email or number may change). Colleagues
 *   share an office line or an info@ address, so a shared phone or email alone never says two
 *   rows are one person: without the name it is another record at that id (a shift).
 * - Neither side has a name: the same email or phone decides (nothing else to tell them apart).
 * - A record the state does not know by id (or that failed the check) is looked for by email and
 *   name, then by phone and name, among the state's records not claimed tonight. When records of
 *   more than one person fit (and the phone does not tell them apart), none is taken (links.ts
 *   counts it as ambiguous): guessing would swap two people.
 */
import { emailMatchKey } from '../email/index.js';
import { phoneKey } from '../phone/index.js';
import { foldForKey } from '../text/fold.js';
import type { Row } from '../table.js';

/** email, phone, name: a 52-bit hash each, 0 for none. */
export type Identity = [number, number, number];

/** A 52-bit hash of a string (two FNV-1a passes with different seeds, mixed), never 0. */
export function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return finish52(a, b);
}

/**
 * hash52 of a row's cells in the order of `columns`, each followed by a separator (a missing
 * cell reads as blank), without joining them into one string first: it runs for every row.
 */
export function hashCells(row: Readonly<Row>, columns: readonly string[]): number {
  const cells = scratchCells;
  cells.length = columns.length;
  for (let k = 0; k < columns.length; k++) cells[k] = row[columns[k]] ?? '';
  return hashValues(cells);
}

/** hashCells' cells, one array reused (it is called for every row, and never re-entered). */
const scratchCells: string[] = [];

/** hashCells of the cells a row reader read (the same number: a missing cell reads as blank in both). */
export function hashValues(values: readonly string[]): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x01000193) ^ (b >>> 15);
  }
  return finish52(a, b);
}

/** The two FNV-1a lanes, mixed into a 52-bit number, never 0. */
function finish52(a: number, b: number): number {
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 13;
  const h = (b >>> 12) * 2 ** 32 + (a >>> 0);
  return h === 0 ? 1 : h;
}

const keyHash = (key: string) => (key === '' ? 0 : hash52(key));

/** Who a record is, from its row as import made it (raw cells are read by their owners). */
export function recordIdentity(row: Readonly<Row>): Identity {
  const country = row.country ?? '';
  const phone = phoneKey(row.phone ?? '', country) || phoneKey(row.mobile ?? '', country);
  const name = foldForKey(row.first_name || row.last_name ? `${row.first_name ?? ''} ${row.last_name ?? ''}` : (row.full_name ?? ''));
  return [keyHash(emailMatchKey(row.email ?? '')), keyHash(phone), keyHash(name)];
}

/**
 * A hash of the cells recordIdentity reads: while it is last night's, so is the identity, and
 * the phone numbers need not be parsed again (most of the cost of an identity).
 */
export function identityInputs(row: Readonly<Row>): number {
  return hashCells(row, IDENTITY_CELLS);
}

/** The cells recordIdentity reads. */
const IDENTITY_CELLS = ['email', 'phone', 'mobile', 'country', 'first_name', 'last_name', 'full_name'];

/**
 * Same record at the same id: the name is alike, or neither has a name and the email or phone is
 * alike, or either side has none of the three (nothing to tell them apart).
 */
export function sameRecord(a: Readonly<Identity>, b: Readonly<Identity>): boolean {
  if ((a[0] === 0 && a[1] === 0 && a[2] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0)) return true;
  if (a[2] !== b[2]) return false;
  if (a[2] !== 0) return true;
  return (a[0] !== 0 && a[0] === b[0]) || (a[1] !== 0 && a[1] === b[1]);
}

/** Whether two records have the same name, or both none (the name must agree for a link by email or phone). */
export const sameName = (a: Readonly<Identity>, b: Readonly<Identity>): boolean => a[2] === b[2];

/** Two hex digits per byte value, and one per nibble. */
const HEX2 = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const HEX1 = Array.from({ length: 16 }, (_, b) => b.toString(16));

/**
 * One hash as 13 hex digits: the high 20 bits, then the low 32, a byte at a time from tables
 * (the state writes five per record; toString(16) and padding cost several times more).
 */
export function hex52(h: number): string {
  if (h === 0) return '';
  const hi = Math.floor(h / 2 ** 32);
  // ToUint32 of an integer below 2^53 is the integer modulo 2^32: its low 32 bits.
  const lo = h >>> 0;
  return HEX1[hi >>> 16] + HEX2[(hi >>> 8) & 255] + HEX2[hi & 255] + HEX2[lo >>> 24] + HEX2[(lo >>> 16) & 255] + HEX2[(lo >>> 8) & 255] + HEX2[lo & 255];
}

/**
 * As written in the records file: three 13-digit hex numbers joined by '.', '' for none; then,
 * when given, a fourth: the hash of the cells the identity was made from (identityInputs), so the
 * next night need not parse an unchanged record's phone numbers again.
 */
export function formatIdentity(id: Readonly<Identity>, inputs = 0): string {
  const three = `${hex52(id[0])}.${hex52(id[1])}.${hex52(id[2])}`;
  return inputs === 0 ? three : `${three}.${hex52(inputs)}`;
}

/** The identity of a records-file cell; undefined when it is not one. */
export function parseIdentity(cell: string): Identity | undefined {
  return parseIdentityCell(cell)?.identity;
}

/** A records-file cell: the identity, and the hash of its cells (0 when the cell has none: a state of an earlier version). */
export function parseIdentityCell(cell: string): { identity: Identity; inputs: number } | undefined {
  // Three or four parts joined by '.', each '' or 13 lower-case hex digits. Read by hand, not
  // split and matched: the state's records file has one such cell per record.
  const out = [0, 0, 0, 0];
  const n = cell.length;
  let part = 0;
  let at = 0;
  for (;;) {
    if (at < n && cell.charCodeAt(at) !== DOT) {
      if (at + 13 > n) return undefined;
      const h = hex13At(cell, at);
      if (h < 0) return undefined;
      out[part] = h;
      at += 13;
    }
    if (at === n) break;
    if (cell.charCodeAt(at) !== DOT || part === 3) return undefined;
    part++;
    at++;
  }
  if (part < 2) return undefined;
  return { identity: [out[0], out[1], out[2]], inputs: out[3] };
}

const DOT = 46;

/** A hash written by hex52: 13 lower-case hex digits, or '' for 0; undefined for anything else. */
export function parseHex52(cell: string): number | undefined {
  if (cell === '') return 0;
  if (cell.length !== 13) return undefined;
  const h = hex13At(cell, 0);
  return h < 0 ? undefined : h;
}

/** The 13 hex digits of hex52 at `at` of `s` as their number, -1 when they are not. */
function hex13At(s: string, at: number): number {
  let hi = 0;
  let lo = 0;
  for (let k = 0; k < 13; k++) {
    const d = hexDigit(s.charCodeAt(at + k));
    if (d < 0) return -1;
    if (k < 5) hi = hi * 16 + d;
    else lo = lo * 16 + d;
  }
  return hi * 2 ** 32 + lo;
}

/** The value of a lower-case hex digit's char code, -1 for any other. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
