import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmFacts, crmOrigin, planCrmRow } from '../src/export/crm.js';
import { salesforce, salesforceRating } from '../src/export/crm-salesforce.js';
import { hubspot, hubspotLifecycle } from '../src/export/crm-hubspot.js';
import { crmFiles } from '../src/export/crm-write.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { runCli } from './helpers/run-cli.js';

/** A list after validate, classify, score and route, as an Excel user in Munich would export it. */
const LEADS = [
  'record_id,first_name,last_name,company,title,email,phone,mobile,street,house_number,address_unit,postal_code,city,state,country,consent_email,consent_phone,grade,temperature,stage,owner,match_crm_id,employees,lead_source,source,source_vendor,source_delivered_at,source_delivered_status,sources_all',
  'crm:1,Jürgen,Müller,Müller & Söhne GmbH,Einkaufsleiter,j.mueller@mueller-soehne.de,+49891234567,,Leopoldstraße,12,,80802,München,,Deutschland,ja,ja,A,hot,MQL,005Dn000001AbCdIAK,,250,Messe,acme-2026-10,Acme Adressen GmbH,2026-10-01,given,',
  // Dedupe merged her from two lists: the survivor's own provenance, and both origins.
  'crm:2,Brigitte,Gruber,Gruber Holz GmbH,Geschäftsführerin,b.gruber@gruber-holz.at,+4315123456,+436641234567,Stephansplatz,4,Top 7,1010,Wien,,Österreich,nein,,B,warm,lead,Anna Berger,,1.200,Web,acme-2026-10,Acme Adressen GmbH,2026-10-01,given,acme-2026-10|Acme Adressen GmbH|2026-10-01;messe-herbst|Messe Kontakt KG|2026-09-14 (file date)',
  'crm:3,John,Smith,Acme Corp,VP Sales,john.smith@acme.com,+12125550143,,Fifth Avenue,350,,10118,New York,NY,USA,,,C,cold,lead,,00Q5g00000AbCdEEAX,51-200,Purchased List,us-leads,Data Axle,2026-11-02,given,',
  'crm:4,Sabine,Weiß,,,sabine.weiss@gmx.de,,,,,,01067,Dresden,,DE,ja,,D,cold,lead,,,,,,,,,',
  'crm:5,,,Bäckerei Öztürk KG,,info@baeckerei-oeztuerk.de,,,,,,1010,Wien,,AT,,,C,cold,lead,,,,,acme-2026-10,Acme Adressen GmbH,2026-10-01,given,',
  'crm:6,Ann,Lee,Narnia Trading,,ann@narnia.example,,,,,,,,,Narnia,yes,,B,warm,SQL-ready,,,,,messe-herbst,Messe Kontakt KG,2026-09-14,file_date,',
].join('\n') + '\n';

function rowsOf(text: string): Record<string, string>[] {
  const [header, ...lines] = parseCsv(text);
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-crm-'));
}

function leadsFile(dir: string, text = LEADS): string {
  const file = path.join(dir, 'scored.csv');
  fs.writeFileSync(file, text);
  return file;
}

