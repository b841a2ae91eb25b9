// The letter salutation classify writes: src/person (gender, academic-title, letter-name,
// letter-language, letter-salutation) through the classify stage, row in → line and status out.
import { describe, expect, it } from 'vitest';
import { createStageClassifier } from '../src/classify/classify-row.js';
import { defaultRules, parseRules } from '../src/rules/load.js';
import { genderOf, readSalutation, rowGender } from '../src/person/gender.js';
import { englishSalutationTitle, germanSalutationTitles, readAcademicTitles, readRowAcademicTitles } from '../src/person/academic-title.js';
import { letterName } from '../src/person/letter-name.js';
import { letterLanguage, letterLanguageOf, readLanguageCell } from '../src/person/letter-language.js';
import { splitFullName } from '../src/person/name-split.js';
import { personName } from '../src/match/person-name.js';
import type { ClassifyConfig } from '../src/rules/classify.js';
import type { Row } from '../src/table.js';

const AS_OF = '2026-11-22';

function config(yaml = ''): ClassifyConfig {
  return yaml ? parseRules(yaml, 'rules.yml').classify : defaultRules().classify;
}

function salute(row: Row, yaml = ''): [string, string] {
  const out = createStageClassifier(config(yaml), AS_OF)(row);
  return [out.letter_salutation, out.salutation_status];
}

describe('gender from the salutation cell (src/person/gender.ts)', () => {
  it.each<[string, '' | 'm' | 'f']>([
    ['Herr', 'm'],
    ['Herrn', 'm'],
    ['Hr.', 'm'],
    ['HERR', 'm'],
    ['Frau', 'f'],
    ['Fr.', 'f'],
    ['Frau Dr.', 'f'],
    ['Herrn Prof. Dr.', 'm'],
    ['Sehr geehrter Herr Dr. Müller', 'm'],
    ['m', 'm'],
    ['M', 'm'],
    ['M.', 'm'],
    ['w', 'f'],
    ['W', 'f'],
    ['f', 'f'],
    ['männlich', 'm'],
    ['Weiblich', 'f'],
    ['female', 'f'],
    ['Male', 'm'],
    ['Mr.', 'm'],
    ['Mr', 'm'],
    ['Mrs', 'f'],
    ['Ms', 'f'],
    ['Ms.', 'f'],
    ['Miss', 'f'],
    ['Sir', 'm'],
    ['Monsieur', 'm'],
    ['Madame', 'f'],
    ['Mme', 'f'],
    ['Mme.', 'f'],
    ['Mlle', 'f'],
    ['Mademoiselle', 'f'],
    ['Signor', 'm'],
    ['Sig.', 'm'],
    ['Sig.ra', 'f'],
    ['Signora', 'f'],
    ['Sr.', 'm'],
    ['Sra.', 'f'],
    ['Señora', 'f'],
    ['Dhr.', 'm'],
    ['Mevr.', 'f'],
    // Neutral, couples, placeholders and titles alone: no gender.
    ['Divers', ''],
    ['d', ''],
    ['Mx', ''],
    ['Mx.', ''],
    ['Herr und Frau', ''],
    ['Mr. & Mrs.', ''],
    ['Herr/Frau', ''],
    ['m/w/d', ''],
    ['Firma', ''],
    ['Familie', ''],
    ['Dr.', ''],
    ['', ''],
    ['n/a', ''],
    // A lone x is a placeholder, as in the name fields: neither a gender nor a neutral form.
    ['x', ''],
    ['X', ''],
  ])('%j → %j', (cell, gender) => {
    expect(genderOf(cell)).toBe(gender);
  });

  it('keeps every answer the matcher gave before the one reader existed', () => {
    // The matcher's old table (src/match/person-name.ts), value for value.
    const before: Record<string, 'm' | 'f'> = {
      herr: 'm', herrn: 'm', hr: 'm', mr: 'm', sir: 'm', monsieur: 'm', m: 'm', signor: 'm', male: 'm', maennlich: 'm', mann: 'm',
      frau: 'f', fr: 'f', mrs: 'f', ms: 'f', miss: 'f', madame: 'f', mme: 'f', signora: 'f', female: 'f', weiblich: 'f', w: 'f', f: 'f',
    };
    for (const [word, g] of Object.entries(before)) {
      expect(genderOf(word), word).toBe(g);
      expect(genderOf(word.toUpperCase()), word).toBe(g);
      expect(genderOf(`${word[0].toUpperCase()}${word.slice(1)}.`), word).toBe(g);
    }
  });

  it('gives dedupe/match and classify the same gender for the same row', () => {
    const c = createStageClassifier(config(), AS_OF);
    const rows: Row[] = [
      { salutation: 'Frau Dr.', first_name: 'Eva', last_name: 'Lang' },
      { salutation: 'Herrn Prof. Dr.', first_name: 'Jörg', last_name: 'Krause' },
      { salutation: 'Mlle', first_name: 'Claire', last_name: 'Dubois' },
      { salutation: 'Sra.', first_name: 'Lucía', last_name: 'García' },
      { salutation: 'Divers', first_name: 'Alex', last_name: 'Meier' },
      { salutation: 'Herr/Frau', first_name: 'Kim', last_name: 'Berger' },
      { full_name: 'Frau Dr. Anna Berger' },
      { full_name: 'Herr Dipl.-Ing. Thomas Müller' },
    ];
    for (const row of rows) expect(c({ ...row }).gender, JSON.stringify(row)).toBe(personName(row).gender);
    expect(rows.map((r) => personName(r).gender)).toEqual(['f', 'm', 'f', 'f', '', '', 'f', 'm']);
  });

  it('says which neutral form and English honorific the cell asks for', () => {
    expect(readSalutation('Divers')).toMatchObject({ gender: '', neutral: true });
    expect(readSalutation('Mx.')).toMatchObject({ gender: '', neutral: true, honorific: 'Mx' });
    expect(readSalutation('Mrs.')).toMatchObject({ gender: 'f', honorific: 'Mrs', language: 'en' });
    expect(readSalutation('Frau')).toMatchObject({ gender: 'f', honorific: 'Ms', language: 'de' });
    expect(readSalutation('Mme')).toMatchObject({ gender: 'f', language: 'fr' });
    expect(readSalutation('x')).toMatchObject({ gender: '', neutral: false, honorific: '' });
  });
});

