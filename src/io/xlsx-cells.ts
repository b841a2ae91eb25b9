/**
 * What a spreadsheet cell of an xlsx export holds. Rows flow between stages as text (every field
 * a string); only the workbook written for people gets typed cells, so that a score sorts as a
 * number and a created_at filters as a date. The type is decided per column, never per cell: a
 * column is numbers only when every value in it is a plain number, so one "1.000-4.999" keeps the
 * whole employees column text instead of leaving a mix that sorts in two runs.
 */

export type CellKind = 'text' | 'number' | 'date' | 'datetime';

/** Number formats of the date columns: ISO, read the same way in Vienna and in Boston. */
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/**
 * A plain number: optional minus, no leading zero, no thousands separator, `.` as the decimal
 * point, at most 15 significant digits (what an Excel number keeps exactly). "1.234,5" and
 * "1,234.5" stay text: which one is a thousand is the list's convention, not ours to guess.
 */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

export function isPlainNumber(v: string): boolean {
  return PLAIN_NUMBER.test(v) && v.replace(/^-?0*\.?/, '').replace('.', '').length <= 15;
}

/**
 * Columns that stay text whatever they hold: codes and identifiers, where 01067, +43… or a
 * 16-digit customer number must arrive as written. By the name's words, so that "PLZ",
 * "Kunden-Nr.", "vat_id", "phone_extension" and "region_code" all count.
 */
const TEXT_WORDS = new Set([
  'id', 'ids', 'nr', 'no', 'nummer', 'number', 'code', 'key', 'zip', 'plz', 'postcode', 'postleitzahl', 'postal', 'house',
  'phone', 'phones', 'tel', 'telefon', 'mobile', 'mobil', 'handy', 'fax', 'iban', 'bic', 'ean', 'gtin', 'sku', 'vat', 'uid',
  'record', 'source', 'version',
]);

export function isTextOnlyColumn(name: string): boolean {
  // customerId, Kunden-Nr., vat_id: camel case, punctuation and underscores all part words.
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9äöüß]+/).filter(Boolean);
  return words.some((w) => TEXT_WORDS.has(w) || /^(kunden|kd|tel|telefon|ruf|phone|mobil|handy|fax|haus|steuer|rechnungs|auftrags)(nr|nummer|no)$/.test(w));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A local date and time without a zone: one with an offset stays text (a zone is not ours to pick). */
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 date system, counting its phantom 29 February 1900. */
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** Before this, Excel's serials are off by the phantom leap day: such dates stay text. */
const FIRST_SAFE_MS = Date.UTC(1900, 2, 1);

/** The Excel serial of an ISO date or local date-time, or undefined if it is not one. */
export function excelSerial(v: string): number | undefined {
  const m = ISO_DATE.exec(v) ?? ISO_DATETIME.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? '0');
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const back = new Date(day);
  // 2026-02-30 is not a date: Date.UTC would roll it over into March.
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || day < FIRST_SAFE_MS || Number(y) > 9999) return undefined;
  return (day - EPOCH_MS) / DAY_MS + (Number(h) * 3600 + Number(mi) * 60 + Number(s)) / 86_400;
}

/** The kind of each column, from its name and every value in it (empty cells do not count). */
export function columnKinds(header: readonly string[], rows: readonly string[][]): CellKind[] {
  return header.map((name, j) => {
    if (isTextOnlyColumn(name)) return 'text';
    let numbers = true;
    let dates = true;
    let times = false;
    let any = false;
    for (const r of rows) {
      const v = r[j];
      if (v === '' || v === undefined) continue;
      any = true;
      if (numbers && !isPlainNumber(v)) numbers = false;
      if (dates) {
        if (excelSerial(v) === undefined) dates = false;
        else if (v.length > 10) times = true;
      }
      if (!numbers && !dates) return 'text';
    }
    if (!any) return 'text';
    return numbers ? 'number' : times ? 'datetime' : 'date';
  });
}

/** Widest and narrowest column, in characters: a long note or reasons list wraps past this. */
const MAX_WIDTH = 60;
const MIN_WIDTH = 6;
/** Room for the autofilter's drop-down button beside the header text. */
const FILTER_BUTTON = 3;

/** Column widths from the longest line of the header and the values (as a spreadsheet shows them). */
export function columnWidths(header: readonly string[], rows: readonly string[][], kinds: readonly CellKind[]): number[] {
  return header.map((name, j) => {
    let widest = longestLine(name) + FILTER_BUTTON;
    if (kinds[j] === 'date') widest = Math.max(widest, DATE_FORMAT.length);
    else if (kinds[j] === 'datetime') widest = Math.max(widest, DATETIME_FORMAT.length);
    else for (const r of rows) if (r[j] && r[j].length > widest - 1) widest = Math.max(widest, longestLine(r[j]) + 1);
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 1));
  });
}

function longestLine(s: string): number {
  if (!s.includes('\n')) return [...s].length;
  return Math.max(...s.split(/\r?\n/).map((l) => [...l].length));
}
