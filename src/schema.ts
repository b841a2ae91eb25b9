/**
 * The canonical lead schema and the vendor/CRM header names that map onto it.
 * Header matching ignores case, spaces, punctuation and umlaut spelling (see headerKey).
 */
import { foldForCompare } from './text/fold.js';

export const CANONICAL_FIELDS = [
  'salutation',
  'academic_title',
  'first_name',
  'last_name',
  'full_name',
  'company',
  'title',
  'department',
  'email',
  'phone',
  'mobile',
  'fax',
  'street',
  'house_number',
  'address_unit',
  'postal_code',
  'city',
  'state',
  'country',
  'website',
  'industry',
  'employees',
  'revenue',
  'lead_source',
  'created_at',
  'updated_at',
  'last_activity_at',
  'consent_email',
  'consent_phone',
  'owner',
  'vat_id',
  'customer_number',
  'birth_date',
  'birth_year',
  'birth_month',
  'birth_day',
  'national_id',
  'page_views',
  'email_opens',
  'email_clicks',
  'form_fills',
  'notes',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/**
 * Columns every imported row carries, in front: its id and list, and where the list came from
 * (src/import/provenance.ts: vendor, delivery date and whether that date was given, read off the
 * file or is unknown). Import sets them; a list leadkit wrote keeps its own on re-import.
 */
export const PROVENANCE_FIELDS = ['record_id', 'source', 'source_vendor', 'source_delivered_at', 'source_delivered_status'] as const;

/**
 * Synonyms per field (English, German, and common CRM export names: Salesforce, HubSpot,
 * Dynamics, Pipedrive). The field name itself always matches.
 */
const SYNONYMS: Record<CanonicalField, string[]> = {
  salutation: ['Anrede', 'Salutation', 'Briefanrede', 'Geschlecht', 'Gender', 'Mr/Ms', 'Prefix', 'Civilité', 'Honorific', 'Name Prefix'],
  academic_title: ['Titel', 'Akademischer Titel', 'Academic Title', 'Akad. Titel', 'Namenszusatz', 'Grad', 'Akademischer Grad', 'Akad. Grad'],
  first_name: ['Vorname', 'First Name', 'Firstname', 'Given Name', 'Forename', 'Prénom', 'Rufname', 'Contact First Name', 'Given Names', 'Vornamen'],
  last_name: ['Nachname', 'Last Name', 'Lastname', 'Surname', 'Family Name', 'Familienname', 'Nom', 'Zuname', 'Contact Last Name', 'Nom de famille', 'Nachname/Name'],
  full_name: ['Name', 'Full Name', 'Fullname', 'Contact Name', 'Kontakt', 'Ansprechpartner', 'Ansprechpartnerin', 'Kontaktperson', 'Person', 'Contact', 'Lead Name', 'Vollständiger Name', 'Nom complet', 'Primary Contact', 'Contact Person', 'Kontaktname', 'Interlocuteur'],
  company: ['Firma', 'Company', 'Company Name', 'Unternehmen', 'Firmenname', 'Unternehmensname', 'Organisation', 'Organization', 'Organisation Name', 'Account', 'Account Name', 'Firmierung', 'Arbeitgeber', 'Employer', 'Kunde', 'Name der Firma', 'Firma 1', 'Firmenname 1', 'Société', 'Entreprise', 'Raison sociale', 'Nom de l\'entreprise', 'Nom de la société', 'Associated Company', 'Name 1', 'Firmenbezeichnung', 'Organization Name', 'Business Name'],
  title: ['Position', 'Funktion', 'Job Title', 'Jobtitle', 'Jobtitel', 'Berufsbezeichnung', 'Stellenbezeichnung', 'Role', 'Rolle', 'Designation', 'Beruf', 'Title', 'Job Function', 'Fonction', 'Poste', 'Intitulé du poste', 'Job Position', 'Job Role', 'Position/Funktion', 'Tätigkeit', 'Titre'],
  department: ['Abteilung', 'Department', 'Bereich', 'Division', 'Fachbereich', 'Dept', 'Funktionsbereich'],
  email: ['E-Mail', 'Email', 'Email Address', 'E-Mail-Adresse', 'E-Mail Adresse', 'Mail', 'Emailadresse', 'E-Mail geschäftlich', 'Business Email', 'Work Email', 'Primary Email', 'Courriel', 'Mailadresse', 'Adresse e-mail', 'Adresse électronique'],
  phone: ['Telefon', 'Tel.', 'Tel', 'Phone', 'Phone Number', 'Telephone', 'Telefonnummer', 'Rufnummer', 'Telefon geschäftlich', 'Business Phone', 'Work Phone', 'Festnetz', 'Telefon 1', 'Tel. Zentrale', 'Zentrale', 'Téléphone', 'Téléphone fixe', 'Telefonnr.', 'Tel.-Nr.', 'Telefon-Nr.', 'Haupttelefon', 'Telefon Zentrale'],
  mobile: ['Mobil', 'Mobile', 'Handy', 'Mobiltelefon', 'Mobile Phone', 'Mobilnummer', 'Handynummer', 'Cell', 'Cell Phone', 'Mobilfunk', 'Telefon mobil', 'Mobilfunknummer', 'Mobile Number', 'Mobil-Nr.', 'Handy-Nr.', 'Portable', 'Téléphone portable'],
  fax: ['Fax', 'Telefax', 'Faxnummer', 'Fax Number', 'Fax Phone', 'Télécopie', 'Fax-Nr.'],
  street: ['Straße', 'Strasse', 'Str.', 'Street', 'Adresse', 'Address', 'Anschrift', 'Street Address', 'Straße und Hausnummer', 'Straße/Nr.', 'Strasse Nr', 'Address Line 1', 'Address 1', 'Mailing Street', 'Billing Street', 'Postanschrift', 'Address Line', 'Straße Hausnummer', 'Straße + Hausnummer', 'Straße u. Hausnr.', 'Straße/Hausnr.', 'Adresse ligne 1', 'Rue', 'Street/road name'],
  // The second address line that validate reads the unit from (apartment, suite, building).
  address_unit: ['Adresszusatz', 'Address Line 2', 'Apt/Suite', 'Apartment', 'Suite', 'Wohnung', "Complément d'adresse", 'Adresse ligne 2', 'Street Address Line 2'],
  house_number: ['Hausnummer', 'Hausnr.', 'Hausnr', 'Nr.', 'Nr', 'House Number', 'Street Number', 'HNr'],
  postal_code: ['PLZ', 'Postleitzahl', 'Postal Code', 'Postcode', 'Post Code', 'ZIP', 'Zip Code', 'Zipcode', 'ZIP/Postal Code', 'Mailing Zip/Postal Code', 'Billing Zip/Postal Code', 'Code postal', 'NPA', 'CAP', 'Zip/Postcode', 'Postal/Zip Code', 'CP'],
  city: ['Ort', 'Stadt', 'City', 'Town', 'Wohnort', 'Gemeinde', 'Place', 'Mailing City', 'Billing City', 'Ville', 'Ortschaft', 'Sitz', 'Suburb', 'Locality', 'Town/City', 'City/Town', 'City/town/village/locality', 'Localité', 'Commune'],
  state: ['Bundesland', 'State', 'Region', 'Province', 'Kanton', 'State/Province', 'Mailing State/Province', 'Billing State/Province', 'County', 'State/Region', 'State or Province', 'State/County', 'Bundesland/Kanton', 'State Code', 'Canton'],
  country: ['Land', 'Land/Region', 'Country/Region', 'Country', 'Staat', 'Country Code', 'Ländercode', 'Länderkennzeichen', 'LKZ', 'Mailing Country', 'Billing Country', 'Pays', 'Nation', 'Country Name', 'Pays/Région'],
  website: ['Webseite', 'Website', 'Web', 'Homepage', 'Internet', 'URL', 'Internetadresse', 'Web Site', 'Domain', 'Company Website', 'WWW', 'Web Page', 'Webpage', 'Website URL', 'Web Address', 'Site web', 'Site internet', 'Company Domain Name', 'Company Domain', 'Internetseite'],
  industry: ['Branche', 'Industry', 'Sector', 'Sektor', 'Wirtschaftszweig', 'Industrie', 'Branchenbezeichnung', 'WZ Code', 'NACE', 'SIC Code', 'Primary SIC Code', 'NAICS', 'NAICS Code', 'Branchencode', 'Branchenschlüssel', 'WZ 2008', 'WZ2008 Code', 'NACE Code', 'Branchentext', 'Secteur d\'activité', 'Secteur', 'Code NAF', 'Code APE', 'WZ Code 2008'],
  employees: ['Mitarbeiter', 'Mitarbeiterzahl', 'Anzahl Mitarbeiter', 'Employees', 'Number of Employees', 'No. of Employees', 'Employee Count', 'Beschäftigte', 'Mitarbeiteranzahl', 'Company Size', 'Unternehmensgröße', 'MA', 'Headcount', 'Size', 'Beschäftigtenklasse', 'Mitarbeiterklasse', 'Anzahl Beschäftigte', 'Company Headcount', 'Effectif', 'Effectifs', 'Nombre de salariés', 'Tranche d\'effectif'],
  revenue: ['Umsatz', 'Revenue', 'Annual Revenue', 'Jahresumsatz', 'Turnover', 'Umsatzklasse', 'Sales Volume', 'Umsatz in EUR', 'Annual Sales', 'Umsatzgröße', 'Chiffre d\'affaires', 'Umsatz in Mio. EUR', 'Umsatz in TEUR'],
  lead_source: ['Lead Source', 'Leadquelle', 'Quelle', 'Herkunft', 'Source', 'Kampagne', 'Campaign', 'Original Source', 'Lead-Quelle', 'Akquisekanal', 'Channel', 'Origine', 'Source du lead'],
  created_at: ['Created', 'Created Date', 'Create Date', 'Erstellt', 'Erstellt am', 'Erstelldatum', 'Angelegt', 'Angelegt am', 'Anlagedatum', 'Date Created', 'Erfasst am', 'Created On', 'Created Time', 'Created At', 'Erstellungsdatum', 'Date de création'],
  updated_at: ['Updated', 'Last Modified', 'Last Modified Date', 'Geändert', 'Geändert am', 'Änderungsdatum', 'Modified', 'Zuletzt geändert', 'Aktualisiert', 'Modified On', 'Modified Time', 'Last Modified Time', 'Edit Date', 'Updated At', 'Letzte Änderung', 'Date de modification'],
  last_activity_at: ['Last Activity', 'Last Activity Date', 'Letzte Aktivität', 'Letzter Kontakt', 'Last Contacted', 'Last Engagement Date', 'Last Activity Time', 'Dernière activité'],
  consent_email: ['Einwilligung E-Mail', 'E-Mail Einwilligung', 'Email Opt-In', 'Email Opt In', 'Opt-In E-Mail', 'Newsletter', 'Email Consent', 'Marketing Email Consent', 'Werbeeinwilligung E-Mail', 'DOI', 'Double Opt-In', 'Marketing contact status', 'Marketing status', 'Newsletter angemeldet', 'Newsletter-Einwilligung', 'Email Marketing Consent', 'Consentement e-mail'],
  consent_phone: ['Einwilligung Telefon', 'Telefon Einwilligung', 'Phone Opt-In', 'Phone Consent', 'Opt-In Telefon', 'Telefonwerbung', 'Werbeeinwilligung Telefon', 'Consentement téléphone'],
  owner: ['Owner', 'Lead Owner', 'Account Owner', 'Contact Owner', 'Betreuer', 'Vertriebsmitarbeiter', 'Zuständig', 'Verantwortlich', 'Sales Rep', 'Außendienst', 'Kundenbetreuer', 'Bearbeiter', 'Record Manager', 'Owner Name', 'Owner ID', 'Assigned To', 'Propriétaire', 'Responsable'],
  vat_id: ['USt-IdNr.', 'USt-ID', 'UStIdNr', 'VAT', 'VAT ID', 'VAT Number', 'Umsatzsteuer-ID', 'UID', 'UID-Nummer', 'Steuernummer', 'Umsatzsteuer-Identifikationsnummer', 'VAT Registration Number', 'TVA intracommunautaire', 'Numéro de TVA', 'N° TVA intracommunautaire'],
  customer_number: ['Kundennummer', 'Kunden-Nr.', 'Kundennr', 'Customer Number', 'Customer ID', 'Account Number', 'Debitorennummer', 'KdNr', 'Numéro client', 'Client Number'],
  national_id: ['National ID', 'National ID Number', 'SSN', 'Social Security Number', 'Social Security No', 'Soc Sec No', 'Sozialversicherungsnummer', 'SV-Nummer', 'Rentenversicherungsnummer', 'Steuer-ID', 'Steueridentifikationsnummer', 'Tax ID', 'TIN', 'National Insurance Number', 'NI Number', 'NINO', 'Personalausweisnummer', 'Ausweisnummer', 'ID Number', 'Numéro de sécurité sociale', 'NIR'],
  // "Geburtstag" is the whole date in German, and "Birthday" the whole date in Outlook, HubSpot and
  // Google exports: neither is the day part (headerKey makes "Birth Day" the same key as "Birthday").
  birth_date: ['Geburtsdatum', 'Geburtstag', 'Geb.-Datum', 'Geb. Datum', 'Geboren am', 'Birth Date', 'Birthdate', 'Birthday', 'Date of Birth', 'DOB', 'Date de naissance'],
  // The parts, when a list keeps them apart; import composes birth_date from them (src/import/compose-date.ts).
  birth_year: ['Geburtsjahr', 'Jahrgang', 'Geburtsjahrgang', 'Birth Year', 'Year of Birth', 'DOB Year', 'Birthyear', 'YOB'],
  birth_month: ['Geburtsmonat', 'Birth Month', 'Month of Birth', 'DOB Month', 'Birthmonth'],
  birth_day: ['Geburtstag (Tag)', 'Tag der Geburt', 'Day of Birth', 'DOB Day', 'Birth Day of Month'],
  page_views: ['Page Views', 'Pageviews', 'Seitenaufrufe', 'Number of Pageviews', 'Web Visits', 'Website Visits'],
  email_opens: ['Email Opens', 'E-Mail Öffnungen', 'Öffnungen', 'Opens', 'Marketing Emails Opened'],
  email_clicks: ['Email Clicks', 'E-Mail Klicks', 'Klicks', 'Clicks', 'Marketing Emails Clicked'],
  form_fills: ['Form Fills', 'Form Submissions', 'Formulare', 'Formular-Einsendungen', 'Number of Form Submissions', 'Downloads', 'Anfragen'],
  notes: ['Notes', 'Notizen', 'Bemerkung', 'Bemerkungen', 'Kommentar', 'Comment', 'Comments', 'Description', 'Beschreibung', 'Info', 'Anmerkungen', 'Memo', 'Note', 'Remarques', 'Commentaire', 'Commentaires'],
};

/**
 * Normalise a header for matching: lower case, umlauts transliterated (Straße = Strasse),
 * accents folded, and everything but letters and digits removed.
 */
export function headerKey(h: string): string {
  return foldForCompare(h).replace(/[^a-z0-9]/g, '');
}

let synonymIndex: Map<string, CanonicalField> | undefined;

/**
 * Field names whose headerKey is another field's synonym: "birth_day" folds to "birthday", which
 * in Outlook, HubSpot and Google exports is the whole birth date. They match only as the field
 * name itself (in any case); "Birthday" and "Birth Day" are birth_date.
 */
const EXACT_ONLY: ReadonlySet<string> = new Set<CanonicalField>(['birth_day']);

function index(): Map<string, CanonicalField> {
  if (synonymIndex) return synonymIndex;
  const m = new Map<string, CanonicalField>();
  for (const f of CANONICAL_FIELDS) {
    if (!EXACT_ONLY.has(f)) m.set(headerKey(f), f);
    for (const s of SYNONYMS[f]) {
      const k = headerKey(s);
      if (!m.has(k)) m.set(k, f);
    }
  }
  synonymIndex = m;
  return m;
}

/** The canonical field a vendor header means, if any. */
export function canonicalFor(header: string): CanonicalField | undefined {
  const exact = header.trim().toLowerCase();
  if (EXACT_ONLY.has(exact)) return exact as CanonicalField;
  return index().get(headerKey(header));
}

export function isCanonical(name: string): name is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(name);
}

