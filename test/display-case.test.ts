import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { runCli } from './helpers/run-cli.js';
import { displayCase } from '../src/text/display-case.js';
import { companyDisplayCase } from '../src/company/index.js';

describe('displayCase: names', () => {
  it.each([
    ['MÜLLER', 'Müller'],
    ['VON DER HEIDE', 'von der Heide'],
    ['MCDONALD', 'McDonald'],
    ["O'BRIEN", "O'Brien"],
    ['O\u2019BRIEN', 'O\u2019Brien'],
    ["D'ANGELO", "D'Angelo"],
    ['JEAN-PIERRE', 'Jean-Pierre'],
    ['MÜLLER-LÜDENSCHEIDT', 'Müller-Lüdenscheidt'],
    ['WEIẞ', 'Weiß'],
    ['GROSS', 'Gross'],
    ['ÖZTÜRK', 'Öztürk'],
    ['DA SILVA', 'da Silva'],
    ['VAN DEN BERG', 'van den Berg'],
    ['DA', 'Da'],
    ['H.-P.', 'H.-P.'],
    ['MACHADO', 'Machado'],
    // Mixed case is the writer's choice.
    ['Müller', 'Müller'],
    ['van der Berg', 'van der Berg'],
    ['McDonald', 'McDonald'],
    ['deSouza', 'deSouza'],
    ['', ''],
  ])('%j → %j', (v, want) => expect(displayCase(v, 'name')).toBe(want));
});

describe('displayCase: cities', () => {
  it.each([
    ['FRANKFURT AM MAIN', 'Frankfurt am Main'],
    ['MÜLHEIM AN DER RUHR', 'Mülheim an der Ruhr'],
    ['FREIBURG IM BREISGAU', 'Freiburg im Breisgau'],
    ['HALLE (SAALE)', 'Halle (Saale)'],
    ['ST. PÖLTEN', 'St. Pölten'],
    ['AM MELLENSEE', 'Am Mellensee'],
    ['RHEDA-WIEDENBRÜCK', 'Rheda-Wiedenbrück'],
    ['AIX-EN-PROVENCE', 'Aix-en-Provence'],
    ['STRATFORD-UPON-AVON', 'Stratford-upon-Avon'],
    ['NEUSTADT A.D. WEINSTRASSE', 'Neustadt a.d. Weinstrasse'],
    ['RIO DE JANEIRO', 'Rio de Janeiro'],
    ['WIEN', 'Wien'],
    ['ZÜRICH', 'Zürich'],
    ['Frankfurt am Main', 'Frankfurt am Main'],
  ])('%j → %j', (v, want) => expect(displayCase(v, 'city')).toBe(want));
});

describe('companyDisplayCase', () => {
  it.each([
    ['MÜLLER GMBH & CO. KG', 'Müller GmbH & Co. KG'],
    ['MÜLLER HOLZBAU GMBH', 'Müller Holzbau GmbH'],
    ['GRUBER BAU GMBH', 'Gruber Bau GmbH'],
    ['SCHMIDT LOGISTIK AG', 'Schmidt Logistik AG'],
    ['BMW AG', 'BMW AG'],
    ['IT-SERVICE HUBER E.K.', 'IT-Service Huber e.K.'],
    ['SPORTVEREIN GRÜN-WEISS E.V.', 'Sportverein Grün-Weiss e.V.'],
    ['GESELLSCHAFT FÜR INFORMATIK E.V.', 'Gesellschaft für Informatik e.V.'],
    ['BÄCKEREI AM MARKT', 'Bäckerei am Markt'],
    ['DIE BAHN AG', 'Die Bahn AG'],
    ['MCDONALD\'S DEUTSCHLAND LLC', "McDonald's Deutschland LLC"],
    ['SMITH & SONS LIMITED', 'Smith & Sons Limited'],
    ['E.ON SE', 'E.ON SE'],
    ['3M DEUTSCHLAND GMBH', '3M Deutschland GmbH'],
    ['MAX MUSTERMANN UG (HAFTUNGSBESCHRÄNKT)', 'Max Mustermann UG (haftungsbeschränkt)'],
    // Written with small letters: as written, even when it looks odd.
    ['Müller GMBH', 'Müller GMBH'],
    ['dm-drogerie markt GmbH + Co. KG', 'dm-drogerie markt GmbH + Co. KG'],
  ])('%j → %j', (v, want) => expect(companyDisplayCase(v)).toBe(want));
});