describe("a row's gender: salutation and gender column (rowGender)", () => {
  const sal = readSalutation;
  it.each<[string, string, boolean, string, string, string]>([
    // salutation, gender column, keep_existing → gender, gender_status, the letter's gender
    ['Herr', '', true, 'm', 'salutation', 'm'],
    ['', 'female', true, 'f', 'given', 'f'],
    ['', 'w', true, 'f', 'given', 'f'],
    ['', 'M', true, 'm', 'given', 'm'],
    ['', 'Weiblich', true, 'f', 'given', 'f'],
    ['Frau', 'female', true, 'f', 'given', 'f'],
    ['Herr', 'female', true, 'f', 'conflict', ''],
    ['Herr', 'female', false, '', 'conflict', ''],
    ['Frau', 'm', true, 'm', 'conflict', ''],
    ['Divers', 'f', true, 'f', 'conflict', ''],
    ['', 'divers', true, '', 'neutral', ''],
    ['Mx', '', true, '', 'neutral', ''],
    ['Herr', 'unbekannt', true, 'unbekannt', 'unreadable', 'm'],
    ['', 'x', true, 'x', 'unreadable', ''],
    ['Herr', '-', true, 'm', 'salutation', 'm'],
    ['', '', true, '', '', ''],
    ['Herr', 'female', false, '', 'conflict', ''],
    ['Frau', 'w', false, 'f', 'salutation', 'f'],
  ])('salutation %j, gender %j, keep %s → %j %j (letter %j)', (salutation, column, keep, gender, status, letter) => {
    const g = rowGender(sal(salutation), column, keep);
    expect([g.gender, g.status, g.letter.gender]).toEqual([gender, status, letter]);
  });
});

describe('academic titles (src/person/academic-title.ts)', () => {
  it.each<[string, string, string, string]>([
    // title text, German (DE), German (AT), English (GB)
    ['Dr.', 'Dr.', 'Dr.', 'Dr'],
    ['Dr. med.', 'Dr.', 'Dr.', 'Dr'],
    ['Dr. rer. nat.', 'Dr.', 'Dr.', 'Dr'],
    ['Dr.-Ing.', 'Dr.', 'Dr.', 'Dr'],
    ['Dr. h.c. mult.', 'Dr.', 'Dr.', 'Dr'],
    ['Prof. Dr.', 'Prof. Dr.', 'Prof. Dr.', 'Professor'],
    ['Prof.Dr.', 'Prof. Dr.', 'Prof. Dr.', 'Professor'],
    ['Prof. Dr. Dr. h.c.', 'Prof. Dr.', 'Prof. Dr.', 'Professor'],
    ['Univ.-Prof. Dr.', 'Prof. Dr.', 'Prof. Dr.', 'Professor'],
    ['Professor', 'Prof.', 'Prof.', 'Professor'],
    // Austria says the forms its lists write: DDr., Dr.in, Prof.in; Germany Dr. and Prof.
    ['DDr.', 'Dr.', 'DDr.', 'Dr'],
    ['Dr.in', 'Dr.', 'Dr.in', 'Dr'],
    ['DDr.in', 'Dr.', 'DDr.in', 'Dr'],
    ['Prof.in Dr.in', 'Prof. Dr.', 'Prof.in Dr.in', 'Professor'],
    ['Univ.-Prof.in DDr.', 'Prof. Dr.', 'Prof.in DDr.', 'Professor'],
    ['Mag.a Dr.in', 'Dr.', 'Dr.in', 'Dr'],
    ['Dr. Dr.', 'Dr.', 'Dr.', 'Dr'],
    ['Mag.', '', 'Mag.', ''],
    ['Mag.a', '', 'Mag.a', ''],
    ['Mag. rer. soc. oec.', '', 'Mag.', ''],
    ['DI', '', 'DI', ''],
    ['Dipl.-Ing.', '', 'Dipl.-Ing.', ''],
    ['Dipl. Ing.', '', 'Dipl.-Ing.', ''],
    ['DIPL.-ING. (FH)', '', 'Dipl.-Ing.', ''],
    ['Ing.', '', 'Ing.', ''],
    ['Ing. Mag.', '', 'Mag.', ''],
    ['DI Dr. techn.', 'Dr.', 'Dr.', 'Dr'],
    ['Dr. Ing.', 'Dr.', 'Dr.', 'Dr'],
    ['MBA', '', '', ''],
    ['PhD', '', '', ''],
    ['M.D.', 'Dr.', 'Dr.', 'Dr'],
    ['Dipl.-Kfm.', '', '', ''],
    ['B.Sc.', '', '', ''],
    ['drs.', '', '', ''],
    ['Priv.-Doz. Dr.', 'Dr.', 'Dr.', 'Dr'],
  ])('%j → DE %j, AT %j, EN %j', (text, de, at, en) => {
    const t = readAcademicTitles(text);
    expect(germanSalutationTitles(t, false).join(' ')).toBe(de);
    expect(germanSalutationTitles(t, true).join(' ')).toBe(at);
    expect(englishSalutationTitle(t, false)).toBe(en);
  });

  it('reads DI only from the academic_title column, in capitals', () => {
    expect(readRowAcademicTitles('DI', 'Frau').austrian).toEqual(['DI']);
    expect(readRowAcademicTitles('DI (FH)').austrian).toEqual(['DI']);
    expect(readRowAcademicTitles('', 'Frau', 'DI').austrian).toEqual([]);
    expect(readRowAcademicTitles('Mag.', '', 'DI Dr.')).toMatchObject({ dr: true, austrian: ['Mag.'] });
    expect(readRowAcademicTitles('Di').austrian).toEqual([]);
    expect(readRowAcademicTitles('DDr.', 'Herr')).toMatchObject({ dr: true, austrianDr: 'DDr.' });
  });

  it('writes the US doctor with a dot', () => {
    expect(englishSalutationTitle(readAcademicTitles('Dr.'), true)).toBe('Dr.');
  });
});

