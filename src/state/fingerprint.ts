/**
 * The fingerprint of the fields that matter for a night's delta: whether a person the sales team
 * already has is `changed` or `unchanged`. One short hash per field, in the order of the field
 * list (kept in the state's meta.json), so the next night can say which fields changed and can
 * still compare when the list of fields changes.
 *
 * Values are compared as their owners read them, so a re-export that only spells a value another
 * way is no change: an email as the email parser reads the cell (case, wrapping, `mailto:`), a
 * phone number by its key (E.164 when valid: "0664 1234567" in AT is "+436641234567"), any other
 * field with its whitespace tidied and case and accents folded for comparing ("  Leiterin
 * Einkauf" = "LEITERIN EINKAUF"). A value that was there and is now blank is a change.
 *
 * Only hashes of these values are stored. (The state also keeps each record's normalised match
 * values for dedupe, records-<G>.csv match_values: it holds personal data, like the lists.)
 */
import { parseEmailCell } from '../email/index.js';
import { phoneKey } from '../phone/index.js';
import { foldForCompare, foldForDisplay } from '../text/fold.js';
import { idHash } from '../match/cluster-id.js';
import type { Row } from '../table.js';

/**
 * The fields that make a known person `changed` unless the pipeline names its own: how to reach
 * them (email, phone, mobile), who they are at work (company, title) and who works them (owner,
 * which route derives from the territory and segment fields, so a re-routing counts too).
 */
export const DEFAULT_DELTA_FIELDS: readonly string[] = ['email', 'phone', 'mobile', 'company', 'title', 'owner'];

const EMAIL_FIELDS = new Set(['email']);
const PHONE_FIELDS = new Set(['phone', 'mobile', 'fax']);

/** Characters of each field's hash: 35 bits, so two different values pass as equal about once in 34 billion comparisons. */
const HASH_CHARS = 7;

/** A field's value as it is compared ('' for no value). */
export function comparableValue(field: string, row: Readonly<Row>): string {
  const v = row[field] ?? '';
  if (v === '') return '';
  if (EMAIL_FIELDS.has(field)) return parseEmailCell(v).text;
  if (PHONE_FIELDS.has(field)) {
    // A cell that holds no number (a placeholder such as "n/a") is no number, like an empty one.
    return phoneKey(v, row.country ?? '');
  }
  return foldForCompare(foldForDisplay(v));
}

/** The fingerprint of a row: one hash per field of `fields`, joined by '.', '' for a blank field. */
export function deltaFingerprint(row: Readonly<Row>, fields: readonly string[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const v = comparableValue(fields[i], row);
    if (i > 0) out += '.';
    if (v !== '') out += idHash(v, HASH_CHARS);
  }
  return out;
}

/**
 * The fields whose hash differs between last night's fingerprint (made with `before` fields) and
 * tonight's (made with `now`). A field that only one of the lists has cannot be compared and
 * does not count as changed (the caller says so once). A fingerprint that does not have one part
 * per field (a damaged state) compares as every field changed, never as unchanged.
 */
export function changedFields(beforeFp: string, before: readonly string[], nowFp: string, now: readonly string[]): string[] {
  const old = beforeFp.split('.');
  const cur = nowFp.split('.');
  if (old.length !== before.length || cur.length !== now.length) return [...now];
  const oldOf = new Map<string, string>();
  for (let i = 0; i < before.length; i++) oldOf.set(before[i], old[i]);
  const changed: string[] = [];
  for (let i = 0; i < now.length; i++) {
    const o = oldOf.get(now[i]);
    if (o !== undefined && o !== cur[i]) changed.push(now[i]);
  }
  return changed;
}

/** Field names for delta_fields / --delta-fields: trimmed, blanks and repeats dropped. */
export function normaliseDeltaFields(fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const t = f.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}
