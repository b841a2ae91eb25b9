import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import { makeCellValidator, outputColumns, INPUT_FIELDS, type ValidateSettings } from '../src/validate/row.js';
import { parseRejectIf, rejectReason } from '../src/validate/reject.js';
import { mx, startDnsServer, TYPE } from './helpers/dns-server.js';

const root = path.resolve(import.meta.dirname, '..');
const contacts = path.join(root, 'fixtures/validate/contacts.csv');

function table(csv: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...lines] = parseCsv(csv);
  return { header, rows: lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i] ?? '']))) };
}

function byId(rows: Record<string, string>[]): Record<string, Record<string, string>> {
  return Object.fromEntries(rows.map((r) => [r.record_id, r]));
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-validate-'));
}

describe('leadkit validate on German, Austrian and Swiss contacts', async () => {
  const r = await runCli(['validate', contacts]);
  const { header, rows } = table(r.stdout);
  const v = byId(rows);

  it('keeps every row and reconciles the counts on stderr', () => {
    expect(r.code).toBe(0);
    expect(rows).toHaveLength(15);
    expect(r.stderr).toMatch(/^validate: 15 in = 15 out; email valid \d+/m);
  });

  it('adds the status columns, house_number next to street and city_original next to city', () => {
    for (const c of ['email_status', 'email_reason', 'email_flags', 'email_suggestion', 'phone_status', 'phone_type', 'phone_country', 'phone_extension', 'mobile_status', 'fax_status', 'address_status', 'address_reason']) {
      expect(header).toContain(c);
    }
    expect(header.indexOf('house_number')).toBe(header.indexOf('street') + 1);
    expect(header.indexOf('city_original')).toBe(header.indexOf('city') + 1);
    expect(header).not.toContain('email_original');
  });

  it('normalises emails and flags typos, throwaways, role and free-mail addresses', () => {
    expect(v['v:1'].email).toBe('thomas.mueller@mueller-holzbau.de');
    expect(v['v:1'].email_status).toBe('valid');
    expect(v['v:2']).toMatchObject({ email: 'anna.schmidt@gmial.com', email_status: 'risky', email_reason: 'typo', email_suggestion: 'anna.schmidt@gmail.com' });
    expect(v['v:3']).toMatchObject({ email_status: 'invalid', email_suggestion: 'juergen.weiss@gmx.de' });
    expect(v['v:4'].email).toBe('eva.gruber@aon.at');
    expect(v['v:5'].email).toBe('urs.meier@bluewin.ch');
    expect(v['v:6']).toMatchObject({ email_status: 'valid', email_flags: 'role' });
    expect(v['v:7']).toMatchObject({ email_status: 'risky', email_reason: 'disposable' });
    expect(v['v:9']).toMatchObject({ email_status: 'invalid', email_reason: 'syntax' });
    expect(v['v:10']).toMatchObject({ email_status: 'invalid', email_reason: 'syntax' });
    expect(v['v:12']).toMatchObject({ email_status: 'invalid', email_suggestion: 'test@gmail.com' });
    expect(v['v:13']).toMatchObject({ email_status: 'missing' });
  });

  it('writes valid phones as E.164 read in the row’s own country, keeps junk as given', () => {
    expect(v['v:1']).toMatchObject({ phone: '+49301234567', phone_status: 'valid', phone_type: 'fixed_line', mobile: '+491711234567', mobile_type: 'mobile' });
    expect(v['v:2'].phone).toBe('+49404123456');
    expect(v['v:3'].phone).toBe('+49891234567');
    // 0664 on an Austrian row is an Austrian mobile, not a German number.
    expect(v['v:4']).toMatchObject({ phone: '+436641234567', phone_type: 'mobile', phone_country: 'AT' });
    expect(v['v:5']).toMatchObject({ phone: '+41446681800', phone_country: 'CH' });
    expect(v['v:6']).toMatchObject({ phone: '+49891234567', fax: '+49891234568', fax_status: 'valid' });
    // Excel dropped the plus: 491711234567 is a German mobile.
    expect(v['v:7']).toMatchObject({ phone: '+491711234567', phone_type: 'mobile' });
    expect(v['v:8']).toMatchObject({ phone: '12345', phone_status: 'invalid' });
    expect(v['v:10']).toMatchObject({ phone: '+49301234567', phone_extension: '89' });
    expect(v['v:14'].phone_status).toBe('missing');
  });

  it('checks postcodes against the table, fixes city spelling and splits house numbers', () => {
    expect(v['v:1']).toMatchObject({ street: 'Hauptstraße', house_number: '12a', country: 'DE', address_status: 'valid' });
    expect(v['v:3']).toMatchObject({ street: 'Leopoldstraße', city: 'München', city_original: 'muenchen', address_reason: 'city_fixed' });
    expect(v['v:4']).toMatchObject({ postal_code: '1060', country: 'AT', address_status: 'valid' });
    // Swiss addresses keep "strasse".
    expect(v['v:5']).toMatchObject({ street: 'Bahnhofstrasse', postal_code: '8001', country: 'CH', address_status: 'valid' });
    expect(v['v:6']).toMatchObject({ postal_code: '80331', address_status: 'valid' });
    // Excel stripped the leading zero of Dresden's postcode.
    expect(v['v:7']).toMatchObject({ postal_code: '01067', address_status: 'valid' });
    expect(v['v:8']).toMatchObject({ address_status: 'invalid', address_reason: 'city_mismatch' });
    expect(v['v:11']).toMatchObject({ street: 'Kärntner Straße', house_number: '5', address_status: 'valid' });
    expect(v['v:12']).toMatchObject({ address_status: 'invalid', address_reason: 'postcode_format' });
    expect(v['v:13'].address_status).toBe('missing');
    expect(v['v:15']).toMatchObject({ country: 'Narnia', address_status: 'invalid', address_reason: 'country_unknown' });
  });
});