describe('CRM value rules', () => {
  it('reads countries and states as ISO codes from the row, never guessing one', () => {
    expect(crmFacts({ country: 'Deutschland', postal_code: '80802' }, false)).toMatchObject({ countryCode: 'DE', stateCode: 'BY' });
    expect(crmFacts({ country: 'Österreich', postal_code: '1010' }, false)).toMatchObject({ countryCode: 'AT', stateCode: '9' });
    expect(crmFacts({ country: 'U.S.A.', state: 'ny', postal_code: '10118' }, false)).toMatchObject({ countryCode: 'US', stateCode: 'NY' });
    expect(crmFacts({ country: 'DE', region_code: 'DE-SN', postal_code: '' }, false).stateCode).toBe('SN');
    // A postcode alone does not name the country: Salesforce gets no country, not a guess.
    expect(crmFacts({ country: '', postal_code: '80802' }, false)).toMatchObject({ countryCode: '', countryUnknown: false, stateCode: '' });
    expect(crmFacts({ country: 'Narnia' }, false)).toMatchObject({ countryCode: '', countryUnknown: true });
    expect(crmFacts({ country: 'US', state: 'New Yorkshire' }, false)).toMatchObject({ stateCode: '', stateUnknown: true });
  });

  it('writes the street line in the order of the country', () => {
    expect(crmFacts({ country: 'DE', street: 'Leopoldstraße', house_number: '12' }, false).street).toBe('Leopoldstraße 12');
    expect(crmFacts({ country: 'AT', street: 'Stephansplatz', house_number: '4', address_unit: 'Top 7' }, false).street).toBe('Stephansplatz 4, Top 7');
    expect(crmFacts({ country: 'US', street: 'Fifth Avenue', house_number: '350', address_unit: 'Suite 3300' }, false).street).toBe('350 Fifth Avenue, Suite 3300');
    expect(crmFacts({ country: 'DE', street: 'Hauptstr. 5a', house_number: '5a' }, false).street).toBe('Hauptstr. 5a');
  });

  it('opts out on refusal and on silence, and counts silence as assumed', () => {
    expect(crmFacts({ consent_email: 'ja', consent_phone: 'Double Opt-In' }, false)).toMatchObject({ emailOptOut: false, phoneOptOut: false, emailOptOutAssumed: false });
    expect(crmFacts({ consent_email: 'widerrufen', consent_phone: 'nein' }, false)).toMatchObject({ emailOptOut: true, phoneOptOut: true, emailOptOutAssumed: false, phoneOptOutAssumed: false });
    // A consent date is consent (suppress reads it so).
    expect(crmFacts({ consent_email: '12.03.2024 (Messe)' }, false).emailOptOut).toBe(false);
    expect(crmFacts({ consent_email: '', consent_phone: 'k.A.' }, false)).toMatchObject({ emailOptOut: true, emailOptOutAssumed: true, phoneOptOutAssumed: true });
  });

  it('follows suppress when it ran: its reasons are the team policy, a list blocks every channel', () => {
    const b2b = { consent_email: '', consent_phone: '', suppress_reason: 'no_email_consent' };
    expect(crmFacts(b2b, true)).toMatchObject({ emailOptOut: true, phoneOptOut: false, emailOptOutAssumed: false, phoneOptOutAssumed: false });
    expect(crmFacts({ consent_email: 'ja', suppress_reason: 'list_email:robinson.txt' }, true)).toMatchObject({ emailOptOut: true, phoneOptOut: true });
    // An explicit refusal wins even where the policy would have allowed the channel.
    expect(crmFacts({ consent_phone: 'nein', suppress_reason: '' }, true).phoneOptOut).toBe(true);
  });

  it('maps temperature (else grade) to Rating and stage to Lifecycle Stage', () => {
    expect(salesforceRating({ temperature: 'hot', grade: 'D' })).toBe('Hot');
    expect(salesforceRating({ temperature: '', grade: 'B' })).toBe('Warm');
    expect(salesforceRating({ temperature: 'lauwarm' })).toBe('');
    expect(hubspotLifecycle({ stage: 'MQL' })).toBe('marketingqualifiedlead');
    expect(hubspotLifecycle({ stage: 'SQL-ready' })).toBe('salesqualifiedlead');
    expect(hubspotLifecycle({ stage: '' })).toBe('');
  });

  it('sends rows without LastName or Company to the rejects, never with a made-up value', () => {
    expect(planCrmRow(salesforce, { first_name: 'Sabine', last_name: 'Weiß', company: '' }, false)).toMatchObject({ destination: 'missing', reasons: ['missing_company'] });
    expect(planCrmRow(salesforce, { last_name: ' ', company: '' }, false).reasons).toEqual(['missing_last_name', 'missing_company']);
    expect(planCrmRow(hubspot, { last_name: 'Weiß', email: '' }, false).reasons).toEqual(['missing_email']);
    const malformed = { last_name: 'Weiß', company: 'Weiß GmbH', email: 'sabine.weiss@@gmx.de', email_status: 'invalid', email_reason: 'syntax' };
    expect(planCrmRow(salesforce, malformed, false).reasons).toEqual(['invalid_email']);
    expect(planCrmRow(salesforce, { ...malformed, email_reason: 'no_mx' }, false).destination).toBe('create');
    expect(planCrmRow(hubspot, { ...malformed, match_crm_id: '5101' }, false).out.Email).toBe('');
    // A linked record exists in the CRM already: it is updated whatever the list lacks.
    expect(planCrmRow(salesforce, { last_name: '', company: '', match_crm_id: '00Q5g00000AbCdEEAX' }, false).destination).toBe('update');
  });

  it('never lifts an opt-out or resets a status in an update', () => {
    const row = { last_name: 'Smith', company: 'Acme', consent_email: 'yes', consent_phone: 'no', match_crm_id: '00Q1' };
    const sf = planCrmRow(salesforce, row, false).out;
    expect(sf).toMatchObject({ Id: '00Q1', HasOptedOutOfEmail: '', DoNotCall: 'true', Status: '' });
    const hs = planCrmRow(hubspot, { ...row, email: 'john@acme.com', match_crm_id: '5101' }, false).out;
    expect(hs).toMatchObject({ 'Record ID': '5101', 'Marketing contact status': '', 'Lead Status': '' });
    // A policy reason of this list (no granted consent here) is no refusal of the CRM's record.
    const policy = planCrmRow(salesforce, { ...row, consent_email: '', consent_phone: '', suppress_reason: 'no_email_consent;no_phone_consent_b2b' }, true).out;
    expect(policy).toMatchObject({ HasOptedOutOfEmail: '', DoNotCall: '' });
    const listed = planCrmRow(hubspot, { ...row, email: 'john@acme.com', suppress_reason: 'list_email:robinson.txt' }, true).out;
    expect(listed['Marketing contact status']).toBe('Non-marketing contact');
  });
});

