/**
 * The one reader of dates for every command: match and dedupe (birth dates, `--compare F:date`),
 * survivorship (newest / oldest), score (decay, date rules), suppress (a consent date) and import
 * (birth year, month and day composed into birth_date). Dates become "YYYY-MM-DD"; a time, when
 * the value has one, is kept apart ("HH:MM:SS", with its zone when given).
 *
 * Forms (a time may follow any of them: "T14:30", " 14:30:05", ", 14:30 Uhr", " 2:30 PM", then
 * "Z", "UTC", "+02:00", "+0200"):
 *   iso           1980-12-24, 1980/12/24, 1980.12.24, 2024-03-01T14:05:00Z, 2024-03-01 14:05
 *   compact       19801224 (eight digits, a date that exists, year 1800–2100)
 *   dotted        24.12.1980, 1.3.24 — always day first (nobody writes month.day.year)
 *   slashed       24/12/1980, 12/24/1980, 3/4/85 — day or month first, see below
 *   dashed        24-12-1980, 12-24-1980 — read like slashed dates
 *   month_name    12 Dec 1980, 12-DEC-80, 12th December 1980, December 12, 1980, Dec. 12 1980,
 *                 12. Dezember 1980, 12. Dez. 1980, 3. Jänner 1985 (Austrian), with or without a
 *                 weekday in front ("Fri, 12 Dec 1980 10:00:00 +0000", "Freitag, 12. Dezember 1980")
 *   excel_serial  29221 = 1980-01-01 (the 1900 date system) — only when the column reads as
 *                 serials (see dateReadingOf): every value a whole number 10000–80000, so that a
 *                 postcode is never read as a date
 *
 * Day or month first: a slashed or dashed value whose first part is over 12 is day-first, one
 * whose second part is over 12 is month-first. A value that could be either is read the way its
 * column reads (dateReadingOf: a column with a day-first value is day-first, one with a
 * month-first value month-first); when the column does not decide, day-first unless the list's
 * country is the US. Such a reading is a guess, and says so (ParsedDate.guessed).
 *
 * Two-digit years: up to DEFAULT_PIVOT (30) are 20xx, the rest 19xx — the nearer century for a
 * birth date. Pass `pivot` for another rule (score keeps POSIX's 69: 00–69 are 2000–2069).
 */
import { normaliseCountry } from '../address/country.js';

export type DateForm = 'iso' | 'compact' | 'dotted' | 'slashed' | 'dashed' | 'month_name' | 'excel_serial';

/** The order of day and month in slashed and dashed dates. */
export type DayMonthOrder = 'dmy' | 'mdy';

/**
 * What decided a column's order: its own values (no guess), the list's country, or the
 * day-first default (both guesses).
 */
export type OrderSource = 'values' | 'country' | 'default';

/** How one column writes its dates (dateReadingOf), decided once for all its values. */
export interface DateReading {
  /** Day or month first, for slashed and dashed values that could be either. */
  order: DayMonthOrder;
  /** What decided `order`; anything but 'values' makes such readings guesses. */
  orderFrom: OrderSource;
  /** The column holds Excel serial day numbers (1900 date system). */
  excelSerial: boolean;
}

export interface DateContext {
  /** The column's reading (dateReadingOf); without it each value is read alone. */
  reading?: DateReading;
  /**
   * The list's country (ISO alpha-2 or a name), for values read alone: "US" reads an ambiguous
   * 03/04/1985 month-first, any other country (or none) day-first. Ignored when `reading` is set.
   */
  country?: string;
  /** Two-digit years up to this are 20xx, the others 19xx (default DEFAULT_PIVOT). */
  pivot?: number;
}

export interface ParsedDate {
  /** "YYYY-MM-DD". */
  date: string;
  year: number;
  month: number;
  day: number;
  /** "HH:MM:SS" when the value has a time. */
  time?: string;
  /** "Z" or "+HH:MM" / "-HH:MM" when the time has a zone. */
  zone?: string;
  form: DateForm;
  /** Day and month could be either way round and neither the value nor its column decided. */
  guessed: boolean;
}

