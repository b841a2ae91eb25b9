import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYamlPlain } from 'yaml';
import { regexHazard, regexHazardMessage } from '../../src/text/regex-safety.js';
import { parseYaml, YamlInputError, MAX_ALIASES, MAX_NESTING } from '../../src/io/yaml-doc.js';
import { parseRules } from '../../src/rules/load.js';
import { parsePipeline } from '../../src/pipeline/spec.js';
import { parseMapFile } from '../../src/import/mapping.js';
import { DEFAULT_ENGAGEMENT_GROUPS, DEFAULT_FIT_GROUPS } from '../../src/rules/score-defaults.js';
import { CONSENT_GRANTED_PATTERN } from '../../src/suppress/consent.js';
import * as titles from '../../src/classify/title-patterns.js';
import { compileTitlePattern } from '../../src/classify/text-normalize.js';
import { runCli } from '../helpers/run-cli.js';

/* ------------------------------------------------------------------ the regex checker */

describe('regexHazard: patterns that can take exponential time', () => {
  it.each<[string, RegExp]>([
    ['^(a+)+$', /repeated group "\(a\+\)" that itself repeats/],
    ['(a*)*', /repeated group "\(a\*\)" that itself repeats/],
    ['(a|b+)*', /repeated group "\(a\|b\+\)" that itself repeats/],
    ['(\\w+\\s?)+', /repeated group "\(\\w\+\\s\?\)" that itself repeats/],
    ['(.*a){20}', /repeated group "\(\.\*a\)" that itself repeats/],
    ['(\\w+\\s?){1,3}$', /repeated group "\(\\w\+\\s\?\)" that itself repeats/],
    ['^(.*?,){11}P', /that itself repeats/],
    ['(?:a+){2,}', /that itself repeats/],
    ['(a+){10}', /that itself repeats/],
    ['(x+x+)+y', /that itself repeats/],
    ['([a-zA-Z]+)*', /that itself repeats/],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', /that itself repeats/],
    ['(\\p{L}+\\s?)+', /that itself repeats/],
    ['(?=(a+)+b)', /that itself repeats/],
    ['(?:[^,]*,?)+$', /that itself repeats/],
    ['(a|a)*', /alternatives "a" and "a" .* can start with the same character/],
    ['(a|ab)*', /alternatives "a" and "ab"/],
    ['(\\d|\\d\\d)+', /alternatives "\\d" and "\\d\\d"/],
    ['(.|\\s)*', /alternatives "\." and "\\s"/],
    ['(a|aa)+', /alternatives "a" and "aa"/],
    ['(\\d+|\\w+)*', /alternatives "\\d\+" and "\\w\+"/],
    ['(?:x|[a-z])+', /alternatives "x" and "\[a-z\]"/],
    ['((a|a){3}){3}', /alternatives/],
    ['(?:"[^"]*"|[^,]+)(?:,(?:"[^"]*"|[^,]+))*', /alternatives "\"\[\^"\]\*\"" and "\[\^,\]\+"/],
    ['(a?a)+', /the optional "a\?" in the repeated group "\(a\?a\)"/],
    ['(?:\\s?\\s)+', /the optional/],
  ])('%s', (pattern, reason) => {
    expect(() => new RegExp(pattern, 'iu')).not.toThrow();
    const hazard = regexHazard(pattern, 'iu');
    expect(hazard?.reason).toMatch(reason);
  });

  it('takes the i flag into account: "A" and "a" overlap only case-insensitively', () => {
    expect(regexHazard('(A|a)+', 'iu')?.reason).toMatch(/alternatives "A" and "a"/);
    expect(regexHazard('(A|a)+', 'u')).toBeUndefined();
    expect(regexHazard('(?:\u017f|s)+', 'iu')).toBeDefined(); // ſ folds to s
  });

  it('checks title patterns in the compiled form, where "ä" also matches "a"', () => {
    expect(regexHazard('(?:ä|a)+', 'u')).toBeUndefined();
    const re = compileTitlePattern('(?:ä|a)+');
    expect(regexHazard(re.source, re.flags)?.reason).toMatch(/alternatives "ae\?" and "a"/);
  });

  it('reads lookbehinds right to left, as the engine matches them', () => {
    expect(regexHazard('(?<=(?:ba*|ca*)+)x', 'u')?.reason).toMatch(/alternatives "ba\*" and "ca\*"/);
    expect(regexHazard('(?<=(?:a*b|a*c)+)x', 'u')).toBeUndefined();
    expect(regexHazard('(?:a*b|a*c)+x', 'u')?.reason).toMatch(/alternatives "a\*b" and "a\*c"/);
  });

  it('refuses absurd nesting rather than recursing into it', () => {
    expect(regexHazard('('.repeat(200) + 'a' + ')'.repeat(200), 'u')?.reason).toMatch(/nested more than 100 deep/);
  });

  it('phrases the message for rules files, shortening long patterns', () => {
    const hazard = regexHazard('^(a+)+$', 'iu')!;
    expect(regexHazardMessage('^(a+)+$', hazard)).toBe(
      'regular expression "^(a+)+$" can take exponential time (a repeated group "(a+)" that itself repeats); rewrite it without nested repetition',
    );
    const long = `(a+)+${'b'.repeat(200)}`;
    expect(regexHazardMessage(long, regexHazard(long, 'iu')!)).toMatch(/^regular expression "\(a\+\)\+b+…" can take/);
  });
});

