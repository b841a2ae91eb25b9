import { describe, expect, it } from 'vitest';
import {
  compareGivenNames,
  compareSurnames,
  givenNameInfo,
  lostCharactersAgree,
  similarNames,
  surnameInfo,
} from '../src/match/comparators.js';
import { foldKeepingLost, foldNameField, personName, splitFormerSurname } from '../src/match/person-name.js';
import { isKnownGivenName } from '../src/match/nicknames.js';

const given = (a: string, b: string) => compareGivenNames(foldNameField(a), foldNameField(b));
const surname = (a: string, b: string) => compareSurnames(foldNameField(a), foldNameField(b));

describe('lost characters ("?" or U+FFFD from an export without the letter)', () => {
  it('stay in the folded name as "?" inside a word, and are punctuation elsewhere', () => {
    expect(foldNameField('M?ller')).toBe('m?ller');
    expect(foldNameField('M\uFFFDller')).toBe('m?ller');
    expect(foldNameField('M??ller')).toBe('m??ller');
    expect(foldNameField('Gro?')).toBe('gro?');
    expect(foldNameField('J?rg-Peter')).toBe('j?rg peter');
    expect(foldNameField('Y?lmaz')).toBe('y?lmaz');
    expect(foldNameField('Thomas ?')).toBe('thomas');
    expect(foldNameField('??')).toBe('');
    expect(foldNameField('Dr. J\uFFFDrgen')).toBe('j?rgen');
    expect(foldKeepingLost('Müller')).toBe('mueller');
    expect(foldKeepingLost('Schmidt (?)')).toBe('schmidt');
  });

  it('match one losable letter or the two-letter fold of one character', () => {
    expect(lostCharactersAgree('m?ller', 'mueller')).toBe(true);
    expect(lostCharactersAgree('m?ller', 'muller')).toBe(true);
    expect(lostCharactersAgree('m??ller', 'mueller')).toBe(true);
    expect(lostCharactersAgree('m??ller', 'muller')).toBe(true);
    expect(lostCharactersAgree('gro?', 'gross')).toBe(true);
    expect(lostCharactersAgree('y?ld?z', 'yildiz')).toBe(true);
    expect(lostCharactersAgree('wi?niewski', 'wisniewski')).toBe(true);
    // b, f, h, k, m, p … are never lost to an encoding; nor two letters that are no one character's fold.
    expect(lostCharactersAgree('m?ller', 'mbller')).toBe(false);
    expect(lostCharactersAgree('m?ller', 'maaller')).toBe(false);
    expect(lostCharactersAgree('m?ller', 'mller')).toBe(false);
    // Too little left to compare.
    expect(lostCharactersAgree('?', 'a')).toBe(false);
    expect(lostCharactersAgree('a??', 'abc')).toBe(false);
  });

  it('give the level "wildcard" for surnames and given names', () => {
    expect(surname('M?ller', 'Müller')).toBe('wildcard');
    expect(surname('M\uFFFDller', 'Mueller')).toBe('wildcard');
    expect(surname('Gro?mann', 'Großmann')).toBe('wildcard');
    expect(surname('?zt?rk', 'Öztürk')).toBe('wildcard');
    expect(surname('Ko?odziej', 'Kołodziej')).toBe('wildcard');
    expect(given('J?rgen', 'Jürgen')).toBe('wildcard');
    expect(given('Ay?e', 'Ayşe')).toBe('wildcard');
    expect(given('Fran?ois', 'François')).toBe('wildcard');
    // A lost letter and a typo: one edit on top, "similar".
    expect(surname('M?lelr', 'Müller')).toBe('similar');
    // Lost in one part of a double surname.
    expect(surname('M?ller-Schmidt', 'Müller')).toBe('partial');
    // Still different names.
    expect(surname('M?ller', 'Weber')).toBe('differ');
    expect(given('J?rgen', 'Thomas')).toBe('differ');
  });
});

describe('maiden and other former surnames', () => {
  it.each([
    ['Müller (geb. Schmidt)', 'Müller', 'Schmidt'],
    ['Müller geb. Schmidt', 'Müller', 'Schmidt'],
    ['Müller, geb. Schmidt', 'Müller', 'Schmidt'],
    ['Müller geborene Schmidt', 'Müller', 'Schmidt'],
    ['Schmidt née Dupont', 'Schmidt', 'Dupont'],
    ['Jones born Smith', 'Jones', 'Smith'],
    ['Kowalska z domu Nowak', 'Kowalska', 'Nowak'],
    ['Kowalska (z d. Nowak)', 'Kowalska', 'Nowak'],
    ['Weber verh. Lange', 'Weber', 'Lange'],
    ['Dr. Anna Müller (geb. Schmidt)', 'Dr. Anna Müller', 'Schmidt'],
  ])('%s → %s + %s', (value, rest, former) => expect(splitFormerSurname(value)).toEqual({ rest, former }));

  it('needs a name on both sides of the marker', () => {
    expect(splitFormerSurname('Max Born')).toEqual({ rest: 'Max Born', former: '' });
    expect(splitFormerSurname('Born')).toEqual({ rest: 'Born', former: '' });
    expect(splitFormerSurname('geb. Schmidt')).toEqual({ rest: 'geb. Schmidt', former: '' });
    expect(splitFormerSurname('Nee')).toEqual({ rest: 'Nee', former: '' });
  });

  it('joins the surname as a second part, like a double surname', () => {
    expect(foldNameField('Müller (geb. Schmidt)')).toBe('mueller schmidt');
    expect(foldNameField('Müller-Schmidt')).toBe('mueller schmidt');
    expect(personName({ full_name: 'Frau Anna Müller geb. Schmidt' })).toMatchObject({ first: 'anna', last: 'mueller schmidt', gender: 'f' });
    expect(personName({ first_name: 'Anna', last_name: 'Müller (geb. Schmidt)' })).toMatchObject({ first: 'anna', last: 'mueller schmidt' });
  });

  it('agree in part with either name', () => {
    expect(surname('Müller (geb. Schmidt)', 'Schmidt')).toBe('partial');
    expect(surname('Müller (geb. Schmidt)', 'Müller')).toBe('partial');
    expect(surname('Müller geb. Schmidt', 'Müller-Schmidt')).toBe('exact');
    expect(surname('Schmidt née Dupont', 'Dupont')).toBe('partial');
    expect(surname('Kowalska z domu Nowak', 'Nowak')).toBe('partial');
    expect(surname('Müller (geb. Schmidt)', 'Weber')).toBe('differ');
  });
});