describe('the name a letter addresses (src/person/letter-name.ts)', () => {
  it.each<[Row, string, string, string]>([
    [{ first_name: 'Thomas', last_name: 'Müller' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'THOMAS', last_name: 'MÜLLER' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'thomas', last_name: 'müller' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'Dr. Thomas', last_name: 'Müller' }, 'Thomas', 'Müller', 'Dr.'],
    [{ first_name: 'Thomas', last_name: 'Müller, MBA' }, 'Thomas', 'Müller', 'MBA'],
    [{ first_name: 'Thomas', last_name: 'Prof. Dr. Müller' }, 'Thomas', 'Müller', 'Prof. Dr.'],
    [{ first_name: 'Richard von', last_name: 'Weizsäcker' }, 'Richard', 'von Weizsäcker', ''],
    [{ first_name: 'Richard', last_name: 'Weizsäcker, von' }, 'Richard', 'von Weizsäcker', ''],
    [{ first_name: 'Richard von', last_name: 'von Weizsäcker' }, 'Richard', 'von Weizsäcker', ''],
    [{ first_name: 'Richard', last_name: 'Weizsäcker von' }, 'Richard', 'von Weizsäcker', ''],
    [{ first_name: 'Ursula', last_name: 'Von der Leyen' }, 'Ursula', 'von der Leyen', ''],
    [{ first_name: 'URSULA', last_name: 'VON DER LEYEN' }, 'Ursula', 'von der Leyen', ''],
    [{ first_name: 'Karl-Theodor', last_name: 'zu Guttenberg' }, 'Karl-Theodor', 'zu Guttenberg', ''],
    [{ first_name: 'SEAN', last_name: "O'BRIEN" }, 'Sean', "O'Brien", ''],
    [{ first_name: 'RONALD', last_name: 'MCDONALD' }, 'Ronald', 'McDonald', ''],
    [{ first_name: 'Luca', last_name: 'Di Maio' }, 'Luca', 'Di Maio', ''],
    [{ first_name: 'Anna', last_name: 'DI Berger' }, 'Anna', 'Berger', 'DI'],
    // In capitals DI cannot be told from the particle: it is part of the name (cased by
    // src/text's display case, which writes particles small: a guess, said as recased).
    [{ first_name: 'LUIGI', last_name: 'DI MAIO' }, 'Luigi', 'di Maio', ''],
    [{ first_name: 'Luigi', last_name: 'DI MAIO' }, 'Luigi', 'di Maio', ''],
    // Surname and given name in last_name ("Müller, Thomas").
    [{ first_name: '', last_name: 'Müller, Thomas' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'Thomas', last_name: 'Müller, Thomas' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'THOMAS', last_name: 'MÜLLER, THOMAS' }, 'Thomas', 'Müller', ''],
    [{ first_name: '', last_name: 'Müller, Dr. Thomas' }, 'Thomas', 'Müller', 'Dr.'],
    [{ first_name: 'Anna', last_name: 'Müller, Thomas' }, 'Anna', '', ''],
    [{ first_name: 'Müller, Thomas', last_name: '' }, 'Thomas', 'Müller', ''],
    [{ first_name: 'Thomas, Maria', last_name: 'Müller' }, '', 'Müller', ''],
    [{ first_name: 'Jean-Claude', last_name: 'Van Damme' }, 'Jean-Claude', 'Van Damme', ''],
    [{ first_name: 'Anna', last_name: 'Müller (geb. Schmidt)' }, 'Anna', 'Müller', ''],
    [{ first_name: 'Anna', last_name: 'Müller geb. Schmidt' }, 'Anna', 'Müller', ''],
    [{ first_name: 'Mary', last_name: 'Jones née Smith' }, 'Mary', 'Jones', ''],
    [{ first_name: 'T.', last_name: 'Müller' }, '', 'Müller', ''],
    [{ first_name: 'H.-P.', last_name: 'Schulz' }, '', 'Schulz', ''],
    [{ first_name: 'Alex', last_name: 'n/a' }, 'Alex', '', ''],
    [{ first_name: 'Alex', last_name: 'M.' }, 'Alex', '', ''],
    [{ first_name: '-', last_name: '-' }, '', '', ''],
    [{ full_name: 'Herr Dipl.-Ing. Thomas Müller' }, 'Thomas', 'Müller', 'Dipl.-Ing.'],
    [{ full_name: 'Müller, Thomas' }, 'Thomas', 'Müller', ''],
    [{ full_name: 'Prof. Dr.-Ing. Anna-Lena von der Heide' }, 'Anna-Lena', 'von der Heide', 'Prof. Dr.-Ing.'],
  ])('%j → %j %j (titles %j)', (row, first, last, titles) => {
    const n = letterName(row);
    expect([n.first, n.last, n.titles]).toEqual([first, last, titles]);
  });

  it('says when a name was cased from capitals', () => {
    expect(letterName({ first_name: 'Thomas', last_name: 'MÜLLER' })).toMatchObject({ firstRecased: false, lastRecased: true });
    expect(letterName({ first_name: 'Thomas', last_name: 'Müller' })).toMatchObject({ firstRecased: false, lastRecased: false });
  });

  it('writes Dutch particles the Dutch way for Dutch rows only: a capital with no given name before them', () => {
    expect(letterName({ first_name: 'Jan', last_name: 'van der Berg' }, true)).toMatchObject({ last: 'Van der Berg', lastAfterGiven: 'van der Berg' });
    expect(letterName({ first_name: 'Jan', last_name: 'Van Der Berg' }, true)).toMatchObject({ last: 'Van der Berg', lastAfterGiven: 'van der Berg' });
    expect(letterName({ first_name: 'JAN', last_name: 'DE VRIES' }, true)).toMatchObject({ last: 'De Vries', lastAfterGiven: 'de Vries' });
    expect(letterName({ first_name: 'Jan', last_name: "'t Hart" }, true)).toMatchObject({ last: "'t Hart", lastAfterGiven: "'t Hart" });
    expect(letterName({ first_name: 'Jan', last_name: 'Van der Berg' }, false)).toMatchObject({ last: 'Van der Berg', lastAfterGiven: 'Van der Berg' });
    expect(letterName({ first_name: 'Jan', last_name: 'van der Berg' }, false)).toMatchObject({ last: 'van der Berg', lastAfterGiven: 'van der Berg' });
    // German particles stay small on Dutch rows too.
    expect(letterName({ first_name: 'Otto', last_name: 'Von Bismarck' }, true).last).toBe('von Bismarck');
  });

  it('uses name-split for a lone full_name, as import does', () => {
    expect(splitFullName('Frau Dr. Anna Berger')).toMatchObject({ salutation: 'Frau', first_name: 'Anna', last_name: 'Berger' });
    expect(letterName({ full_name: 'Frau Dr. Anna Berger' })).toMatchObject({ salutation: 'Frau', first: 'Anna', last: 'Berger' });
  });
});