describe('import adds display forms', () => {
  const VENDOR = 'Anrede;Vorname;Nachname;Firma;PLZ;Ort;Telefon\r\nHerr;JEAN-PIERRE;O\'BRIEN;MÜLLER GMBH & CO. KG;60311;FRANKFURT AM MAIN;+49 69 1234567\r\nFrau;Anna;von der Heide;Heide Consulting GmbH;1010;Wien;+43 1 5123456\r\nHerr;HANS;MCDONALD;;;;\r\n';

  it('keeps what the vendor wrote and adds <field>_display and display_status', async () => {
    const r = await runCli(['import', '--source', 'v'], { stdin: VENDOR });
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['first_name_display', 'last_name_display', 'company_display', 'city_display', 'display_status']));
    expect(Object.keys(rows[0])).not.toContain('salutation_display');
    const [a, b, c] = rows;
    expect([a.first_name, a.last_name, a.company, a.city]).toEqual(['JEAN-PIERRE', "O'BRIEN", 'MÜLLER GMBH & CO. KG', 'FRANKFURT AM MAIN']);
    expect([a.first_name_display, a.last_name_display, a.company_display, a.city_display, a.display_status]).toEqual(['Jean-Pierre', "O'Brien", 'Müller GmbH & Co. KG', 'Frankfurt am Main', 'recased']);
    // Mixed case is left as written, and the row says nothing was cased.
    expect([b.last_name_display, b.company_display, b.city_display, b.display_status]).toEqual(['von der Heide', 'Heide Consulting GmbH', 'Wien', 'as_written']);
    expect([c.last_name_display, c.company_display, c.display_status]).toEqual(['McDonald', '', 'recased']);
    expect(r.stderr).toContain('cased 6 values written in capitals for display (*_display; 2 rows display_status=recased)');
  });

  it('--no-display-case adds none', async () => {
    const r = await runCli(['import', '--source', 'v', '--no-display-case'], { stdin: VENDOR });
    expect(r.stdout.split('\n')[0]).not.toMatch(/_display|display_status/);
    expect(r.stderr).not.toContain('cased');
  });

  it('display_recased_rate is a --fail-if metric of leadkit run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-display-'));
    fs.writeFileSync(path.join(dir, 'in.csv'), VENDOR);
    fs.writeFileSync(path.join(dir, 'p.yml'), 'inputs: [in.csv]\noutputs:\n  - export: { output: out.csv }\n');
    const tripped = await runCli(['run', path.join(dir, 'p.yml'), '-q', '--fail-if', 'display_recased_rate>0.5']);
    expect(tripped.code).toBe(3);
    expect(tripped.stderr).toContain('display_recased_rate is 0.6667');
    const ok = await runCli(['run', path.join(dir, 'p.yml'), '-q', '--fail-if', 'display_recased_rate>0.7']);
    expect(ok.code).toBe(0);
  });
});

describe('isAllCaps', () => {
  it.each([
    ['MÜLLER HOLZBAU', true],
    ['MULLER GMBH & CO. KG', true],
    ['Müller', false],
    ['Schmidt', false],
    ['MÜLLEr', false],
    ['STRAßE', false],
    ['123 - 45', false],
    ['', false],
    ['ÖL', true],
    ['ÉCOLE', true],
  ])('%s → %s', async (text, expected) => {
    const { isAllCaps } = await import('../src/text/case.js');
    expect(isAllCaps(text)).toBe(expected);
  });
});
