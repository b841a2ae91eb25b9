// One owner per concept: the company domain of an email address (src/email/company-domain.ts).
// The same addresses go through classify (the website it fills from an email) and accounts (the
// domain it groups contacts by), in the pure modules and via the CLI, and they must agree:
// "b@vertrieb.mueller-holz.de" is mueller-holz.de in both, gmail.com and gmx.dee are no one's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';
import { companyDomainOfEmail, type CompanyDomainStatus } from '../src/email/index.js';
import { websiteFromEmail } from '../src/classify/website-from-email.js';
import { companyDomain } from '../src/accounts/view.js';

/** An address, the company domain as classify writes it ('' for none), and why. */
const CASES: [string, string, CompanyDomainStatus][] = [
  ['a@mueller-holz.de', 'mueller-holz.de', 'company'],
  ['b@vertrieb.mueller-holz.de', 'mueller-holz.de', 'company'],
  ['"Roth, Bernd" <B.Roth@Vertrieb.Mueller-Holz.DE>', 'mueller-holz.de', 'company'],
  ['MAILTO:info@mail.vertrieb.mueller-holz.de', 'mueller-holz.de', 'company'],
  ['e.gruber@office.gruber-holz.co.at', 'gruber-holz.co.at', 'company'],
  ['s.meier@zh.meier-treuhand.ch', 'meier-treuhand.ch', 'company'],
  ['j.smith@sales.acme-widgets.co.uk', 'acme-widgets.co.uk', 'company'],
  ['li.wei@shop.hanfeng-trade.com.cn', 'hanfeng-trade.com.cn', 'company'],
  ['anna@vertrieb.müller-bäckerei.de', 'müller-bäckerei.de', 'company'],
  [`anna@${domainToASCII('müller-bäckerei.de')}`, domainToASCII('müller-bäckerei.de'), 'company'],
  // Free-mail and internet providers, also under a host of their own.
  ['thomas.mueller@gmail.com', '', 'free_mail'],
  ['anna@googlemail.com', '', 'free_mail'],
  ['j.huber@gmx.at', '', 'free_mail'],
  ['eva@t-online.de', '', 'free_mail'],
  ['urs@bluewin.ch', '', 'free_mail'],
  ['mike@comcast.net', '', 'free_mail'],
  ['r.lang@mail.gmx.net', '', 'free_mail'],
  ['x@mailinator.com', '', 'disposable'],
  ['p.frei@x.mailinator.com', '', 'disposable'],
  // A mistyped provider is the provider, not a firm of that name; a dead TLD is no domain.
  ['john@gmial.com', '', 'bad_email'],
  ['neumann@gmx.dee', '', 'bad_email'],
  ['a@firma-koch.con', '', 'bad_email'],
  ['peter(at)schwarz.de', '', 'bad_email'],
  ['a@firma-koch.de; b@firma-koch.de', '', 'bad_email'],
  ['', '', 'no_email'],
];

const WEBSITE_STATUS: Record<CompanyDomainStatus, string> = { company: 'from_email', free_mail: 'free_mail', disposable: 'disposable', bad_email: 'bad_email', no_email: 'no_email' };

const ascii = (d: string) => (d === '' ? '' : domainToASCII(d));