export function synonymsOf(field: CanonicalField): readonly string[] {
  return SYNONYMS[field];
}

/**
 * Opt-out columns: each means a consent field with the opposite polarity, so "yes" in
 * `Email Opt Out` is no consent to email. Import maps them as `not consent_email` and reads
 * their values inverted (src/import/opt-out.ts). They are apart from SYNONYMS so that
 * canonicalFor never hands an opt-out column to a reader that takes it as consent.
 */
const OPT_OUT_SYNONYMS: Partial<Record<CanonicalField, string[]>> = {
  consent_email: [
    'Email Opt Out', 'E-Mail Opt-Out', 'Opt-Out E-Mail', 'Has Opted Out Of Email', 'Opted Out of Email', 'Email Opted Out',
    'Unsubscribed from all email', 'Unsubscribed', 'Email Unsubscribed', 'Do Not Email', 'Do not allow Emails',
    'Do not allow Bulk Emails', 'Do not bulk email', 'Newsletter abgemeldet', 'Newsletter-Abmeldung', 'Abgemeldet',
    'Werbewiderspruch', 'Widerspruch Werbung', 'Werbesperre', 'E-Mail-Sperre', 'Keine E-Mail-Werbung', 'Keine Werbung',
    'Désabonné', 'Désinscrit', 'Opposition e-mail',
  ],
  consent_phone: [
    'Do Not Call', 'Do not allow Phone Calls', 'Do Not Phone', 'Phone Opt Out', 'Telefon Opt-Out', 'Telefonsperre',
    'Keine Anrufe', 'Keine Telefonwerbung', 'Widerspruch Telefon', 'Ne pas appeler', 'Opposition téléphone',
  ],
};

