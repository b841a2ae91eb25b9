// One owner per concept: the address in a cell and its match key (src/email/parse.ts).
// The same tricky spellings go through every command that reads an email — validate, dedupe,
// match and suppress, via the CLI — and through the pure modules, and they must all agree.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parseCsv } from '../src/io/csv-parser.js';
import type { Row } from '../src/table.js';
import { checkEmail, emailMatchKey, emailMatchKeys, parseEmailCell, type EmailCell } from '../src/email/index.js';
import { normaliseEmail, emailMatchKey as matchEngineKey } from '../src/match/email.js';
import { normaliseForCompare } from '../src/match/compare-spec.js';
import { normalizeEmail, normalizeEmails } from '../src/suppress/normalize.js';
import { parseSuppressionList } from '../src/suppress/suppression-list.js';

/** Ways vendors, CRMs and people write max@firma.de. */
const SPELLINGS = [
  'max@firma.de',
  'Max Mustermann <Max@Firma.de>',
  'mailto:max@firma.de',
  'MAILTO:Max@Firma.de?subject=Angebot',
  ' MAX@FIRMA.DE ',
  '<max@firma.de>',
  '"Mustermann, Max" <max@firma.de>',
  'Mustermann, Max <max@firma.de>',
  '"Max" <mailto:max@firma.de>',
  'max@firma.de;',
  'max@firma.de,',
  '"max@firma.de"',
];

/** One IDN domain, written in Unicode and in punycode. */
const IDN = ['max@müller.de', 'max@xn--mller-kva.de', 'MAX@MÜLLER.DE', 'Max <max@xn--mller-kva.de>'];

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-concept-email-'));

