import { describe, expect, it } from 'vitest';
import { parseConsent, consentVocabulary } from '../src/suppress/consent.js';
import { domainAndParents, normalizeDomain, normalizeEmail, normalizePhone, withoutPlusTag } from '../src/suppress/normalize.js';
import { parseSuppressionList, suppressionListFrom } from '../src/suppress/suppression-list.js';
import { buildSuppressionIndex, hashEmail, listReasons } from '../src/suppress/suppression-index.js';
import { createSuppressor, suppressColumns, SUPPRESS_COLUMNS } from '../src/suppress/suppressor.js';
import { defaultRules, parseRules } from '../src/rules/load.js';
import type { Row } from '../src/table.js';

// Hashes of "max.mustermann@beispiel.de", as a list vendor would send them.
const MD5 = '9652faba3ebd5f4ccc1ed2c3b14d14a4';
const SHA1 = '8b387d6723eddaa5305124b91bbf00be82b046ef';
const SHA256 = 'ea16fb10888a62111688175919d1a708bb20ed44479f7a88fb14498dbd6cfcbd';

const LIST_OPTIONS = { matchWebsite: true, phoneRegion: 'DE' };

function reasonsFor(listText: string, row: Row, name = 'dnc.txt'): string[] {
  return listReasons(row, buildSuppressionIndex([parseSuppressionList(listText, name)]), LIST_OPTIONS);
}