/** Two-digit years up to 30 are 2000–2030, 31–99 are 1931–1999. */
export const DEFAULT_PIVOT = 30;
/** 00–69 are 2000–2069, 70–99 are 1970–1999: the Unix-epoch pivot score has always used. */
export const POSIX_PIVOT = 69;

export const DAY_MS = 86_400_000;

/** Countries that write month first: the US and its territories. */
const MONTH_FIRST_COUNTRIES = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

const EXCEL_MIN = 10_000;
const EXCEL_MAX = 80_000;
/** Serial 25569 is 1970-01-01; serials from 61 on skip Excel's phantom 1900-02-29. */
const EXCEL_EPOCH_OFFSET = 25_569;

// --- month and weekday names ---------------------------------------------------------------------

const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'januar', 'jänner', 'jaenner', 'janner', 'jän', 'jaen']],
  [2, ['february', 'feb', 'februar', 'feber']],
  [3, ['march', 'mar', 'märz', 'maerz', 'marz', 'mär', 'mrz']],
  [4, ['april', 'apr']],
  [5, ['may', 'mai']],
  [6, ['june', 'jun', 'juni']],
  [7, ['july', 'jul', 'juli']],
  [8, ['august', 'aug']],
  [9, ['september', 'sep', 'sept']],
  [10, ['october', 'oct', 'oktober', 'okt']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec', 'dezember', 'dez']],
];
const MONTHS = new Map<string, number>(MONTH_NAMES.flatMap(([n, names]) => names.map((s) => [s, n] as [string, number])));

const WEEKDAYS =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|' +
  'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|mo|di|mi|do|fr|sa|so';

/** The month a name or abbreviation means (English, German, Austrian; any case, with or without a dot); 0 for none. */
export function monthNumber(name: string): number {
  const k = name.trim().normalize('NFC').toLowerCase().replace(/\.$/, '');
  return MONTHS.get(k) ?? 0;
}

// --- the patterns --------------------------------------------------------------------------------

/** A time after the date, and its zone. Groups: hour, minute, second, am/pm, zone. */
const TIME = String.raw`(?:(?:\s*,\s*|\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(am|pm|a\.m\.|p\.m\.|uhr|h)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?`;
const END = String.raw`\s*$`;
const WEEKDAY = String.raw`(?:(?:${WEEKDAYS})\.?,?\s+)?`;

/** 1980-12-24, 24.12.1980, 24/12/1980, 24-12-80. Groups: a, separator, b, c, then TIME. */
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})${TIME}${END}`, 'i');
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^[1-9]\d{4}$/;
/** 12 Dec 1980, 12. Dezember 1980, 12-DEC-80, 12th of December, 1980. Groups: day, month, year, then TIME. */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:\.|st|nd|rd|th)?(?:\s*of)?[\s\-/]*([a-zäöü]{3,9})\.?[\s\-/,]*(\d{4}|\d{2})${TIME}${END}`,
  'i',
);
/** December 12, 1980, Dec. 12 1980. Groups: month, day, year, then TIME. */
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}([a-zäöü]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})${TIME}${END}`, 'i');

// --- building ------------------------------------------------------------------------------------

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** True for a calendar day that exists (year 1000–9999). */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** "YYYY-MM-DD" for a day that exists, else ''. */
export function formatDate(y: number, m: number, d: number): string {
  return isValidDate(y, m, d) ? `${y}-${pad2(m)}-${pad2(d)}` : '';
}

/** A year as written: four digits as they are, two digits by the pivot. */
export function fullYear(text: string, pivot = DEFAULT_PIVOT): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y <= pivot ? 2000 + y : 1900 + y;
}

function make(y: number, m: number, d: number, form: DateForm, guessed: boolean, t?: RegExpExecArray, at = 0): ParsedDate | undefined {
  if (!isValidDate(y, m, d)) return undefined;
  const out: ParsedDate = { date: `${y}-${pad2(m)}-${pad2(d)}`, year: y, month: m, day: d, form, guessed };
  if (t && t[at] !== undefined) {
    let h = Number(t[at]);
    const mi = Number(t[at + 1]);
    const s = Number(t[at + 2] ?? 0);
    const half = (t[at + 3] ?? '').toLowerCase().replace(/\./g, '');
    if (half === 'am' || half === 'pm') {
      if (h < 1 || h > 12) return undefined;
      h = (h % 12) + (half === 'pm' ? 12 : 0);
    }
    if (h > 23 || mi > 59 || s > 59) return undefined;
    out.time = `${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
    const zone = t[at + 4];
    if (zone !== undefined) {
      const z = zone.toUpperCase();
      if (z === 'Z' || z === 'UTC' || z === 'GMT') out.zone = 'Z';
      else {
        const hh = Number(z.slice(1, 3));
        const mm = z.length > 3 ? Number(z.slice(-2)) : 0;
        if (hh > 14 || mm > 59) return undefined;
        out.zone = `${z[0]}${pad2(hh)}:${pad2(mm)}`;
      }
    }
  }
  return out;
}