describe('provenance in the CRM file (GDPR Art. 14)', () => {
  const given = { source: 'acme-2026-10', source_vendor: 'Acme Adressen GmbH', source_delivered_at: '2026-10-01', source_delivered_status: 'given' };
  it.each([
    [given, { list: 'acme-2026-10', vendor: 'Acme Adressen GmbH', deliveredAt: '2026-10-01', deliveredLeftOut: '', origins: 'acme-2026-10|Acme Adressen GmbH|2026-10-01' }],
    // A date read off the file is a guess: not in the date field, marked in the origins.
    [{ ...given, source_delivered_status: 'file_date' }, { deliveredAt: '', deliveredLeftOut: 'file_date', origins: 'acme-2026-10|Acme Adressen GmbH|2026-10-01 (file date)' }],
    // A list written elsewhere: a date the CRM's date field would refuse stays text in the origins.
    [{ source: 'crm-alt', source_delivered_at: '14.09.2026' }, { deliveredAt: '', deliveredLeftOut: 'not_a_date', origins: 'crm-alt||14.09.2026' }],
    [{ ...given, source_delivered_at: '2026-02-30' }, { deliveredAt: '', deliveredLeftOut: 'not_a_date' }],
    [{ ...given, source_delivered_at: '', source_delivered_status: 'unknown' }, { deliveredAt: '', deliveredLeftOut: '', origins: 'acme-2026-10|Acme Adressen GmbH|' }],
    // Dedupe's sources_all is the whole answer; the survivor's own fields stay its own.
    [{ ...given, sources_all: 'acme-2026-10|Acme Adressen GmbH|2026-10-01;messe|Messe Kontakt KG|2026-09-14 (file date)' }, { list: 'acme-2026-10', deliveredAt: '2026-10-01', origins: 'acme-2026-10|Acme Adressen GmbH|2026-10-01;messe|Messe Kontakt KG|2026-09-14 (file date)' }],
    [{ first_name: 'Eva' }, { list: '', vendor: '', deliveredAt: '', deliveredLeftOut: '', origins: '' }],
  ] as const)('%o → %o', (row, want) => expect(crmOrigin(row)).toMatchObject(want));

  it('writes all of it when a record is created, and only the latest origins in an update', () => {
    const row = { last_name: 'Gruber', company: 'Gruber Holz GmbH', email: 'b.gruber@gruber-holz.at', ...given };
    expect(planCrmRow(salesforce, row, false).out).toMatchObject({
      Lead_List__c: 'acme-2026-10', Lead_Vendor__c: 'Acme Adressen GmbH', Delivered_At__c: '2026-10-01',
      Data_Origin__c: 'acme-2026-10|Acme Adressen GmbH|2026-10-01', Last_Data_Origin__c: 'acme-2026-10|Acme Adressen GmbH|2026-10-01',
    });
    expect(planCrmRow(hubspot, row, false).out).toMatchObject({ lead_list: 'acme-2026-10', lead_vendor: 'Acme Adressen GmbH', delivered_at: '2026-10-01', data_origin: 'acme-2026-10|Acme Adressen GmbH|2026-10-01', last_data_origin: 'acme-2026-10|Acme Adressen GmbH|2026-10-01' });
    // An update would replace what the record was created from: only the latest list goes there.
    expect(salesforce.updateColumns).toContain('Last_Data_Origin__c');
    for (const f of ['Lead_List__c', 'Lead_Vendor__c', 'Delivered_At__c', 'Data_Origin__c']) expect(salesforce.updateColumns).not.toContain(f);
    for (const f of ['lead_list', 'lead_vendor', 'delivered_at', 'data_origin']) expect(hubspot.updateColumns).not.toContain(f);
    expect(planCrmRow(salesforce, { ...row, match_crm_id: '00Q1' }, false).out).toMatchObject({ Id: '00Q1', Last_Data_Origin__c: 'acme-2026-10|Acme Adressen GmbH|2026-10-01', Lead_List__c: '' });
    // The standard fields are not used for it: LeadSource stays the channel, and there is no Description.
    expect(planCrmRow(salesforce, { ...row, lead_source: 'Messe' }, false).out.LeadSource).toBe('Messe');
    expect(salesforce.createColumns).not.toContain('Description');
  });
});

