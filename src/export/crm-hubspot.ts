import { cell, type CrmFacts, type CrmPreset } from './crm.js';
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
 */

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
  createColumns: [...FIELDS, 'Lead Status'],
  updateColumns: ['Record ID', ...FIELDS],
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
      'Lead Status': update ? '' : 'NEW',
    };
  },
};
