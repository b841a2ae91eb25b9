/**
 * leadkit as a user gets it: the packed tarball installed into a temporary global prefix, run
 * from an empty folder. Catches files missing from package.json "files", paths resolved from
 * the working directory instead of the package, and runtime imports of devDependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/report/summary.js';

const root = path.resolve(import.meta.dirname, '..');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

let tmp = '';
let bin = '';
let installedRoot = '';
let how = '';

/**
 * Tests must not need the network: `npm install --offline` works when npm's cache holds every
 * dependency. Otherwise the tarball is unpacked where npm would put it, with only the declared
 * runtime dependencies linked from this checkout, and the bin linked as npm links it.
 */
function install(tarball: string, prefix: string): string {
  const r = spawnSync('npm', ['install', '-g', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { encoding: 'utf8' });
  const pkgDir = path.join(prefix, 'lib/node_modules/leadkit');
  if (r.status === 0) return 'npm install -g --offline';
  if (!/ENOTCACHED|EAI_AGAIN|ENOTFOUND|ECONNREFUSED/.test(r.stderr)) throw new Error(`npm install failed:\n${r.stderr}`);
  fs.mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  for (const dep of Object.keys(pkg.dependencies)) {
    const link = path.join(pkgDir, 'node_modules', dep);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', dep), link);
  }
  fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
  fs.symlinkSync('../lib/node_modules/leadkit/bin/leadkit', path.join(prefix, 'bin/leadkit'));
  return 'unpacked with linked dependencies (npm cache lacks them, no network)';
}

const leadkit = (args: string[], cwd: string) => spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LEADKIT_TODAY: '2026-11-22' } });

describe.runIf(built && process.platform !== 'win32')('the installed package', () => {
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-installed-'));
    // --ignore-scripts: dist/ is built already, and `prepare` would rebuild it mid-test.
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
    const tarball = path.join(tmp, (JSON.parse(out) as { filename: string }[])[0].filename);
    const prefix = path.join(tmp, 'prefix');
    how = install(tarball, prefix);
    bin = path.join(prefix, 'bin/leadkit');
    installedRoot = path.join(prefix, 'lib/node_modules/leadkit');
  }, 120_000);

  it('runs the demo from an empty folder, writing into its out/', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const r = leadkit(['run', '--demo', '-q'], cwd);
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('warning: ')), `${how}\n${r.stderr}`).toEqual([]);
    expect(r.status).toBe(0);
    for (const f of ['leads.csv', 'leads.xlsx', 'rejects.csv', 'merge-map.csv', 'suppressed.csv', 'profile.txt', 'summary.json', 'report.html']) {
      expect(fs.existsSync(path.join(cwd, 'out', f)), f).toBe(true);
    }
    const summary = JSON.parse(fs.readFileSync(path.join(cwd, 'out/summary.json'), 'utf8')) as RunSummary;
    expect(summary.pipeline).toBe('Demo nightly leads');
    expect(summary.inputs.map((i) => path.basename(i.file))).toEqual(['vendor-de.csv', 'crm-export.csv', 'messe-kontakte.xlsx']);
    expect(summary.suppressed_by_reason).toHaveProperty(['list_email:do-not-contact.txt']);
    expect(fs.readdirSync(path.join(cwd, 'out/by-owner')).length).toBeGreaterThan(2);
    // Nothing is written into the installed package.
    expect(fs.existsSync(path.join(installedRoot, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(installedRoot, 'fixtures/demo/out'))).toBe(false);
  });

  it('ships the rules file that --rules help names', () => {
    const r = leadkit(['score', '--help'], tmp);
    const named = /fixtures\/rules\/example\.yml/.exec(r.stdout)?.[0];
    expect(named).toBeDefined();
    const example = path.join(installedRoot, named!);
    expect(fs.existsSync(example)).toBe(true);
    // And it is a rules file leadkit accepts.
    const cwd = fs.mkdtempSync(path.join(tmp, 'rules-'));
    fs.writeFileSync(path.join(cwd, 'in.csv'), 'Vorname;Nachname;E-Mail;Firma;Mitarbeiter\nJürgen;Weiß;j.weiss@weiss-holzbau.at;Weiß Holzbau GmbH;51-200\n');
    const s = leadkit(['score', 'in.csv', '--rules', example, '-q'], cwd);
    expect(s.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('Jürgen');
  });

  it('writes starter files with init that run as they are', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'init-'));
    const r = leadkit(['init', 'job'], cwd);
    expect(r.status, r.stderr).toBe(0);
    fs.mkdirSync(path.join(cwd, 'job/incoming'));
    fs.writeFileSync(path.join(cwd, 'job/incoming/messe.csv'), 'Vorname;Nachname;E-Mail;Firma;Land\nÖzlem;Müller;oezlem.mueller@mueller-soehne.at;Müller & Söhne KG;Österreich\n');
    const run = leadkit(['run', 'job/pipeline.yml', '-q'], cwd);
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'job/out/leads.csv'), 'utf8')).toContain('Özlem');
  });
});