describe('crm file names', () => {
  it('puts the update and rejects files beside -o', () => {
    expect(crmFiles('out/leads.csv', undefined, undefined, true)).toEqual({ create: 'out/leads.csv', update: 'out/leads-update.csv', rejects: 'out/leads-rejects.csv' });
    expect(crmFiles('out/leads', undefined, 'fix.csv', false)).toEqual({ create: 'out/leads', update: 'out/leads-update.csv', rejects: 'fix.csv' });
  });
  it('needs names for them on standard output', () => {
    expect(() => crmFiles(undefined, undefined, undefined, false)).toThrow(/--rejects FILE/);
    expect(() => crmFiles(undefined, undefined, 'r.csv', true)).toThrow(/--update FILE/);
    expect(crmFiles(undefined, undefined, 'r.csv', false)).toEqual({ create: undefined, update: undefined, rejects: 'r.csv' });
    expect(() => crmFiles('a.csv', 'a.csv', undefined, true)).toThrow(/same file/);
    expect(() => crmFiles('/dev/stdout', undefined, undefined, false)).toThrow(/--rejects FILE/);
    expect(crmFiles('/dev/stdout', undefined, 'r.csv', false).create).toBe('/dev/stdout');
  });
});

describe('leadkit export --crm', () => {
  it('salesforce: creates, updates keyed by Id, and rejects with the reason', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.csv');
    const r = await runCli(['export', leadsFile(dir), '--crm', 'salesforce', '-o', out]);
    expect(r.stderr).toContain('export --crm salesforce: 3 to create');
    expect(r.code).toBe(0);
    const created = rowsOf(fs.readFileSync(out, 'utf8'));
    expect(created.map((c) => c.LastName)).toEqual(['Müller', 'Gruber', 'Lee']);
    expect(created[0]).toMatchObject({
      FirstName: 'Jürgen', Company: 'Müller & Söhne GmbH', Phone: '+49891234567', Street: 'Leopoldstraße 12', PostalCode: '80802',
      StateCode: 'BY', CountryCode: 'DE', Rating: 'Hot', HasOptedOutOfEmail: 'false', DoNotCall: 'false',
      OwnerId: '005Dn000001AbCdIAK', NumberOfEmployees: '250', LeadSource: 'Messe', Status: 'Open - Not Contacted',
    });
    expect(created[1]).toMatchObject({ StateCode: '9', CountryCode: 'AT', HasOptedOutOfEmail: 'true', DoNotCall: 'true', OwnerId: '', NumberOfEmployees: '1200', MobilePhone: '+436641234567' });
    expect(created[2]).toMatchObject({ CountryCode: '', Rating: 'Warm' });
    // Where each lead came from, in the custom fields the org must have.
    expect(created[0]).toMatchObject({ Lead_List__c: 'acme-2026-10', Lead_Vendor__c: 'Acme Adressen GmbH', Delivered_At__c: '2026-10-01', Data_Origin__c: 'acme-2026-10|Acme Adressen GmbH|2026-10-01' });
    expect(created[1]).toMatchObject({ Lead_List__c: 'acme-2026-10', Delivered_At__c: '2026-10-01', Data_Origin__c: 'acme-2026-10|Acme Adressen GmbH|2026-10-01;messe-herbst|Messe Kontakt KG|2026-09-14 (file date)' });
    expect(created[1].Last_Data_Origin__c).toBe(created[1].Data_Origin__c);
    expect(created[2]).toMatchObject({ Lead_List__c: 'messe-herbst', Lead_Vendor__c: 'Messe Kontakt KG', Delivered_At__c: '', Data_Origin__c: 'messe-herbst|Messe Kontakt KG|2026-09-14 (file date)' });
    expect(r.stderr).toMatch(/1 row to create whose delivery date was read off the file \(source_delivered_status=file_date\): Delivered_At__c is left empty, Data_Origin__c gives the date marked \(file date\)/);
    const updated = rowsOf(fs.readFileSync(path.join(dir, 'leads-update.csv'), 'utf8'));
    expect(updated).toHaveLength(1);
    // Silence about consent opts a new lead out, but never an existing record: the CRM may hold its consent.
    expect(updated[0]).toMatchObject({ Id: '00Q5g00000AbCdEEAX', LastName: 'Smith', Street: '350 Fifth Avenue', StateCode: 'NY', CountryCode: 'US', NumberOfEmployees: '', HasOptedOutOfEmail: '', DoNotCall: '' });
    expect(Object.keys(updated[0])).not.toContain('Status');
    // The update names the list it came from, and leaves what the record was created from.
    expect(updated[0].Last_Data_Origin__c).toBe('us-leads|Data Axle|2026-11-02');
    expect(Object.keys(updated[0])).not.toContain('Data_Origin__c');
    expect(Object.keys(updated[0])).not.toContain('Lead_Vendor__c');
    const rejects = rowsOf(fs.readFileSync(path.join(dir, 'leads-rejects.csv'), 'utf8'));
    expect(rejects.map((x) => [x.record_id, x.reject_reason])).toEqual([['crm:4', 'missing_company'], ['crm:5', 'missing_last_name']]);
    // Rows reconcile: in = created + updated + rejected.
    expect(created.length + updated.length + rejects.length).toBe(6);
    expect(r.stderr).toMatch(/1 row with a country no ISO code was found for/);
    expect(r.stderr).toMatch(/1 row with an owner that is not a Salesforce user id/);
    expect(r.stderr).toMatch(/say nothing about consent/);
  });

  it('hubspot: contact columns, Record ID updates, rejects without email', async () => {
    const dir = tmp();
    const text = LEADS.replace('crm:5,,,Bäckerei Öztürk KG,,info@baeckerei-oeztuerk.de', 'crm:5,,,Bäckerei Öztürk KG,,').replace('00Q5g00000AbCdEEAX', '5101');
    const out = path.join(dir, 'contacts.csv');
    const r = await runCli(['export', leadsFile(dir, text), '--crm', 'hubspot', '-o', out, '--update', path.join(dir, 'hs-update.csv')]);
    expect(r.code).toBe(0);
    const created = rowsOf(fs.readFileSync(out, 'utf8'));
    expect(created.map((c) => c['Last Name'])).toEqual(['Müller', 'Gruber', 'Weiß', 'Lee']);
    expect(created[0]).toMatchObject({ 'Company Name': 'Müller & Söhne GmbH', 'Job Title': 'Einkaufsleiter', 'Lifecycle Stage': 'marketingqualifiedlead', 'Marketing contact status': 'Marketing contact', 'Lead Status': 'NEW', 'Country/Region': 'DE' });
    expect(created[1]['Marketing contact status']).toBe('Non-marketing contact');
    expect(created[1]['Contact owner']).toBe('Anna Berger');
    expect(created[0]).toMatchObject({ lead_list: 'acme-2026-10', lead_vendor: 'Acme Adressen GmbH', delivered_at: '2026-10-01', data_origin: 'acme-2026-10|Acme Adressen GmbH|2026-10-01' });
    // Sabine Weiß's row was never imported: the CRM learns nothing of her origin, and the run says so.
    expect(created[2]).toMatchObject({ lead_list: '', data_origin: '', last_data_origin: '' });
    expect(r.stderr).toMatch(/1 row without provenance \(no source, source_vendor or source_delivered_at: run leadkit import first\)/);
    const updated = rowsOf(fs.readFileSync(path.join(dir, 'hs-update.csv'), 'utf8'));
    expect(updated.map((u) => u['Record ID'])).toEqual(['5101']);
    expect(updated[0].last_data_origin).toBe('us-leads|Data Axle|2026-11-02');
    expect(Object.keys(updated[0])).not.toContain('data_origin');
    const rejects = rowsOf(fs.readFileSync(path.join(dir, 'contacts-rejects.csv'), 'utf8'));
    expect(rejects.map((x) => x.reject_reason)).toEqual(['missing_email']);
  });

  it('writes plain UTF-8 CSV with commas whatever --out-delimiter says, and guards formulas', async () => {
    const dir = tmp();
    const text = LEADS.replace('Einkaufsleiter', '=HYPERLINK("http://x")');
    const out = path.join(dir, 'leads.csv');
    const r = await runCli(['export', leadsFile(dir, text), '--crm', 'salesforce', '-o', out, '--out-delimiter', ';']);
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bytes.toString('utf8').split('\n')[0]).toMatch(/^FirstName,LastName,Company,/);
    expect(rowsOf(bytes.toString('utf8'))[0].Title).toBe('\'=HYPERLINK("http://x")');
  });

  it('refuses options that would change the preset columns, other formats and unnamed side files', async () => {
    const dir = tmp();
    const file = leadsFile(dir);
    expect((await runCli(['export', file, '--crm', 'salesforce', '--top', '2', '-o', path.join(dir, 'a.csv')])).code).toBe(2);
    expect((await runCli(['export', file, '--crm', 'salesforce', '-o', path.join(dir, 'a.xlsx')])).code).toBe(2);
    const r = await runCli(['export', file, '--crm', 'salesforce']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rejects FILE/);
    expect((await runCli(['export', file, '--crm', 'pipedrive', '-o', path.join(dir, 'a.csv')])).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'a.csv'))).toBe(false);
  });

  it('leaves no file behind when the run fails', async () => {
    const dir = tmp();
    const out = path.join(dir, 'leads.csv');
    const r = await runCli(['export', leadsFile(dir), '--crm', 'salesforce', '-o', out, '--sort', 'no_such_column']);
    expect(r.code).not.toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['scored.csv']);
  });
});

