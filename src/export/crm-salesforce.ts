import { cell, flag, originCells, type CrmFacts, type CrmOriginFields, type CrmPreset } from './crm.js';
import type { Row } from '../table.js';

/**
 * Salesforce Lead import (Data Import Wizard, Data Loader): API field names as column headers,
 * so both map them without a mapping file.
 *
 * - LastName and Company are required by Salesforce: a row without them is not created.
 * - CountryCode / StateCode: the ISO codes State and Country/Territory Picklists take.
 * - Rating (Hot, Warm, Cold) from temperature, else from grade (A Hot, B Warm, C and D Cold).
 * - Status "Open - Not Contacted", the first value of the standard Lead Status picklist, for
 *   new leads only: an update never resets a lead someone is working on.
 * - OwnerId only when owner holds a Salesforce user id (005…); a name there would fail the import.
 * - Where the lead came from (GDPR Art. 14), in custom fields that must exist on the Lead object
 *   (the importers leave a column without a field unmapped, so nothing fails, and nothing is kept):
 *   Lead_List__c, Lead_Vendor__c, Delivered_At__c (a Date: only a delivery date that was given,
 *   never one read off the file) and Data_Origin__c (every origin of the person, sources_all) when
 *   the lead is created, never replaced by an update; Last_Data_Origin__c, the origins of the list
 *   that created or last updated it, in both files. LeadSource stays the channel (lead_source):
 *   Salesforce has no standard field for a vendor, and Description holds people's notes.
 */

/** The provenance fields (see the header); custom fields the org must have. */
const ORIGIN: CrmOriginFields = { list: 'Lead_List__c', vendor: 'Lead_Vendor__c', deliveredAt: 'Delivered_At__c', origins: 'Data_Origin__c', latest: 'Last_Data_Origin__c' };

const FIELDS = [
  'FirstName', 'LastName', 'Company', 'Title', 'Email', 'Phone', 'MobilePhone', 'Street', 'PostalCode', 'City',
  'StateCode', 'CountryCode', 'Website', 'Industry', 'NumberOfEmployees', 'LeadSource', 'Rating',
  'HasOptedOutOfEmail', 'DoNotCall', 'OwnerId',
] as const;

const RATING_BY_TEMPERATURE: Record<string, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };
const RATING_BY_GRADE: Record<string, string> = { A: 'Hot', B: 'Warm', C: 'Cold', D: 'Cold' };

/** A user id: 15 or 18 characters starting with the User key prefix 005. */
const USER_ID = /^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

export function salesforceRating(row: Row): string {
  const t = cell(row, 'temperature').toLowerCase();
  if (t !== '') return RATING_BY_TEMPERATURE[t] ?? '';
  return RATING_BY_GRADE[cell(row, 'grade').toUpperCase()] ?? '';
}

export function isSalesforceUserId(owner: string): boolean {
  return USER_ID.test(owner.trim());
}

/** NumberOfEmployees is an integer field: "250" passes, a band such as "51-200" does not. */
function employees(row: Row): string {
  const v = cell(row, 'employees').replace(/[.\s']/g, '');
  return /^\d+$/.test(v) ? String(Number(v)) : '';
}

export const salesforce: CrmPreset = {
  name: 'salesforce',
  idColumn: 'Id',
  createColumns: [...FIELDS, ORIGIN.list, ORIGIN.vendor, ORIGIN.deliveredAt, ORIGIN.origins, ORIGIN.latest, 'Status'],
  originFields: ORIGIN,
  updateColumns: ['Id', ...FIELDS, ORIGIN.latest],
  missing(row) {
    const reasons: string[] = [];
    if (cell(row, 'last_name') === '') reasons.push('missing_last_name');
    if (cell(row, 'company') === '') reasons.push('missing_company');
    return reasons;
  },
  toCrm(row: Row, f: CrmFacts, update: boolean): Row {
    const owner = cell(row, 'owner');
    return {
      FirstName: cell(row, 'first_name'),
      LastName: cell(row, 'last_name'),
      Company: cell(row, 'company'),
      Title: cell(row, 'title'),
      Email: cell(row, 'email'),
      Phone: cell(row, 'phone'),
      MobilePhone: cell(row, 'mobile'),
      Street: f.street,
      PostalCode: cell(row, 'postal_code'),
      City: cell(row, 'city'),
      StateCode: f.stateCode,
      CountryCode: f.countryCode,
      Website: cell(row, 'website'),
      Industry: cell(row, 'industry'),
      NumberOfEmployees: employees(row),
      LeadSource: cell(row, 'lead_source'),
      Rating: salesforceRating(row),
      HasOptedOutOfEmail: flag(f.emailOptOut, update),
      DoNotCall: flag(f.phoneOptOut, update),
      OwnerId: isSalesforceUserId(owner) ? owner : '',
      ...originCells(ORIGIN, f.origin, update),
      Status: update ? '' : 'Open - Not Contacted',
    };
  },
};
