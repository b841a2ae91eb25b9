/**
 * Issue #14 item 12, "say how sure it is": pair_completeness_estimate (capture–recapture over the
 * contact and the name keys) and estimated_match_rate (match probabilities with a fitted prior),
 * in the engine, dedupe's summary line and --summary-json, and `leadkit run` with --fail-if.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { dedupe } from '../src/match/index.js';
import { chapman, fitMatchPrior, pairCompleteness, sampled, WeightHistogram } from '../src/match/estimate.js';
import type { RunSummary } from '../src/report/summary.js';
import type { Row } from '../src/table.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'leadkit-estimates-'));

/** A small seeded generator (the same list on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FIRST = ['Jürgen', 'Björn', 'Jörg', 'Günther', 'Sören', 'Käthe', 'Ursula', 'Bärbel', 'Michaela', 'Stefan', 'Thomas', 'Sabine', 'Andrea', 'Wolfgang', 'Hannelore', 'Matthias', 'Christine', 'Ralf', 'Monika', 'Dieter', 'Birgit', 'Helmut', 'Renate', 'Lukas', 'Theresa', 'Florian', 'Magdalena', 'Johannes', 'Veronika', 'Maximilian'];
const LAST = ['Müller', 'Schäfer', 'Köhler', 'Krämer', 'Fröhlich', 'Gärtner', 'Jäger', 'Brückner', 'Wölfl', 'Hölzl', 'Pröll', 'Nöbauer', 'Grünberger', 'Haßler', 'Weiß', 'Größer', 'Mößner', 'Bäuml', 'Dürr', 'Löffler', 'Schröder', 'Böhm', 'Kühn', 'Sauer', 'Lehner', 'Huber', 'Gruber', 'Pichler', 'Steiner', 'Moser', 'Mayrhofer', 'Wimmer', 'Eder', 'Aigner', 'Leitner', 'Brunner', 'Fuchs', 'Bauer', 'Winkler', 'Strobl'];
const CITIES: [string, string][] = [['10115', 'Berlin'], ['80331', 'München'], ['50667', 'Köln'], ['20095', 'Hamburg'], ['70173', 'Stuttgart'], ['1010', 'Wien'], ['8010', 'Graz'], ['4020', 'Linz'], ['5020', 'Salzburg'], ['6020', 'Innsbruck']];
const FIRMS = ['Autohaus', 'Bäckerei', 'Elektro', 'Tischlerei', 'Steuerberatung', 'Gärtnerei', 'Druckerei', 'Metallbau'];
const FIRM_NAMES = ['Alpenblick', 'Sonnhof', 'Donautal', 'Rheinblick', 'Waldesruh', 'Seeblick', 'Bergland', 'Talhof', 'Lindenhof', 'Isartal', 'Murtal', 'Zillertal'];
const FORMS = ['GmbH', 'KG', 'e.U.', 'OG', 'GmbH & Co. KG'];
const MAIL = ['gmx.de', 'web.de', 'gmx.at', 'aon.at', 't-online.de'];

const ascii = (s: string) => s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');

/**
 * A lead list with known duplicates: 300 people with two records each, 400 with one. Every
 * record has a postal code and a firm, so people meet through the email and mobile number (contact
 * keys) or through surname + postal code / firm + initials (name keys) only. The pairs are built so that sharing an
 * email and sharing the place are independent (70 % and 60 %): 126 share both, 84 only the email
 * and mobile (moved and changed jobs), 54 only name, place and firm (a private and a work address), and 36
 * neither, which no blocking key brings together. True pair completeness: 264 / 300 = 0.88.
 */
