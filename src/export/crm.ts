import { normaliseCountry } from '../address/country.js';
import { countryFromState } from '../address/country-resolver.js';
import { regionFor } from '../classify/region.js';
import { isIsoDate } from '../date/parse.js';
import { DELIVERY_STATUS } from '../import/provenance.js';
import { originsOf } from '../match/survivorship.js';
import { parseConsent } from '../suppress/consent.js';
import type { Row } from '../table.js';

/**
 * What every CRM preset reads from a leadkit row the same way: the opt-outs (from consent and
 * suppression), the country and state as ISO codes, the street line, where the row came from
 * (GDPR Art. 14), and whether the row is linked to a CRM record. The presets (crm-salesforce.ts, crm-hubspot.ts) only name columns
 * and pick their picklist values. Pure: no files, no process.
 */

/** One CRM import format. */
export interface CrmPreset {
  name: string;
  /** The CRM's record id column in the update file. */
  idColumn: string;
  /** Columns of the create file, in order. */
  createColumns: readonly string[];
  /** Columns of the update file (idColumn first): no create-only defaults such as a lead status. */
  updateColumns: readonly string[];
  /** Why a row cannot be created (required fields missing); [] when it can. */
  missing(row: Row): string[];
  /** The row in the CRM's columns and values. */
  toCrm(row: Row, facts: CrmFacts, update: boolean): Row;
  /** The CRM's (custom) fields the provenance goes to (see CrmOrigin). */
  originFields: CrmOriginFields;
}

/** Names of the provenance fields in one CRM. */
export interface CrmOriginFields {
  /** Written when a record is created, never in an update. */
  list: string;
  vendor: string;
  deliveredAt: string;
  origins: string;
  /** The origins of the list that created or last updated the record: in both files. */
  latest: string;
}

/** The provenance cells of a row (created: all five; updated: the latest origins only). */
export function originCells(fields: CrmOriginFields, o: CrmOrigin, update: boolean): Row {
  return {
    [fields.latest]: o.origins,
    [fields.list]: update ? '' : o.list,
    [fields.vendor]: update ? '' : o.vendor,
    [fields.deliveredAt]: update ? '' : o.deliveredAt,
    [fields.origins]: update ? '' : o.origins,
  };
}

export interface CrmFacts {
  emailOptOut: boolean;
  phoneOptOut: boolean;
  /** The opt-out was set because the row said nothing about consent (no suppress step ran). */
  emailOptOutAssumed: boolean;
  phoneOptOutAssumed: boolean;
  /**
   * Refused by the row itself (a "nein" in consent, a do-not-contact list): all an update may
   * pass on, since this list's silence or policy says nothing about consent the CRM holds.
   */
  emailRefused: boolean;
  phoneRefused: boolean;
  /** ISO 3166-1 alpha-2 from the row's own country cell; '' when empty or not a country. */
  countryCode: string;
  /** The country cell names no country we know: CountryCode is left empty, never guessed. */
  countryUnknown: boolean;
  /** ISO 3166-2 subdivision suffix ("BY", "9", "CA"); '' when unknown. */
  stateCode: string;
  /** A state was given that no code could be found for: it is left out, not written as text. */
  stateUnknown: boolean;
  street: string;
  /** Where the row came from, as the CRM's provenance fields take it. */
  origin: CrmOrigin;
}

/**
 * Where a row came from (import's provenance, dedupe's sources_all), for the CRM's own fields, so
 * a person who asks "where do you have my address from" (GDPR Art. 14) gets the answer from the
 * CRM record. A CRM import replaces a field's value and cannot add to it, so the presets write the
 * list, vendor, delivery date and every origin once, when the record is created, and the origins
 * of the latest list into a field of their own on every create and update (crm-salesforce.ts,
 * crm-hubspot.ts).
 */
export interface CrmOrigin {
  /** The list (source). */
  list: string;
  /** Who delivered it (source_vendor). */
  vendor: string;
  /** The delivery date for the CRM's date field, yyyy-mm-dd: only a date that was given. */
  deliveredAt: string;
  /**
   * Why a delivery date the row has is not in deliveredAt: read off the file (a guess,
   * source_delivered_status=file_date; the origins mark it "(file date)"), or no yyyy-mm-dd date.
   */
  deliveredLeftOut: '' | 'file_date' | 'not_a_date';
  /**
   * Every origin of the person as `source|vendor|delivered` joined by `;`: dedupe's sources_all
   * when the row has it, else the row's own (survivorship.ts originsOf); '' without provenance.
   */
  origins: string;
}

export function crmOrigin(row: Row): CrmOrigin {
  const delivered = cell(row, 'source_delivered_at');
  const fileDate = cell(row, 'source_delivered_status') === DELIVERY_STATUS.fileDate;
  const usable = delivered !== '' && !fileDate && isIsoDate(delivered);
  return {
    list: cell(row, 'source'),
    vendor: cell(row, 'source_vendor'),
    deliveredAt: usable ? delivered : '',
    deliveredLeftOut: delivered === '' || usable ? '' : fileDate ? 'file_date' : 'not_a_date',
    origins: originsOf([row]),
  };
}

/** Whether the suppress stage ran over these rows (its reasons then decide the opt-outs). */
export function hasSuppressColumns(columns: readonly string[]): boolean {
  return columns.includes('suppress_reason');
}

/**
 * Opt-outs. An explicit refusal in consent_email / consent_phone always opts out. When suppress
 * ran, its reasons decide the rest (the team's consent policy, a do-not-contact list entry
 * blocks every channel). Without it, a row that says nothing about consent is opted out too,
 * as the strict default policy of suppress would (UWG §7 for email), and that is counted as
 * assumed: a CRM must not learn "may be emailed" from silence.
 */
