import { headerKey } from '../schema.js';

/**
 * The reference's own id column, when it has one: what a CRM needs to update a record instead
 * of creating a duplicate (Salesforce `Id`, HubSpot `Record ID`, Pipedrive `Person - ID`, a
 * customer number). leadkit's own record_id is provenance, not the CRM's id, and is never it.
 * The first column whose normalised name is one of these wins, in this order of preference.
 */
const ID_KEYS = [
  'crmid',
  'id',
  'recordid',
  'contactid',
  'leadid',
  'personid',
  'accountid',
  'salesforceid',
  'sfdcid',
  'hubspotid',
  'zohoid',
  'customernumber',
  'customerid',
  'kundennummer',
  'kundennr',
  'datensatzid',
];

export function crmIdColumn(columns: readonly string[]): string | undefined {
  const byKey = new Map<string, string>();
  for (const c of columns) {
    if (c === 'record_id') continue;
    // "Person - ID" (Pipedrive) → "personid"; "Lead ID" → "leadid".
    const k = headerKey(c);
    if (!byKey.has(k)) byKey.set(k, c);
  }
  for (const k of ID_KEYS) {
    const c = byKey.get(k);
    if (c !== undefined) return c;
  }
  return undefined;
}