function leadList(withContacts = true): { rows: Row[]; truth: string[]; pairs: { both: number; contactOnly: number; nameOnly: number; neither: number } } {
  const rand = rng(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const names: [string, string][] = [];
  for (const f of FIRST) for (const l of LAST) names.push([f, l]);
  // A seeded shuffle: each person has a name of their own.
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [names[i], names[j]] = [names[j], names[i]];
  }
  const rows: Row[] = [];
  const truth: string[] = [];
  let usedPostal = 0;
  /** A place of its own for each record, so that namesakes do not meet by chance. */
  const place = (): { postal_code: string; city: string } => {
    const [base, city] = CITIES[usedPostal % CITIES.length];
    const k = Math.floor(usedPostal++ / CITIES.length);
    const postal = String(Number(base) + k * (base.length === 4 ? 1 : 7)).padStart(base.length, '0');
    return { postal_code: postal, city };
  };
  const firm = () => `${pick(FIRMS)} ${pick(FIRM_NAMES)} ${pick(FORMS)}`;
  const phone = (at: boolean) => (at ? `+43 6${Math.floor(50 + rand() * 49)} ${Math.floor(1e6 + rand() * 8.9e6)}` : `+49 1${Math.floor(51 + rand() * 28)} ${Math.floor(1e7 + rand() * 8.9e7)}`);
  const record = (person: number, first: string, last: string, email: string, ph: string, p: { postal_code: string; city: string }, company: string) => {
    rows.push({
      record_id: `leads:${rows.length + 1}`,
      first_name: first,
      last_name: last,
      email: withContacts ? email : '',
      phone: withContacts ? ph : '',
      company,
      street: `${pick(['Hauptstraße', 'Bahnhofstraße', 'Gartengasse', 'Lindenweg', 'Schulstraße'])} ${1 + Math.floor(rand() * 80)}`,
      ...p,
    });
    truth.push(`p${person}`);
  };
  const kinds = [...Array(126).fill('both'), ...Array(84).fill('contactOnly'), ...Array(54).fill('nameOnly'), ...Array(36).fill('neither')] as ('both' | 'contactOnly' | 'nameOnly' | 'neither')[];
  const pairs = { both: 0, contactOnly: 0, nameOnly: 0, neither: 0 };
  kinds.forEach((kind, person) => {
    pairs[kind]++;
    const [first, last] = names[person];
    const p = place();
    const austrian = p.postal_code.length === 4;
    const company = firm();
    const privateMail = `${ascii(first)}.${ascii(last)}${person}@${pick(MAIL)}`;
    const work = `${ascii(first)[0]}.${ascii(last)}${person}@${ascii(company.split(' ')[0])}-${person}.${austrian ? 'at' : 'de'}`;
    const street = rows.length;
    const mobile = phone(austrian);
    record(person, first, last, privateMail, mobile, p, company);
    const shareContact = kind === 'both' || kind === 'contactOnly';
    const sharePlace = kind === 'both' || kind === 'nameOnly';
    let otherFirm = firm();
    while (otherFirm === company) otherFirm = firm();
    record(person, first, last, shareContact ? privateMail : work, shareContact ? mobile : phone(austrian), sharePlace ? p : place(), sharePlace ? company : otherFirm);
    // The same address where the place is shared: the second record was typed from the first.
    if (sharePlace) rows[street + 1].street = rows[street].street;
  });
  for (let k = 0; k < 400; k++) {
    const person = 300 + k;
    const [first, last] = names[person];
    const p = place();
    const company = firm();
    record(person, first, last, `${ascii(first)}.${ascii(last)}${person}@${pick(MAIL)}`, phone(p.postal_code.length === 4), p, company);
  }
  return { rows, truth, pairs };
}