let optOutIndex: Map<string, CanonicalField> | undefined;

/** The consent field an opt-out header means (inverted), if it is one. */
export function optOutFor(header: string): CanonicalField | undefined {
  if (!optOutIndex) {
    optOutIndex = new Map();
    for (const [f, list] of Object.entries(OPT_OUT_SYNONYMS)) for (const s of list ?? []) optOutIndex.set(headerKey(s), f as CanonicalField);
  }
  return optOutIndex.get(headerKey(header));
}

/**
 * Headers whose meaning depends on the values: Outlook's "Title" is the name prefix (Mr., Dr.)
 * beside its "Job Title", Salesforce's is the job title; German "Titel" is mostly the academic
 * title. The field each means when the values do not say otherwise is its synonym above.
 */
export const VALUE_DECIDED_HEADERS: ReadonlySet<string> = new Set(['title', 'titel', 'titre']);

/**
 * Columns leadkit itself writes whose values are numbers or booleans (as text, like every cell).
 * Typed outputs (JSON Lines) write them as JSON numbers and booleans; every other column, and
 * every column read from the input, stays a string.
 */
export const OWN_NUMBER_COLUMNS: ReadonlySet<string> = new Set([
  'score',
  'fit_score',
  'engagement_score',
  'stage_rank',
  'duplicate_count',
  'match_score',
  // The accounts table's figures (src/accounts/account-row.ts).
  'contacts',
  'best_score',
  'score_sum',
  'locations',
]);
/** Written as `true`, or `false` / empty for no. */
export const OWN_BOOLEAN_COLUMNS: ReadonlySet<string> = new Set(['phone_region_guessed', 'mobile_region_guessed', 'country_guessed', 'suppressed', 'stage_mql', 'is_target']);
