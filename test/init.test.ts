import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { parsePipeline } from '../src/pipeline/spec.js';
import { parseRules } from '../src/rules/load.js';
import { parseMapFile } from '../src/import/mapping.js';
import { STARTER_FILES } from '../src/init/starter-files.js';
import { parseCsv } from '../src/io/csv-parser.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-init-'));
const names = STARTER_FILES.map(([n]) => n);

describe('leadkit init', () => {
  it('writes the three commented starter files into a new folder', async () => {
    const dir = path.join(tmp(), 'jobs', 'nightly');
    const r = await runCli(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
    for (const n of names) expect(fs.readFileSync(path.join(dir, n), 'utf8')).toMatch(/^# leadkit /);
    expect(r.stderr).toContain(`leadkit run ${path.join(dir, 'pipeline.yml')}`);
  });

  it('writes files that leadkit accepts as they are', () => {
    const [pipeline, rules, mapping] = STARTER_FILES.map(([, t]) => t);
    const spec = parsePipeline(pipeline, 'pipeline.yml');
    expect(spec.steps.map((s) => s.command)).toEqual(['validate', 'dedupe', 'classify', 'score', 'route']);
    expect(spec.importOptions).toEqual({ map: 'mapping.yml' });
    const parsed = parseRules(rules, 'rules.yml');
    expect(parsed.route.default_owner).toBe('unassigned');
    expect(parseMapFile(mapping, 'mapping.yml')).toContainEqual(['Kundennr.', 'customer_number']);
  });

  it('runs the starter pipeline on a vendor list dropped into incoming/', async () => {
    const dir = tmp();
    expect((await runCli(['init', dir, '-q'])).code).toBe(0);
    fs.mkdirSync(path.join(dir, 'incoming'));
    fs.writeFileSync(
      path.join(dir, 'incoming', 'messe-wien.csv'),
      '\uFEFFKundennr.;Vorname;Ansprechpartner Nachname;E-Mail;Firma;Land;Telefon\r\n' +
        'K-0815;Jürgen;Weiß;j.weiss@weiss-holzbau.at;Weiß Holzbau GmbH;AT;+43 1 5877412\r\n' +
        'K-0816;Özlem;Müller;oezlem.mueller@mueller-soehne.de;Müller & Söhne KG;Deutschland;0351 6622701\r\n' +
        'K-0817;Tom;Baker;;Baker Inc.;US;\r\n',
    );
    const r = await runCli(['run', path.join(dir, 'pipeline.yml'), '-q']);
    expect(r.code, r.stderr).toBe(0);
    const leads = fs.readFileSync(path.join(dir, 'out', 'leads.csv'), 'utf8');
    const [cols, ...rows] = parseCsv(leads.trim());
    const at = (row: string[], c: string) => row[cols.indexOf(c)];
    // mapping.yml mapped the vendor's own headers; rules.yml routed the Austrian lead.
    const weiss = rows.find((l) => l.includes('Jürgen'))!;
    expect(at(weiss, 'customer_number')).toBe('K-0815');
    expect(at(weiss, 'last_name')).toBe('Weiß');
    expect(at(weiss, 'owner')).toBe('lukas.gruber');
    // The row nobody can reach went to the side file, not into the leads.
    expect(rows).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, 'out', 'rejects.csv'), 'utf8')).toContain('Baker');
    expect(fs.existsSync(path.join(dir, 'out', 'report.html'))).toBe(true);
  });

  it('refuses to replace an existing file, and then writes none of the three', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'rules.yml'), 'route: { default_owner: eva.lang }\n');
    const r = await runCli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`leadkit: init: ${path.join(dir, 'rules.yml')} already exists; give --force to replace it\n`);
    expect(fs.readdirSync(dir)).toEqual(['rules.yml']);
    expect(fs.readFileSync(path.join(dir, 'rules.yml'), 'utf8')).toBe('route: { default_owner: eva.lang }\n');
  });

  it('replaces existing files with --force, atomically (no temporary files left)', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'pipeline.yml'), 'inputs: [alt.csv]\n');
    const r = await runCli(['init', dir, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('replaced 1');
    expect(fs.readFileSync(path.join(dir, 'pipeline.yml'), 'utf8')).toBe(STARTER_FILES[0][1]);
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
  });

  it('writes into the current folder without an argument', async () => {
    const cwd = process.cwd();
    const dir = tmp();
    process.chdir(dir);
    try {
      const r = await runCli(['init']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('run: leadkit run pipeline.yml');
    } finally {
      process.chdir(cwd);
    }
    expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
  });

  it('says what is wrong when DIR is a file', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'liste.csv'), 'a\n');
    const r = await runCli(['init', path.join(dir, 'liste.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a directory/);
  });
});