function csv(rows: Row[]): string {
  const header = Object.keys(rows[0]);
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => q(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** Share of rows whose person has another record. */
function trueMatchRate(truth: string[]): number {
  const size = new Map<string, number>();
  for (const t of truth) size.set(t, (size.get(t) ?? 0) + 1);
  return truth.filter((t) => (size.get(t) ?? 0) > 1).length / truth.length;
}

describe('the arithmetic', () => {
  it("Chapman's estimate and pair completeness", () => {
    // 210 caught by A, 180 by B, 126 by both: about 300 in all (Lincoln–Petersen gives exactly 300).
    expect(chapman(210, 180, 126)).toBeCloseTo(299.7, 1);
    const c = pairCompleteness({ contactOnly: 84, nameOnly: 54, both: 126 });
    expect(c.estimable).toBe(true);
    if (c.estimable) expect(c.estimate).toBeCloseTo(264 / 299.7, 3);
    // Every pair found by both: nothing missed; the estimate is capped at 1.
    const all = pairCompleteness({ contactOnly: 0, nameOnly: 0, both: 500 });
    expect(all).toMatchObject({ estimable: true, estimate: 1 });
  });

  it('is not estimable with too few pairs in a family or in both', () => {
    expect(pairCompleteness({ contactOnly: 0, nameOnly: 300, both: 0 }, true)).toEqual({ estimable: false, why: 'no emails or phones' });
    expect(pairCompleteness({ contactOnly: 5, nameOnly: 300, both: 10 })).toMatchObject({ estimable: false, why: '15 merged pairs share an email, phone or identifier; needs 20' });
    expect(pairCompleteness({ contactOnly: 300, nameOnly: 15, both: 3 })).toMatchObject({ estimable: false, why: '18 merged pairs share a name or place key; needs 20' });
    expect(pairCompleteness({ contactOnly: 300, nameOnly: 300, both: 19 })).toMatchObject({ estimable: false, why: '19 merged pairs share keys of both kinds; needs 20' });
  });

  it('the prior is the fixed point of expected matches over all pairs', () => {
    // 1,000 certain matches (30 bits) and 50,000 compared non-matches (−10 bits) among 10^8 pairs.
    const h = new WeightHistogram();
    for (let k = 0; k < 1000; k++) h.add(30);
    for (let k = 0; k < 50_000; k++) h.add(-10);
    const prior = fitMatchPrior(h, 1e8);
    expect(prior.lambda).toBeGreaterThan(0.99e-5);
    expect(prior.lambda).toBeLessThan(1.01e-5);
    expect(prior.expectedPairs).toBeCloseTo(1000, 0);
    // Blocking said to compare only half the matches: twice the prior.
    expect(fitMatchPrior(h, 1e8, 0.5).lambda / prior.lambda).toBeCloseTo(2, 2);
    // Nothing but non-matches: the only fixed point is 0.
    const none = new WeightHistogram();
    for (let k = 0; k < 1000; k++) none.add(-20);
    expect(fitMatchPrior(none, 1e6).lambda).toBeLessThan(1e-8);
  });

  it('samples deterministically, about the share asked for', () => {
    let kept = 0;
    for (let k = 0; k < 100_000; k++) if (sampled(k, 50_000, 100_000)) kept++;
    expect(kept).toBeGreaterThan(49_000);
    expect(kept).toBeLessThan(51_000);
    expect(sampled(123, 10, 10)).toBe(true);
  });
});

describe('dedupe says how sure it is', () => {
  it('estimates pair completeness close to the truth from the merged pairs alone', () => {
    const { rows, truth, pairs } = leadList();
    const r = dedupe(rows);
    const e = r.stats.estimates;
    // Every pair a key found was merged, so the capture counts are the list's own.
    expect(e.captured).toEqual({ contactOnly: pairs.contactOnly, nameOnly: pairs.nameOnly, both: pairs.both });
    const truePc = (pairs.both + pairs.contactOnly + pairs.nameOnly) / 300;
    expect(truePc).toBeCloseTo(0.88, 5);
    expect(e.pairCompleteness).toBeDefined();
    expect(Math.abs((e.pairCompleteness ?? 0) - truePc)).toBeLessThan(0.02);
    // The realised rate is the rows in clusters; the estimate sees the same pairs (36 were never compared).
    expect(e.realisedMatchRate).toBeCloseTo(528 / 1000, 5);
    expect(Math.abs(e.estimatedMatchRate - e.realisedMatchRate)).toBeLessThan(0.03);
    expect(trueMatchRate(truth)).toBeCloseTo(0.6, 5);
  });

  it('the estimated match rate does not follow the threshold; the realised one does', () => {
    const { rows } = leadList();
    const strict = dedupe(rows, { threshold: 0.999999 }).stats.estimates;
    const loose = dedupe(rows).stats.estimates;
    expect(strict.realisedMatchRate).toBeLessThan(loose.realisedMatchRate - 0.05);
    expect(Math.abs(strict.estimatedMatchRate - loose.estimatedMatchRate)).toBeLessThan(0.02);
  });

  it('is not estimable on a list without emails or phones', () => {
    const { rows } = leadList(false);
    const e = dedupe(rows).stats.estimates;
    expect(e.pairCompleteness).toBeUndefined();
    expect(e.pairCompletenessWhy).toBe('no emails or phones');
    expect(e.captured.contactOnly + e.captured.both).toBe(0);
    expect(e.estimatedMatchRate).toBeGreaterThan(0.2);
  });

  it('prints both figures on the summary line and writes them with --summary-json', async () => {
    const dir = tmp();
    const json = path.join(dir, 'figures.json');
    const r = await runCli(['dedupe', '--summary-json', json], { stdin: csv(leadList().rows) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/match rate \d+\.\d% estimated, 52\.8% realised; pair completeness ≈ 8\d\.\d%/);
    const figures = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(figures).toMatchObject({ rows: 1000, clusters: 736, duplicates_merged: 264, merged_pairs_by_key_family: { contact_only: 84, name_only: 54, both: 126 } });
    expect(figures.pair_completeness_estimate).toBeGreaterThan(0.86);
    expect(figures.pair_completeness_estimate).toBeLessThan(0.9);
    expect(figures.realised_match_rate).toBeCloseTo(0.528, 5);

    const none = await runCli(['dedupe', '--summary-json', json], { stdin: csv(leadList(false).rows) });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('pair completeness: not estimable (no emails or phones)');
    const noneFigures = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(noneFigures.pair_completeness_estimate).toBeNull();
    expect(noneFigures.pair_completeness_why).toBe('no emails or phones');
  });
});

describe('the estimates in leadkit run', () => {
  const pipelineIn = (dir: string, withContacts: boolean) => {
    fs.writeFileSync(path.join(dir, 'leads.csv'), csv(leadList(withContacts).rows.map(({ record_id: _, ...r }) => r)));
    const pipeline = path.join(dir, 'pipeline.yml');
    fs.writeFileSync(pipeline, 'inputs: [leads.csv]\nsteps:\n  - dedupe: {}\noutputs:\n  - export: { output: out.csv }\nsummary_json: summary.json\nreport: report.html\n');
    return pipeline;
  };

  it('--fail-if pair_completeness_estimate<0.95 trips (exit 3); the figures are in summary.json and the report', async () => {
    const dir = tmp();
    const r = await runCli(['run', pipelineIn(dir, true), '-q', '--fail-if', 'pair_completeness_estimate<0.95', '--fail-if', 'estimated_match_rate>0.9']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--fail-if tripped: pair_completeness_estimate is 0\.8\d+ \(fail if < 0\.95\); no output file was replaced/);
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.dedupe?.pair_completeness_estimate).toBeGreaterThan(0.86);
    expect(summary.dedupe?.pair_completeness_estimate).toBeLessThan(0.9);
    expect(summary.dedupe?.realised_match_rate).toBeCloseTo(0.528, 5);
    expect(summary.dedupe?.estimated_match_rate).toBeGreaterThan(0.5);
    expect(summary.thresholds.map((t) => [t.metric, t.tripped])).toEqual([['pair_completeness_estimate', true], ['estimated_match_rate', false]]);
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/match rate \d+\.\d% estimated, 52\.8% realised; pair completeness ≈ 8\d\.\d%/);

    const ok = await runCli(['run', pipelineIn(tmp(), true), '-q', '--fail-if', 'pair_completeness_estimate<80%']);
    expect(ok.code).toBe(0);
  });

  it('a list where completeness is not estimable: the check is an error, as for a metric without its step', async () => {
    const dir = tmp();
    const r = await runCli(['run', pipelineIn(dir, false), '-q', '--fail-if', 'pair_completeness_estimate<0.9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pair completeness was not estimable in this run \(no emails or phones\)/);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.dedupe?.pair_completeness_estimate).toBeUndefined();
    expect(summary.dedupe?.pair_completeness_why).toBe('no emails or phones');
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('pair completeness: not estimable (no emails or phones)');
  });
});

describe('the match rate of a small list', () => {
  it('comes from the model prior, not a fit a few strong pairs would drive to one', async () => {
    const csv = 'first_name,last_name,email,city\nAnna,Huber,anna.huber@gmx.at,Graz\nAnna,Huber,anna.huber@gmx.at,Graz\nBernd,Maier,b.maier@web.de,Köln\nBernd,Maier,b.maier@web.de,Köln\nCarla,Ott,carla.ott@t-online.de,Bonn\nDieter,Pohl,d.pohl@gmail.com,Linz\n';
    const r = await runCli(['dedupe'], { stdin: csv });
    const m = /match rate ([\d.]+)% estimated, ([\d.]+)% realised/.exec(r.stderr);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeCloseTo(66.7, 1);
    expect(Math.abs(Number(m![1]) - 66.7)).toBeLessThan(5);
  });
});
