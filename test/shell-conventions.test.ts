// Shell conventions: colour decided from stderr, -d / --no-header, completion and man page from
// the registry, and the default as_of as the local date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { colourLevel } from '../src/terminal-colour.js';
import { localIsoDate } from '../src/date/local-today.js';
import { completionScript } from '../src/commands/shell-completion.js';
import { manPage } from '../src/commands/man-page.js';
import { shellOption } from '../src/commands/option-flags.js';
import { COMMAND_NAMES, loadCommands, STANDARD_IO_OPTIONS } from '../src/commands/index.js';
import type { Command } from '../src/commands/types.js';
import { runCli } from './helpers/run-cli.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/leadkit');
const built = fs.existsSync(path.join(root, 'dist/cli.js'));
const ESC = '\u001b[';

// A score input without the columns the rules read: score warns about them on stderr.
const LEADS = 'email,first_name,last_name,company,phone\nj.mueller@beispiel.at,Jürgen,Müller,Beispiel GmbH,+43 1 5123456\n';

/** Run in-process with a stdout that says it is a terminal and a stderr that is one or not. */
async function runTty(args: string[], o: { stderrTty: boolean; env?: Record<string, string>; now?: Date; stdin?: string }) {
  const err: Buffer[] = [];
  const out: Buffer[] = [];
  const stdout = Object.assign(new Writable({ write: (c, _e, cb) => (out.push(Buffer.from(c)), cb()) }), { isTTY: true, columns: 120 });
  const stderr = Object.assign(new Writable({ write: (c, _e, cb) => (err.push(Buffer.from(c)), cb()) }), { isTTY: o.stderrTty });
  let stdin: NodeJS.ReadableStream;
  if (o.stdin !== undefined) stdin = Readable.from([Buffer.from(o.stdin)]);
  else {
    const p = new PassThrough();
    p.end();
    stdin = p;
  }
  const keys = ['NO_COLOR', 'FORCE_COLOR', 'TERM', 'COLORTERM', 'CI', 'LEADKIT_TODAY'];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  for (const k of keys) delete process.env[k];
  Object.assign(process.env, { TERM: 'xterm', CI: '1' /* no spinner */ }, o.env ?? {});
  try {
    const now = o.now;
    const code = await main(['node', 'leadkit', ...args], { stdout, stderr: stderr as never, stdin, now: now ? () => now : undefined });
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

describe('colour on stderr', () => {
  it.each([
    // [stderr is a TTY, env, level]
    [true, {}, 1],
    [false, {}, 0],
    [true, { NO_COLOR: '1' }, 0],
    [true, { NO_COLOR: '' }, 1], // an empty NO_COLOR is unset (no-color.org)
    [false, { FORCE_COLOR: '1' }, 1],
    [false, { FORCE_COLOR: '' }, 1],
    [false, { FORCE_COLOR: '3' }, 3],
    [true, { FORCE_COLOR: '0' }, 0],
    [true, { FORCE_COLOR: 'false' }, 0],
    [false, { FORCE_COLOR: '1', NO_COLOR: 'yes' }, 0],
    [true, { TERM: 'dumb' }, 0],
    [true, { TERM: 'xterm-256color' }, 2],
    [true, { COLORTERM: 'truecolor' }, 3],
  ] as const)('stderr TTY %s, env %j → level %i', (tty, env, level) => {
    expect(colourLevel({ isTTY: tty }, env)).toBe(level);
  });

  it('colours the warning when stderr is a terminal', async () => {
    const r = await runTty(['score'], { stderrTty: true, stdin: LEADS });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${ESC}33mwarning:`);
  });

  it('writes no escape code to a piped stderr, though stdout is a terminal', async () => {
    const r = await runTty(['score'], { stderrTty: false, stdin: LEADS });
    expect(r.stderr).toMatch(/^warning: score: /m);
    expect(r.stderr).not.toContain('\u001b');
  });

  it('NO_COLOR wins over a terminal, FORCE_COLOR colours a pipe', async () => {
    const none = await runTty(['score'], { stderrTty: true, stdin: LEADS, env: { NO_COLOR: '1' } });
    expect(none.stderr).toContain('warning:');
    expect(none.stderr).not.toContain('\u001b');
    const forced = await runTty(['score'], { stderrTty: false, stdin: LEADS, env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain(`${ESC}33mwarning:`);
  });

  // The reported case: a real terminal on stdout (script(1) gives the child a pty), stderr to a log.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.runIf(built && hasScript && process.platform === 'linux')('`leadkit score … 2>warn.log` from a terminal logs no escape codes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-colour-'));
    const input = path.join(dir, 'crm.csv');
    const log = path.join(dir, 'warn.log');
    fs.writeFileSync(input, LEADS);
    const env = { ...process.env, TERM: 'xterm-256color' } as NodeJS.ProcessEnv;
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    execFileSync('script', ['-qec', `'${bin}' score '${input}' -o '${path.join(dir, 's.csv')}' 2>'${log}'`, '/dev/null'], { env });
    const text = fs.readFileSync(log, 'utf8');
    expect(text).toContain('warning: score:');
    expect(text).not.toContain('\u001b');
  });
});

describe('-d and --no-header', () => {
  // An Excel export without a header row: semicolons, umlauts, Austrian and US numbers.
  const HEADERLESS = 'Müller;Jürgen;j.mueller@beispiel.at;+43 1 5123456;01099\nSmith;Anna;anna.smith@example.com;(212) 555-0147;10001\n';

  it('-d is --delimiter', async () => {
    const r = await runCli(['import', '-d', ';', '--no-header'], { stdin: 'a,b;c\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,col1,col2,import_status');
    expect(r.stdout.split('\n')[1]).toBe('stdin:1,stdin,,,unknown,"a,b",c,');
  });

  it('reads the first line as data, names columns col1…, and maps nothing unless --map', async () => {
    const r = await runCli(['import', '--no-header'], { stdin: HEADERLESS });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,col1,col2,col3,col4,col5,import_status');
    expect(lines[1]).toBe('stdin:1,stdin,,,unknown,Müller,Jürgen,j.mueller@beispiel.at,+43 1 5123456,01099,');
    expect(lines).toHaveLength(3);
    expect(r.stderr).toContain('0 columns mapped');
  });

  it('maps positional columns with --map', async () => {
    const r = await runCli(['import', '--no-header', '--map', 'col3=email', '--map', 'col1=last_name', '--map', 'col5=postal_code'], { stdin: HEADERLESS });
    const [head, first] = r.stdout.split('\n');
    const cols = head.split(',');
    const row = first.split(',');
    expect(row[cols.indexOf('email')]).toBe('j.mueller@beispiel.at');
    expect(row[cols.indexOf('last_name')]).toBe('Müller');
    expect(row[cols.indexOf('postal_code')]).toBe('01099');
  });

  it('a longer row later on gets the next colN, a header row stays data', async () => {
    const r = await runCli(['import', '--no-header', '-d', 'semicolon'], { stdin: 'Vorname;Nachname\nJürgen;Müller;Wien\n' });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('record_id,source,source_vendor,source_delivered_at,source_delivered_status,col1,col2,col3,import_status');
    expect(lines[1]).toBe('stdin:1,stdin,,,unknown,Vorname,Nachname,,');
    expect(lines[2]).toMatch(/^stdin:2,stdin,,,unknown,Jürgen,Müller,Wien,/);
  });

  it('a pipeline input takes header: false', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-noheader-'));
    fs.writeFileSync(path.join(dir, 'vendor.csv'), HEADERLESS);
    const yml = (header: string) =>
      `name: Headerless\ninputs:\n  - { path: vendor.csv, delimiter: ';'${header} }\nimport: { map: [col3=email] }\noutputs:\n  - export: { output: out.csv }\n`;
    fs.writeFileSync(path.join(dir, 'pipeline.yml'), yml(', header: false'));
    const r = await runCli(['run', path.join(dir, 'pipeline.yml'), '-q']);
    expect(r.code).toBe(0);
    const lines = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('j.mueller@beispiel.at');
    fs.writeFileSync(path.join(dir, 'pipeline.yml'), yml(', header: no way'));
    const bad = await runCli(['run', path.join(dir, 'pipeline.yml'), '-q']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('header is true or false');
  });

  it('without --no-header the first line is the header', async () => {
    const r = await runCli(['import'], { stdin: HEADERLESS });
    expect(r.stdout.split('\n')).toHaveLength(3); // header + one data row + final newline
  });
});

describe('completion and man page from the registry', () => {
  let commands: Command<any>[];
  beforeEach(async () => {
    commands = await loadCommands();
  });

  it('reads short, long, value and file-ness from the flags', () => {
    expect(shellOption({ flags: '-d, --delimiter <char>', description: 'x' })).toMatchObject({ short: '-d', long: '--delimiter', value: 'char', file: false });
    expect(shellOption({ flags: '--no-header', description: 'x' })).toMatchObject({ short: undefined, long: '--no-header', value: undefined });
    expect(shellOption({ flags: '--map <spec...>', description: 'x', path: true, repeatable: true })).toMatchObject({ value: 'spec', file: true, repeatable: true });
  });

  it('every registered command and each of its options is in all three scripts and the man page', () => {
    const scripts = { bash: completionScript('bash', commands, STANDARD_IO_OPTIONS), zsh: completionScript('zsh', commands, STANDARD_IO_OPTIONS), fish: completionScript('fish', commands, STANDARD_IO_OPTIONS) };
    const man = manPage(commands, STANDARD_IO_OPTIONS, '0.1.0');
    expect(commands.map((c) => c.name)).toEqual([...COMMAND_NAMES]);
    for (const c of commands) {
      expect(scripts.bash).toContain(`    ${c.name})`);
      expect(scripts.zsh).toContain(`    ${c.name})`);
      expect(scripts.fish).toContain(`-a ${c.name} `);
      expect(man).toContain(`.SS "leadkit ${c.name.replace(/-/g, '\\-')}`);
      for (const o of c.options) {
        const long = /--[a-z0-9-]+/.exec(o.flags)![0];
        expect(scripts.bash).toContain(long);
        expect(scripts.fish).toContain(`-l ${long.slice(2)} `);
        expect(man).toContain(`\\fB${long.replace(/-/g, '\\-')}\\fR`);
      }
    }
  });

  it('a new command or option appears without an edit to the generators', () => {
    const extra: Command = { name: 'frobnicate', summary: 'Frobnicate the leads', examples: ['leadkit frobnicate x.csv'], options: [{ flags: '--level <n>', description: 'how much', choices: ['low', 'high'] }] };
    const all = [...commands, extra];
    expect(completionScript('bash', all, STANDARD_IO_OPTIONS)).toContain("--level) COMPREPLY=( $(compgen -W 'low high' -- \"$cur\") ); return ;;");
    expect(completionScript('zsh', all, STANDARD_IO_OPTIONS)).toContain("'--level[how much]:n:(low high)'");
    expect(completionScript('fish', all, STANDARD_IO_OPTIONS)).toContain("complete -c leadkit -n '__fish_seen_subcommand_from frobnicate' -l level -x -a 'low high' -d 'how much'");
    expect(manPage(all, STANDARD_IO_OPTIONS, '0.1.0')).toContain('.SS "leadkit frobnicate [files...]"');
  });

  const hasBash = spawnSync('bash', ['--version']).status === 0;
  it.runIf(hasBash)('the bash script completes commands, option names, choices and shells', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.code).toBe(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-compl-')), 'leadkit.bash');
    fs.writeFileSync(file, r.stdout);
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source '${file}'; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _leadkit; printf '%s\\n' "\${COMPREPLY[@]}"`, 'x', 'leadkit', ...words])
        .toString()
        .trim()
        .split('\n');
    expect(complete('sc')).toEqual(['score']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('import', '--no-h')).toEqual(['--no-header']);
    expect(complete('validate', '-d', '')).toEqual(['']); // a delimiter: nothing to offer
    expect(complete('dedupe', '--mode', '')).toEqual(['merge', 'flag']);
  });

  it('completion rejects an unknown shell as a usage error', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('one of bash, zsh, fish');
  });

  const hasGroff = spawnSync('groff', ['--version']).status === 0;
  it.runIf(hasGroff)('leadkit man prints roff that groff renders without a warning', async () => {
    const r = await runCli(['man']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\.TH LEADKIT 1 /);
    expect(r.stdout).not.toMatch(/[^\x00-\x7f]/); // umlauts and arrows as \[uXXXX]
    const g = spawnSync('groff', ['-man', '-Tutf8', '-ww'], { input: r.stdout });
    expect(g.stderr.toString()).toBe('');
    const text = g.stdout.toString().replace(/.\x08/g, '');
    expect(text).toContain('-d, --delimiter char');
    expect(text).toContain('--no-header');
    expect(text).toContain('NO_COLOR');
  });
});

describe('default as_of: the local date', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('is the local calendar date, not the UTC one', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(localIsoDate(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-22'); // 00:30 in Berlin
    expect(localIsoDate(new Date('2026-11-21T22:59:59Z'))).toBe('2026-11-21');
    process.env.TZ = 'America/New_York';
    expect(localIsoDate(new Date('2026-11-22T03:30:00Z'))).toBe('2026-11-21'); // 22:30 the day before
    process.env.TZ = 'UTC';
    expect(localIsoDate(new Date('2026-11-21T23:30:00Z'))).toBe('2026-11-21');
  });

  it('score at 00:30 in Berlin scores as of the Berlin date', async () => {
    process.env.TZ = 'Europe/Berlin';
    const r = await runTty(['score'], { stderrTty: false, stdin: LEADS, now: new Date('2026-11-21T23:30:00Z') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('as of 2026-11-22;');
  });
});
