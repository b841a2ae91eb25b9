import { cell, originCells, type CrmFacts, type CrmOriginFields, type CrmPreset } from './crm.js';
import type { Row } from '../table.js';

/**
 * HubSpot contact import: property labels as column headers, so the importer maps them itself.
 *
 * - Email is required for a new contact: HubSpot deduplicates contacts by email, and an import
 *   of rows without one creates a new contact every time.
 * - Lifecycle Stage from leadkit's stage (lead, MQL, SQL-ready) as HubSpot's internal values.
 * - Lead Status NEW for new contacts only: an update never resets one someone is working on.
 * - Marketing contact status from the email opt-out. In an update only "Non-marketing contact"
 *   is written: a new list does not make a contact marketable (and billable) again.
 * - Country/Region as the ISO code, like Salesforce's picklists, so both CRMs get one spelling.
 * - No Industry: HubSpot's is a fixed list of its own values that a list's free text would fail.
 * - Where the contact came from (GDPR Art. 14), in custom contact properties named by their
 *   internal names, which the importer maps like labels; they must exist (else the importer
 *   offers to skip or create them): lead_list, lead_vendor, delivered_at (a date picker: only a
 *   delivery date that was given, yyyy-mm-dd) and data_origin (every origin, sources_all) when the
 *   contact is created, never replaced by an update; last_data_origin, the origins of the list
 *   that created or last updated it, in both files. HubSpot's Original Source is its own (an
 *   import sets "Offline sources"), so no standard property fits.
 */

/** The provenance fields (see the header); custom fields the org must have. */
const ORIGIN: CrmOriginFields = { list: 'lead_list', vendor: 'lead_vendor', deliveredAt: 'delivered_at', origins: 'data_origin', latest: 'last_data_origin' };

const FIELDS = [
  'First Name', 'Last Name', 'Email', 'Phone Number', 'Mobile Phone Number', 'Company Name', 'Job Title',
  'Street Address', 'Postal Code', 'City', 'State/Region', 'Country/Region', 'Website URL',
  'Lifecycle Stage', 'Contact owner', 'Marketing contact status',
] as const;

const LIFECYCLE: Record<string, string> = { lead: 'lead', mql: 'marketingqualifiedlead', 'sql-ready': 'salesqualifiedlead' };

export function hubspotLifecycle(row: Row): string {
  return LIFECYCLE[cell(row, 'stage').toLowerCase()] ?? '';
}

export const hubspot: CrmPreset = {
  name: 'hubspot',
  idColumn: 'Record ID',
  createColumns: [...FIELDS, ORIGIN.list, ORIGIN.vendor, ORIGIN.deliveredAt, ORIGIN.origins, ORIGIN.latest, 'Lead Status'],
  originFields: ORIGIN,
  updateColumns: ['Record ID', ...FIELDS, ORIGIN.latest],
  missing(row) {
    return cell(row, 'email') === '' ? ['missing_email'] : [];
  },
  toCrm(row: Row, f: CrmFacts, update: boolean): Row {
    const marketing = f.emailOptOut ? 'Non-marketing contact' : update ? '' : 'Marketing contact';
    return {
      'First Name': cell(row, 'first_name'),
      'Last Name': cell(row, 'last_name'),
      Email: cell(row, 'email'),
      'Phone Number': cell(row, 'phone'),
      'Mobile Phone Number': cell(row, 'mobile'),
      'Company Name': cell(row, 'company'),
      'Job Title': cell(row, 'title'),
      'Street Address': f.street,
      'Postal Code': cell(row, 'postal_code'),
      City: cell(row, 'city'),
      'State/Region': cell(row, 'state') || cell(row, 'region'),
      'Country/Region': f.countryCode,
      'Website URL': cell(row, 'website'),
      'Lifecycle Stage': hubspotLifecycle(row),
      'Contact owner': cell(row, 'owner'),
      'Marketing contact status': marketing,
      ...originCells(ORIGIN, f.origin, update),
      'Lead Status': update ? '' : 'NEW',
    };
  },
};
