/**
 * The organisation view of a row: what a contact row says about the company it works for, with
 * the person left out. Accounts are found by running dedupe's engine on these views, where rows
 * without a person match as organisations (company name with its legal form, street and house
 * number, postal code, city, country, website domain, switchboard, VAT id), so contacts of one
 * company meet however their names and emails differ.
 *
 * The domain is the row's website, else the company domain of its email, both as src/email reads
 * them (company-domain.ts, the reading classify fills website with): a free-mail or disposable
 * address says nothing about the employer, and two contacts with gmail.com addresses must not be
 * tied by it; "b@vertrieb.mueller-holz.de" says mueller-holz.de, as "a@mueller-holz.de" does.
 */
import { resolveRowCountry } from '../address/country-resolver.js';
import { namesNoCompany } from '../classify/segment.js';
import { companyKey } from '../company/key.js';
import { companyDomainOfEmail, companyDomainOfHost } from '../email/index.js';
import { normaliseCity, normalisePostalCode, normaliseStreet } from '../match/address.js';
import { normaliseForCompare } from '../match/compare-spec.js';
import { matchPhoneKey } from '../match/phone.js';
import type { Row } from '../table.js';
import { BoundedMemo } from '../text/bounded-memo.js';

// Every contact of a firm repeats its town: fold each spelling once (bounded like the engine's memo).
const cityMemo = new BoundedMemo(100_000, normaliseCity);

/** The columns of a view row, as the engine reads them (no person fields: it matches organisations). */
export const VIEW_COLUMNS = ['record_id', 'company', 'street', 'house_number', 'postal_code', 'city', 'state', 'country', 'website', 'phone', 'phone_extension', 'vat_id'] as const;

/** What one row says about its organisation, normalised for grouping. */
export interface OrgFacts {
  /** companyKey's key ("mueller holzbau") and legal form ("GmbH"). */
  company: string;
  legalForm: string;
  street: string;
  postal: string;
  city: string;
  /** ISO alpha-2 from the row's own cells ('' when they name none). */
  country: string;
  /** A company's domain (website, else a corporate email's), ASCII; '' when none. */
  domain: string;
  vat: string;
  /** src/phone's match key of the phone cell (not the mobile: that is the person's); ''. */
  phone: string;
}

/**
 * The key of a company's domain: the website's host (a site of a free-mail provider or a near miss
 * of one names no company, and the email is asked next), else the registrable domain of a
 * corporate email; ASCII, '' when neither names a company.
 */
export function companyDomain(row: Row): string {
  const site = companyDomainOfHost(normaliseForCompare('domain', row.website ?? ''));
  if (site !== '') return site;
  return companyDomainOfEmail(row.email ?? '', row.email_status ?? '').ascii;
}

/** The organisation facts of a row, or undefined when it names no company (a private person). */
export function orgFacts(row: Row, defaultRegion: string): OrgFacts | undefined {
  // classify's reading of a company cell that names none ("-", "k.A.", "Privat").
  if (namesNoCompany(row.company ?? '')) return undefined;
  const k = companyKey(row.company ?? '');
  if (k.key === '') return undefined;
  const country = resolveRowCountry(row).code;
  return {
    company: k.key,
    legalForm: k.legalForm,
    street: normaliseStreet(row.street ?? '', row.house_number ?? ''),
    postal: normalisePostalCode(row.postal_code ?? ''),
    city: row.city ? cityMemo.get(row.city) : '',
    country,
    domain: companyDomain(row),
    vat: normaliseForCompare('exact', row.vat_id ?? ''),
    phone: matchPhoneKey(row.phone ?? '', country, defaultRegion, row.phone_extension ?? ''),
  };
}

/**
 * Rows with the same view key say the same about their organisation and are one view. The phone
 * is left out: colleagues have their own direct lines.
 */
export function viewKey(f: OrgFacts): string {
  return [f.company, f.legalForm, f.street, f.postal, f.city, f.country, f.domain, f.vat].join('\u0001');
}

/**
 * Whether a view says where or which the company is: an address, a town, a domain or a VAT id.
 * Rows that give nothing but the name are not one view however alike: two "Autohaus Müller"
 * without a place may be two firms, and only the engine may join them (through a shared number).
 */
export function isAnchored(f: OrgFacts): boolean {
  return f.street !== '' || f.postal !== '' || f.city !== '' || f.domain !== '' || f.vat !== '';
}

/** Anchored by the town alone (no street, postcode, domain or VAT id): what makes name and town the only tie. */
export function townOnly(f: OrgFacts): boolean {
  return f.city !== '' && f.street === '' && f.postal === '' && f.domain === '' && f.vat === '';
}

/** The cells of a row the view is made of, as one string: the smallest picks a view's spelling in any input order. */
export function orgCells(row: Row): string {
  return [row.company, row.street, row.house_number, row.postal_code, row.city, row.state, row.country, row.vat_id].map((v) => v ?? '').join('\u0001');
}

/**
 * The view row handed to the engine: the organisation cells of `spelling` (a member row), the
 * group's domain and the phone `phoneRow` has, under record_id `id`.
 */
export function viewRow(id: string, spelling: Row, domain: string, phoneRow: Row | undefined): Row {
  return {
    record_id: id,
    company: spelling.company ?? '',
    street: spelling.street ?? '',
    house_number: spelling.house_number ?? '',
    postal_code: spelling.postal_code ?? '',
    city: spelling.city ?? '',
    state: spelling.state ?? '',
    country: spelling.country ?? '',
    website: domain,
    phone: phoneRow?.phone ?? '',
    phone_extension: phoneRow?.phone_extension ?? '',
    vat_id: spelling.vat_id ?? '',
  };
}