describe('the company domain of an email: src/email, classify and accounts agree', () => {
  it.each(CASES)('%j → %j (%s)', (email, domain, status) => {
    const own = companyDomainOfEmail(email);
    expect(own).toEqual({ domain, ascii: ascii(domain), status });
    // classify: the website it fills, and why.
    expect(websiteFromEmail({ email })).toEqual({ website: domain, website_status: WEBSITE_STATUS[status] });
    // accounts: the domain it groups by, in ASCII so an IDN written either way ties.
    expect(companyDomain({ email })).toBe(ascii(domain));
    // accounts after classify: the filled website is read to the same domain.
    expect(companyDomain({ email, ...websiteFromEmail({ email }) })).toBe(ascii(domain));
  });

  it('follows validate: an address it found invalid (no mail host) names no company, in both', () => {
    const row = { email: 'max@stillgelegt-gmbh.de', email_status: 'invalid' };
    expect(companyDomainOfEmail(row.email, row.email_status).status).toBe('bad_email');
    expect(websiteFromEmail(row).website).toBe('');
    expect(companyDomain(row)).toBe('');
    expect(companyDomain({ ...row, email_status: 'valid' })).toBe('stillgelegt-gmbh.de');
  });
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-concept-domain-'));

function table(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

function cell(v: string): string {
  return /[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

describe('via the CLI: classify fills the domain accounts groups by', () => {
  it('puts a@mueller-holz.de and b@vertrieb.mueller-holz.de in one account, before and after classify', async () => {
    const dir = tmp();
    const list = path.join(dir, 'messe.csv');
    fs.writeFileSync(
      list,
      [
        'Firma;Vorname;Nachname;E-Mail;PLZ;Ort',
        'Müller Holz GmbH;Anna;Maier;a@mueller-holz.de;10115;Berlin',
        'MUELLER HOLZ GMBH;Bernd;Roth;B.Roth@Vertrieb.Mueller-Holz.de;20095;Hamburg',
        // One name, two towns, gmail only: nothing ties them.
        'Schmidt Consulting;Carla;Schmidt;c.schmidt@gmail.com;70173;Stuttgart',
        'Schmidt Consulting;Dirk;Schmidt;d.schmidt@gmail.com;10115;Berlin',
      ].join('\n') + '\n',
    );
    const imported = await runCli(['import', '-q', list]);
    expect(imported.code, imported.stderr).toBe(0);
    const classified = await runCli(['classify', '-q'], { stdin: imported.stdout });
    expect(classified.code, classified.stderr).toBe(0);
    expect(table(classified.stdout).map((r) => [r.website, r.website_status])).toEqual([
      ['mueller-holz.de', 'from_email'],
      ['mueller-holz.de', 'from_email'],
      ['', 'free_mail'],
      ['', 'free_mail'],
    ]);
    const ids: string[][] = [];
    for (const input of [imported.stdout, classified.stdout]) {
      const contacts = path.join(dir, 'contacts.csv');
      const r = await runCli(['accounts', '-q', '--contacts', contacts], { stdin: input });
      expect(r.code, r.stderr).toBe(0);
      const accounts = table(r.stdout);
      expect(accounts.map((a) => [a.account_name, a.contacts, a.domain]).sort()).toEqual([
        ['Müller Holz GmbH', '2', 'mueller-holz.de'],
        ['Schmidt Consulting', '1', ''],
        ['Schmidt Consulting', '1', ''],
      ]);
      ids.push(table(fs.readFileSync(contacts, 'utf8')).map((c) => c.account_id));
    }
    expect(ids[0][0]).toBe(ids[0][1]);
    expect(ids[0][2]).not.toBe(ids[0][3]);
    // Classify first or not: the same accounts, under the same ids.
    expect(ids[1]).toEqual(ids[0]);
  });

  it('gives every case the same domain in classify\'s website and in its account', async () => {
    const dir = tmp();
    const list = path.join(dir, 'cases.csv');
    // One company per case, each in a town of its own, so its account's domain is its own row's.
    const rows = CASES.map(([email], k) => [`Testfirma ${String.fromCharCode(65 + k)}`, `${10000 + k * 101}`, `Ort ${String.fromCharCode(65 + k)}`, email]);
    fs.writeFileSync(list, ['record_id,company,postal_code,city,email', ...rows.map((r, k) => [`c:${k + 1}`, ...r].map(cell).join(','))].join('\n') + '\n');
    const classified = await runCli(['classify', '-q', list]);
    expect(classified.code, classified.stderr).toBe(0);
    const websites = table(classified.stdout).map((r) => r.website);
    expect(websites).toEqual(CASES.map(([, domain]) => domain));
    const contacts = path.join(dir, 'contacts.csv');
    const r = await runCli(['accounts', '-q', list, '--contacts', contacts]);
    expect(r.code, r.stderr).toBe(0);
    const domainOf = new Map(table(r.stdout).map((a) => [a.account_id, a.domain]));
    const accountDomains = table(fs.readFileSync(contacts, 'utf8')).map((c) => domainOf.get(c.account_id));
    expect(accountDomains).toEqual(websites.map(ascii));
  });
});