describe('letter language (src/person/letter-language.ts)', () => {
  it.each<[string, string, string, '' | 'de' | 'en' | 'fr', string]>([
    ['', 'DE', '', '', 'de'],
    ['', 'AT', '', '', 'de'],
    ['', 'CH', 'CH-ZH', '', 'de'],
    ['', 'CH', 'CH-GE', '', 'fr'],
    ['', 'CH', 'CH-VD', '', 'fr'],
    ['', 'LI', '', '', 'de'],
    ['', 'FR', '', '', 'fr'],
    ['', 'MC', '', '', 'fr'],
    ['', 'GB', '', '', 'en'],
    ['', 'US', '', 'de', 'en'],
    ['', 'IT', '', '', 'en'],
    ['', '', '', 'de', 'de'],
    ['', '', '', 'fr', 'fr'],
    ['', '', '', '', 'en'],
    ['en', 'DE', '', '', 'en'],
    ['Deutsch', 'US', '', '', 'de'],
    ['fr_CH', 'CH', 'CH-ZH', '', 'fr'],
    ['Français', 'DE', '', '', 'fr'],
    ['it', 'CH', 'CH-TI', '', 'en'],
  ])('language %j, country %j %j, salutation %j → %j', (language, country, regionCode, salutation, want) => {
    expect(letterLanguage({ language, country, regionCode, salutation })).toBe(want);
  });

  it.each<[string, string, string, '' | 'de' | 'en' | 'fr', string, string]>([
    // language cell, country, region, salutation word → language, status
    ['de-AT', 'AT', '', '', 'de', 'given'],
    ['nl', 'NL', '', '', 'en', 'unsupported'],
    ['', 'DE', '', '', 'de', 'country'],
    ['', 'CH', 'CH-ZH', '', 'de', 'country'],
    ['', 'CH', 'CH-GE', '', 'fr', 'country'],
    ['', 'CH', 'CH-FR', '', 'fr', 'guessed'],
    ['', 'CH', 'CH-VS', '', 'fr', 'guessed'],
    ['', 'CH', 'CH-BE', '', 'de', 'guessed'],
    ['', 'CH', 'CH-GR', '', 'de', 'guessed'],
    ['', 'CH', 'CH-TI', 'de', 'en', 'unsupported'],
    ['', 'CH', '', '', 'de', 'guessed'],
    ['', 'LU', '', 'de', 'fr', 'guessed'],
    ['', 'BE', '', '', 'en', 'guessed'],
    ['', 'CA', '', '', 'en', 'guessed'],
    ['', 'IT', '', '', 'en', 'unsupported'],
    ['', 'NL', '', '', 'en', 'unsupported'],
    ['', 'GB', '', '', 'en', 'country'],
    ['', 'US', '', '', 'en', 'country'],
    ['', 'FR', '', '', 'fr', 'country'],
    ['', 'SN', '', '', 'fr', 'country'],
    ['', '', '', 'de', 'de', 'guessed'],
    ['', '', '', '', 'en', 'guessed'],
  ])('language %j, country %j %j, salutation %j → %j (%s)', (language, country, regionCode, salutation, want, status) => {
    expect(letterLanguageOf({ language, country, regionCode, salutation })).toEqual({ language: want, status });
  });

  it('reads locales and names of languages', () => {
    expect(['de-AT', 'DE', 'ger', 'English', 'en-US', 'FR', 'francais', 'nl', ''].map(readLanguageCell)).toEqual(['de', 'de', 'de', 'en', 'en', 'fr', 'fr', 'other', '']);
  });
});

