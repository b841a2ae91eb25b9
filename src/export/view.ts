import { UsageError } from '../errors.js';

/**
 * Named column sets for `export --view`. `full` is every column, as the stages pass them on.
 * `sales` is what a person working the list reads: who, at which company, how to reach them,
 * whether the address is good, how hot the lead is and why, whose it is. Columns the input does
 * not have are skipped, so the view fits a list before scoring as well as after.
 */
export const VIEW_NAMES = ['sales', 'full'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const SALES_COLUMNS: readonly string[] = [
  // Contact
  'salutation',
  'academic_title',
  'first_name',
  'last_name',
  'full_name',
  'title',
  'company',
  'email',
  'phone',
  'mobile',
  'city',
  'country',
  // Status summaries: one word each for email, phones, address, duplicates and suppression
  'email_status',
  'phone_status',
  'mobile_status',
  'address_status',
  'duplicate_count',
  'suppressed',
  // Priority and who has it
  'score',
  'grade',
  'temperature',
  'stage',
  'owner',
  // Why
  'score_reasons',
  'suppress_reason',
  // Back to the full row in the CSV. Where a record came from (source,
  // source_vendor, source_delivered_at and status, dedupe's sources_all) is in the full view:
  // the answer to a data-protection request is looked up by record_id, not read off a call list.
  'record_id',
];

/** The columns of `view` that `columns` has, in the view's order. */
export function viewColumns(view: ViewName, columns: readonly string[]): string[] {
  if (view === 'full') return [...columns];
  const have = new Set(columns);
  // full_name only for a list with no first or last name: after import it is mostly empty.
  const split = have.has('first_name') || have.has('last_name');
  const out = SALES_COLUMNS.filter((c) => have.has(c) && !(c === 'full_name' && split));
  if (out.length === 0) throw new UsageError(`--view sales: the input has none of its columns (${SALES_COLUMNS.join(', ')}); use --view full or --columns`, 'E_UNKNOWN_COLUMN');
  return out;
}

/**
 * The view when none is asked for: `sales` for a workbook made from a leadkit list (one with
 * the `record_id` every leadkit stage carries), `full` otherwise, so CSV between stages and an
 * xlsx of someone else's table keep every column.
 */
export function defaultView(format: string, columns: readonly string[]): ViewName {
  return format === 'xlsx' && columns.includes('record_id') ? 'sales' : 'full';
}