describe('validate options', () => {
  it('--fix-typos applies suggestions and keeps the original', async () => {
    const r = await runCli(['validate', contacts, '--fix-typos', '--checks', 'email']);
    const { header, rows } = table(r.stdout);
    const v = byId(rows);
    expect(header).not.toContain('phone_status');
    expect(v['v:2']).toMatchObject({ email: 'anna.schmidt@gmail.com', email_original: 'anna.schmidt@gmial.com', email_status: 'valid' });
    expect(v['v:8']).toMatchObject({ email: 'max.becker@t-online.de', email_original: 'max.becker@t-onlne.de' });
    // A company's own domain is never "corrected".
    expect(v['v:1']).toMatchObject({ email: 'thomas.mueller@mueller-holzbau.de', email_original: '' });
  });

  it('--reject-if moves rows to the rejects file with the reason; in = out + rejected', async () => {
    const dir = tmp();
    const rejects = path.join(dir, 'rejects.csv');
    const out = path.join(dir, 'valid.csv');
    const r = await runCli(['validate', contacts, '--reject-if', 'invalid_email,no_contact', '--rejects', rejects, '-o', out]);
    expect(r.code).toBe(0);
    const kept = table(fs.readFileSync(out, 'utf8')).rows;
    const rej = table(fs.readFileSync(rejects, 'utf8'));
    expect(rej.header.at(-1)).toBe('reject_reason');
    expect(kept.length + rej.rows.length).toBe(15);
    const reasons = Object.fromEntries(rej.rows.map((x) => [x.record_id, x.reject_reason]));
    expect(reasons['v:9']).toBe('invalid_email;no_contact');
    expect(reasons['v:13']).toBe('no_contact');
    expect(reasons['v:10']).toBe('invalid_email');
    expect(kept.map((x) => x.record_id)).not.toContain('v:9');
    expect(r.stderr).toContain(`validate: 15 in = ${kept.length} out + ${rej.rows.length} rejected`);
  });

  it('refuses --reject-if without a rejects file, and unknown names (exit 2)', async () => {
    const a = await runCli(['validate', contacts, '--reject-if', 'no_contact']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--reject-if needs --rejects/);
    const b = await runCli(['validate', contacts, '--reject-if', 'bogus', '--rejects', path.join(tmp(), 'r.csv')]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/unknown condition "bogus"/);
    const c = await runCli(['validate', contacts, '--default-country', 'Atlantis']);
    expect(c.code).toBe(2);
    const d = await runCli(['validate', contacts, '--checks', 'email,postal']);
    expect(d.code).toBe(2);
    expect(d.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('leaves no rejects file behind when the run fails later', async () => {
    const dir = tmp();
    const rejects = path.join(dir, 'rejects.csv');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, Buffer.concat([Buffer.from('record_id,email\nb:1,jörg@b.de\nb:2,'), Buffer.from([0xe4, 0x0a])]));
    const r = await runCli(['validate', bad, '--reject-if', 'no_contact', '--rejects', rejects]);
    expect(r.code).toBe(1);
    expect(fs.existsSync(rejects)).toBe(false);
  });

  it("reads a row without a country in the list's dominant country, and says it guessed", async () => {
    const lines = ['record_id,phone,country'];
    for (let i = 0; i < 30; i++) lines.push(`a:${i},0664 12345${String(i).padStart(2, '0')},Österreich`);
    lines.push('a:99,0664 1234599,');
    const r = await runCli(['validate', '-', '--checks', 'phone'], { stdin: lines.join('\n') + '\n' });
    const v = byId(table(r.stdout).rows);
    expect(v['a:1']).toMatchObject({ phone: '+436641234501', phone_country: 'AT', country_guessed: '' });
    expect(v['a:99']).toMatchObject({ phone: '+436641234599', phone_country: 'AT', country_guessed: 'true' });
  });
  it('reads national numbers with --default-country when a row has no country', async () => {
    const csv = 'record_id,phone,country\nn:1,0664 1234567,\nn:2,0664 1234567,DE\n';
    const r = await runCli(['validate', '-', '--checks', 'phone', '--default-country', 'AT'], { stdin: csv });
    const v = byId(table(r.stdout).rows);
    expect(v['n:1']).toMatchObject({ phone: '+436641234567', phone_country: 'AT' });
    expect(v['n:2'].phone_country).not.toBe('AT');
  });

  it('warns when the input was never imported (no email column)', async () => {
    const r = await runCli(['validate', '-', '--checks', 'email'], { stdin: 'E-Mail-Adresse,Name\nx@y.de,X\n' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no email column/);
    expect(table(r.stdout).rows[0].email_status).toBe('missing');
  });
});

describe('validate --mx against a DNS server on loopback', () => {
  it('makes addresses of domains without a mail host invalid (no_mx), asking once per domain', async () => {
    const dns = await startDnsServer({
      'mueller-holzbau.de': { answers: { [TYPE.MX]: [mx(10, 'mail.mueller-holzbau.de')] } },
      'gmail.com': { answers: { [TYPE.MX]: [mx(5, 'gmail-smtp-in.l.google.com')] } },
    });
    try {
      const csv = [
        'record_id,email',
        'm:1,thomas.mueller@mueller-holzbau.de',
        'm:2,anna.mueller@mueller-holzbau.de',
        'm:3,kontakt@gibt-es-nicht-mehr.de',
        'm:4,jan.becker@gmail.com',
        'm:5,kaputt@',
        '',
      ].join('\n');
      const r = await runCli(['validate', '-', '--checks', 'email', '--mx', '--dns-server', dns.address, '--mx-timeout', '2000'], { stdin: csv });
      expect(r.code).toBe(0);
      const v = byId(table(r.stdout).rows);
      expect(v['m:1'].email_status).toBe('valid');
      expect(v['m:3']).toMatchObject({ email_status: 'invalid', email_reason: 'no_mx' });
      expect(v['m:4'].email_status).toBe('valid');
      expect(v['m:5'].email_reason).toBe('syntax');
      const mxQueries = dns.queries.filter((q) => q.type === TYPE.MX).map((q) => q.name);
      expect(mxQueries.filter((n) => n === 'mueller-holzbau.de')).toHaveLength(1);
      expect(mxQueries).not.toContain('');
      expect(r.stderr).toMatch(/MX looked up for 3 domains/);
    } finally {
      await dns.close();
    }
  });

  it('refuses a malformed --dns-server (exit 2)', async () => {
    const r = await runCli(['validate', contacts, '--mx', '--dns-server', 'not an ip']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--dns-server expects an IP address/);
  });
});

describe('reject conditions', () => {
  it('name every condition a row meets', () => {
    const c = parseRejectIf('invalid_email,no_phone,role_email');
    expect(rejectReason({ email_status: 'invalid', phone_status: 'missing', mobile_status: 'valid' }, c)).toBe('invalid_email');
    expect(rejectReason({ email_status: 'valid', email_flags: 'free;role', phone_status: 'invalid' }, c)).toBe('no_phone;role_email');
    expect(rejectReason({ email_status: 'valid', phone_status: 'valid' }, c)).toBe('');
  });
});

describe('the cell validator', () => {
  it('gives one result cell per output column, whatever the settings', () => {
    for (const settings of [
      { email: true, phone: true, address: true, fixTypos: true, defaultCountry: 'DE', hasMobile: true, hasFax: true },
      { email: false, phone: true, address: false, fixTypos: false, defaultCountry: 'AT', hasMobile: false, hasFax: false },
    ] satisfies ValidateSettings[]) {
      const out = makeCellValidator(settings)(INPUT_FIELDS.map(() => 'x'));
      expect(out).toHaveLength(outputColumns(settings).length);
      // Every cell written: a preallocated slot left empty would be a hole, not a string.
      expect(Array.from(out, (v) => typeof v)).toEqual(Array(out.length).fill('string'));
    }
  });
});

describe('leadkit validate on addresses outside DACH', () => {
  it('splits number-first streets, keeps the unit in address_unit next to house_number', async () => {
    const csv = [
      'record_id,street,house_number,address_unit,postal_code,city,country',
      'u:1,4843 W NORTH AVE,,,60639,Chicago,US',
      'u:2,"2200 Kenmore Ave\nApt 3B",,,60614,Chicago,USA',
      'u:3,"Flat 3, 12 High Street",,Rear entrance,cb21tn,Cambridge,UK',
      'u:4,"C/ Alcalá, 45, 1º D",,,28014,Madrid,España',
      'u:5,Hauptstr. 12/Top 4,,,1010,Wien,Österreich',
    ].join('\n');
    const r = await runCli(['validate', '--checks', 'address'], { stdin: `${csv}\n` });
    expect(r.code).toBe(0);
    const { header, rows } = table(r.stdout);
    expect(header.indexOf('address_unit')).toBe(header.indexOf('house_number') + 1);
    const v = byId(rows);
    expect(v['u:1']).toMatchObject({ street: 'W NORTH AVE', house_number: '4843', address_unit: '', address_status: 'valid' });
    expect(v['u:2']).toMatchObject({ street: 'Kenmore Ave', house_number: '2200', address_unit: 'Apt 3B', address_status: 'valid' });
    expect(v['u:3']).toMatchObject({ street: 'High Street', house_number: '12', address_unit: 'Rear entrance, Flat 3', postal_code: 'CB2 1TN' });
    expect(v['u:4']).toMatchObject({ street: 'C/ Alcalá', house_number: '45', address_unit: '1º D', country: 'ES' });
    expect(v['u:5']).toMatchObject({ street: 'Hauptstraße', house_number: '12/Top 4', address_unit: '' });
  });
});

describe('leadkit validate on a header-only file', () => {
  it('writes the header and a summary without empty status lists', async () => {
    const r = await runCli(['validate'], { stdin: 'record_id,email,phone,street,postal_code,city,country\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('email_status');
    expect(r.stderr.trim()).toBe('validate: 0 in = 0 out');
  });
});

describe('worker threads (built CLI)', () => {
  const bin = path.join(root, 'bin/leadkit');
  const built = fs.existsSync(path.join(root, 'dist/validate/worker.js'));
  it.runIf(built)('give byte-identical output to the single-threaded run, in input order', () => {
    const dir = tmp();
    const big = path.join(dir, 'big.csv');
    const src = fs.readFileSync(contacts, 'utf8').split('\n');
    const lines = [src[0]];
    // 30k rows: past the point where workers start, with ids that reveal reordering.
    for (let i = 0; i < 2000; i++) for (const l of src.slice(1).filter(Boolean)) lines.push(l.replace(/^v:(\d+)/, `v:${i}-$1`));
    fs.writeFileSync(big, lines.join('\n') + '\n');
    const one = execFileSync(bin, ['validate', big, '--jobs', '0', '-q'], { maxBuffer: 1 << 28 });
    const two = execFileSync(bin, ['validate', big, '--jobs', '2', '-q'], { maxBuffer: 1 << 28 });
    expect(two.length).toBeGreaterThan(1_000_000);
    expect(two.equals(one)).toBe(true);
  });
});