type OptOuts = Pick<CrmFacts, 'emailOptOut' | 'phoneOptOut' | 'emailOptOutAssumed' | 'phoneOptOutAssumed' | 'emailRefused' | 'phoneRefused'>;

function optOuts(row: Row, suppressRan: boolean): OptOuts {
  const email = parseConsent(row.consent_email ?? '');
  const phone = parseConsent(row.consent_phone ?? '');
  const reasons = suppressRan ? (row.suppress_reason ?? '').split(';').filter((r) => r !== '') : [];
  const listed = reasons.some((r) => r.startsWith('list_'));
  const emailRefused = email === 'denied' || listed;
  const phoneRefused = phone === 'denied' || listed;
  if (suppressRan) {
    return {
      emailOptOut: emailRefused || reasons.includes('no_email_consent'),
      phoneOptOut: phoneRefused || reasons.some((r) => r.startsWith('no_phone_consent')),
      emailOptOutAssumed: false,
      phoneOptOutAssumed: false,
      emailRefused,
      phoneRefused,
    };
  }
  return {
    emailOptOut: email !== 'granted',
    phoneOptOut: phone !== 'granted',
    emailOptOutAssumed: email === 'unknown',
    phoneOptOutAssumed: phone === 'unknown',
    emailRefused,
    phoneRefused,
  };
}

/** Countries whose address line puts the house number first ("350 Fifth Avenue"). */
const NUMBER_FIRST = new Set(['US', 'CA', 'GB', 'IE', 'AU', 'NZ', 'FR', 'BE', 'LU']);

function streetLine(row: Row, country: string): string {
  const street = (row.street ?? '').trim();
  const number = (row.house_number ?? '').trim();
  const unit = (row.address_unit ?? '').trim();
  let line = street;
  if (number !== '' && !street.includes(number)) line = NUMBER_FIRST.has(country) ? `${number} ${street}` : `${street} ${number}`;
  return [line.trim(), unit].filter((p) => p !== '').join(', ');
}

/**
 * The subdivision code: classify's region_code when the row has one ("DE-BY" → "BY"), else
 * the postcode or state name through the region table (DE, AT, CH), else a US state or Canadian
 * province code as given.
 */
function stateCodeOf(row: Row, country: string): string {
  const classified = (row.region_code ?? '').trim();
  if (classified.startsWith(`${country}-`)) return classified.slice(country.length + 1);
  const state = (row.state ?? '').trim();
  const region = regionFor(country, row.postal_code ?? '', state).region_code;
  if (region !== '') return region.slice(country.length + 1);
  const code = state.toUpperCase().replace(/^(US|CA)-/, '');
  return (country === 'US' || country === 'CA') && countryFromState(code) === country ? code : '';
}

export function crmFacts(row: Row, suppressRan: boolean): CrmFacts {
  const cell = (row.country ?? '').trim();
  const countryCode = cell === '' ? '' : normaliseCountry(cell).code;
  const stateCode = countryCode === '' ? '' : stateCodeOf(row, countryCode);
  return {
    ...optOuts(row, suppressRan),
    countryCode,
    countryUnknown: cell !== '' && countryCode === '',
    stateCode,
    stateUnknown: stateCode === '' && (row.state ?? '').trim() !== '',
    street: streetLine(row, countryCode),
    origin: crmOrigin(row),
  };
}

/**
 * validate found the email malformed (email_reason syntax): both CRMs refuse such a row whole.
 * A new row goes to the rejects; an update leaves the CRM's email as it is (an empty cell).
 */
export function emailMalformed(row: Row): boolean {
  return (row.email_reason ?? '').trim() === 'syntax' && (row.email ?? '').trim() !== '';
}

/** The CRM record a row is linked to by `leadkit match`; '' for a new lead. */
export function crmIdOf(row: Row): string {
  return (row.match_crm_id ?? '').trim();
}

export type CrmDestination = 'create' | 'update' | 'missing';

export interface CrmPlan {
  destination: CrmDestination;
  /** The row in the CRM's columns (for create and update). */
  out: Row;
  /** Why it cannot be created (for missing), e.g. ["missing_last_name"]. */
  reasons: string[];
  facts: CrmFacts;
}

/**
 * Where one row goes: linked rows update their record (the CRM has its required fields
 * already), new rows are created when they have the CRM's required fields, and go to the
 * side file with the reason otherwise; a required field is never filled with a made-up value.
 */
export function planCrmRow(preset: CrmPreset, row: Row, suppressRan: boolean): CrmPlan {
  const facts = crmFacts(row, suppressRan);
  const id = crmIdOf(row);
  if (id !== '') {
    // An update passes on refusals only; nothing is assumed about a record the CRM already has.
    const known = { ...facts, emailOptOut: facts.emailRefused, phoneOptOut: facts.phoneRefused, emailOptOutAssumed: false, phoneOptOutAssumed: false };
    const usable = emailMalformed(row) ? { ...row, email: '' } : row;
    return { destination: 'update', out: { ...preset.toCrm(usable, known, true), [preset.idColumn]: id }, reasons: [], facts: known };
  }
  const reasons = preset.missing(row);
  if (emailMalformed(row)) reasons.push('invalid_email');
  if (reasons.length) return { destination: 'missing', out: {}, reasons, facts };
  return { destination: 'create', out: preset.toCrm(row, facts, false), reasons, facts };
}

/** "true"/"false" for a create; in an update only "true" or '' (a new list never lifts a CRM's opt-out, and an empty cell leaves the CRM's value). */
export function flag(value: boolean, update: boolean): string {
  if (value) return 'true';
  return update ? '' : 'false';
}

export function cell(row: Row, column: string): string {
  return (row[column] ?? '').trim();
}
