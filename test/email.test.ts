import isEmailModule from 'validator/lib/isEmail.js';
import { describe, expect, it } from 'vitest';
import tldTypoTable from '../src/data/email/tld-typos.json' with { type: 'json' };
import providerLists from '../src/data/email/providers.json' with { type: 'json' };
import { isDisposableDomain } from '../src/email/disposable.js';
import { isAdjacentSwap, osaDistance } from '../src/email/distance.js';
import { domainInfo } from '../src/email/domain.js';
import {
  applyMxStatus,
  applySuggestion,
  checkEmail,
  emailMatchKey,
  formatEmailFlags,
  type EmailFlag,
  type EmailReason,
  type EmailStatus,
} from '../src/email/index.js';
import { isRoleLocal } from '../src/email/role.js';
import { checkAsciiDomain, isValidLocalPart } from '../src/email/syntax.js';
import { isIanaTld } from '../src/email/tld.js';
import { suggestDomain } from '../src/email/typo.js';

const isEmail = isEmailModule.default;

interface Case {
  raw: string;
  status: EmailStatus;
  reason: EmailReason;
  flags?: EmailFlag[];
  suggestion?: string;
  email?: string;
  domain?: string;
}

function expectCase(c: Case): void {
  const r = checkEmail(c.raw);
  expect(r.status).toBe(c.status);
  expect(r.reason).toBe(c.reason);
  expect(r.flags).toEqual(c.flags ?? []);
  expect(r.suggestion).toBe(c.suggestion ?? '');
  if (c.email !== undefined) expect(r.email).toBe(c.email);
  if (c.domain !== undefined) expect(r.domain).toBe(c.domain);
}

describe('checkEmail: normalisation', () => {
  const cases: Case[] = [
    { raw: '  <Max.Mustermann@Firma.DE>  ', status: 'valid', reason: '', email: 'max.mustermann@firma.de', domain: 'firma.de' },
    { raw: 'Max Mustermann <Max.Mustermann@Firma.de>', status: 'valid', reason: '', email: 'max.mustermann@firma.de' },
    { raw: 'mailto:Max@Firma.de', status: 'valid', reason: '', email: 'max@firma.de' },
    { raw: 'MAILTO:max@firma.de?subject=Angebot', status: 'valid', reason: '', email: 'max@firma.de' },
    { raw: '<mailto:max@firma.de>', status: 'valid', reason: '', email: 'max@firma.de' },
    { raw: '\uFEFFmax@firma.de\t', status: 'valid', reason: '', email: 'max@firma.de' },
    // "u" + combining diaeresis (macOS, some PDFs) becomes the precomposed "ü".
    { raw: 'Mu\u0308ller@firma.de', status: 'valid', reason: '', email: 'müller@firma.de' },
    { raw: 'müller@bücher.de', status: 'valid', reason: '', email: 'müller@bücher.de', domain: 'xn--bcher-kva.de' },
    { raw: 'MÜLLER@BÜCHER.DE', status: 'valid', reason: '', email: 'müller@bücher.de', domain: 'xn--bcher-kva.de' },
    { raw: 'max@straße.de', status: 'valid', reason: '', domain: 'xn--strae-oqa.de' },
    { raw: 'max@xn--bcher-kva.de', status: 'valid', reason: '', email: 'max@xn--bcher-kva.de', domain: 'xn--bcher-kva.de' },
    { raw: 'max@пример.рф', status: 'valid', reason: '', domain: 'xn--e1afmkfd.xn--p1ai' },
    { raw: 'max@ｆｉｒｍａ.de', status: 'valid', reason: '', domain: 'firma.de' },
  ];
  it.each(cases)('$raw', expectCase);
});

