import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classifyTitle } from '../src/classify/title.js';
import { expandTitleAbbreviations } from '../src/classify/title-abbreviations.js';
import { hasGenderMarker } from '../src/classify/text-normalize.js';

/**
 * Real job titles as lead lists, CRMs and HR systems write them, English and German (Austrian
 * and Swiss forms included), each with the seniority and job function a person would give.
 * The *-heldout tables were written after the rules and measured before any rule was changed
 * for them; they keep the vocabulary honest about titles it was not written for.
 */
const DIR = path.resolve(import.meta.dirname, '../fixtures/titles');
const TABLES = ['titles-en.csv', 'titles-de.csv', 'titles-heldout-en.csv', 'titles-heldout-de.csv'];

interface Case {
  title: string;
  seniority: string;
  function: string;
}

function load(file: string): Case[] {
  return parse(fs.readFileSync(path.join(DIR, file)), { columns: true, skip_empty_lines: true, trim: false }) as Case[];
}

const tables = TABLES.map((file) => ({ file, cases: load(file) }));

describe('title tables', () => {
  it('hold at least 500 titles, in English and German', () => {
    const all = tables.flatMap((t) => t.cases);
    expect(all.length).toBeGreaterThanOrEqual(500);
    expect(new Set(all.map((c) => c.title)).size).toBe(all.length);
    expect(tables.find((t) => t.file === 'titles-de.csv')!.cases.length).toBeGreaterThanOrEqual(200);
  });

  for (const { file, cases } of tables) {
    describe(file, () => {
      it.each(cases)('$title → $seniority / $function', ({ title, seniority, function: fn }) => {
        const got = classifyTitle(title);
        expect({ seniority: got.seniority, function: got.department }).toEqual({ seniority, function: fn });
      });
    });
  }
});

describe('seniority_status', () => {
  it.each([
    // rank words and known occupations are matches
    ['Founder & CEO', 'executive', 'matched'],
    ['Freelance SMM-manager', 'manager', 'matched'],
    ['Industriemechaniker', 'staff', 'matched'],
    ['Kauffrau für Büromanagement', 'staff', 'matched'],
    ['Registered Nurse', 'staff', 'matched'],
    // an occupation the vocabulary does not know, read from its shape, is a guess
    ['Bademeisterin', 'staff', 'guessed'],
    ['Pfarrer', 'staff', 'guessed'],
    ['Glasbläser', 'staff', 'guessed'],
    ['Orgelbauer (m/w/d)', 'staff', 'guessed'],
    ['Sommelière/in', 'staff', 'guessed'],
    ['Chimney Sweeper', 'staff', 'guessed'],
    // not a job: no seniority, no status
    ['', '', ''],
    ['n/a', '', ''],
    ['k.A.', '', ''],
    ['Herr', '', ''],
    ['Dr.', '', ''],
    ['Other', '', ''],
    ['Customer', '', ''],
    ['Besucher', '', ''],
    ['Interessentin', '', ''],
    ['Ansprechpartner', '', ''],
    ['Rentnerin', '', ''],
    ['Retired', '', ''],
    ['Müller GmbH', '', ''],
    ['Bäckerei Huber', '', ''],
    ['Wiener Stadtwerke', '', ''],
    ['Einkauf', '', ''],
    ['Marketing', '', ''],
    ['Computer', '', ''],
    ['Senior', '', ''],
    ['12345', '', ''],
    ['info@example.at', '', ''],
  ])('%s → %s (%s)', (title, seniority, status) => {
    const got = classifyTitle(title);
    expect([got.seniority, got.seniority_status]).toEqual([seniority, status]);
  });

  it('is matched when a rules-file override sets the seniority', async () => {
    const { compileTitleOverrides } = await import('../src/classify/title.js');
    const overrides = compileTitleOverrides([{ match: 'Bademeister', seniority: 'manager' }]);
    expect(classifyTitle('Bademeister', '', overrides)).toMatchObject({ seniority: 'manager', seniority_status: 'matched' });
  });
});

describe('combinations: the highest rank wins, the first named function decides', () => {
  it.each([
    ['Chief Legal Officer, General Counsel and Corporate Secretary', 'executive', 'legal'],
    ['Prokuristin und Leiterin Finanzen', 'director', 'finance'],
    ['Senior Manager, Sales', 'manager', 'sales'],
    ['Teamleiter & Sachbearbeiter Einkauf', 'manager', 'purchasing'],
    ['Werkstudent / Assistent Vertriebsleitung', 'staff', 'sales'],
    ['Inhaber & Tischlermeister', 'executive', 'management'],
    ['Bäckermeister und Inhaber', 'executive', 'management'],
    ['Vice Chairman of the Board', 'executive', 'management'],
    ['Stellvertretende Leiterin Controlling', 'manager', 'finance'],
    ['Deputy Managing Director', 'director', 'management'],
  ])('%s → %s / %s', (title, seniority, fn) => {
    const got = classifyTitle(title);
    expect([got.seniority, got.department]).toEqual([seniority, fn]);
  });
});

describe('expandTitleAbbreviations', () => {
  it.each([
    ['sr mgr marketing', 'senior manager marketing'],
    ['asst dir', 'assistant dir'],
    ['gm operations', 'general manager operations'],
    ['gen mgr', 'general manager'],
    ['gen z marketing', 'gen z marketing'],
    ['bus dev manager', 'business development manager'],
    ['software eng', 'software engineer'],
    ['techn leiter', 'technischer leiter'],
    ['gmbh', 'gmbh'],
  ])('%s → %s', (input, want) => {
    expect(expandTitleAbbreviations(input)).toBe(want);
  });
});

describe('hasGenderMarker', () => {
  it.each([
    ['Pilot/in', true],
    ['Berater:in', true],
    ['Berater*in', true],
    ['Berater_in', true],
    ['Koch (m/w/d)', true],
    ['Köchin (w/m/d)', true],
    ['Inhaber(in)', true],
    ['Pilot', false],
    ['Marketing/Vertrieb', false],
    ['Leiterin', false],
  ])('%s → %s', (title, want) => {
    expect(hasGenderMarker(title)).toBe(want);
  });
});