describe('match → export --crm', () => {
  it('sends the leads Salesforce has to the update file under their Salesforce Id', async () => {
    const dir = tmp();
    // A Salesforce report export (Lead ID as Salesforce names it) and a fair's vendor list (semicolons, German headers).
    const crm = path.join(dir, 'sf-leads.csv');
    fs.writeFileSync(crm, [
      'Lead ID,First Name,Last Name,Company,Email,Phone,Country',
      '00Q5g00000XyZaBEAV,Jürgen,Müller,Müller & Söhne GmbH,j.mueller@mueller-soehne.de,089 1234567,Germany',
      '00Q5g00000XyZaCEAV,Kathrin,Hofer,Hofer Bau GmbH,k.hofer@hofer-bau.at,+43 662 873210,Austria',
    ].join('\r\n') + '\r\n');
    const vendor = path.join(dir, 'messe.csv');
    fs.writeFileSync(vendor, '\uFEFF' + [
      'Vorname;Nachname;Firma;E-Mail;Telefon;PLZ;Ort;Land;Einwilligung E-Mail',
      'Jürgen;Müller;Müller & Söhne GmbH;J.Mueller@mueller-soehne.de;+49 89 1234567;80802;München;Deutschland;ja',
      'Lukas;Brandstätter;Brandstätter Metall OG;l.brandstaetter@brandstaetter-metall.at;+43 732 771234;4020;Linz;Österreich;nein',
      'Petra;Schäfer;;petra.schaefer@web.de;;50667;Köln;Deutschland;ja',
    ].join('\r\n') + '\r\n');
    // Saved two days before the run's day (LEADKIT_TODAY 2026-11-22): import reads the delivery date off the file.
    fs.utimesSync(vendor, new Date('2026-11-20T09:00:00'), new Date('2026-11-20T09:00:00'));
    const imported = await runCli(['import', vendor]);
    const matched = await runCli(['match', '--against', crm], { stdin: imported.stdout });
    expect(matched.code).toBe(0);
    const out = path.join(dir, 'sf.csv');
    const r = await runCli(['export', '--crm', 'salesforce', '-o', out], { stdin: matched.stdout });
    expect(r.code).toBe(0);
    expect(rowsOf(fs.readFileSync(path.join(dir, 'sf-update.csv'), 'utf8')).map((u) => [u.Id, u.LastName])).toEqual([['00Q5g00000XyZaBEAV', 'Müller']]);
    const created = rowsOf(fs.readFileSync(out, 'utf8'));
    expect(created.map((c) => [c.LastName, c.StateCode, c.CountryCode, c.HasOptedOutOfEmail])).toEqual([['Brandstätter', '4', 'AT', 'true']]);
    // import's provenance reaches the CRM: the list, and the file's date only as a marked guess.
    expect(created[0]).toMatchObject({ Lead_List__c: 'messe', Lead_Vendor__c: '', Delivered_At__c: '' });
    expect(created[0].Data_Origin__c).toBe('messe||2026-11-20 (file date)');
    expect(rowsOf(fs.readFileSync(path.join(dir, 'sf-update.csv'), 'utf8'))[0].Last_Data_Origin__c).toBe(created[0].Data_Origin__c);
    expect(rowsOf(fs.readFileSync(path.join(dir, 'sf-rejects.csv'), 'utf8')).map((x) => [x.last_name, x.reject_reason])).toEqual([['Schäfer', 'missing_company']]);
  });

  it('works as a pipeline output, the side files beside its output', async () => {
    const dir = tmp();
    leadsFile(dir);
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [scored.csv]\nsteps:\n  - validate: { checks: email }\noutputs:\n  - export: { output: out/hubspot.csv, crm: hubspot }\n');
    const r = await runCli(['run', pipeline]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['hubspot-rejects.csv', 'hubspot-update.csv', 'hubspot.csv']);
  });

  it('counts the opt-outs it had to assume, in the run summary and as a --fail-if metric', async () => {
    const dir = tmp();
    leadsFile(dir);
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [scored.csv]\noutputs:\n  - export: { output: out/sf.csv, crm: salesforce }\nsummary_json: out/summary.json\n');
    const ok = await runCli(['run', pipeline]);
    expect(ok.code).toBe(0);
    const assumed = JSON.parse(fs.readFileSync(path.join(dir, 'out/summary.json'), 'utf8')).export?.crm_opt_out_assumed;
    expect(assumed).toBeGreaterThan(0);
    const tripped = await runCli(['run', pipeline, '--fail-if', 'crm_opt_out_assumed>0']);
    expect(tripped.code).toBe(3);
    const loose = await runCli(['run', pipeline, '--fail-if', `crm_opt_out_assumed>${assumed}`]);
    expect(loose.code).toBe(0);
  });
});