describe('letter_salutation through classify', () => {
  it.each<[string, Row, string, string]>([
    // Germany
    ['DE Herr', { salutation: 'Herr', first_name: 'Thomas', last_name: 'Müller', country: 'DE' }, 'Sehr geehrter Herr Müller,', 'ok'],
    ['DE Frau', { salutation: 'Frau', first_name: 'Katharina', last_name: 'Schneider', country: 'Deutschland' }, 'Sehr geehrte Frau Schneider,', 'ok'],
    ['DE Dr.', { salutation: 'Herr', academic_title: 'Dr.', first_name: 'Thomas', last_name: 'Müller', country: 'DE' }, 'Sehr geehrter Herr Dr. Müller,', 'ok'],
    ['DE Prof. Dr.', { salutation: 'Frau', academic_title: 'Prof. Dr.', first_name: 'Anna', last_name: 'Schmidt', country: 'DE' }, 'Sehr geehrte Frau Prof. Dr. Schmidt,', 'ok'],
    ['DE Dr. med.', { salutation: 'Frau', academic_title: 'Dr. med.', first_name: 'Eva', last_name: 'Lang', country: 'DE' }, 'Sehr geehrte Frau Dr. Lang,', 'ok'],
    ['DE Prof. Dr. Dr.', { salutation: 'Herr', academic_title: 'Prof. Dr. Dr. h.c.', first_name: 'Hans', last_name: 'Weber', country: 'DE' }, 'Sehr geehrter Herr Prof. Dr. Weber,', 'ok'],
    ['DE title in the salutation cell', { salutation: 'Frau Dr.', first_name: 'Eva', last_name: 'Lang', country: 'DE' }, 'Sehr geehrte Frau Dr. Lang,', 'ok'],
    ['DE title in the first name', { salutation: 'Herr', first_name: 'Dr. Thomas', last_name: 'Müller', country: 'DE' }, 'Sehr geehrter Herr Dr. Müller,', 'ok'],
    ['DE Dipl.-Ing. is not said', { salutation: 'Herr', academic_title: 'Dipl.-Ing.', first_name: 'Jörg', last_name: 'Krause', country: 'DE' }, 'Sehr geehrter Herr Krause,', 'ok'],
    ['DE MBA never', { salutation: 'Frau', academic_title: 'MBA', first_name: 'Lea', last_name: 'Fuchs', country: 'DE' }, 'Sehr geehrte Frau Fuchs,', 'ok'],
    ['DE PhD never', { salutation: 'Herr', first_name: 'Ken', last_name: 'Ito PhD', country: 'DE' }, 'Sehr geehrter Herr Ito,', 'ok'],
    ['DE capitals', { salutation: 'HERR', first_name: 'THOMAS', last_name: 'MÜLLER', country: 'DE' }, 'Sehr geehrter Herr Müller,', 'recased'],
    ['DE von', { salutation: 'Herr', first_name: 'Richard', last_name: 'von Weizsäcker', country: 'DE' }, 'Sehr geehrter Herr von Weizsäcker,', 'ok'],
    ['DE von in the first name', { salutation: 'Herr', first_name: 'Richard von', last_name: 'Weizsäcker', country: 'DE' }, 'Sehr geehrter Herr von Weizsäcker,', 'ok'],
    ['DE "Weizsäcker, von"', { salutation: 'Herr', first_name: 'Richard', last_name: 'Weizsäcker, von', country: 'DE' }, 'Sehr geehrter Herr von Weizsäcker,', 'ok'],
    ['DE zu', { salutation: 'Frau', first_name: 'Stephanie', last_name: 'Zu Guttenberg', country: 'DE' }, 'Sehr geehrte Frau zu Guttenberg,', 'ok'],
    ['DE VON DER LEYEN', { salutation: 'Frau', first_name: 'URSULA', last_name: 'VON DER LEYEN', country: 'DE' }, 'Sehr geehrte Frau von der Leyen,', 'recased'],
    ['DE gender unknown', { first_name: 'Alex', last_name: 'Meier', country: 'DE' }, 'Guten Tag Alex Meier,', 'no_gender'],
    ['DE Divers', { salutation: 'Divers', first_name: 'Alex', last_name: 'Meier', country: 'DE' }, 'Guten Tag Alex Meier,', 'no_gender'],
    ['DE gender unknown, Dr.', { academic_title: 'Dr.', first_name: 'Alex', last_name: 'Meier', country: 'DE' }, 'Guten Tag Dr. Alex Meier,', 'no_gender'],
    ['DE surname alone, gender unknown', { last_name: 'Meier', country: 'DE' }, 'Sehr geehrte Damen und Herren,', 'generic'],
    ['DE no name', { salutation: 'Herr', company: 'Müller GmbH', country: 'DE' }, 'Sehr geehrte Damen und Herren,', 'generic'],
    ['DE initial only', { salutation: 'Herr', first_name: 'T.', last_name: 'Müller', country: 'DE' }, 'Sehr geehrter Herr Müller,', 'ok'],
    ['DE full_name only', { full_name: 'Frau Dr. Anna Berger', postal_code: '80331', country: 'DE' }, 'Sehr geehrte Frau Dr. Berger,', 'ok'],
    ['DE Briefanrede in the salutation column', { salutation: 'Sehr geehrter Herr Dr. Müller', first_name: 'Thomas', last_name: 'Müller', country: 'DE' }, 'Sehr geehrter Herr Dr. Müller,', 'ok'],
    // Austria
    ['AT Mag.', { salutation: 'Herr', academic_title: 'Mag.', first_name: 'Florian', last_name: 'Huber', country: 'Österreich' }, 'Sehr geehrter Herr Mag. Huber,', 'ok'],
    ['AT Mag.a', { salutation: 'Frau', academic_title: 'Mag.a', first_name: 'Eva', last_name: 'Gruber', country: 'AT' }, 'Sehr geehrte Frau Mag.a Gruber,', 'ok'],
    ['AT DI', { salutation: 'Frau', academic_title: 'DI', first_name: 'Anna', last_name: 'Berger', country: 'AT' }, 'Sehr geehrte Frau DI Berger,', 'ok'],
    ['AT Dipl.-Ing.', { salutation: 'Herr', academic_title: 'Dipl.-Ing.', first_name: 'Stefan', last_name: 'Gruber', country: 'AT' }, 'Sehr geehrter Herr Dipl.-Ing. Gruber,', 'ok'],
    ['AT Ing.', { salutation: 'Herr', academic_title: 'Ing.', first_name: 'Josef', last_name: 'Pichler', country: 'AT' }, 'Sehr geehrter Herr Ing. Pichler,', 'ok'],
    ['AT Dr. outranks DI', { salutation: 'Herr', academic_title: 'DI Dr.', first_name: 'Josef', last_name: 'Pichler', country: 'AT' }, 'Sehr geehrter Herr Dr. Pichler,', 'ok'],
    ['AT from the postcode prefix', { salutation: 'Frau', academic_title: 'Mag.', first_name: 'Eva', last_name: 'Gruber', postal_code: 'A-1010' }, 'Sehr geehrte Frau Mag. Gruber,', 'ok'],
    // Switzerland: titles left out unless asked for
    ['CH no titles', { salutation: 'Herr', academic_title: 'Dr.', first_name: 'Urs', last_name: 'Keller', country: 'CH' }, 'Sehr geehrter Herr Keller,', 'ok'],
    ['CH Prof. left out too', { salutation: 'Frau', academic_title: 'Prof. Dr.', first_name: 'Regula', last_name: 'Meier', country: 'Schweiz' }, 'Sehr geehrte Frau Meier,', 'ok'],
    ['CH Geneva is French', { salutation: 'Madame', first_name: 'Claire', last_name: 'Dubois', country: 'CH', postal_code: '1204' }, 'Madame,', 'ok'],
    // English
    ['GB Mr', { salutation: 'Mr', first_name: 'John', last_name: 'Smith', country: 'GB' }, 'Dear Mr Smith,', 'ok'],
    ['GB Mrs', { salutation: 'Mrs.', first_name: 'Jane', last_name: 'Smith', country: 'UK' }, 'Dear Mrs Smith,', 'ok'],
    ['GB Miss', { salutation: 'Miss', first_name: 'Jane', last_name: 'Smith', country: 'GB' }, 'Dear Miss Smith,', 'ok'],
    ['GB Ms', { salutation: 'Ms', first_name: 'Jane', last_name: 'Smith', country: 'GB' }, 'Dear Ms Smith,', 'ok'],
    ['GB Dr', { salutation: 'Mr', academic_title: 'Dr', first_name: 'John', last_name: 'Watson', country: 'GB' }, 'Dear Dr Watson,', 'ok'],
    ['GB Professor', { salutation: 'Ms', academic_title: 'Prof. Dr.', first_name: 'Mary', last_name: 'Beard', country: 'GB' }, 'Dear Professor Beard,', 'ok'],
    ['GB Dr without gender', { academic_title: 'Dr.', first_name: 'Sam', last_name: 'Taylor', country: 'GB' }, 'Dear Dr Taylor,', 'ok'],
    ['GB Mx', { salutation: 'Mx', first_name: 'Sam', last_name: 'Taylor', country: 'GB' }, 'Dear Mx Taylor,', 'no_gender'],
    ['GB gender unknown', { first_name: 'Alex', last_name: 'Smith', country: 'GB' }, 'Dear Alex Smith,', 'no_gender'],
    ['GB no name', { salutation: 'Mr', country: 'GB' }, 'Dear Sir or Madam,', 'generic'],
    ['GB particle', { salutation: 'Mr', first_name: 'Pieter', last_name: 'van der Berg', country: 'GB' }, 'Dear Mr van der Berg,', 'ok'],
    ['NL particle with a capital after Mr', { salutation: 'Dhr.', first_name: 'Pieter', last_name: 'van der Berg', country: 'NL' }, 'Dear Mr Van der Berg,', 'ok'],
    ['NL De Vries', { salutation: 'Mevr.', first_name: 'Anouk', last_name: 'de Vries', country: 'NL' }, 'Dear Ms De Vries,', 'ok'],
    ['NL particle small after the given name', { first_name: 'Pieter', last_name: 'Van der Berg', country: 'NL' }, 'Dear Pieter van der Berg,', 'no_gender'],
    ['DE DI MAIO in capitals', { salutation: 'Herr', first_name: 'LUIGI', last_name: 'DI MAIO', country: 'DE' }, 'Sehr geehrter Herr di Maio,', 'recased'],
    ['AT DI MAIO in capitals', { salutation: 'Herr', first_name: 'LUIGI', last_name: 'DI MAIO', country: 'AT' }, 'Sehr geehrter Herr di Maio,', 'recased'],
    ['AT DI in the name field is not said', { salutation: 'Frau', first_name: 'Anna', last_name: 'DI Berger', country: 'AT' }, 'Sehr geehrte Frau Berger,', 'ok'],
    ['AT DDr.', { salutation: 'Herr', academic_title: 'DDr.', first_name: 'Karl', last_name: 'Huber', country: 'AT' }, 'Sehr geehrter Herr DDr. Huber,', 'ok'],
    ['AT Dr.in', { salutation: 'Frau', academic_title: 'Dr.in', first_name: 'Eva', last_name: 'Huber', country: 'AT' }, 'Sehr geehrte Frau Dr.in Huber,', 'ok'],
    ['DE DDr. is Dr.', { salutation: 'Herr', academic_title: 'DDr.', first_name: 'Karl', last_name: 'Huber', country: 'DE' }, 'Sehr geehrter Herr Dr. Huber,', 'ok'],
    ['DE "Müller, Thomas" in last_name', { salutation: 'Herr', first_name: '', last_name: 'Müller, Thomas', country: 'DE' }, 'Sehr geehrter Herr Müller,', 'ok'],
    ['DE "Müller, Thomas" beside another given name', { salutation: 'Herr', first_name: 'Anna', last_name: 'Müller, Thomas', country: 'DE' }, 'Sehr geehrte Damen und Herren,', 'generic'],
    ['DE gender unknown, "Müller, Thomas"', { last_name: 'Müller, Thomas', country: 'DE' }, 'Guten Tag Thomas Müller,', 'no_gender'],
    ['GB x is no neutral form', { salutation: 'x', first_name: 'Sam', last_name: 'Lee', country: 'GB' }, 'Dear Sam Lee,', 'no_gender'],
    ['DE gender column against the salutation', { salutation: 'Herr', gender: 'female', first_name: 'Anna', last_name: 'Meier', country: 'DE' }, 'Guten Tag Anna Meier,', 'no_gender'],
    ['DE gender column only', { gender: 'female', first_name: 'Anna', last_name: 'Meier', country: 'DE' }, 'Sehr geehrte Frau Meier,', 'ok'],
    ['CH Ticino in English', { salutation: 'Signora', first_name: 'Chiara', last_name: 'Rossi', country: 'CH', postal_code: '6900' }, 'Dear Ms Rossi,', 'ok'],
    ['CH Fribourg in French', { salutation: 'Madame', first_name: 'Claire', last_name: 'Roulin', country: 'CH', postal_code: '1700' }, 'Madame,', 'ok'],
    ['LU in French', { salutation: 'Herr', first_name: 'Marc', last_name: 'Weber', country: 'LU' }, 'Monsieur,', 'ok'],
    ['BE particle as written', { salutation: 'Mr', first_name: 'Jean-Claude', last_name: 'Van Damme', country: 'BE' }, 'Dear Mr Van Damme,', 'ok'],
    ['IT particle as written', { salutation: 'Sig.', first_name: 'Marco', last_name: 'De Luca', country: 'IT' }, 'Dear Mr De Luca,', 'ok'],
    ['DE placeholder surname', { salutation: 'Frau', first_name: 'Anna', last_name: 'NN', country: 'DE' }, 'Sehr geehrte Damen und Herren,', 'generic'],
    ['US Mr.', { salutation: 'Mr.', first_name: 'John', last_name: 'Miller', country: 'US', state: 'NY' }, 'Dear Mr. Miller:', 'ok'],
    ['US Ms.', { salutation: 'Ms', first_name: 'Kate', last_name: 'Miller', postal_code: '10001-1234' }, 'Dear Ms. Miller:', 'ok'],
    ['US Dr.', { salutation: 'Mrs', academic_title: 'MD, PhD', first_name: 'Kate', last_name: 'Miller', country: 'USA' }, 'Dear Dr. Miller:', 'ok'],
    ['US PhD alone is not said', { salutation: 'Mr', first_name: 'Tom', last_name: 'Hale', academic_title: 'Ph.D.', country: 'US' }, 'Dear Mr. Hale:', 'ok'],
    ['US capitals', { salutation: 'MR', first_name: 'PATRICK', last_name: "O'BRIEN", country: 'US' }, "Dear Mr. O'Brien:", 'recased'],
    ['German row with an English language column', { salutation: 'Herr', first_name: 'Thomas', last_name: 'Müller', country: 'DE', language: 'en' }, 'Dear Mr Müller,', 'ok'],
    // French
    ['FR Monsieur', { salutation: 'M.', first_name: 'Charles', last_name: 'de Gaulle', country: 'FR' }, 'Monsieur,', 'ok'],
    ['FR Madame', { salutation: 'Mme', first_name: 'Claire', last_name: 'Martin', country: 'France' }, 'Madame,', 'ok'],
    ['FR Mlle', { salutation: 'Mlle', first_name: 'Claire', last_name: 'Martin', country: 'FR' }, 'Madame,', 'ok'],
    ['FR a German Herr', { salutation: 'Herr', first_name: 'Jörg', last_name: 'Krause', country: 'FR' }, 'Monsieur,', 'ok'],
    ['FR gender unknown', { first_name: 'Alex', last_name: 'Martin', country: 'FR' }, 'Bonjour Alex Martin,', 'no_gender'],
    ['FR no name, no gender', { company: 'Société Générale', country: 'FR' }, 'Madame, Monsieur,', 'generic'],
    // No country: the salutation word's language
    ['no country, Frau', { salutation: 'Frau', first_name: 'Anna', last_name: 'Berger' }, 'Sehr geehrte Frau Berger,', 'ok'],
    ['no country, Mrs', { salutation: 'Mrs', first_name: 'Anna', last_name: 'Berger' }, 'Dear Mrs Berger,', 'ok'],
  ])('%s', (_, row, text, status) => {
    expect(salute(row)).toEqual([text, status]);
  });

  it.each<[string, Row, string, string]>([
    ['DE given name', { salutation: 'Herr', first_name: 'Thomas', last_name: 'Müller', country: 'DE' }, 'Hallo Thomas,', 'ok'],
    ['DE gender unknown', { first_name: 'Alex', last_name: 'Meier', country: 'DE' }, 'Hallo Alex,', 'ok'],
    ['DE capitals', { first_name: 'JÜRGEN', last_name: 'HUBER', country: 'AT' }, 'Hallo Jürgen,', 'recased'],
    ['DE surname only', { salutation: 'Frau', academic_title: 'Dr.', last_name: 'Berger', country: 'DE' }, 'Hallo Frau Dr. Berger,', 'ok'],
    ['DE no name', { company: 'Huber Holzbau GmbH', country: 'DE' }, 'Hallo,', 'generic'],
    ['EN given name', { salutation: 'Mr', first_name: 'John', last_name: 'Smith', country: 'US' }, 'Hi John,', 'ok'],
    ['EN surname only', { salutation: 'Mr', last_name: 'Smith', country: 'US' }, 'Hello Mr. Smith,', 'ok'],
    ['FR given name', { salutation: 'Mme', first_name: 'Claire', last_name: 'Martin', country: 'FR' }, 'Bonjour Claire,', 'ok'],
    ['FR surname only', { salutation: 'Mme', last_name: 'Martin', country: 'FR' }, 'Bonjour Madame Martin,', 'ok'],
  ])('informal: %s', (_, row, text, status) => {
    expect(salute(row, 'classify: { salutation_style: informal }')).toEqual([text, status]);
  });

  it('says academic titles for Swiss rows with salutation_titles always, and for nobody with never', () => {
    const ch: Row = { salutation: 'Herr', academic_title: 'Prof. Dr.', first_name: 'Urs', last_name: 'Keller', country: 'CH' };
    const de: Row = { ...ch, country: 'DE' };
    expect(salute(ch, 'classify: { salutation_titles: always }')[0]).toBe('Sehr geehrter Herr Prof. Dr. Keller,');
    expect(salute(de, 'classify: { salutation_titles: never }')[0]).toBe('Sehr geehrter Herr Keller,');
    expect(salute(de, 'classify: { salutation_titles: auto }')[0]).toBe('Sehr geehrter Herr Prof. Dr. Keller,');
  });

  it('says on the row whether the language is a guess, and normalises a kept gender column', () => {
    const c = createStageClassifier(config(), AS_OF);
    expect(c({ salutation: 'Signora', first_name: 'Chiara', last_name: 'Rossi', country: 'CH', postal_code: '6900' })).toMatchObject({ region_code: 'CH-TI', salutation_language: 'en', salutation_language_status: 'unsupported' });
    expect(c({ salutation: 'Madame', last_name: 'Roulin', country: 'CH', postal_code: '1700' })).toMatchObject({ region_code: 'CH-FR', salutation_language: 'fr', salutation_language_status: 'guessed' });
    expect(c({ salutation: 'Herr', last_name: 'Zurbriggen', country: 'CH', postal_code: '3920' })).toMatchObject({ region_code: 'CH-VS', salutation_language: 'fr', salutation_language_status: 'guessed' });
    expect(c({ salutation: 'Herr', last_name: 'Keller', country: 'CH', postal_code: '8001' })).toMatchObject({ salutation_language: 'de', salutation_language_status: 'country' });
    expect(c({ salutation: 'Herr', last_name: 'Keller', country: 'CH' })).toMatchObject({ salutation_language: 'de', salutation_language_status: 'guessed' });
    expect(c({ salutation: 'Herr', last_name: 'Weber', country: 'LU' })).toMatchObject({ salutation_language: 'fr', salutation_language_status: 'guessed' });
    expect(c({ gender: 'female', first_name: 'Eva', last_name: 'Lang', country: 'DE' })).toMatchObject({ gender: 'f', gender_status: 'given' });
    expect(c({ gender: 'W', salutation: 'Frau', last_name: 'Lang', country: 'DE' })).toMatchObject({ gender: 'f', gender_status: 'given' });
    expect(c({ gender: 'female', salutation: 'Herr', first_name: 'Eva', last_name: 'Lang', country: 'DE' })).toMatchObject({ gender: 'f', gender_status: 'conflict', salutation_status: 'no_gender' });
    // A gender an earlier run read from the salutation is read again, not kept as the list's.
    expect(c({ gender: 'm', gender_status: 'salutation', salutation: 'Frau', last_name: 'Lang', country: 'DE' })).toMatchObject({ gender: 'f', gender_status: 'salutation' });
  });

  it('writes gender and salutation_language beside the line', () => {
    const c = createStageClassifier(config(), AS_OF);
    expect(c({ salutation: 'Frau Dr.', first_name: 'Eva', last_name: 'Lang', country: 'AT' })).toMatchObject({ gender: 'f', salutation_language: 'de' });
    expect(c({ salutation: 'Mx', first_name: 'Sam', last_name: 'Lee', country: 'IE' })).toMatchObject({ gender: '', salutation_language: 'en' });
    expect(c({ salutation: 'w', first_name: 'Eva', last_name: 'Lang', country: 'FR' })).toMatchObject({ gender: 'f', salutation_language: 'fr', letter_salutation: 'Madame,' });
    // Nothing is guessed from a given name.
    expect(c({ first_name: 'Maria', last_name: 'Schulz', country: 'DE' })).toMatchObject({ gender: '', salutation_status: 'no_gender' });
  });

  it("keeps a CRM's own letter salutation, and writes again one an earlier run wrote", () => {
    const c = createStageClassifier(config(), AS_OF);
    const crm = { salutation: 'Herr', first_name: 'Thomas', last_name: 'Müller', country: 'DE', letter_salutation: 'Lieber Thomas,' };
    expect(c(crm)).toMatchObject({ letter_salutation: 'Lieber Thomas,', salutation_status: '' });
    const ours = { ...crm, letter_salutation: 'Hallo Thomas,', salutation_status: 'ok' };
    expect(c(ours)).toMatchObject({ letter_salutation: 'Sehr geehrter Herr Müller,', salutation_status: 'ok' });
    const overwrite = createStageClassifier(config('classify: { keep_existing: false }'), AS_OF);
    expect(overwrite(crm)).toMatchObject({ letter_salutation: 'Sehr geehrter Herr Müller,', salutation_status: 'ok' });
  });
});
