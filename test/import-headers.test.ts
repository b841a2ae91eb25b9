/**
 * Header mapping on the headers real exports write, one table per product (Outlook EN and DE,
 * Salesforce report and API names, HubSpot, Pipedrive, Zoho, Dynamics 365, ACT!, LinkedIn,
 * DACH address vendors, French CRMs). Every column of each header is listed with what it must
 * become: a field, `not <consent field>` for an opt-out column, or `kept` (stays a column of its
 * own name: a home address beside the business one, a second e-mail, a pager).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapHeader, mappingAsYaml, parseMapFile, type ColumnMapping } from '../src/import/mapping.js';
import { parseHeader } from '../src/import/header-parts.js';
import { readOptOut } from '../src/import/opt-out.js';
import { parseConsent } from '../src/suppress/consent.js';
import { consentRank } from '../src/match/consent.js';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';

type Table = [header: string, want: string][];

function got(m: ColumnMapping): string {
  if (m.how === 'kept' || m.how === 'renamed') return 'kept';
  return m.invert ? `not ${m.to}` : m.to;
}

function check(table: Table, sample: string[][] = []): void {
  const mapping = mapHeader(table.map(([h]) => h), new Map(), sample);
  expect(mapping.map((m, i) => [table[i][0], got(m)])).toEqual(table);
}

describe('real export headers', () => {
  it('Outlook (English): the business block is the address, home and other blocks are kept', () => {
    check([
      ['Title', 'salutation'], ['First Name', 'first_name'], ['Middle Name', 'kept'], ['Last Name', 'last_name'], ['Suffix', 'kept'],
      ['Company', 'company'], ['Department', 'department'], ['Job Title', 'title'],
      ['Business Street', 'street'], ['Business Street 2', 'kept'], ['Business Street 3', 'kept'], ['Business City', 'city'],
      ['Business State', 'state'], ['Business Postal Code', 'postal_code'], ['Business Country/Region', 'country'],
      ['Home Street', 'kept'], ['Home Street 2', 'kept'], ['Home City', 'kept'], ['Home State', 'kept'], ['Home Postal Code', 'kept'],
      ['Home Country/Region', 'kept'], ['Other Street', 'kept'], ['Other City', 'kept'], ['Other Postal Code', 'kept'],
      ["Assistant's Phone", 'kept'], ['Business Fax', 'fax'], ['Business Phone', 'phone'], ['Business Phone 2', 'kept'],
      ['Callback', 'kept'], ['Car Phone', 'kept'], ['Company Main Phone', 'kept'], ['Home Fax', 'kept'], ['Home Phone', 'kept'],
      ['ISDN', 'kept'], ['Mobile Phone', 'mobile'], ['Other Fax', 'kept'], ['Other Phone', 'kept'], ['Pager', 'kept'],
      ['Primary Phone', 'kept'], ['TTY/TDD Phone', 'kept'], ['Account', 'kept'], ['Anniversary', 'kept'], ["Assistant's Name", 'kept'],
      ['Billing Information', 'kept'], ['Birthday', 'birth_date'], ['Business Address PO Box', 'kept'], ['Categories', 'kept'],
      ['E-mail Address', 'email'], ['E-mail Type', 'kept'], ['E-mail Display Name', 'kept'], ['E-mail 2 Address', 'kept'],
      ['E-mail 3 Address', 'kept'], ['Gender', 'kept'], ['Initials', 'kept'], ['Keywords', 'kept'], ['Language', 'kept'],
      ['Location', 'kept'], ["Manager's Name", 'kept'], ['Notes', 'notes'], ['Office Location', 'kept'], ['Private', 'kept'],
      ['Referred By', 'kept'], ['Spouse', 'kept'], ['User 1', 'kept'], ['Web Page', 'website'],
    ]);
  });

  it('Outlook (German): "geschäftlich" is the address, "privat" and "weitere" are kept, "Ort" alone is the location', () => {
    check([
      ['Anrede', 'salutation'], ['Vorname', 'first_name'], ['Nachname', 'last_name'], ['Firma', 'company'], ['Position', 'title'],
      ['Straße geschäftlich', 'street'], ['Straße geschäftlich 2', 'kept'], ['Ort geschäftlich', 'city'],
      ['Postleitzahl geschäftlich', 'postal_code'], ['Region geschäftlich', 'state'], ['Land/Region geschäftlich', 'country'],
      ['Straße privat', 'kept'], ['Ort privat', 'kept'], ['Postleitzahl privat', 'kept'], ['Bundesland/Kanton privat', 'kept'],
      ['Weitere Straße', 'kept'], ['Weiterer Ort', 'kept'], ['Weiteres/e Land/Region', 'kept'],
      ['Telefon geschäftlich', 'phone'], ['Telefon geschäftlich 2', 'kept'], ['Fax geschäftlich', 'fax'], ['Telefon privat', 'kept'],
      ['Fax privat', 'kept'], ['Mobiltelefon', 'mobile'], ['Mobiltelefon 2', 'kept'], ['Autotelefon', 'kept'], ['Haupttelefon', 'kept'],
      ['E-Mail-Adresse', 'email'], ['E-Mail: Angezeigter Name', 'kept'], ['E-Mail 2: Adresse', 'kept'], ['Geburtstag', 'birth_date'],
      ['Notizen', 'notes'], ['Ort', 'kept'], ['Postfach geschäftlich', 'kept'], ['Webseite', 'website'], ['Benutzer 1', 'kept'],
    ]);
  });

  it('Outlook (German) of private contacts: an empty business block yields to the filled home block, as a counted guess', () => {
    const header: Table = [
      ['Vorname', 'first_name'], ['Nachname', 'last_name'], ['Straße geschäftlich', 'kept'], ['Ort geschäftlich', 'kept'],
      ['Postleitzahl geschäftlich', 'kept'], ['Straße privat', 'street'], ['Ort privat', 'city'], ['Postleitzahl privat', 'postal_code'],
    ];
    const rows = [
      ['Jürgen', 'Öztürk', '', '', '', 'Lindengasse 12', 'Wien', '1070'],
      ['Anna', 'Weiß', '', '', '', 'Hauptstraße 3', 'Graz', '8010'],
    ];
    check(header, rows);
    const m = mapHeader(header.map(([h]) => h), new Map(), rows);
    expect(m.filter((c) => c.how === 'guessed').map((c) => c.from)).toEqual(['Straße privat', 'Ort privat', 'Postleitzahl privat']);
  });

  it('Salesforce report export: Mailing beats Billing, opt-outs map inverted', () => {
    check([
      ['Salutation', 'salutation'], ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Title', 'title'],
      ['Account Name', 'company'], ['Mailing Street', 'street'], ['Mailing City', 'city'], ['Mailing State/Province', 'state'],
      ['Mailing Zip/Postal Code', 'postal_code'], ['Mailing Country', 'country'], ['Billing Street', 'kept'], ['Billing City', 'kept'],
      ['Phone', 'phone'], ['Mobile', 'mobile'], ['Home Phone', 'kept'], ['Email', 'email'], ['Email Opt Out', 'not consent_email'],
      ['Do Not Call', 'not consent_phone'], ['Lead Source', 'lead_source'], ['Contact Owner', 'owner'], ['Created Date', 'created_at'],
      ['Last Activity', 'last_activity_at'], ['Description', 'notes'],
    ]);
  });

  it('Salesforce API names (Data Loader): Contact', () => {
    check([
      ['Id', 'kept'], ['AccountId', 'kept'], ['Salutation', 'salutation'], ['FirstName', 'first_name'], ['LastName', 'last_name'],
      ['Title', 'title'], ['Department', 'department'], ['Email', 'email'], ['Phone', 'phone'], ['MobilePhone', 'mobile'],
      ['HomePhone', 'kept'], ['OtherPhone', 'kept'], ['Fax', 'fax'], ['AssistantPhone', 'kept'], ['MailingStreet', 'street'],
      ['MailingCity', 'city'], ['MailingState', 'state'], ['MailingPostalCode', 'postal_code'], ['MailingCountry', 'country'],
      ['OtherStreet', 'kept'], ['OtherPostalCode', 'kept'], ['HasOptedOutOfEmail', 'not consent_email'], ['HasOptedOutOfFax', 'kept'],
      ['DoNotCall', 'not consent_phone'], ['LeadSource', 'lead_source'], ['OwnerId', 'owner'], ['CreatedDate', 'created_at'],
      ['LastModifiedDate', 'updated_at'], ['LastActivityDate', 'last_activity_at'], ['Birthdate', 'birth_date'], ['Description', 'notes'],
    ]);
  });

  it('Salesforce API names: an Account export, whose Name is the company', () => {
    check([
      ['Id', 'kept'], ['Name', 'company'], ['Type', 'kept'], ['BillingStreet', 'street'], ['BillingCity', 'city'],
      ['BillingPostalCode', 'postal_code'], ['BillingCountry', 'country'], ['ShippingStreet', 'kept'], ['ShippingCity', 'kept'],
      ['Phone', 'phone'], ['Fax', 'fax'], ['Website', 'website'], ['Industry', 'industry'], ['AnnualRevenue', 'revenue'],
      ['NumberOfEmployees', 'employees'], ['AccountNumber', 'customer_number'], ['Newsletter__c', 'consent_email'],
    ]);
  });

  it('HubSpot contacts: documented consent wins over the opt-out column', () => {
    check([
      ['Record ID', 'kept'], ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Email', 'email'], ['Phone Number', 'phone'],
      ['Mobile Phone Number', 'mobile'], ['Job Title', 'title'], ['Company Name', 'company'], ['Street Address', 'street'], ['City', 'city'],
      ['State/Region', 'state'], ['Postal Code', 'postal_code'], ['Country/Region', 'country'], ['Contact owner', 'owner'],
      ['Lifecycle Stage', 'kept'], ['Lead Status', 'kept'], ['Create Date', 'created_at'], ['Last Activity Date', 'last_activity_at'],
      ['Unsubscribed from all email', 'kept'], ['Marketing contact status', 'consent_email'], ['Original Source', 'lead_source'],
      ['Associated Company', 'kept'], ['Number of Employees', 'employees'], ['Annual Revenue', 'revenue'], ['Website URL', 'website'],
      ['Number of Pageviews', 'page_views'], ['Number of Form Submissions', 'form_fills'],
    ]);
  });

  it('Pipedrive people export: object and type qualifiers', () => {
    check([
      ['Person - Name', 'full_name'], ['Person - First name', 'first_name'], ['Person - Last name', 'last_name'],
      ['Person - Organization', 'company'], ['Person - Email - Work', 'email'], ['Person - Email - Home', 'kept'],
      ['Person - Phone - Work', 'phone'], ['Person - Phone - Mobile', 'mobile'], ['Person - Phone - Home', 'kept'],
      ['Person - Owner', 'owner'], ['Person - Label', 'kept'], ['Person - Marketing status', 'consent_email'],
      ['Organization - Name', 'kept'], ['Organization - Address - Street/road name', 'street'],
      ['Organization - Address - House number', 'house_number'], ['Organization - Address - ZIP/Postal code', 'postal_code'],
      ['Organization - Address - City/town/village/locality', 'city'], ['Organization - Address - Country', 'country'],
      ['Person - Add time', 'kept'],
    ]);
  });

  it('Zoho CRM contacts and accounts', () => {
    check([
      ['Contact Owner', 'owner'], ['Lead Source', 'lead_source'], ['First Name', 'first_name'], ['Last Name', 'last_name'],
      ['Account Name', 'company'], ['Vendor Name', 'kept'], ['Email', 'email'], ['Title', 'title'], ['Department', 'department'],
      ['Phone', 'phone'], ['Home Phone', 'kept'], ['Other Phone', 'kept'], ['Fax', 'fax'], ['Mobile', 'mobile'],
      ['Date of Birth', 'birth_date'], ['Assistant', 'kept'], ['Asst Phone', 'kept'], ['Reports To', 'kept'],
      ['Email Opt Out', 'not consent_email'], ['Skype ID', 'kept'], ['Secondary Email', 'kept'], ['Mailing Street', 'street'],
      ['Other Street', 'kept'], ['Mailing City', 'city'], ['Other City', 'kept'], ['Mailing State', 'state'], ['Mailing Zip', 'postal_code'],
      ['Other Zip', 'kept'], ['Mailing Country', 'country'], ['Description', 'notes'], ['Created Time', 'created_at'],
      ['Modified Time', 'updated_at'], ['Last Activity Time', 'last_activity_at'],
    ]);
    check([
      ['Account Owner', 'owner'], ['Account Name', 'company'], ['Phone', 'phone'], ['Website', 'website'], ['Account Type', 'kept'],
      ['Industry', 'industry'], ['Employees', 'employees'], ['Annual Revenue', 'revenue'], ['Billing Street', 'street'],
      ['Billing City', 'city'], ['Billing State', 'state'], ['Billing Code', 'postal_code'], ['Billing Country', 'country'],
      ['Shipping Street', 'kept'], ['Shipping Code', 'kept'], ['Account Number', 'customer_number'], ['SIC Code', 'kept'],
      ['Parent Account', 'kept'],
    ]);
  });

  it('Dynamics 365: numbered address blocks, "Do not allow" options, and its API names', () => {
    check([
      ['Full Name', 'full_name'], ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Middle Name', 'kept'],
      ['Company Name', 'company'], ['Job Title', 'title'], ['Email', 'email'], ['Email Address 2', 'kept'],
      ['Business Phone', 'phone'], ['Mobile Phone', 'mobile'], ['Address 1: Street 1', 'street'], ['Address 1: Street 2', 'kept'],
      ['Address 1: City', 'city'], ['Address 1: State/Province', 'state'], ['Address 1: ZIP/Postal Code', 'postal_code'],
      ['Address 1: Country/Region', 'country'], ['Address 2: City', 'kept'], ['Do not allow Emails', 'not consent_email'],
      ['Do not allow Phone Calls', 'not consent_phone'], ['Do not allow Bulk Emails', 'kept'], ['Owner', 'owner'],
      ['Created On', 'created_at'], ['Modified On', 'updated_at'], ['Birthday', 'birth_date'],
    ]);
    check([
      ['firstname', 'first_name'], ['lastname', 'last_name'], ['jobtitle', 'title'], ['emailaddress1', 'email'],
      ['emailaddress2', 'kept'], ['telephone1', 'phone'], ['mobilephone', 'mobile'], ['address1_line1', 'street'],
      ['address1_line2', 'kept'], ['address1_city', 'city'], ['address1_stateorprovince', 'state'],
      ['address1_postalcode', 'postal_code'], ['address1_country', 'country'], ['address2_city', 'kept'],
      ['donotemail', 'not consent_email'], ['donotphone', 'not consent_phone'], ['websiteurl', 'website'], ['createdon', 'created_at'],
    ]);
  });

  it('ACT!', () => {
    check([
      ['Company', 'company'], ['Contact', 'full_name'], ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Title', 'title'],
      ['Department', 'department'], ['Phone', 'phone'], ['Phone Extension', 'kept'], ['Mobile Phone', 'mobile'], ['Fax', 'fax'],
      ['Home Phone', 'kept'], ['Pager', 'kept'], ['Alt Phone', 'kept'], ['E-mail', 'email'], ['Web Site', 'website'],
      ['Address 1', 'street'], ['Address 2', 'kept'], ['Address 3', 'kept'], ['City', 'city'], ['State', 'state'], ['Zip', 'postal_code'],
      ['Country', 'country'], ['ID/Status', 'kept'], ['Referred By', 'kept'], ['Birth Date', 'birth_date'], ['Home Address 1', 'kept'],
      ['Home City', 'kept'], ['Home Zip', 'kept'], ['Create Date', 'created_at'], ['Edit Date', 'updated_at'], ['Record Manager', 'owner'],
      ['User 1', 'kept'],
    ]);
  });

  it('LinkedIn connections and Sales Navigator lead lists', () => {
    check([
      ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Email Address', 'email'], ['Company', 'company'],
      ['Position', 'title'], ['Connected On', 'kept'],
    ]);
    check([
      ['Full Name', 'full_name'], ['First Name', 'first_name'], ['Last Name', 'last_name'], ['Title', 'title'], ['Company', 'company'],
      ['Company Domain', 'website'], ['Location', 'kept'], ['Industry', 'industry'], ['Profile URL', 'kept'], ['Company Headcount', 'employees'],
    ]);
    check([['firstName', 'first_name'], ['lastName', 'last_name'], ['fullName', 'full_name'], ['companyName', 'company'], ['title', 'title'], ['linkedInProfileUrl', 'kept']]);
  });

  it('LinkedIn: a "URL" column of profile links is no company website', () => {
    const header: Table = [['First Name', 'first_name'], ['Last Name', 'last_name'], ['URL', 'kept'], ['Company', 'company']];
    check(header, [
      ['Jürgen', 'Huber', 'https://www.linkedin.com/in/juergen-huber-4711', 'Huber Bau GmbH'],
      ['Anna', 'Öller', 'https://www.linkedin.com/in/annaoeller', 'Öller & Partner'],
    ]);
  });

  it('DACH address vendors (Schober, Bisnode/D&B, Hoppenstedt style)', () => {
    check([
      ['Firma 1', 'company'], ['Firma 2', 'kept'], ['Firma 3', 'kept'], ['Straße', 'street'], ['Hausnummer', 'house_number'], ['PLZ', 'postal_code'],
      ['Ort', 'city'], ['Ortsteil', 'kept'], ['Bundesland', 'state'], ['Telefon', 'phone'], ['Telefax', 'fax'], ['E-Mail', 'email'],
      ['Internet', 'website'], ['WZ-Code 2008', 'industry'], ['Beschäftigtenklasse', 'employees'], ['Umsatzklasse', 'revenue'],
      ['Rechtsform', 'kept'], ['Anrede', 'salutation'], ['Titel', 'academic_title'], ['Vorname', 'first_name'], ['Nachname', 'last_name'],
      ['Funktion', 'title'], ['USt-IdNr.', 'vat_id'], ['Werbewiderspruch', 'not consent_email'],
    ]);
    check([
      ['Firmenname', 'company'], ['Straße', 'street'], ['PLZ', 'postal_code'], ['Ort', 'city'], ['Land', 'country'], ['Telefon', 'phone'],
      ['Internetadresse', 'website'], ['Mitarbeiter (gesamt)', 'employees'], ['Umsatz (EUR)', 'revenue'], ['Branche (WZ 2008)', 'industry'],
      ['D-U-N-S Nummer', 'kept'], ['Telefon (mobil)', 'mobile'],
    ]);
    check([
      ['Name 1', 'company'], ['Name 2', 'kept'], ['Name 3', 'kept'], ['PLZ Postfach', 'kept'], ['Postfach', 'kept'], ['Straße', 'street'],
      ['PLZ', 'postal_code'], ['Ort', 'city'], ['Branchentext', 'industry'], ['Beschäftigte', 'employees'], ['Umsatz in Mio. EUR', 'revenue'],
      ['Anrede', 'salutation'], ['Vorname', 'first_name'], ['Name', 'last_name'], ['Position', 'title'], ['Funktionsbereich', 'department'],
      ['Newsletter abgemeldet', 'not consent_email'],
    ]);
  });

  it('a vendor company list: "Name" beside company facts and no person field is the company', () => {
    check([['Name', 'company'], ['Straße', 'street'], ['PLZ', 'postal_code'], ['Ort', 'city'], ['Branche', 'industry'], ['Mitarbeiter', 'employees']]);
    check([['Name', 'full_name'], ['E-Mail', 'email'], ['Telefon', 'phone']]);
  });

  it('French CRM exports', () => {
    check([
      ['Civilité', 'salutation'], ['Prénom', 'first_name'], ['Nom', 'last_name'], ['Société', 'company'], ['Fonction', 'title'],
      ['Adresse', 'street'], ['Code postal', 'postal_code'], ['Ville', 'city'], ['Pays', 'country'], ['Téléphone', 'phone'],
      ['Portable', 'mobile'], ['E-mail', 'email'], ['Site web', 'website'], ["Secteur d'activité", 'industry'], ['Effectif', 'employees'],
      ["Chiffre d'affaires", 'revenue'], ['SIRET', 'kept'], ['N° TVA intracommunautaire', 'vat_id'], ['Date de création', 'created_at'],
      ['Adresse de facturation', 'kept'], ['Téléphone domicile', 'kept'], ['Désabonné', 'not consent_email'], ['Ne pas appeler', 'not consent_phone'],
    ]);
  });
});

describe('"Title" decided by its values', () => {
  const header = ['Title', 'First Name', 'Last Name', 'Company'];
  it('name prefixes make it the salutation; Dr./Prof. alone the academic title; job words the job title', () => {
    const to = (rows: string[][]) => mapHeader(header, new Map(), rows)[0];
    expect(to([['Mr.', 'John', 'Smith', 'Acme'], ['Mrs.', 'Jane', 'Doe', 'Acme'], ['Dr.', 'Ann', 'Lee', 'Acme']])).toMatchObject({ to: 'salutation', how: 'guessed' });
    expect(to([['Herr', 'Jörg', 'Maier', 'Maier KG'], ['Frau Dr.', 'Eva', 'Öhler', 'Öhler GmbH']])).toMatchObject({ to: 'salutation', how: 'guessed' });
    expect(to([['Dr.', 'Ann', 'Lee', 'Acme'], ['Prof. Dr.', 'Karl', 'Berger', 'TU Wien'], ['', 'Eva', 'Roth', 'X']])).toMatchObject({ to: 'academic_title', how: 'guessed' });
    // The header's own reading, confirmed by the values, is no guess.
    expect(to([['Sales Manager', 'John', 'Smith', 'Acme'], ['CEO', 'Jane', 'Doe', 'Acme'], ['Dr.', 'Ann', 'Lee', 'Acme']])).toMatchObject({ to: 'title', how: 'synonym' });
  });
  it('German "Titel" of job words is the job title', () => {
    expect(mapHeader(['Titel', 'Name'], new Map(), [['Geschäftsführer', 'Müller'], ['Prokurist', 'Weiß']])[0]).toMatchObject({ to: 'title', how: 'guessed' });
  });
  it('beside "Job Title", a job-word "Title" is kept and "Job Title" stays the job title', () => {
    const m = mapHeader(['Title', 'Job Title'], new Map(), [['Head of Sales', 'VP Sales']]);
    expect(m.map((c) => [c.to, c.how])).toEqual([['Title', 'kept'], ['title', 'synonym']]);
    expect(m[0].why).toMatch(/job titles/);
  });
  it('the decision is written into the mapping file, which pins it for the next file', () => {
    const m = mapHeader(['Title', 'Job Title', 'E-mail Address'], new Map(), [['Mr.', 'Buyer', 'a@b.com']]);
    const yaml = mappingAsYaml('outlook.csv', m);
    expect(yaml).toContain('Title: salutation  # guessed: 1 of 1 values are name prefixes ("Mr.")');
    // Tomorrow's file has job words under Title: the mapping file keeps the meaning of yesterday's.
    const pinned = mapHeader(['Title', 'Job Title', 'E-mail Address'], new Map(parseMapFile(yaml, 'm.yml')), [['CEO', 'CEO', 'c@d.com']]);
    expect(pinned.map((c) => [c.to, c.how])).toEqual([['salutation', 'explicit'], ['title', 'explicit'], ['email', 'explicit']]);
  });
});

describe('business-name columns', () => {
  it('a name column of restaurants and shops is the company, not split into persons', async () => {
    const csv = [
      'name,address,city,phone',
      "Arnie Morton's of Chicago,435 S. La Cienega Blvd.,Los Angeles,310-246-1501",
      "Art's Delicatessen,12224 Ventura Blvd.,Studio City,818-762-1221",
      'Campanile,624 S. La Brea Ave.,Los Angeles,213-938-1447',
      'Grill on the Alley,9560 Dayton Way,Beverly Hills,310-276-0615',
      '',
    ].join('\n');
    const r = await runCli(['import'], { stdin: csv });
    expect(r.code).toBe(0);
    const [head, ...rows] = parseCsv(r.stdout);
    expect(head).not.toContain('first_name');
    expect(rows.map((f) => f[head.indexOf('company')])).toEqual(["Arnie Morton's of Chicago", "Art's Delicatessen", 'Campanile', 'Grill on the Alley']);
    expect(r.stderr).toMatch(/"name" read as company, a guess: 3 of 4 values read as business names/);
  });
  it('a person list with the odd company in it stays a person list', () => {
    const rows = [['Herr Dr. Thomas Müller'], ['Frau Sabine Gruber'], ['Jörg Weiß'], ['Anna Öztürk'], ['Bäckerei Huber GmbH']];
    expect(mapHeader(['Name'], new Map(), rows)[0]).toMatchObject({ to: 'full_name', how: 'synonym' });
  });
  it('beside a company column, a business-valued name column is kept as it is', () => {
    const m = mapHeader(['Site name', 'Name', 'Agency'], new Map([['Agency', 'company']]), [['x', 'Chicago Commons Association', 'Chicago Commons']]);
    expect(m[1]).toMatchObject({ to: 'Name', how: 'kept' });
  });
});

describe('opt-out columns', () => {
  it.each([
    ['TRUE', 'opted out'], ['true', 'opted out'], ['1', 'opted out'], ['Ja', 'opted out'], ['x', 'opted out'], ['Yes', 'opted out'],
    ['Do Not Allow', 'opted out'], ['2024-03-01', 'opted out'], ['01.03.2024 (Messe)', 'opted out'],
    ['FALSE', 'not opted out'], ['0', 'not opted out'], ['nein', 'not opted out'], ['Allow', 'not opted out'],
    ['unsubscribed', 'unsubscribed'], ['abgemeldet', 'abgemeldet'], ['Opt-In', 'Opt-In'], ['', ''], ['vielleicht', 'vielleicht'],
  ])('%j → %j', (v, want) => expect(readOptOut(v)).toBe(want));

  it('reads "opted out" as no consent and "not opted out" as unknown, in suppress and in dedupe', () => {
    expect([parseConsent('opted out'), consentRank('opted out')]).toEqual(['denied', 0]);
    expect([parseConsent('not opted out'), consentRank('not opted out')]).toEqual(['unknown', 1]);
    expect(parseConsent('Marketing contact')).toBe('granted');
    expect(parseConsent('Non-marketing contact')).toBe('denied');
  });

  it('import writes the inverted reading into the consent field; the mapping file says "not consent_email"', async () => {
    const csv = 'FirstName;LastName;Email;HasOptedOutOfEmail;DoNotCall\nJörg;Öller;j@oeller.at;true;false\nAnna;Weiß;a@weiss.de;false;1\n';
    const r = await runCli(['import', '-q'], { stdin: csv });
    const [head, ...rows] = parseCsv(r.stdout);
    expect(rows.map((f) => [f[head.indexOf('consent_email')], f[head.indexOf('consent_phone')]])).toEqual([
      ['opted out', 'not opted out'],
      ['not opted out', 'opted out'],
    ]);
    // The column's own values stay beside the reading: a date or "true" is the evidence.
    expect(rows.map((f) => [f[head.indexOf('consent_email_original')], f[head.indexOf('consent_phone_original')]])).toEqual([
      ['true', 'false'],
      ['false', '1'],
    ]);
    const yaml = await runCli(['import', '--mapping-only'], { stdin: csv });
    expect(yaml.stdout).toContain('HasOptedOutOfEmail: not consent_email  # opt-out column');
    const again = await runCli(['import', '-q', '--map', 'HasOptedOutOfEmail=not consent_email', '--map', 'DoNotCall=DoNotCall'], { stdin: csv });
    const [h2, ...r2] = parseCsv(again.stdout);
    expect(r2.map((f) => [f[h2.indexOf('consent_email')], f[h2.indexOf('DoNotCall')]])).toEqual([['opted out', 'false'], ['not opted out', '1']]);
  });

  it('refuses "not" before a field that is no consent field', () => {
    expect(() => mapHeader(['Email Opt Out'], new Map([['Email Opt Out', 'not email']]))).toThrow(/only a consent field/);
  });
});

describe('parseHeader', () => {
  it.each([
    ['Business Postal Code', { base: 'postal code', block: 'business', index: 0 }],
    ['Straße geschäftlich 2', { base: 'strasse', block: 'business', index: 2 }],
    ['Weiteres/r Bundesland/Kanton', { base: 'bundesland/kanton', block: 'other', index: 0 }],
    ['MailingPostalCode', { base: 'postal code', block: 'mailing', index: 0 }],
    ['address2_line1', { base: 'line', block: 'other', index: 1 }],
    ['Adresse de facturation', { base: 'adresse', block: 'billing', index: 0 }],
    ['Person - Phone - Mobile', { base: 'phone', block: '', mobile: true }],
    ['Privat', { base: 'privat', block: '', index: 0 }],
  ])('%s', (h, want) => expect(parseHeader(h)).toMatchObject(want));
});

describe('leadkit import of an Outlook (German) export', () => {
  it('maps the business block, keeps the private one, and counts the guessed "Titel" in the run summary', async () => {
    const csv =
      '\uFEFF"Titel","Vorname","Nachname","Firma","Position","Straße geschäftlich","Ort geschäftlich","Postleitzahl geschäftlich","Straße privat","Telefon geschäftlich","E-Mail-Adresse"\r\n' +
      '"Mag.","Jürgen","Öztürk","Öztürk & Söhne GmbH","Geschäftsführer","Mariahilfer Straße 1","Wien","1060","Lindengasse 12","+43 1 5875111","j.oeztuerk@oeztuerk.at"\r\n' +
      '"","Anna","Weiß","Weiß KG","Prokuristin","Hauptstraße 3","Graz","8010","","0316 123456","a.weiss@weiss-kg.at"\r\n';
    const r = await runCli(['import', '-q'], { stdin: csv });
    expect(r.code).toBe(0);
    const [head, ...rows] = parseCsv(r.stdout);
    const get = (row: string[], c: string) => row[head.indexOf(c)];
    expect(rows.map((f) => [get(f, 'academic_title'), get(f, 'title'), get(f, 'street'), get(f, 'city'), get(f, 'Straße privat')])).toEqual([
      ['Mag.', 'Geschäftsführer', 'Mariahilfer Straße 1', 'Wien', 'Lindengasse 12'],
      ['', 'Prokuristin', 'Hauptstraße 3', 'Graz', ''],
    ]);
    // "Titel" with job words beside "Position" is kept, said, and counted.
    const jobs = csv.replace('"Mag."', '"Leiter Einkauf"');
    const run = await runCli(['import'], { stdin: jobs });
    expect(run.stderr).toMatch(/"Titel" kept as its own column, a guess: 1 of 1 values are job titles/);
  });
});

describe('headers_guessed in the run summary', () => {
  it('counts the guessed header meanings and trips --fail-if headers_guessed>0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-headers-'));
    fs.writeFileSync(
      path.join(dir, 'outlook.csv'),
      'Title,First Name,Last Name,Job Title,E-mail Address\nMr.,John,Smith,Buyer,john@smith-supply.com\nMs.,Mary,Jones,CFO,mary@jones-co.com\n',
    );
    fs.writeFileSync(path.join(dir, 'p.yml'), 'inputs: [outlook.csv]\noutputs:\n  - export: { output: out.csv }\nsummary_json: summary.json\n');
    const ok = await runCli(['run', path.join(dir, 'p.yml')]);
    expect(ok.code).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { inputs: { headers_guessed?: number }[] };
    expect(summary.inputs[0].headers_guessed).toBe(1);
    const tripped = await runCli(['run', path.join(dir, 'p.yml'), '--fail-if', 'headers_guessed>0']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toMatch(/headers_guessed is 1/);
    // Pinned by a mapping file, nothing is guessed.
    const mapping = await runCli(['import', path.join(dir, 'outlook.csv'), '--mapping-only']);
    fs.writeFileSync(path.join(dir, 'map.yml'), mapping.stdout);
    fs.writeFileSync(path.join(dir, 'p.yml'), 'inputs: [outlook.csv]\nimport: { map: map.yml }\noutputs:\n  - export: { output: out.csv }\n');
    const pinned = await runCli(['run', path.join(dir, 'p.yml'), '--fail-if', 'headers_guessed>0']);
    expect(pinned.stderr).not.toMatch(/a guess/);
    expect(pinned.code).toBe(0);
  });
});

describe('the second address line', () => {
  it('maps onto address_unit, which validate keeps beside the unit it finds in the street', async () => {
    const input = 'First Name,Last Name,Street,Address Line 2,Zip,City,State\nAnn,Rivera,77 West Wacker Drive,Suite 4100,60601,Chicago,IL\nBob,Lee,"3500 N Lake Shore Dr, Apt 12C",Building B,60657,Chicago,IL\n';
    const imported = await runCli(['import', '-q'], { stdin: input });
    expect(imported.stdout.split('\n')[0]).toContain(',address_unit,');
    const out = await runCli(['validate', '-q', '--checks', 'address'], { stdin: imported.stdout });
    const rows = out.stdout.trim().split('\n');
    const col = rows[0].split(',');
    const at = (line: string, name: string) => line.split(',')[col.indexOf(name)];
    expect(at(rows[1], 'address_unit')).toBe('Suite 4100');
    expect(at(rows[1], 'house_number')).toBe('77');
    expect(rows[2]).toContain('"Building B, Apt 12C"');
  });
});