describe('regexHazard: long repetitions side by side that can take polynomial time', () => {
  it.each<[string, string, string]>([
    // The issue's example: seven a* give the engine n^7 ways to split a run of a's.
    ['^a*a*a*a*a*a*a*b$', 'a*', 'a*'],
    ['a*a*', 'a*', 'a*'],
    ['\\w+\\d+', '\\w+', '\\d+'],
    ['.*.*', '.*', '.*'],
    ['[a-z]+[a-c]*', '[a-z]+', '[a-c]*'],
    ['^(?:Herr|Frau)\\s+\\w+\\s?\\w+$', '\\w+', '\\w+'],
    ['^.*\\s*GmbH$', '.*', '\\s*'],
    ['\\s*\\s+', '\\s*', '\\s+'],
    ['.*?.*?@', '.*?', '.*?'],
    ['^(?:Dr\\.\\w+)?\\d+$', '\\w+', '\\d+'],
    ['[a-zäöüß]+(ß+|ss)', '[a-zäöüß]+', 'ß+'],
    ['(?:ab)*(?:ab)*', '(?:ab)*', '(?:ab)*'],
    ['.{0,100}.{0,100}x', '.{0,100}', '.{0,100}'],
    // With the i flag A-Z and a-z overlap.
    ['[A-Z]+[a-z]*', '[A-Z]+', '[a-z]*'],
  ])('%s', (pattern, a, b) => {
    expect(() => new RegExp(pattern, 'iu')).not.toThrow();
    const hazard = regexHazard(pattern, 'iu');
    expect(hazard?.growth).toBe('polynomial');
    expect(hazard?.reason).toBe(`"${a}" and "${b}" can match the same characters one after the other, and the engine tries every way to split a run between them`);
  });

  it('without the i flag, [A-Z]+ and [a-z]* do not overlap', () => {
    expect(regexHazard('[A-Z]+[a-z]*', 'u')).toBeUndefined();
  });

  it('the message is one line naming the pattern', () => {
    const pattern = '^a*a*a*a*a*a*a*b$';
    expect(regexHazardMessage(pattern, regexHazard(pattern, 'iu')!)).toBe(
      'regular expression "^a*a*a*a*a*a*a*b$" can take polynomial time in the length of a cell ("a*" and "a*" can match the same characters one after the other, and the engine tries every way to split a run between them); merge them into one repetition, or make them match different characters',
    );
  });

  it('the built-in consent pattern reads a date followed by a long run of spaces at once', () => {
    const re = new RegExp(CONSENT_GRANTED_PATTERN, 'iu');
    const cell = `2024-05-01${' '.repeat(100_000)}\nper Formular`;
    const t = performance.now();
    expect(re.test(cell)).toBe(true);
    expect(performance.now() - t).toBeLessThan(500);
    for (const granted of ['ja', ' Ja ', 'opt-in', '2024-05-01', '2024-05-01 per Web-Formular', '01.05.2024', '1.5.24 telefonisch']) expect(re.test(granted), granted).toBe(true);
    for (const denied of ['nein', 'widerrufen', 'x2024-05-01', '']) expect(re.test(denied), denied).toBe(false);
  });
});