describe('given names with initials', () => {
  it.each([
    ['Thomas J.', 'Thomas', 'exact'],
    ['Thomas J.', 'Thomas Josef', 'exact'],
    ['Hans P.', 'Hans-Peter', 'exact'],
    ['Thomas J.', 'Thomas K.', 'partial'],
    ['Hans Peter', 'Hans', 'partial'],
    ['J. Thomas', 'Johann Thomas', 'partial'],
    ['J. Thomas', 'Thomas', 'middle_name'],
    ['J. Thomas', 'Karl Thomas', 'middle_name'],
    ['T.', 'Thomas', 'initial'],
    ['H.-P.', 'Hans Peter', 'initial'],
    ['J.', 'Thomas', 'differ'],
  ])('%s / %s → %s', (a, b, level) => expect(given(a, b)).toBe(level));
});

describe('typos', () => {
  it.each([
    // Transpositions, deletions, doublings.
    ['Mülelr', 'Müller', 'similar'],
    ['Schmdit', 'Schmidt', 'similar'],
    ['Kowalsik', 'Kowalski', 'similar'],
    ['Yilmza', 'Yilmaz', 'similar'],
    ['Wisniewski', 'Wiśniewski', 'exact'],
    ['Oeztuerk', 'Öztürk', 'exact'],
    ['Ozturk', 'Öztürk', 'similar'],
    ['Thompsen', 'Thompson', 'similar'],
    // A typo in the part of a double surname that the other record holds: one edit, six letters.
    ['Müller-Lüdenscheidt', 'Lüdenscheid', 'similar'],
    ['Steinbauer-Keller', 'Steinbaer', 'similar'],
    ['Roth-Wagner', 'Wgner', 'differ'],
    ['Reiterhofer-Schmidt', 'Schmid', 'differ'],
    ['Müller-Beck', 'Möller', 'differ'],
    // Sound-alike spellings of common surnames stay similar; two common families do not.
    ['Meier', 'Maier', 'similar'],
    ['Schmitt', 'Schmitz', 'differ'],
    ['Bauer', 'Sauer', 'differ'],
  ])('surnames %s / %s → %s', (a, b, level) => expect(surname(a, b)).toBe(level));

  it.each([
    ['Jnoe', 'Jone', 'similar'],
    ['Tobais', 'Tobias', 'similar'],
    ['Mehmte', 'Mehmet', 'similar'],
    ['Katarzyan', 'Katarzyna', 'similar'],
    ['Soph ie', 'Sophie', 'exact'],
    ['Anna Lena', 'Annalena', 'exact'],
    ['Lachlq Njohn', 'Lachlan John', 'similar'],
    // Four letters two edits apart are another name.
    ['Jnoe', 'Jane', 'differ'],
    // Two known given names a letter apart are two names.
    ['Christian', 'Christine', 'differ'],
    ['Uwe', 'Ute', 'differ'],
    ['Frank', 'Franz', 'differ'],
    ['Tom', 'Tim', 'differ'],
    ['Daniel', 'Daniela', 'differ'],
    // …unless they are one name's variants.
    ['Stefan', 'Stephan', 'nickname'],
    ['Thomas', 'Tobias', 'differ'],
  ])('given names %s / %s → %s', (a, b, level) => expect(given(a, b)).toBe(level));

  it('knows given names from the nickname groups and the common names', () => {
    for (const n of ['thomas', 'tom', 'christine', 'ute', 'katharina']) expect(isKnownGivenName(n)).toBe(true);
    for (const n of ['tobais', 'jnoe', 'mehmte']) expect(isKnownGivenName(n)).toBe(false);
  });

  it('similarNames needs three letters and, for two edits, five letters that sound alike', () => {
    expect(similarNames(surnameInfo('li'), surnameInfo('lu'))).toBe(false);
    expect(similarNames(surnameInfo('kaya'), surnameInfo('kayaa'))).toBe(true);
    expect(similarNames(surnameInfo('burgkoetter'), surnameInfo('burgoektter'))).toBe(true);
    expect(similarNames(surnameInfo('sonnensteiner'), surnameInfo('sonnenreiter'))).toBe(false);
    expect(similarNames(givenNameInfo('jnoe'), givenNameInfo('jane'))).toBe(false);
  });
});