describe('checkEmail: syntax', () => {
  const cases: Case[] = [
    { raw: '"max mustermann"@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: '"max"@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max"m@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max..mustermann@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: '.max@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max.@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max mustermann@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max\u00A0mustermann@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max\u200B@firma.de', status: 'invalid', reason: 'syntax', email: 'max\u200B@firma.de' },
    { raw: 'max\u0000@firma.de', status: 'invalid', reason: 'syntax', email: 'max\u0000@firma.de' },
    { raw: 'max\u00AD@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma.de, <anna@firma.de>', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma.de; anna@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma', status: 'invalid', reason: 'syntax' },
    { raw: 'max@', status: 'invalid', reason: 'syntax', email: 'max@' },
    { raw: '@firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'Firma.DE', status: 'invalid', reason: 'syntax', email: 'Firma.DE', domain: '' },
    { raw: 'max@192.168.0.1', status: 'invalid', reason: 'syntax' },
    { raw: 'max@[192.168.0.1]', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma_bau.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@-firma.de', status: 'invalid', reason: 'syntax' },
    { raw: 'max@firma.d3', status: 'invalid', reason: 'syntax' },
    { raw: `${'x'.repeat(65)}@firma.de`, status: 'invalid', reason: 'syntax' },
    { raw: `${'x'.repeat(64)}@firma.de`, status: 'valid', reason: '' },
    // 64 + 1 + 194 = 259 characters: every part is within its own limit, the whole is not.
    { raw: `${'x'.repeat(64)}@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.de`, status: 'invalid', reason: 'syntax' },
    { raw: `${'x'.repeat(50)}@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.de`, status: 'valid', reason: '' },
    // Domain punctuation slips are invalid but come with the obvious repair.
    { raw: 'max@firma..de', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@firma.de' },
    { raw: 'max@.firma.de', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@firma.de' },
    { raw: 'max@firma.de.', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@firma.de' },
    { raw: 'max@gmx,de', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@gmx.de' },
    // A stray key before or after the domain.
    { raw: 'max@#gmail.com', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@gmail.com' },
    { raw: 'max@müller-bau.de!', status: 'invalid', reason: 'syntax', flags: ['typo'], suggestion: 'max@müller-bau.de' },
  ];
  it.each(cases)('$raw', expectCase);
});

describe('checkEmail: top-level domains', () => {
  const cases: Case[] = [
    { raw: 'test@gmail.con', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'test@gmail.com', domain: '' },
    { raw: 'max@gmx.dee', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@gmx.de' },
    { raw: 'max@hotmail.con', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@hotmail.com' },
    { raw: 'max@gmial.con', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@gmail.com' },
    { raw: 'max@comcast.nry', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@comcast.net' },
    { raw: 'max@holzbau-gruber.cmo', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@holzbau-gruber.com' },
    { raw: 'max@yaho.de', status: 'risky', reason: 'typo', flags: ['typo'], suggestion: 'max@yahoo.de' },
    // Not a known TLD typo, but one edit from gmail.com.
    { raw: 'max@gmail.cok', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@gmail.com' },
    { raw: 'max@mueller-holzbau.ed', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@mueller-holzbau.de' },
    { raw: 'max@bücher.con', status: 'invalid', reason: 'tld', flags: ['typo'], suggestion: 'max@bücher.com' },
    { raw: 'max@firma.local', status: 'invalid', reason: 'tld' },
    { raw: 'max@firma.test', status: 'invalid', reason: 'tld' },
    { raw: 'max@firma.berlin', status: 'valid', reason: '' },
    { raw: 'max@firma.xn--p1ai', status: 'valid', reason: '' },
  ];
  it.each(cases)('$raw', expectCase);
});

describe('checkEmail: provider typos', () => {
  const typos: [string, string][] = [
    ['max@gmial.com', 'max@gmail.com'],
    ['max@gamil.com', 'max@gmail.com'],
    ['max@gmai.com', 'max@gmail.com'],
    ['max@googlemial.com', 'max@googlemail.com'],
    ['max@hotmial.com', 'max@hotmail.com'],
    ['max@hotmial.de', 'max@hotmail.de'],
    ['max@t-onlne.de', 'max@t-online.de'],
    ['max@tonline.de', 'max@t-online.de'],
    ['max@wbe.de', 'max@web.de'],
    ['max@gxm.de', 'max@gmx.de'],
    ['max@outlok.de', 'max@outlook.de'],
    ['max@yahooo.de', 'max@yahoo.de'],
    ['max@freenett.de', 'max@freenet.de'],
    ['max@bluewn.ch', 'max@bluewin.ch'],
    // A provider's TLD that lost its last letter; .co and .ne are real TLDs, but not these providers'.
    ['max@gmail.co', 'max@gmail.com'],
    ['max@hotmail.co', 'max@hotmail.com'],
    ['max@yahoo.co', 'max@yahoo.com'],
    ['max@gmx.ne', 'max@gmx.net'],
  ];
  it.each(typos)('%s → %s', (raw, suggestion) => {
    const r = checkEmail(raw);
    expect(r.status).toBe('risky');
    expect(r.reason).toBe('typo');
    expect(r.flags).toContain('typo');
    expect(r.suggestion).toBe(suggestion);
    // The original stays as given: suggestions are never applied by the check itself.
    expect(r.email).toBe(raw);
  });

  // Real, distinct domains: a provider's name under another real TLD, other providers, company
  // domains and short words one letter away from a provider.
  const untouched: [string, EmailFlag[]][] = [
    ['max@gmail.de', []],
    ['max@googlemail.de', []],
    ['max@mail.de', ['free']],
    ['max@email.de', ['free']],
    ['max@gmx.com', ['free']],
    ['max@gmx.net', ['free']],
    ['max@web.de', ['free']],
    ['max@mueller-holzbau.de', []],
    ['max@love.de', []],
    ['max@magento.de', []],
    ['max@gmc.de', []],
    ['max@wen.de', []],
    ['max@mailbox.de', []],
    ['max@gmail.cm', []],
    ['max@gmx.at', ['free']],
    ['max@t-online.de', ['free']],
    ['max@yahoo.co.uk', ['free']],
    ['max@gmx.fr', ['free']],
    // A company's own .co domain, one letter short of a .com only by accident.
    ['max@acme.co', []],
    ['max@mueller.co', []],
    ['max@fmail.com', []],
  ];
  it.each(untouched)('%s is left alone', (raw, flags) => {
    const r = checkEmail(raw);
    expect(r.status).toBe('valid');
    expect(r.reason).toBe('');
    expect(r.suggestion).toBe('');
    expect(r.flags).toEqual(flags);
  });

  it('a tie between two providers gives no suggestion', () => {
    // "hotmail.ds" is one substitution from hotmail.de and from hotmail.es.
    expect(suggestDomain('hotmail.ds')).toBe('');
    expect(checkEmail('max@hotmail.ds').suggestion).toBe('');
  });
});

describe('checkEmail: flags', () => {
  const cases: Case[] = [
    { raw: 'max@mailinator.com', status: 'risky', reason: 'disposable', flags: ['disposable'] },
    { raw: 'max@inbox.mailinator.com', status: 'risky', reason: 'disposable', flags: ['disposable'] },
    { raw: 'max@yopmail.com', status: 'risky', reason: 'disposable', flags: ['disposable'] },
    { raw: 'max@mailinator.com.firma.de', status: 'valid', reason: '' },
    { raw: 'max@gmail.com', status: 'valid', reason: '', flags: ['free'] },
    { raw: 'max@aon.at', status: 'valid', reason: '', flags: ['free'] },
    { raw: 'max@bluewin.ch', status: 'valid', reason: '', flags: ['free'] },
    { raw: 'max@posteo.de', status: 'valid', reason: '', flags: ['free'] },
    { raw: 'info@gmx.de', status: 'valid', reason: '', flags: ['free', 'role'] },
    { raw: 'info@firma.de', status: 'valid', reason: '', flags: ['role'] },
    { raw: 'info@mailinator.com', status: 'risky', reason: 'disposable', flags: ['disposable', 'role'] },
    { raw: 'info@wbe.de', status: 'risky', reason: 'typo', flags: ['role', 'typo'], suggestion: 'info@web.de' },
  ];
  it.each(cases)('$raw', expectCase);

  const roles = [
    'info', 'vertrieb', 'info+x', 'kontakt2', 'info2024', 'buchhaltung', 'einkauf', 'service', 'noreply', 'no-reply',
    'no.reply', 'do-not-reply', 'support', 'hello', 'mail', 'post', 'zentrale', 'verwaltung', 'personal', 'bewerbung',
    'jobs', 'presse', 'marketing', 'admin', 'webmaster', 'sales', 'office', 'kontakt', 'info.berlin', 'vertrieb-nord',
    'service_24', 'büro', 'buero', 'geschäftsführung',
  ];
  it.each(roles)('%s@ is a role address', (local) => {
    expect(isRoleLocal(local)).toBe(true);
    expect(checkEmail(`${local}@firma.de`).flags).toEqual(['role']);
  });

  const people = ['max.mustermann', 'anna.marketing', 'informatik', 'postmann', 'max.info', 'm.info', 'no', 'maxinfo', '123', 'j.service'];
  it.each(people)('%s@ is not a role address', (local) => {
    expect(isRoleLocal(local)).toBe(false);
    expect(checkEmail(`${local}@firma.de`).flags).toEqual([]);
  });

  it('formats flags for a CSV cell', () => {
    expect(formatEmailFlags(checkEmail('info@gmx.de').flags)).toBe('free;role');
    expect(formatEmailFlags([])).toBe('');
  });
});

describe('checkEmail: missing and hostile input', () => {
  it.each(['', '   ', '\t\r\n', '<>', ' < > ', 'mailto:', 'MAILTO:  '])('%j is missing', (raw) => {
    expectCase({ raw, status: 'missing', reason: 'missing', email: '', domain: '' });
  });

  it('treats a non-string from an untyped caller as missing', () => {
    expect(checkEmail(undefined as unknown as string).status).toBe('missing');
    expect(checkEmail(null as unknown as string).status).toBe('missing');
  });

  const hostile: string[] = [
    '\uD800',
    '\uDC00',
    'max\uD800@firma.de',
    'max@firma\uDBFF.de',
    'max@\uDC00',
    'a'.repeat(10_000),
    `${'a'.repeat(10_000)}@firma.de`,
    `max@${'a'.repeat(10_000)}.de`,
    `max@${'a.'.repeat(5_000)}de`,
    '@'.repeat(10_000),
    '.'.repeat(10_000),
    `<${'<'.repeat(5_000)}max@firma.de>`,
    'max@xn--.de',
    'max@xn--zz.de',
  ];
  it.each(hostile.map((raw) => [raw.length > 40 ? `${raw.slice(0, 20)}… (${raw.length} chars)` : JSON.stringify(raw), raw]))(
    '%s is invalid without throwing',
    (_label, raw) => {
      const r = checkEmail(raw);
      expect(r.status).toBe('invalid');
      expect(r.reason).toBe('syntax');
      expect(r.suggestion).toBe('');
    },
  );

  it('keeps the trimmed original as the email when it cannot be parsed', () => {
    expect(checkEmail('  \uD800 ').email).toBe('\uD800');
    const long = 'a'.repeat(10_000);
    expect(checkEmail(` ${long} `).email).toBe(long);
  });

  it('survives random junk and keeps its invariants', () => {
    const alphabet = ['a', 'B', 'ü', '@', '.', '.', '+', '"', ' ', '<', '>', ':', ',', '-', '\u0000', '\uD800', '\uDC00', '😀', 'x', 'de', 'com', 'gmx', 'mailto:'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const order: EmailFlag[] = ['disposable', 'free', 'role', 'typo'];
    for (let i = 0; i < 5000; i++) {
      let raw = '';
      const len = next(30);
      for (let j = 0; j < len; j++) raw += alphabet[next(alphabet.length)];
      const r = checkEmail(raw);
      expect(r.reason === '').toBe(r.status === 'valid');
      expect([...r.flags].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(r.flags);
      if (r.suggestion) expect(checkEmail(r.suggestion).status).not.toBe('invalid');
    }
  });
});

describe('applySuggestion and applyMxStatus', () => {
  it('applySuggestion re-checks the suggested address', () => {
    const fixed = applySuggestion(checkEmail('test@gmail.con'));
    expect(fixed).toEqual({ email: 'test@gmail.com', domain: 'gmail.com', status: 'valid', reason: '', flags: ['free'], suggestion: '' });
    const typo = applySuggestion(checkEmail('info@t-onlne.de'));
    expect([typo.email, typo.status, typo.flags]).toEqual(['info@t-online.de', 'valid', ['free', 'role']]);
  });

  it('applySuggestion returns the same result when there is nothing to apply', () => {
    const r = checkEmail('max@firma.de');
    expect(applySuggestion(r)).toBe(r);
  });

  it('applyMxStatus only downgrades on a definite no_mx', () => {
    const ok = checkEmail('max@firma.de');
    expect(applyMxStatus(ok, 'no_mx')).toMatchObject({ status: 'invalid', reason: 'no_mx', email: 'max@firma.de' });
    expect(applyMxStatus(ok, 'unknown')).toBe(ok);
    expect(applyMxStatus(ok, 'ok')).toBe(ok);
    expect(applyMxStatus(checkEmail('max@gmial.com'), 'no_mx')).toMatchObject({ status: 'invalid', reason: 'no_mx' });
    const bad = checkEmail('max@firma');
    expect(applyMxStatus(bad, 'no_mx')).toBe(bad);
  });
});

describe('emailMatchKey', () => {
  const keys: [string, string][] = [
    ['Max.Mustermann+news@GoogleMail.com', 'maxmustermann@gmail.com'],
    ['maxmustermann@gmail.com', 'maxmustermann@gmail.com'],
    ['m.a.x.mustermann@gmail.com', 'maxmustermann@gmail.com'],
    ['max+crm@firma.de', 'max@firma.de'],
    ['max.m@firma.de', 'max.m@firma.de'],
    ['<Max@Firma.DE>', 'max@firma.de'],
    ['müller@bücher.de', 'müller@xn--bcher-kva.de'],
    ['müller@xn--bcher-kva.de', 'müller@xn--bcher-kva.de'],
    ['+49@firma.de', '+49@firma.de'],
    ['', ''],
    ['   ', ''],
    // No address, no key: a placeholder must not make two rows look alike (dedupe, match, suppress).
    ['Keine Angabe', ''],
  ];
  it.each(keys)('%j → %j', (raw, key) => {
    expect(emailMatchKey(raw)).toBe(key);
  });

  it('does not merge dots outside Gmail', () => {
    expect(emailMatchKey('m.ax@gmx.de')).not.toBe(emailMatchKey('ma.x@gmx.de'));
  });
});

describe('domain facts are memoised', () => {
  it('returns the same object for the same domain', () => {
    const first = domainInfo('mueller-holzbau.de');
    expect(domainInfo('mueller-holzbau.de')).toBe(first);
    expect(first).toEqual({ ascii: 'mueller-holzbau.de', error: '', suggestion: '', disposable: false, free: false });
  });
});

describe('edit distance', () => {
  it.each([
    ['gmial', 'gmail', 1],
    ['gmail', 'gmail', 0],
    ['kitten', 'sitting', 3],
    ['t-onlne.de', 't-online.de', 1],
    ['ca', 'abc', 3], // optimal string alignment does not edit a transposed pair again
    ['', 'abc', 3],
  ] as const)('osaDistance(%s, %s) = %i', (a, b, d) => {
    expect(osaDistance(a, b, 10)).toBe(d);
  });

  it('stops at the bound', () => {
    expect(osaDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(osaDistance('gmail.com', 'hotmail.com', 0)).toBe(1);
  });

  it('agrees with an unbounded reference on random strings', () => {
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const word = (): string => Array.from({ length: next(8) }, () => 'abc.'[next(4)]).join('');
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = word();
      const max = next(4);
      expect(osaDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
    }
  });

  it('recognises a single adjacent swap only', () => {
    expect(isAdjacentSwap('wbe.de', 'web.de')).toBe(true);
    expect(isAdjacentSwap('web.de', 'web.de')).toBe(false);
    expect(isAdjacentSwap('ewb.de', 'web.de')).toBe(true);
    expect(isAdjacentSwap('bew.de', 'web.de')).toBe(false);
    expect(isAdjacentSwap('wbe.ed', 'web.de')).toBe(false);
  });
});

describe('syntax fast path agrees with validator', () => {
  const options = { allow_utf8_local_part: true, require_tld: true, allow_ip_domain: false, allow_display_name: false };
  it('on random ASCII local parts', () => {
    const alphabet = 'ab.-_+!#$%&\'*/=?^`{|}~"(),:;<>@[\\] \t';
    let seed = 99;
    const next = (n: number): number => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const local = Array.from({ length: 1 + next(6) }, () => alphabet[next(alphabet.length)]).join('');
      const expected = isEmail(`${local}@example.com`, options) && !local.includes('"');
      expect(isValidLocalPart(local), local).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('reference data', () => {
  it('lists only mistyped TLDs that are not real, mapped to real ones', () => {
    for (const [typo, tld] of Object.entries(tldTypoTable as Record<string, string>)) {
      expect(isIanaTld(typo), typo).toBe(false);
      expect(isIanaTld(tld), tld).toBe(true);
    }
  });

  it('lists providers that are well-formed, not disposable and never corrected', () => {
    const all = [...providerLists.typoTargets, ...providerLists.otherFree];
    expect(new Set(all).size).toBe(all.length);
    for (const domain of all) {
      expect(checkAsciiDomain(domain), domain).toBe('');
      expect(isDisposableDomain(domain), domain).toBe(false);
      expect(suggestDomain(domain), domain).toBe('');
    }
  });
});