function cell(v: string): string {
  return /[",;\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

function table(text: string): Row[] {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const HEADER = ['record_id', 'first_name', 'last_name', 'company', 'email'];
const person = (id: string, email: string) => [id, 'Max', 'Mustermann', 'Firma GmbH', email];

async function ok(args: string[], stdin?: string): Promise<string> {
  const r = await runCli([...args, '-q'], stdin === undefined ? {} : { stdin });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('parseEmailCell: the address in a cell', () => {
  const cases: [string, Partial<EmailCell>][] = [
    ['max@firma.de', { text: 'max@firma.de', address: 'max@firma.de', addresses: ['max@firma.de'], multiple: false }],
    ['Max Mustermann <Max@Firma.de>', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['"Max Mustermann" <max@firma.de>', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['"Mustermann, Max" <max@firma.de>', { text: 'max@firma.de', address: 'max@firma.de', multiple: false }],
    ['Mustermann, Max <max@firma.de>', { text: 'max@firma.de', address: 'max@firma.de', multiple: false }],
    ['<max@firma.de>', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['<mailto:max@firma.de>', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['mailto:max@firma.de', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['MAILTO:max@firma.de?subject=Hallo Welt', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['  MAX@FIRMA.DE\t', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['\uFEFFmax@firma.de', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['max@firma.de;', { text: 'max@firma.de', address: 'max@firma.de', multiple: false }],
    ['max@firma.de ,', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['<max@firma.de>;', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['"max@firma.de"', { text: 'max@firma.de', address: 'max@firma.de' }],
    ["'max@firma.de'", { text: 'max@firma.de', address: 'max@firma.de' }],
    ['„max@firma.de“', { text: 'max@firma.de', address: 'max@firma.de' }],
    ['"max@firma.de";', { text: 'max@firma.de', address: 'max@firma.de' }],
    // Unicode: NFC, lower case, the domain as written.
    ['Mu\u0308ller@Firma.de', { text: 'müller@firma.de', address: 'müller@firma.de' }],
    ['MAX@MÜLLER.DE', { text: 'max@müller.de', address: 'max@müller.de' }],
    ['max@xn--mller-kva.de', { text: 'max@xn--mller-kva.de', address: 'max@xn--mller-kva.de' }],
    // Two addresses: both listed, the first is the address; the text stays whole.
    ['a@x.de; b@y.de', { text: 'a@x.de; b@y.de', address: 'a@x.de', addresses: ['a@x.de', 'b@y.de'], multiple: true }],
    ['a@x.de,b@y.de', { text: 'a@x.de,b@y.de', address: 'a@x.de', addresses: ['a@x.de', 'b@y.de'], multiple: true }],
    ['A@X.de b@y.de', { text: 'a@x.de b@y.de', address: 'a@x.de', addresses: ['a@x.de', 'b@y.de'], multiple: true }],
    ['Max <max@firma.de>, "Weber, Erika" <Erika@Firma.de>', { address: 'max@firma.de', addresses: ['max@firma.de', 'erika@firma.de'], multiple: true }],
    ['a@x.de, <b@y.de>', { text: 'a@x.de, <b@y.de>', address: 'a@x.de', addresses: ['a@x.de', 'b@y.de'], multiple: true }],
    ['mailto:a@x.de,b@y.de', { address: 'a@x.de', addresses: ['a@x.de', 'b@y.de'], multiple: true }],
    // No address.
    ['', { text: '', address: '', addresses: [], multiple: false }],
    ['   ', { text: '', address: '' }],
    [';', { text: '', address: '' }],
    ['<>', { text: '', address: '' }],
    ['mailto:', { text: '', address: '' }],
    ['Keine Angabe', { text: 'keine angabe', address: '' }],
    ['kein@', { address: '' }],
    ['@firma.de', { address: '' }],
    ['max mustermann@firma.de', { text: 'max mustermann@firma.de', address: '' }],
    ['a@b@firma.de', { address: '' }],
    ['max@firma.de (Vertrieb)', { address: '' }],
    ['"max mustermann"@firma.de', { text: '"max mustermann"@firma.de', address: '' }],
  ];
  it.each(cases)('%j', (raw, expected) => {
    expect(parseEmailCell(raw)).toMatchObject(expected);
  });

  it('never throws, on hostile input or non-strings', () => {
    for (const raw of ['\uD800@x.de', '<'.repeat(1000), `${'a'.repeat(600)}@firma.de`, '"'.repeat(7), '<<a@b.de>>', ',;,;']) expect(() => parseEmailCell(raw)).not.toThrow();
    expect(parseEmailCell(undefined as unknown as string).address).toBe('');
    expect(parseEmailCell(`${'a'.repeat(600)}@firma.de`).address).toBe('');
  });
});

describe('emailMatchKey: the one key dedupe, match and suppress compare', () => {
  const keys: [string, string][] = [
    ['max@firma.de', 'max@firma.de'],
    ['Max Mustermann <Max@Firma.de>', 'max@firma.de'],
    ['max+crm@firma.de', 'max@firma.de'],
    ['max+news@gmx.de', 'max@gmx.de'],
    ['+49@firma.de', '+49@firma.de'],
    ['Max.Mustermann+news@GoogleMail.com', 'maxmustermann@gmail.com'],
    ['m.a.x.mustermann@gmail.com', 'maxmustermann@gmail.com'],
    ['max.m@gmx.de', 'max.m@gmx.de'],
    ['max@müller.de', 'max@xn--mller-kva.de'],
    ['max@xn--mller-kva.de', 'max@xn--mller-kva.de'],
    ['müller@bücher.de', 'müller@xn--bcher-kva.de'],
    ['max@ｆｉｒｍａ.de', 'max@firma.de'],
    ['a@x.de; b@y.de', 'a@x.de'],
    ['', ''],
    ['n/a', ''],
    ['Keine Angabe', ''],
  ];
  it.each(keys)('%j → %j', (raw, key) => {
    expect(emailMatchKey(raw)).toBe(key);
  });

  it('is idempotent and the same whichever module a command goes through', () => {
    for (const raw of [...SPELLINGS, ...IDN, ...keys.map(([r]) => r)]) {
      const key = emailMatchKey(raw);
      expect(emailMatchKey(key), raw).toBe(key);
      // dedupe/match (src/match) and --compare email:
      expect(matchEngineKey(raw), raw).toBe(key);
      expect(normaliseForCompare('email', raw), raw).toBe(key);
      expect(matchEngineKey(normaliseEmail(raw)), raw).toBe(key);
      // suppress reads the same address:
      expect(normalizeEmail(raw), raw).toBe(parseEmailCell(raw).address);
      expect(normalizeEmails(raw), raw).toEqual(parseEmailCell(raw).addresses);
      // and validate's normalised output has the same key as the raw cell:
      const checked = checkEmail(raw);
      if (checked.status === 'valid') expect(emailMatchKey(checked.email), raw).toBe(key);
    }
  });

  it('gives every spelling of one address one key, and every address of a cell its key', () => {
    expect(new Set(SPELLINGS.map(emailMatchKey))).toEqual(new Set(['max@firma.de']));
    expect(new Set(IDN.map(emailMatchKey))).toEqual(new Set(['max@xn--mller-kva.de']));
    expect(emailMatchKeys('Max <max+x@firma.de>; max@firma.de, erika@googlemail.com')).toEqual(['max@firma.de', 'erika@gmail.com']);
  });

  it('suppress lists keep entries by their key', () => {
    const list = parseSuppressionList([...SPELLINGS, ...IDN].join('\n'), 'dnc.txt');
    expect(list.rejected).toEqual([]);
    expect([...list.emails].sort()).toEqual(['max@firma.de', 'max@xn--mller-kva.de']);
  });
});

describe('checkEmail: validate reads the cell through the same parser', () => {
  it.each(SPELLINGS)('%j is valid max@firma.de', (raw) => {
    expect(checkEmail(raw)).toMatchObject({ email: 'max@firma.de', domain: 'firma.de', status: 'valid', reason: '' });
  });

  it('keeps an IDN domain as written, with the same ASCII domain', () => {
    expect(checkEmail('MAX@MÜLLER.DE')).toMatchObject({ email: 'max@müller.de', domain: 'xn--mller-kva.de', status: 'valid' });
    expect(checkEmail('max@xn--mller-kva.de')).toMatchObject({ email: 'max@xn--mller-kva.de', domain: 'xn--mller-kva.de', status: 'valid' });
  });

  it('still calls a cell with two addresses invalid (syntax), as before', () => {
    expect(checkEmail('a@x.de; b@y.de')).toMatchObject({ email: 'a@x.de; b@y.de', status: 'invalid', reason: 'syntax' });
    expect(checkEmail('A@x.de, <b@y.de>')).toMatchObject({ email: 'a@x.de, <b@y.de>', status: 'invalid', reason: 'syntax' });
  });
});

describe('every command reads every spelling the same (CLI)', () => {
  it('import → validate writes one normalised address for every spelling', async () => {
    const dir = tmp();
    const file = path.join(dir, 'vendor.csv');
    // A German vendor header, so import maps E-Mail → email and hands the cell on, only trimmed
    // of surrounding whitespace (src/text/whitespace.ts), or untouched with --keep-whitespace.
    fs.writeFileSync(file, csv(['Vorname', 'Nachname', 'E-Mail'], [...SPELLINGS, ...IDN].map((e) => ['Max', 'Mustermann', e])));
    const imported = table(await ok(['import', file]));
    expect(imported.map((r) => r.email)).toEqual([...SPELLINGS, ...IDN].map((e) => e.trim()));
    expect(table(await ok(['import', '--keep-whitespace', file])).map((r) => r.email)).toEqual([...SPELLINGS, ...IDN]);
    const validated = table(await ok(['validate', '--checks', 'email'], await ok(['import', file])));
    expect(validated.map((r) => r.email_status)).toEqual([...SPELLINGS, ...IDN].map(() => 'valid'));
    expect(validated.slice(0, SPELLINGS.length).map((r) => r.email)).toEqual(SPELLINGS.map(() => 'max@firma.de'));
    // The IDN keeps the form it was written in; its key is one.
    expect(validated.slice(SPELLINGS.length).map((r) => r.email)).toEqual(['max@müller.de', 'max@xn--mller-kva.de', 'max@müller.de', 'max@xn--mller-kva.de']);
    expect(new Set(validated.slice(SPELLINGS.length).map((r) => emailMatchKey(r.email)))).toEqual(new Set(['max@xn--mller-kva.de']));
  });

  it.each([
    ['spellings of max@firma.de', SPELLINGS],
    ['an IDN in Unicode and punycode', IDN],
  ])('dedupe merges %s on the email (raw and validated input alike)', async (_name, spellings) => {
    const input = csv(HEADER, spellings.map((e, i) => person(`r:${i + 1}`, e)));
    for (const stdin of [input, await ok(['validate', '--checks', 'email'], input)]) {
      const rows = table(await ok(['dedupe', '--mode', 'flag'], stdin));
      expect(new Set(rows.map((r) => r.cluster_id)).size).toBe(1);
      for (const r of rows) expect(r.match_reason, `${r.record_id} ${r.email}`).toContain('email=exact');
    }
    // Merged: one row; no spelling of max@firma.de counts as another address of the person (an
    // IDN's other form does: survivorship tells addresses apart as written, not by key).
    const merged = table(await ok(['dedupe'], input));
    expect(merged).toHaveLength(1);
    if (spellings === SPELLINGS) expect(merged[0].emails_other).toBe('');
  });

  it('dedupe keeps a different address at the same domain apart from them', async () => {
    const input = csv(HEADER, [person('r:1', 'Max Mustermann <Max@Firma.de>'), ['r:2', 'Erika', 'Weber', 'Firma GmbH', '"Weber, Erika" <erika@firma.de>']]);
    const rows = table(await ok(['dedupe', '--mode', 'flag'], input));
    expect(rows[0].cluster_id).not.toBe(rows[1].cluster_id);
  });

  it('match links a raw row against a reference that writes the address differently, both ways', async () => {
    const dir = tmp();
    for (const [reference, raw] of [
      ...SPELLINGS.map((s) => [s, 'max@firma.de']),
      ...SPELLINGS.map((s) => ['max@firma.de', s]),
      ['max@müller.de', 'Max <MAX@xn--mller-kva.de>'],
      ['max@xn--mller-kva.de', 'mailto:max@müller.de'],
    ]) {
      const against = path.join(dir, 'crm.csv');
      fs.writeFileSync(against, csv(HEADER, [person('crm:1', reference), ['crm:2', 'Erika', 'Weber', 'Firma GmbH', 'erika@firma.de']]));
      const [row] = table(await ok(['match', '--against', against], csv(HEADER, [person('new:1', raw)])));
      expect(row.match_id, `${raw} against ${reference}`).not.toBe('');
      expect(row.match_reason, `${raw} against ${reference}`).toContain('email=exact');
    }
  });

  it('suppress: a list entry in any spelling removes the row, and a plain entry removes every spelling', async () => {
    const dir = tmp();
    const list = path.join(dir, 'dnc.txt');
    // Each spelling as the do-not-contact entry, the row written plainly (and the other way round).
    for (const [entry, email] of [...SPELLINGS.map((s) => [s, 'max@firma.de']), ['max@müller.de', 'max@xn--mller-kva.de'], ['max@xn--mller-kva.de', 'MAX@MÜLLER.DE']]) {
      fs.writeFileSync(list, `E-Mail\n${entry}\n`);
      const suppressed = path.join(dir, 'suppressed.csv');
      const out = table(await ok(['suppress', '--list', list, '--suppressed', suppressed], csv([...HEADER, 'consent_email'], [[...person('r:1', email), 'ja']])));
      expect(out, `entry ${entry}`).toEqual([]);
      expect(table(fs.readFileSync(suppressed, 'utf8'))[0].suppress_reason, `entry ${entry}`).toContain('list_email:dnc.txt');
    }
    fs.writeFileSync(list, 'max@firma.de\nmax@müller.de\n');
    const rows = [...SPELLINGS, ...IDN].map((e, i) => [...person(`r:${i + 1}`, e), 'ja']);
    const flagged = table(await ok(['suppress', '--list', list, '--mode', 'flag'], csv([...HEADER, 'consent_email'], rows)));
    for (const r of flagged) expect(r.suppress_reason, r.email).toBe('list_email:dnc.txt');
    // A row with consent and an address on no list keeps its email channel.
    const kept = table(await ok(['suppress', '--list', list, '--mode', 'flag'], csv([...HEADER, 'consent_email'], [[...person('r:1', 'Max <moritz@firma.de>'), 'ja']])));
    expect(kept[0]).toMatchObject({ suppressed: 'false', channels: 'email' });
  });

  it('a cell with two addresses: validate calls it invalid; dedupe and match use the first; suppress checks both', async () => {
    const two = 'max@firma.de; erika@firma.de';
    const [v] = table(await ok(['validate', '--checks', 'email'], csv(HEADER, [person('r:1', two)])));
    expect(v).toMatchObject({ email: two, email_status: 'invalid', email_reason: 'syntax' });

    const deduped = table(await ok(['dedupe', '--mode', 'flag'], csv(HEADER, [person('r:1', two), person('r:2', 'Max <max@firma.de>')])));
    expect(deduped[0].cluster_id).toBe(deduped[1].cluster_id);
    expect(deduped[0].match_reason).toContain('email=exact');
    // Merged, the second address is kept, not taken for a repeat of the first.
    const [merged] = table(await ok(['dedupe'], csv(HEADER, [person('r:1', two), person('r:2', 'Max <max@firma.de>')])));
    expect(`${merged.email};${merged.emails_other}`).toContain('erika@firma.de');

    const dir = tmp();
    const list = path.join(dir, 'dnc.txt');
    fs.writeFileSync(list, '"Weber, Erika" <Erika@Firma.de>\n');
    const [s] = table(await ok(['suppress', '--list', list, '--mode', 'flag'], csv([...HEADER, 'consent_email'], [[...person('r:1', two), 'ja']])));
    expect(s.suppress_reason).toContain('list_email:dnc.txt');
  });
});