describe('export --crm --sort past --spill-above', () => {
  it('writes the same create, update and rejects files as sorted in memory', async () => {
    const dir = tmp();
    const [header, ...lines] = LEADS.trim().split('\n');
    // 6 × 400 rows: ties on grade everywhere, CRM-linked and unlinked rows, rows the CRM cannot create.
    const many = [header, ...Array.from({ length: 400 }, (_, k) => lines.map((l) => l.replace(/^crm:(\d)/, `crm:$1-${k}`))).flat()].join('\n') + '\n';
    const file = leadsFile(dir, many);
    const run = async (tag: string, extra: string[]) => {
      const out = path.join(dir, `${tag}.csv`);
      const r = await runCli(['export', file, '--crm', 'salesforce', '--sort', 'grade,last_name:desc', '-o', out, ...extra], { env: { TMPDIR: dir } });
      expect(r.code, r.stderr).toBe(0);
      return { stderr: r.stderr, files: ['', '-update', '-rejects'].map((s) => fs.readFileSync(path.join(dir, `${tag}${s}.csv`), 'utf8')) };
    };
    const memory = await run('memory', []);
    const spilled = await run('spilled', ['--spill-above', '0']);
    expect(memory.stderr).not.toMatch(/temporary file/);
    expect(spilled.stderr).toMatch(/it cannot create → \S+; rows held in a temporary file \(\d+ MB, --spill-above 0\)/);
    expect(spilled.files).toEqual(memory.files);
    // Sorted: the create file's first rows are grade A's.
    const created = rowsOf(memory.files[0]);
    expect(created.length).toBeGreaterThan(400);
    expect(created[0].Rating).toBe('Hot');
    expect(created.at(-1)?.Rating).not.toBe('Hot');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