describe('regexHazard: patterns people write pass', () => {
  it.each([
    '^(ja|yes|1|x|opt-?in|doi)$',
    '^(executive|director)$',
    '^(?:ärztlicher )?direktor',
    '^AT-',
    '\\d{4}-\\d{2}-\\d{2}',
    '^[\\w.+-]+@[\\w-]+\\.[a-z]{2,}$',
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    '^(\\d{1,3}\\.){3}\\d{1,3}$',
    '(?:\\w+,)*\\w+',
    '^([a-z]+-)*[a-z]+$',
    '(ab?)+',
    '^(\\w+\\s)+$',
    '(?:[a-z]+\\.)+[a-z]{2,}',
    '(?:\\p{L}+ )+',
    '(?<![\\p{L}])partner(?:in)?\\b',
    '^(?:\\s*[,;]\\s*[a-z]+)*$',
    '[^,]+(?:,[^,]+)*',
    '^\\+?\\d[\\d ()/-]{6,}$',
    '^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$',
    '\\b(gmbh|ag|kg|ug|ohg|e\\.?v)\\b',
    '^(?:https?://)?(?:www\\.)?([^/]+)',
    '(\\w)\\1',
    '(?<year>\\d{4})-(?<month>\\d\\d)',
    '^(?!test).*@example\\.com$',
    '(?:"[^"]*"|[^,"]+)(?:,(?:"[^"]*"|[^,"]+))*',
    // Long repetitions that a fixed part or disjoint characters keep apart.
    '^\\d{5}$',
    '^(Herr|Frau)\\b',
    'gmbh|ag$',
    '^[A-Z][a-z]+\\s[A-Z][a-z]+$',
    '^[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?$',
    '.*@example\\.com$',
    '.*müller.*gmbh',
    '^\\w+(?:\\.\\w+)*@',
    '\\d{1,3}\\d{1,3}',
    '^\\s*(?:dr\\.?\\s*)?med\\b',
    '^[^;]+;[^;]*$',
    '\\S+\\s+\\S+',
  ])('%s', (pattern) => {
    expect(() => new RegExp(pattern, 'iu')).not.toThrow();
    expect(regexHazard(pattern, 'iu')).toBeUndefined();
  });
});

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** Every regular expression the project ships or shows as an example. */
function projectPatterns(): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  // Built-in job-title vocabulary, in the compiled form classify runs.
  const builtIn: Array<[string, string]> = [
    ...titles.SENIORITY_PATTERNS.map(([level, src], i): [string, string] => [`seniority[${i}] ${level}`, src]),
    ...titles.DEPARTMENT_PATTERNS.map(([dept, src]): [string, string] => [`department ${dept}`, src]),
    ['MANAGEMENT_PATTERN', titles.MANAGEMENT_PATTERN],
    ['ADMINISTRATION_PATTERN', titles.ADMINISTRATION_PATTERN],
    ['SUPPORT_OF_MANAGEMENT', titles.SUPPORT_OF_MANAGEMENT],
    ['GATEKEEPER', titles.GATEKEEPER],
    ['EXPERT', titles.EXPERT],
    ['DEPUTY', titles.DEPUTY],
  ];
  for (const [name, src] of builtIn) {
    const re = compileTitlePattern(src);
    out.push([`title-patterns ${name}`, re.source, re.flags]);
  }
  out.push(['CONSENT_GRANTED_PATTERN', CONSENT_GRANTED_PATTERN, 'iu']);
  // Regex conditions in the default rules and in every rules file under fixtures/.
  const collect = (where: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((v, i) => collect(`${where}[${i}]`, v));
    else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.op === 'regex' && typeof o.value === 'string') out.push([`${where} condition`, o.value, 'iu']);
      if (typeof o.regex === 'string') {
        const re = compileTitlePattern(o.regex);
        out.push([`${where} title rule`, re.source, re.flags]);
      }
      for (const [k, v] of Object.entries(o)) collect(`${where}.${k}`, v);
    }
  };
  collect('defaults', [DEFAULT_FIT_GROUPS, DEFAULT_ENGAGEMENT_GROUPS]);
  const fixtures = FIXTURES;
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
  for (const file of walk(fixtures)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/regex/.test(text)) continue;
    collect(path.relative(fixtures, file), parseYamlPlain(text));
  }
  return out;
}