function monthFirstCountry(country: string | undefined): boolean {
  if (!country) return false;
  const c = country.trim();
  if (c === '') return false;
  const code = /^[A-Za-z]{2}$/.test(c) ? c.toUpperCase() : normaliseCountry(c).code;
  return MONTH_FIRST_COUNTRIES.has(code);
}

/** The date of an Excel serial day number (1900 date system), or undefined. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 61) return undefined;
  const d = new Date((serial - EXCEL_EPOCH_OFFSET) * DAY_MS);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) || undefined;
}

// --- parsing one value ---------------------------------------------------------------------------

/** Reads one date cell; undefined when it is not a date in one of the forms above. */
export function parseDate(value: string, ctx: DateContext = {}): ParsedDate | undefined {
  if (typeof value !== 'string') return undefined;
  let v = value.trim();
  if (v.length < 5 || v.length > 60) return undefined;
  // "März" typed on a Mac may arrive decomposed (a + combining diaeresis).
  if (/[^\x00-\x7f]/.test(v)) v = v.normalize('NFC');
  const pivot = ctx.pivot ?? DEFAULT_PIVOT;
  const c0 = v.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    let m = NUMERIC.exec(v);
    if (m) return numeric(m, ctx, pivot);
    m = COMPACT.exec(v);
    if (m) {
      const y = Number(m[1]);
      return y >= 1800 && y <= 2100 ? make(y, Number(m[2]), Number(m[3]), 'compact', false) : undefined;
    }
    if (ctx.reading?.excelSerial && SERIAL.test(v)) {
      const n = Number(v);
      if (n < EXCEL_MIN || n > EXCEL_MAX) return undefined;
      const iso = excelSerialDate(n);
      return iso ? make(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), 'excel_serial', false) : undefined;
    }
  }
  let m = DAY_MONTH_YEAR.exec(v);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? make(fullYear(m[3], pivot), month, Number(m[1]), 'month_name', false, m, 4) : undefined;
  }
  m = MONTH_DAY_YEAR.exec(v);
  if (m) {
    const month = monthNumber(m[1]);
    return month ? make(fullYear(m[3], pivot), month, Number(m[2]), 'month_name', false, m, 4) : undefined;
  }
  return undefined;
}

function numeric(m: RegExpExecArray, ctx: DateContext, pivot: number): ParsedDate | undefined {
  const [, a, sep, b, c] = m;
  if (a.length === 4) {
    // Year first: 1980-12-24, 1980/12/24, 1980.12.24.
    if (c.length > 2) return undefined;
    return make(Number(a), Number(b), Number(c), 'iso', false, m, 5);
  }
  if (a.length > 2 || (c.length !== 2 && c.length !== 4)) return undefined;
  const year = fullYear(c, pivot);
  const first = Number(a);
  const second = Number(b);
  if (sep === '.') return make(year, second, first, 'dotted', false, m, 5);
  const form: DateForm = sep === '/' ? 'slashed' : 'dashed';
  // The value decides when only one reading is a month, or both readings are the same day.
  if (first > 12 || second > 12 || first === second) {
    return second > 12 && first <= 12 ? make(year, first, second, form, false, m, 5) : make(year, second, first, form, false, m, 5);
  }
  const reading = ctx.reading;
  const order: DayMonthOrder = reading ? reading.order : monthFirstCountry(ctx.country) ? 'mdy' : 'dmy';
  const guessed = reading ? reading.orderFrom !== 'values' : true;
  return order === 'mdy' ? make(year, first, second, form, guessed, m, 5) : make(year, second, first, form, guessed, m, 5);
}

