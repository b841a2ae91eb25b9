import { localIsoDate } from '../date/local-today.js';

/**
 * Where a row came from, as GDPR Art. 14 asks of data not collected from the person: which list
 * (source: the file's base name, or the --source name), from whom (source_vendor) and when it
 * was delivered (source_delivered_at). The file name itself is not repeated in a column of its
 * own: source is that name without its extension unless the user named the list. Import writes them on every row; every later stage passes them on, and
 * dedupe lists the origins of all the records it merged (sources_all).
 *
 * A delivery date is either given (--delivered, or `delivered:` of a pipeline input), or read
 * off the file's modification date, which is only a guess (a copy or an unzip changes it), or
 * unknown: standard input, or a file modified after the day the run is for (`today`, which
 * --as-of or a pipeline's as_of may set in the past), whose date then says nothing about its
 * delivery. source_delivered_status says which, so a guessed date is never taken for a given
 * one. The same files and as_of thus give the same provenance on a rerun or a fresh checkout.
 */

export const DELIVERY_STATUS = {
  /** From --delivered or the pipeline input's `delivered:`. */
  given: 'given',
  /** The file's modification date (local date): a guess. */
  fileDate: 'file_date',
  /** Standard input, or a file modified after the run's day, without --delivered: no date to give. */
  unknown: 'unknown',
} as const;

export type DeliveryStatus = (typeof DELIVERY_STATUS)[keyof typeof DELIVERY_STATUS];

/** The provenance import writes on each row of one input. */
export interface InputOrigin {
  vendor: string;
  /** yyyy-mm-dd, or empty when unknown. */
  deliveredAt: string;
  deliveredStatus: DeliveryStatus;
}

/** What is known about one input before its rows are read. */
export interface OriginFacts {
  /** The file's modification time, when it is a regular file (not standard input or a pipe). */
  modified?: Date;
  vendor?: string;
  /** yyyy-mm-dd as given (already checked to be a date). */
  delivered?: string;
}

/** `today` is the run's day, yyyy-mm-dd (Context.today). */
export function originOf(facts: OriginFacts, today: string): InputOrigin {
  const vendor = (facts.vendor ?? '').trim();
  if (facts.delivered !== undefined) return { vendor, deliveredAt: facts.delivered, deliveredStatus: DELIVERY_STATUS.given };
  if (facts.modified !== undefined && !Number.isNaN(facts.modified.getTime())) {
    // The local date, like `today`: a file saved at 00:30 in Berlin was delivered that day.
    const day = localIsoDate(facts.modified);
    if (day <= today) return { vendor, deliveredAt: day, deliveredStatus: DELIVERY_STATUS.fileDate };
  }
  return { vendor, deliveredAt: '', deliveredStatus: DELIVERY_STATUS.unknown };
}

/**
 * Why a vendor name cannot be written as given, or undefined when it can. `;` and `|` separate
 * the origins in dedupe's sources_all, and a line break or other control character would make
 * the cell unreadable in a spreadsheet.
 */
export function vendorProblem(vendor: string): string | undefined {
  if (vendor.trim() === '') return 'is empty';
  if (/[;|]/.test(vendor)) return 'contains ";" or "|", which separate the origins in sources_all';
  if (/[\u0000-\u001f\u007f]/.test(vendor)) return 'contains a line break or another control character';
  return undefined;
}

/**
 * One value per input from an option given once (for every input) or once per input; undefined
 * entries where it was not given at all. Anything else is the count that was given, for the
 * caller's usage error.
 */
export function perInput<T>(values: readonly T[] | undefined, inputs: number): (T | undefined)[] | number {
  if (values === undefined || values.length === 0) return new Array<T | undefined>(inputs).fill(undefined);
  if (values.length === 1) return new Array<T | undefined>(inputs).fill(values[0]);
  if (values.length === inputs) return [...values];
  return values.length;
}