describe('every regular expression in the project passes the check', () => {
  const patterns = projectPatterns();

  it('finds the built-in, default and fixture patterns', () => {
    expect(patterns.some(([w]) => w.startsWith('rules/example.yml'))).toBe(true);
    expect(patterns.some(([w]) => w.startsWith('qualify/rules.yml'))).toBe(true);
    expect(patterns.some(([w]) => w.startsWith('defaults'))).toBe(true);
    expect(patterns.length).toBeGreaterThan(30);
  });

  it.each(patterns)('%s', (_where, source, flags) => {
    expect(regexHazard(source, flags)).toBeUndefined();
  });

  it('the fixture rules files load', () => {
    for (const f of ['rules/example.yml', 'qualify/rules.yml']) {
      const file = path.join(FIXTURES, f);
      expect(() => parseRules(fs.readFileSync(file, 'utf8'), file)).not.toThrow();
    }
  });
});

/* ------------------------------------------------------------------ YAML limits */

/** 9 nested levels of 9 aliases each: 9^9 strings once expanded. */
function billionLaughs(indent = ''): string {
  const lines = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  let prev = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${indent}${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = name;
  }
  return lines.join('\n') + '\n';
}

describe('parseYaml limits', () => {
  const errorOf = (text: string): YamlInputError => {
    try {
      parseYaml(text);
    } catch (e) {
      if (e instanceof YamlInputError) return e;
      throw e;
    }
    throw new Error('expected a YamlInputError');
  };

  it('names the alias where yaml maxAliasCount trips', () => {
    const e = errorOf(billionLaughs());
    expect(e).toMatchObject({ line: 4, col: 8 });
    expect(e.reason).toMatch(/^alias \*c expands the document beyond 100 copies/);
  });

  it('accepts ordinary anchors and aliases, and resolves them', () => {
    const { value } = parseYaml('base: &b { op: empty }\nx: *b\ny: *b\nlist: &l [1, 2]\nz: [*l, *l]\n');
    expect(value).toEqual({ base: { op: 'empty' }, x: { op: 'empty' }, y: { op: 'empty' }, list: [1, 2], z: [[1, 2], [1, 2]] });
  });

  it.each<[string, string, RegExp, number]>([
    ['an alias inside its own anchor (a cycle)', 'a: &a [1, *a]\n', /alias \*a is inside the value it refers to/, 1],
    ['an alias before its anchor', 'a: *x\nb: &x 1\n', /alias \*x has no anchor &x before it/, 1],
    ['too many aliases, even to an empty list', `a: &a []\nb: [${Array(MAX_ALIASES + 1).fill('*a').join(',')}]\n`, /more than 1000 aliases/, 2],
    ['deep nesting', `a: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`, /nested too deeply \(more than 64 levels\)/, 1],
    ['nesting deep enough to overflow the stack', `a: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`, /nested too deeply/, 1],
    ['deep block nesting', Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n', /nested too deeply/, 65],
    ['a syntax error, first line of the message only', 'a: [1, 2\n', /^Flow sequence in block collection must be sufficiently indented and end with a \]$/, 2],
  ])('refuses %s', (_name, text, reason, line) => {
    const e = errorOf(text);
    expect(e.reason).toMatch(reason);
    expect(e.line).toBe(line);
  });
});

