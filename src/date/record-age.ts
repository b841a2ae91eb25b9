/**
 * How old a record is: one reading for classify's record_age_days / record_age_status / stale
 * columns and for the sources scorecard, so the two never disagree about a row.
 *
 * A record is as current as the last time somebody touched it: updated_at, else created_at, else
 * the day the list was delivered (source_delivered_at). Age is counted in calendar days: a value
 * with a time ("2026-11-21T14:00Z") is the day it names, so it is as old as "2026-11-21".
 *
 * Day or month first: read alone, a date whose order would be a guess ("03/01/2024") counts as no
 * date rather than as one of two readings. With the columns' readings (recordDateReadings: each
 * date column's order decided once from a sample of the list, src/date/parse.ts's dateReadingOf),
 * a column whose other values settle the order reads "03/01/2024" that way, as no guess; a column
 * that settles nothing reads it in the list country's order (day first outside the US), and
 * recordAge says the date is a guess (order_guessed).
 */
import { dateReadingOf, DAY_MS, parseDate, POSIX_PIVOT, type DateReading } from './parse.js';
import { DELIVERY_STATUS } from '../import/provenance.js';

/** The columns a record's age is read from, most telling first. */
export const RECORD_DATE_FIELDS = ['updated_at', 'created_at', 'source_delivered_at'] as const;
export type RecordDateField = (typeof RECORD_DATE_FIELDS)[number];

/** Default for --stale-after: a record untouched for two years is stale. */
export const DEFAULT_STALE_MONTHS = 24;

/**
 * Rows a streaming command reads before it decides its date columns' readings (the first rows
 * of the list, held back until then): enough for a column to show a day over 12 if it has one.
 */
export const RECORD_DATE_SAMPLE_ROWS = 10_000;

/** How each date column writes its dates, decided once for a list (recordDateReadings). */
export type RecordDateReadings = Partial<Record<RecordDateField, DateReading>>;

type DateRow = Readonly<Record<string, string | undefined>>;

/**
 * The reading of each date column among `rows` (a sample: the list's first rows, or all of
 * them), from its values; where they settle no order, `country` (the list's dominant country)
 * decides, and such readings are guesses. Columns without a value get none.
 */
export function recordDateReadings(rows: Iterable<DateRow>, country?: string): RecordDateReadings {
  const values: Record<RecordDateField, string[]> = { updated_at: [], created_at: [], source_delivered_at: [] };
  for (const row of rows) {
    for (const field of RECORD_DATE_FIELDS) {
      const v = row[field];
      if (v && v.trim() !== '') values[field].push(v);
    }
  }
  const out: RecordDateReadings = {};
  for (const field of RECORD_DATE_FIELDS) if (values[field].length) out[field] = dateReadingOf(values[field], country);
  return out;
}

/** One date cell: the start (UTC) of the calendar day it names, and whether its order was a guess. */
interface CellDate {
  ms: number;
  guessed: boolean;
}

const ALONE = { pivot: POSIX_PIVOT };

/**
 * Reads one date cell. Two-digit years take the POSIX pivot (00–69 are 2000–2069), as score's
 * dates do. Without a reading a guessed order is no date; with one it is read and marked.
 */
function readCell(value: string, reading: DateReading | undefined): CellDate | undefined {
  const p = parseDate(value, reading ? { reading, pivot: POSIX_PIVOT } : ALONE);
  if (p === undefined || (p.guessed && reading === undefined)) return undefined;
  return { ms: Date.UTC(p.year, p.month - 1, p.day), guessed: p.guessed };
}

interface Scan {
  date?: CellDate & { field: RecordDateField };
  /** A date column holds a value no date is read from. */
  unreadable: boolean;
}

/** Every date column read once: the most telling date, and whether any column is unreadable. */
function scan(row: DateRow, readings: RecordDateReadings | undefined): Scan {
  let date: Scan['date'];
  let unreadable = false;
  for (const field of RECORD_DATE_FIELDS) {
    const v = row[field];
    if (!v || v.trim() === '') continue;
    const d = readCell(v, readings?.[field]);
    if (d === undefined) unreadable = true;
    else if (date === undefined) date = { ...d, field };
  }
  return { date, unreadable };
}

/** Epoch ms of the record's calendar day (UTC midnight), or undefined when none of its date columns holds a readable date. */
export function recordDateMs(row: DateRow, readings?: RecordDateReadings): number | undefined {
  return scan(row, readings).date?.ms;
}

/**
 * The record's calendar day (epoch ms of its UTC midnight) and the column it was read from, or
 * undefined when none holds a readable date.
 */
export function recordDate(row: DateRow, readings?: RecordDateReadings): { ms: number; field: RecordDateField } | undefined {
  const d = scan(row, readings).date;
  return d && { ms: d.ms, field: d.field };
}

/** Whole days from the record's date to `asOfMs` (never negative), or undefined without a date. */
export function recordAgeDays(row: DateRow, asOfMs: number, readings?: RecordDateReadings): number | undefined {
  const ms = recordDateMs(row, readings);
  if (ms === undefined) return undefined;
  return ageInDays(ms, asOfMs);
}

/** The calendar day (UTC) an instant falls on, as a day number. */
function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Whole calendar days from a record date `ms` to `asOfMs`, never negative (a date after as_of is
 * 0 days old; recordAge calls it future). Both are cut to their UTC day first, so a time of day
 * never takes a day off.
 */
export function ageInDays(ms: number, asOfMs: number): number {
  return Math.max(0, dayNumber(asOfMs) - dayNumber(ms));
}