/** "YYYY-MM-DD", or '' when the value is not a date. */
export function normaliseDate(value: string, ctx?: DateContext): string {
  return parseDate(value, ctx)?.date ?? '';
}

/** True for an ISO calendar date "yyyy-mm-dd" that exists. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isValidDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/** Milliseconds since the epoch; a time without a zone (or no time) is taken as UTC. */
export function epochMsOf(p: ParsedDate): number {
  let t = Date.UTC(p.year, p.month - 1, p.day);
  if (p.time) t += (Number(p.time.slice(0, 2)) * 3600 + Number(p.time.slice(3, 5)) * 60 + Number(p.time.slice(6, 8))) * 1000;
  if (p.zone && p.zone !== 'Z') {
    const offset = (Number(p.zone.slice(1, 3)) * 60 + Number(p.zone.slice(4, 6))) * 60_000;
    t += p.zone[0] === '+' ? -offset : offset;
  }
  return t;
}

/**
 * A string that sorts in time order (survivorship "newest"/"oldest"): "YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:MM:SS" when the value has a time (a zoned time moved to UTC). '' when not a date.
 */
export function sortableTimestamp(value: string, ctx?: DateContext): string {
  const p = parseDate(value, ctx);
  if (!p) return '';
  if (!p.time) return p.date;
  if (!p.zone || p.zone === 'Z') return `${p.date}T${p.time}`;
  return new Date(epochMsOf(p)).toISOString().slice(0, 19);
}

// --- reading a column ----------------------------------------------------------------------------

const AMBIGUOUS = /^\s*(\d{1,2})[/-](\d{1,2})[/-](?:\d{2}|\d{4})(?:$|[\sT,])/;

/**
 * How a column writes its dates, decided once from all its values:
 * - order: 'dmy' when some slashed/dashed value has a first part over 12 (and none a second part
 *   over 12), 'mdy' for the reverse — decided by the values; otherwise month-first when `country`
 *   (the list's dominant country, ISO alpha-2 or a name) is the US, else day-first — a guess.
 * - excelSerial: every non-empty value is a whole number 10000–80000 (1927-05-18 … 2119-01-10).
 */
export function dateReadingOf(values: Iterable<string>, country?: string): DateReading {
  let dayFirst = 0;
  let monthFirst = 0;
  let filled = 0;
  let serials = 0;
  for (const raw of values) {
    if (typeof raw !== 'string') continue;
    const v = raw.trim();
    if (v === '') continue;
    filled++;
    if (SERIAL.test(v)) {
      const n = Number(v);
      if (n >= EXCEL_MIN && n <= EXCEL_MAX) serials++;
      continue;
    }
    const m = AMBIGUOUS.exec(v);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
  }
  const excelSerial = filled > 0 && serials === filled;
  if (dayFirst > 0 && monthFirst === 0) return { order: 'dmy', orderFrom: 'values', excelSerial };
  if (monthFirst > 0 && dayFirst === 0) return { order: 'mdy', orderFrom: 'values', excelSerial };
  const hasCountry = country !== undefined && country.trim() !== '';
  return { order: monthFirstCountry(country) ? 'mdy' : 'dmy', orderFrom: hasCountry ? 'country' : 'default', excelSerial };
}

/**
 * The reader for one column: decides its reading once (dateReadingOf) and returns a function
 * from a cell to "YYYY-MM-DD" ('' when not a date). `pivot` as for parseDate.
 */
export function columnDateReader(values: string[], country?: string, pivot?: number): (v: string) => string {
  const ctx: DateContext = { reading: dateReadingOf(values, country), pivot };
  return (v: string) => parseDate(v, ctx)?.date ?? '';
}