describe('normalisation', () => {
  it.each<[string, string]>([
    [' Max.Mustermann@Beispiel.DE ', 'max.mustermann@beispiel.de'],
    ['mailto:info@firma.de', 'info@firma.de'],
    ['<info@firma.de>', 'info@firma.de'],
    ['kein@', ''],
    ['keine-mail', ''],
  ])('email %s → %s', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it('strips plus tags', () => {
    expect(withoutPlusTag('max+newsletter@firma.de')).toBe('max@firma.de');
    expect(withoutPlusTag('max@firma.de')).toBe('max@firma.de');
  });

  it.each<[string, string]>([
    ['firma.de', 'firma.de'],
    ['@Firma.de', 'firma.de'],
    ['*.firma.de', 'firma.de'],
    ['https://www.firma.de/impressum?x=1', 'firma.de'],
    ['http://shop.firma.de:8080/', 'shop.firma.de'],
    ['müller-bau.de', 'müller-bau.de'],
    ['localhost', ''],
    ['not a domain', ''],
  ])('domain %s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it('lists a domain and its parents, never the bare TLD', () => {
    expect(domainAndParents('a.b.firma.de')).toEqual(['a.b.firma.de', 'b.firma.de', 'firma.de']);
  });

  it.each<[string, string, string]>([
    ['030 1234567', 'DE', '+49301234567'],
    ['+49 (0)30 1234567', 'DE', '+49301234567'],
    ['0049 30 1234567', 'DE', '+49301234567'],
    ['(030) 12 34 56-7', 'DE', '+49301234567'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['01 234567', 'AT', '+431234567'],
    ['+41 44 123 45 67', 'DE', '+41441234567'],
    ['12', 'DE', ''],
    ['unbekannt', 'DE', ''],
  ])('phone %s (%s) → %s', (input, region, expected) => {
    expect(normalizePhone(input, region)).toBe(expected);
  });
});

describe('list parsing', () => {
  it('recognises each kind of entry and skips header, blanks and comments', () => {
    const list = parseSuppressionList(
      [
        '\uFEFFE-Mail-Adresse',
        '# Robinson-Liste, Stand 2025-03',
        '',
        'Max.Mustermann@Beispiel.de;2024-01-05',
        '"opt-out@firma.de",unsubscribed',
        'konkurrenz.de',
        '@rival.com',
        '030 1234567',
        '+43 1 234567',
        MD5.toUpperCase(),
        SHA1,
        SHA256,
        'irgendwas ohne Form',
        'abc123',
      ].join('\r\n'),
      'robinson.csv',
    );
    expect([...list.emails]).toEqual(['max.mustermann@beispiel.de', 'opt-out@firma.de']);
    expect([...list.domains]).toEqual(['konkurrenz.de', 'rival.com']);
    expect([...list.phones]).toEqual(['+49301234567', '+431234567']);
    expect([...list.hashes.md5]).toEqual([MD5]);
    expect([...list.hashes.sha1]).toEqual([SHA1]);
    expect([...list.hashes.sha256]).toEqual([SHA256]);
    expect(list.rejected).toEqual([
      { line: 13, text: 'irgendwas ohne Form' },
      { line: 14, text: 'abc123' },
    ]);
  });

  it('rejects lines that do not fit a forced kind, and hex of the wrong length', () => {
    const list = parseSuppressionList('a@b.de\nfirma.de\nabcdef0123\n', 'emails.txt', { kind: 'email' });
    expect([...list.emails]).toEqual(['a@b.de']);
    expect(list.rejected.map((r) => r.text)).toEqual(['firma.de', 'abcdef0123']);
    const hashes = parseSuppressionList(`${MD5}\n${'a'.repeat(50)}\n`, 'h.txt', { kind: 'hash' });
    expect(hashes.hashes.md5.size).toBe(1);
    expect(hashes.rejected).toEqual([{ line: 2, text: 'a'.repeat(50) }]);
  });

  it('reads phone lists in the given region', () => {
    expect([...parseSuppressionList('01 234567', 'at.txt', { kind: 'phone', phoneRegion: 'AT' }).phones]).toEqual(['+431234567']);
  });

  it('builds a list from values in memory', () => {
    const list = suppressionListFrom('crm-optouts', ['a@b.de', '', 'nonsense value']);
    expect([...list.emails]).toEqual(['a@b.de']);
    expect(list.rejected).toEqual([{ line: 3, text: 'nonsense value' }]);
  });
});

describe('list matching', () => {
  it.each<[string, string]>([
    ['md5', MD5],
    ['sha1', SHA1],
    ['sha256', SHA256],
    ['upper-case md5', MD5.toUpperCase()],
  ])('matches a %s hash of the trimmed, lower-cased email', (_name, hash) => {
    expect(reasonsFor(hash, { email: ' Max.Mustermann@BEISPIEL.de ' }, 'vendor-hashes.txt')).toEqual(['list_hash:vendor-hashes.txt']);
    expect(reasonsFor(hash, { email: 'erika.mustermann@beispiel.de' })).toEqual([]);
  });

  it('hashes as vendors do', () => {
    expect(hashEmail(' Max.Mustermann@Beispiel.de ', 'md5')).toBe(MD5);
    expect(hashEmail('max.mustermann@beispiel.de', 'sha1')).toBe(SHA1);
    expect(hashEmail('MAX.MUSTERMANN@BEISPIEL.DE', 'sha256')).toBe(SHA256);
  });

  it('matches plain emails case-insensitively and with or without a +tag', () => {
    expect(reasonsFor('max@firma.de', { email: 'MAX@Firma.de' })).toEqual(['list_email:dnc.txt']);
    expect(reasonsFor('max@firma.de', { email: 'max+messe@firma.de' })).toEqual(['list_email:dnc.txt']);
    expect(reasonsFor('max@firma.de', { email: 'maxi@firma.de' })).toEqual([]);
  });

  it('matches a domain and all its subdomains, not look-alikes', () => {
    expect(reasonsFor('firma.de', { email: 'a@firma.de' })).toEqual(['list_domain:dnc.txt']);
    expect(reasonsFor('firma.de', { email: 'a@vertrieb.firma.de' })).toEqual(['list_domain:dnc.txt']);
    expect(reasonsFor('firma.de', { email: 'a@mail.eu.firma.de' })).toEqual(['list_domain:dnc.txt']);
    expect(reasonsFor('firma.de', { email: 'a@meinefirma.de' })).toEqual([]);
    expect(reasonsFor('firma.de', { email: 'a@firma.de.evil.com' })).toEqual([]);
    expect(reasonsFor('vertrieb.firma.de', { email: 'a@firma.de' })).toEqual([]);
  });

  it('matches the website against domain lists unless switched off', () => {
    const index = buildSuppressionIndex([parseSuppressionList('rival.com', 'competitors.txt')]);
    const row = { email: 'ceo@gmail.com', website: 'https://www.rival.com/about' };
    expect(listReasons(row, index, LIST_OPTIONS)).toEqual(['list_domain:competitors.txt']);
    expect(listReasons(row, index, { ...LIST_OPTIONS, matchWebsite: false })).toEqual([]);
  });

  it('matches phone and mobile after normalising to E.164, in the row country', () => {
    expect(reasonsFor('+49 30 1234567', { phone: '030 / 123 45 67' })).toEqual(['list_phone:dnc.txt']);
    expect(reasonsFor('0049301234567', { mobile: '+49 (0) 30-1234567' })).toEqual(['list_phone:dnc.txt']);
    expect(reasonsFor('+431234567', { phone: '01 234567' })).toEqual([]);
    const index = buildSuppressionIndex([parseSuppressionList('+431234567', 'at.txt')]);
    expect(listReasons({ phone: '01 234567' }, index, { ...LIST_OPTIONS, country: 'AT' })).toEqual(['list_phone:at.txt']);
    // A country without phone numbering falls back to the configured region instead of failing.
    const de = buildSuppressionIndex([parseSuppressionList('+49301234567', 'de.txt')]);
    expect(listReasons({ phone: '030 1234567' }, de, { ...LIST_OPTIONS, country: 'Narnia' })).toEqual(['list_phone:de.txt']);
  });

  it('names the first list an entry is on, and every kind of hit', () => {
    const index = buildSuppressionIndex([
      parseSuppressionList('max@firma.de', 'optout.txt'),
      parseSuppressionList('max@firma.de\nfirma.de', 'robinson.txt'),
    ]);
    expect(listReasons({ email: 'max@firma.de' }, index, LIST_OPTIONS)).toEqual(['list_email:optout.txt', 'list_domain:robinson.txt']);
  });
});

describe('consent values', () => {
  it.each<[string, string]>([
    ['ja', 'granted'],
    ['Ja', 'granted'],
    ['YES', 'granted'],
    ['true', 'granted'],
    ['1', 'granted'],
    ['x', 'granted'],
    ['X', 'granted'],
    ['opt-in', 'granted'],
    ['Opt-In', 'granted'],
    ['Double Opt-In', 'granted'],
    ['DOI', 'granted'],
    ['bestätigt', 'granted'],
    ['2024-03-01', 'granted'],
    ['01.03.2024 (Messe)', 'granted'],
    ['nein', 'denied'],
    ['No', 'denied'],
    ['false', 'denied'],
    ['0', 'denied'],
    ['opt-out', 'denied'],
    ['widerrufen', 'denied'],
    ['abgemeldet', 'denied'],
    ['', 'unknown'],
    ['  ', 'unknown'],
    ['?', 'unknown'],
    ['unklar', 'unknown'],
  ])('%s → %s', (value, expected) => {
    expect(parseConsent(value)).toBe(expected);
  });

  it('accepts a team\'s own words', () => {
    const v = consentVocabulary(['Einwilligung liegt vor'], ['Werbewiderspruch']);
    expect(parseConsent('einwilligung liegt vor', v)).toBe('granted');
    expect(parseConsent('WERBEWIDERSPRUCH', v)).toBe('denied');
    expect(parseConsent('Werbewiderspruch')).toBe('unknown');
  });
});

describe('channels and suppression', () => {
  const suppress = createSuppressor(defaultRules().suppress);
  const cols = (row: Row) => suppressColumns(suppress(row));

  it.each<[string, Row, string, string, string]>([
    ['B2B, email consent, phone without consent', { segment: 'b2b', email: 'a@firma.de', consent_email: 'ja', phone: '030 1234567' }, 'email;phone', 'false', ''],
    ['B2B, no email consent, phone', { segment: 'b2b', email: 'a@firma.de', phone: '030 1234567' }, 'phone', 'false', 'no_email_consent'],
    ['B2B, phone consent refused', { segment: 'b2b', phone: '030 1234567', consent_phone: 'nein' }, '', 'true', 'no_phone_consent_b2b'],
    ['B2C phone needs documented consent', { segment: 'b2c', phone: '030 1234567' }, '', 'true', 'no_phone_consent_b2c'],
    ['B2C phone with consent', { segment: 'b2c', phone: '030 1234567', consent_phone: 'ja' }, 'phone', 'false', ''],
    ['unknown segment is treated as B2C', { phone: '030 1234567' }, '', 'true', 'no_phone_consent_b2c'],
    ['email consent refused', { email: 'a@firma.de', consent_email: 'opt-out' }, '', 'true', 'no_email_consent'],
    ['invalid email is no channel', { email: 'a@firma', email_status: 'invalid', consent_email: 'ja' }, '', 'true', 'no_contact_data'],
    ['mobile counts as phone', { segment: 'b2b', mobile: '0151 23456789', mobile_status: 'valid' }, 'phone', 'false', ''],
    ['nothing to contact', { company: 'Firma GmbH' }, '', 'true', 'no_contact_data'],
  ])('%s', (_name, row, channels, suppressed, reason) => {
    expect(cols(row)).toEqual({ channels, suppressed, suppress_reason: reason });
  });

  it('reads row phones in the row country', () => {
    const s = createSuppressor(defaultRules().suppress, buildSuppressionIndex([parseSuppressionList('+43 1 234567', 'at.txt')]));
    // Every reason that applies is listed: the list hit and the missing B2C phone consent.
    expect(s({ phone: '01 234567', country: 'AT' }).reasons).toEqual(['list_phone:at.txt', 'no_phone_consent_b2c']);
    expect(s({ phone: '01 234567', country: 'Österreich', segment: 'b2b' }).reasons).toEqual(['list_phone:at.txt']);
    expect(s({ phone: '01 234567', country: 'DE' }).reasons).not.toContain('list_phone:at.txt');
  });

  it('suppresses a listed row entirely, even with consent, and gives the reason', () => {
    const s = createSuppressor(defaultRules().suppress, buildSuppressionIndex([parseSuppressionList(SHA256, 'vendor.txt')]));
    const out = suppressColumns(s({ segment: 'b2b', email: 'max.mustermann@beispiel.de', consent_email: 'ja', phone: '030 1234567' }));
    expect(out).toEqual({ channels: '', suppressed: 'true', suppress_reason: 'list_hash:vendor.txt' });
  });

  it('follows the consent policies and channels of the rules file', () => {
    const rules = parseRules(
      [
        'suppress:',
        '  channels: [email, phone, post]',
        '  consent:',
        '    email: not_denied',
        '    phone_b2c: not_denied',
        '    unknown_segment: b2b',
        '    granted_values: [Messe-Opt-in]',
        '    denied_values: [Werbewiderspruch]',
      ].join('\n'),
      'r.yml',
    );
    const s = createSuppressor(rules.suppress);
    expect(s({ email: 'a@firma.de', phone: '030 1234567' }).channels).toEqual(['email', 'phone']);
    expect(s({ email: 'a@firma.de', consent_email: 'Werbewiderspruch' }).reasons).toEqual(['no_email_consent']);
    expect(s({ street: 'Hauptstr. 1', postal_code: '80331', city: 'München' })).toEqual({ channels: ['post'], suppressed: false, reasons: [] });
    expect(s({ street: 'Hauptstr. 1', postal_code: '80331', city: 'München', address_status: 'invalid' }).suppressed).toBe(true);
    const strictPost = createSuppressor(parseRules('suppress:\n  channels: [post]\n  consent: { post: granted }\n', 'r.yml').suppress);
    expect(strictPost({ street: 'Hauptstr. 1', postal_code: '80331', city: 'München', consent_post: 'Messe-Opt-in' }).reasons).toEqual(['no_post_consent']);
  });

  it('ignores consent with policy "ignore"', () => {
    const s = createSuppressor(parseRules('suppress:\n  consent: { email: ignore }\n', 'r.yml').suppress);
    expect(s({ email: 'a@firma.de', consent_email: 'nein' }).channels).toEqual(['email']);
  });

  it('has the documented output columns', () => {
    expect(Object.keys(cols({}))).toEqual([...SUPPRESS_COLUMNS]);
  });
});