/**
 * What a record's age rests on (record_age_status), one per row, the first that applies:
 *   future         its date lies after the as-of day (a typo, or a clock): no age, neither stale nor fresh
 *   unreadable     a date column holds a value no date is read from ("31.02.2024"; read alone
 *                  also "03/01/2024"): the age rests on a less telling column, or there is none
 *   order_guessed  the date's day/month order is the list country's (or day-first) guess: its
 *                  column never settles the order
 *   file_date      the record has no date of its own, and the list's delivery date is the one
 *                  import read off the file's modification date (source_delivered_status=file_date)
 *   delivery_date  the record has no date of its own: the age is the list's delivery date's
 *   ok             the record's own date
 *   no_date        no date at all
 */
export const RECORD_AGE_STATUSES = ['ok', 'delivery_date', 'file_date', 'order_guessed', 'future', 'unreadable', 'no_date'] as const;
export type RecordAgeStatus = (typeof RECORD_AGE_STATUSES)[number];

export interface RecordAge {
  status: RecordAgeStatus;
  /** Whole calendar days to as_of; undefined without a date or for a future one. */
  days?: number;
  /** Older than the stale-after age; undefined when days is. */
  stale?: boolean;
  /** The column the date was read from, when one was. */
  field?: RecordDateField;
  /** Epoch ms of the date's calendar day, when one was read (a future one too). */
  ms?: number;
}

/**
 * A record's age as of `asOfMs` (the start of the as-of day): each date column read once.
 * `readings` as from recordDateReadings; without them a guessed order is no date.
 */
export function recordAge(row: DateRow, asOfMs: number, after: StaleAfter, readings?: RecordDateReadings): RecordAge {
  const { date, unreadable } = scan(row, readings);
  if (date === undefined) return { status: unreadable ? 'unreadable' : 'no_date' };
  const { ms, field } = date;
  if (dayNumber(ms) > dayNumber(asOfMs)) return { status: 'future', field, ms };
  let status: RecordAgeStatus = 'ok';
  if (unreadable) status = 'unreadable';
  else if (date.guessed) status = 'order_guessed';
  else if (field === 'source_delivered_at') {
    status = (row.source_delivered_status ?? '').trim() === DELIVERY_STATUS.fileDate ? 'file_date' : 'delivery_date';
  }
  return { status, days: ageInDays(ms, asOfMs), stale: isStaleAfter(ms, asOfMs, after), field, ms };
}

/**
 * Whether a record dated `ms` is older than `months` calendar months as of `asOfMs` (2024-01-31
 * plus one month is 2024-02-29, as a person counts it).
 */
export function isStale(ms: number, asOfMs: number, months: number = DEFAULT_STALE_MONTHS): boolean {
  return ms < monthsBefore(asOfMs, months);
}

/** The instant `months` calendar months before `ms`, the day clamped to the month's length. */
export function monthsBefore(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** How old a record may get before it is stale: calendar months, or days. */
export type StaleAfter = { months: number } | { days: number };

/** Reads a --stale-after value: "24" or "24m" months, "2y" years, "90d" days. Undefined when unreadable. */
export function parseStaleAfter(text: string): StaleAfter | undefined {
  const m = /^\s*(\d+)\s*(m|mo|months?|y|years?|d|days?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'm').toLowerCase();
  if (unit.startsWith('y')) return { months: n * 12 };
  if (unit.startsWith('d')) return { days: n };
  return { months: n };
}

/** Stale under a parsed --stale-after. */
export function isStaleAfter(ms: number, asOfMs: number, after: StaleAfter): boolean {
  return 'days' in after ? ms < asOfMs - after.days * DAY_MS : isStale(ms, asOfMs, after.months);
}

/** A parsed --stale-after as a person reads it: "24 months", "90 days". */
export function describeStaleAfter(after: StaleAfter): string {
  const [n, unit] = 'days' in after ? [after.days, 'day'] : [after.months, 'month'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Whether one of the row's date columns holds a value no date is read from (an ambiguous
 * "03/01/2024" too, unless `readings` give its column's order): its age then rests on a less
 * telling column, or is unknown. Counted by the sources scorecard, so an age read from created_at
 * because updated_at was unreadable is no silent guess.
 */
export function hasUnreadableRecordDate(row: DateRow, readings?: RecordDateReadings): boolean {
  return scan(row, readings).unreadable;
}

/**
 * Watches the rows after the sample a streaming command decided its readings from: a value that
 * settles its column's order the other way ("12/25/2024" in a column read day-first) means the
 * earlier ambiguous values of that column may have been read the wrong way round.
 */
export class ReadingWatch {
  private readonly seen = new Map<RecordDateField, { count: number; first: string }>();

  constructor(private readonly readings: RecordDateReadings) {}

  check(row: DateRow): void {
    for (const field of RECORD_DATE_FIELDS) {
      const reading = this.readings[field];
      const v = row[field];
      if (reading === undefined || !v || v.trim() === '') continue;
      const own = dateReadingOf([v]);
      if (own.orderFrom !== 'values' || own.order === reading.order) continue;
      const s = this.seen.get(field);
      if (s) s.count++;
      else this.seen.set(field, { count: 1, first: v.trim() });
    }
  }

  /** Columns with values against their reading: how many, and the first. */
  contradictions(): { field: RecordDateField; order: DateReading['order']; count: number; first: string }[] {
    return [...this.seen].map(([field, s]) => ({ field, order: (this.readings[field] as DateReading).order, ...s }));
  }
}