describe('the YAML readers turn hostile files into one-line errors', () => {
  it('rules file (library API): a RulesError with line and column', () => {
    expect(() => parseRules(billionLaughs(), 'rules.yml')).toThrow(/^invalid YAML: alias \*c expands/);
    try {
      parseRules(billionLaughs(), 'rules.yml');
    } catch (e) {
      expect((e as { display: string }).display).toMatch(/^rules\.yml:4:8: invalid YAML: alias \*c expands the document beyond 100 copies/);
    }
  });

  it('pipeline file: resolves aliases in step options, refuses a billion laughs', () => {
    const spec = parsePipeline('inputs: [a.csv]\nsteps:\n  - validate: &v { reject-if: invalid_email }\noutputs:\n  - export: { out: x.csv }\n', 'p.yml');
    expect(spec.steps[0].options).toEqual({ 'reject-if': 'invalid_email' });
    const laughs = `inputs: [a.csv]\nsteps:\n  - validate:\n${billionLaughs('      ')}`;
    expect(() => parsePipeline(laughs, 'p.yml')).toThrow(/^p\.yml:7: alias \*c expands/);
  });

  it('mapping file', () => {
    expect(() => parseMapFile(billionLaughs(), 'm.yml')).toThrow(/^m\.yml:4: not valid YAML\/JSON \(alias \*c expands/);
  });
});

/* ------------------------------------------------------------------ through the CLI */

describe('CLI: hostile rules, pipeline and mapping files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-hostile-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const csv = path.join(dir, 'leads.csv');
  fs.writeFileSync(csv, 'email,company,job_title\nanna@example.de,Müller GmbH,Geschäftsführerin\n');
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  /** Exit 2, one line on stderr naming file and line, no stack trace, nothing on stdout. */
  const expectOneLineError = (r: { code: number; stdout: string; stderr: string }, file: string, where: string, message: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file}:${where}`);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
  };

  it('a catastrophic regex in a score condition', async () => {
    const rules = write(
      'score-redos.yml',
      'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - name: r\n            field: company\n            op: regex\n            value: "^(a+)+$"\n            points: 5\n',
    );
    const r = await runCli(['score', csv, '--rules', rules]);
    expectOneLineError(
      r,
      rules,
      '9:20: ',
      /score\.fit\.groups\[0\]\.rules\[0\]\.value: regular expression "\^\(a\+\)\+\$" can take exponential time \(a repeated group "\(a\+\)" that itself repeats\); rewrite it without nested repetition$/,
    );
  });

  it('a polynomial regex (the issue example) in a score condition', async () => {
    const rules = write(
      'score-poly.yml',
      'score:\n  fit:\n    groups:\n      - name: g\n        rules:\n          - name: r\n            field: company\n            op: regex\n            value: "^a*a*a*a*a*a*a*b$"\n            points: 5\n',
    );
    const r = await runCli(['score', csv, '--rules', rules]);
    expectOneLineError(
      r,
      rules,
      '9:20: ',
      /score\.fit\.groups\[0\]\.rules\[0\]\.value: regular expression "\^a\*a\*a\*a\*a\*a\*a\*b\$" can take polynomial time in the length of a cell \("a\*" and "a\*" can match/,
    );
  });

  it('a catastrophic regex in a route condition', async () => {
    const rules = write('route-redos.yml', 'route:\n  rules:\n    - { name: r, field: company, op: regex, value: "(x|xy)*z", owner: o }\n');
    const r = await runCli(['route', csv, '--rules', rules]);
    expectOneLineError(r, rules, '3:52: ', /route\.rules\[0\]\.value: regular expression "\(x\|xy\)\*z" can take exponential time \(the alternatives "x" and "xy"/);
  });

  it('a catastrophic regex in a title rule', async () => {
    const rules = write('title-redos.yml', 'classify:\n  titles:\n    - regex: "^(\\\\w+\\\\s?)+$"\n      seniority: staff\n');
    const r = await runCli(['classify', csv, '--rules', rules]);
    expectOneLineError(r, rules, '3:14: ', /classify\.titles\[0\]\.regex: regular expression "\^\(\\w\+\\s\?\)\+\$" can take exponential time/);
  });

  it('a billion-laughs rules file', async () => {
    const rules = write('laughs-rules.yml', billionLaughs());
    const r = await runCli(['score', csv, '--rules', rules]);
    expectOneLineError(r, rules, '4:8: ', /invalid YAML: alias \*c expands the document beyond 100 copies/);
  });

  it('a rules file nested deeper than the limit', async () => {
    const rules = write('deep-rules.yml', `score: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const r = await runCli(['score', csv, '--rules', rules]);
    expectOneLineError(r, rules, '1:', /invalid YAML: nested too deeply/);
  });

  it('a billion-laughs pipeline file', async () => {
    const pipeline = write('laughs-pipeline.yml', `inputs: [leads.csv]\nsteps:\n  - validate:\n${billionLaughs('      ')}`);
    const r = await runCli(['run', pipeline]);
    expectOneLineError(r, pipeline, '7: ', /alias \*c expands the document beyond 100 copies/);
  });

  it('a cyclic alias in a pipeline file', async () => {
    const pipeline = write('cycle-pipeline.yml', 'inputs: [leads.csv]\nimport: &i { map: [*i] }\n');
    const r = await runCli(['run', pipeline]);
    expectOneLineError(r, pipeline, '2: ', /alias \*i is inside the value it refers to/);
  });

  it('a billion-laughs mapping file', async () => {
    const map = write('laughs-map.yml', billionLaughs());
    const r = await runCli(['import', csv, '--map', map]);
    expectOneLineError(r, map, '4: ', /not valid YAML\/JSON \(alias \*c expands the document beyond 100 copies/);
  });
});
