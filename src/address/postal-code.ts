/**
 * Postal code syntax per country: country prefixes, Excel-stripped zeros, canonical spacing.
 *
 * Each rule matches the code in compact form (upper case, spaces and hyphens removed) and
 * formats it the way the national post writes it: "1234 AB" (NL), "12-345" (PL), "123 45"
 * (SE, CZ, SK, GR), "SW1A 1AA" (GB). Countries without a rule are not checked. The same table
 * tells which country a code written in a form only one country uses implies
 * (countryFromPostcodeFormat).
 */
import { BoundedMemo } from '../text/bounded-memo.js';

interface Rule {
  re: RegExp;
  /** Canonical form from the match; the whole match when absent. */
  format?: (m: RegExpExecArray) => string;
  /** Numeric codes that may start with 0, which spreadsheets drop: pad back to this length. */
  padTo?: number;
  /** How many leading zeros may be missing (Rome's 00184 arrives as 184). */
  maxPad?: number;
}

const spaced = (m: RegExpExecArray): string => `${m[1]} ${m[2]}`;
const hyphenated = (m: RegExpExecArray): string => `${m[1]}-${m[2]}`;
const FIVE: Rule = { re: /^\d{5}$/ };
const FOUR: Rule = { re: /^\d{4}$/ };
const FOUR_NO_ZERO: Rule = { re: /^[1-9]\d{3}$/ };
const SIX: Rule = { re: /^\d{6}$/ };
const THREE_TWO: Rule = { re: /^(\d{3})(\d{2})$/, format: spaced };
// The inward code's letters leave out C, I, K, M, O and V.
const UK: Rule = { re: /^(?:([A-Z]{1,2}\d[A-Z\d]?)(\d[ABD-HJLNP-UW-Z]{2})|(GIR)(0AA))$/, format: (m) => (m[3] ? 'GIR 0AA' : spaced(m)) };

const RULES: Record<string, Rule> = {
  DE: { re: /^(?!00)\d{5}$/, padTo: 5 },
  AT: FOUR_NO_ZERO,
  CH: FOUR_NO_ZERO,
  LI: { re: /^94(?:8[5-9]|9[0-8])$/ },
  LU: { re: /^(?:L)?(\d{4})$/, format: (m) => m[1] },
  NL: { re: /^([1-9]\d{3})([A-Z]{2})$/, format: spaced },
  BE: FOUR_NO_ZERO,
  DK: FOUR,
  NO: FOUR,
  HU: FOUR_NO_ZERO,
  SI: FOUR_NO_ZERO,
  BG: FOUR,
  CY: FOUR,
  AU: FOUR,
  NZ: FOUR,
  ZA: FOUR,
  FR: { re: /^\d{5}$/, padTo: 5 },
  IT: { re: /^\d{5}$/, padTo: 5, maxPad: 2 },
  ES: { re: /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, padTo: 5 },
  // Helsinki's codes start with 00.
  FI: { re: /^\d{5}$/, padTo: 5, maxPad: 2 },
  EE: FIVE,
  HR: FIVE,
  MC: { re: /^980\d{2}$/ },
  SM: { re: /^4789\d$/ },
  VA: { re: /^00120$/ },
  TR: FIVE,
  UA: FIVE,
  RS: FIVE,
  BA: FIVE,
  ME: FIVE,
  MX: FIVE,
  LT: { re: /^(?:LT)?(\d{5})$/, format: (m) => `LT-${m[1]}` },
  LV: { re: /^(?:LV)?(\d{4})$/, format: (m) => `LV-${m[1]}` },
  SE: THREE_TWO,
  CZ: THREE_TWO,
  SK: THREE_TWO,
  GR: THREE_TWO,
  IS: { re: /^\d{3}$/ },
  PL: { re: /^(\d{2})(\d{3})$/, format: hyphenated },
  PT: { re: /^(\d{4})(\d{3})$/, format: hyphenated },
  RO: SIX,
  RU: SIX,
  BY: SIX,
  KZ: SIX,
  IN: { re: /^[1-9]\d{5}$/ },
  CN: SIX,
  SG: SIX,
  GB: UK,
  GG: UK,
  JE: UK,
  IM: UK,
  IE: { re: /^([AC-FHKNPRTV-Y]\d{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})$/, format: spaced },
  MT: { re: /^([A-Z]{3})(\d{4})$/, format: spaced },
  // No D, F, I, O, Q or U anywhere, no W or Z first.
  CA: { re: /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(\d[ABCEGHJ-NPRSTV-Z]\d)$/, format: spaced },
  US: { re: /^(\d{5})(\d{4})?$/, format: (m) => (m[2] ? hyphenated(m) : m[1]), padTo: 5 },
  JP: { re: /^(\d{3})(\d{4})$/, format: hyphenated },
  BR: { re: /^(\d{5})(\d{3})$/, format: hyphenated },
};

/**
 * Country prefixes written in front of a code ("D-80331", "A-1010", "CH-8001", "L-1111",
 * "NL-1234 AB"): vehicle registration letters and ISO codes.
 */
const PREFIX_COUNTRY: Record<string, string> = {
  D: 'DE', DE: 'DE', A: 'AT', AT: 'AT', CH: 'CH', FL: 'LI', LI: 'LI', L: 'LU', LU: 'LU',
  NL: 'NL', B: 'BE', BE: 'BE', F: 'FR', FR: 'FR', I: 'IT', IT: 'IT', E: 'ES', ES: 'ES',
  P: 'PT', PT: 'PT', PL: 'PL', CZ: 'CZ', SK: 'SK', H: 'HU', HU: 'HU', SLO: 'SI', SI: 'SI',
  HR: 'HR', DK: 'DK', S: 'SE', SE: 'SE', N: 'NO', NO: 'NO', FIN: 'FI', FI: 'FI', GR: 'GR',
  RO: 'RO', BG: 'BG', IS: 'IS', MC: 'MC', EST: 'EE', EE: 'EE',
};
/** "D-80331", "CH – 8001": letters, a dash, then digits. */
const DASH_PREFIX = /^([A-Z]{1,3})\s*[-–]\s*(?=\d)/;
/** "D 80331", "A 1010": only the DACH/LU vehicle letters, only before a purely numeric code. */
const SPACE_PREFIX = /^(D|A|CH|FL|L)\s+(?=\d[\d\s]*$)/;

export interface PostalCodeParts {
  /** Country named by a prefix ('' when there was none). */
  prefixCountry: string;
  /** The code without the prefix, trimmed, upper case. */
  body: string;
}

/** Splits a country prefix off a postal code: "D-80331" → DE + "80331". */
export function splitPostalPrefix(raw: string): PostalCodeParts {
  let text = raw.trim().toUpperCase();
  // A code that went through a spreadsheet as a number may come back as "1067.0".
  if (/^\d+\.0+$/.test(text)) text = text.slice(0, text.indexOf('.'));
  const m = DASH_PREFIX.exec(text) ?? SPACE_PREFIX.exec(text);
  if (m) {
    const prefixCountry = PREFIX_COUNTRY[m[1]];
    if (prefixCountry !== undefined) return { prefixCountry, body: text.slice(m[0].length).trim() };
  }
  return { prefixCountry: '', body: text };
}

export interface PostalCodeCheck {
  /** Canonical code when well formed (or unchecked), else the body as given. */
  code: string;
  /** The country has a syntax rule here. */
  checked: boolean;
  /** Matches the rule (true when unchecked). */
  wellFormed: boolean;
  /** Leading zeros were restored. */
  padded: boolean;
}

/**
 * Checks and formats a prefix-free code for a country. allowPadding is false when the code came
 * with another country's prefix: a "1010" labelled A- is not a German code missing its zero.
 */
export function formatPostalCode(body: string, country: string, allowPadding = true): PostalCodeCheck {
  const rule = RULES[country];
  if (rule === undefined) return { code: body, checked: false, wellFormed: true, padded: false };
  let compact = body.toUpperCase().replace(/[\s\-–]/g, '');
  let padded = false;
  if (allowPadding && rule.padTo !== undefined && /^\d+$/.test(compact)) {
    // US ZIP+4 loses its zero the same way: 2134-1234 → 02134-1234.
    const target = country === 'US' && compact.length > 5 ? 9 : rule.padTo;
    const missing = target - compact.length;
    if (missing > 0 && missing <= (rule.maxPad ?? 1)) {
      compact = '0'.repeat(missing) + compact;
      padded = true;
    }
  }
  const m = rule.re.exec(compact);
  if (!m) return { code: body, checked: true, wellFormed: false, padded: false };
  return { code: rule.format ? rule.format(m) : m[0], checked: true, wellFormed: true, padded };
}

/** True when leadkit knows the postal code syntax of the country. */
export function hasPostalFormat(country: string): boolean {
  return RULES[country] !== undefined;
}

/**
 * Codes of the UK's postcode system that belong to the Crown Dependencies, by their area letters.
 */
const UK_AREAS: Record<string, string> = { GY: 'GG', JE: 'JE', IM: 'IM' };
const UK_SYSTEM = new Set(['GB', 'GG', 'JE', 'IM']);

/**
 * The countries whose postcode this could be, as written: the code fits the country's rule and
 * is written the way that country writes it (its separator where it has one; a missing space
 * is forgiven in codes with letters, "SW1A1AA", "1012lg"). A country prefix ("A-1010",
 * "NL-1234 AB") names its country alone. Same table as formatPostalCode, so the country a code
 * implies is one the code is valid for. Spreadsheet-damaged codes (a lost leading zero) fit no
 * country here.
 */
export function postcodeCountries(raw: string): string[] {
  if (typeof raw !== 'string') return [];
  const { prefixCountry, body } = splitPostalPrefix(raw);
  if (body === '' || body.length > 12) return [];
  if (prefixCountry !== '') return formatPostalCode(body, prefixCountry, false).wellFormed ? [prefixCountry] : [];
  const written = body.replace(/\s+/g, ' ');
  const hasLetter = /[A-Z]/.test(written);
  const out: string[] = [];
  for (const country of Object.keys(RULES)) {
    const f = formatPostalCode(written, country, false);
    if (!f.wellFormed) continue;
    if (f.code === written || (hasLetter && f.code.replace(/ /g, '') === written.replace(/ /g, ''))) out.push(country);
  }
  return out;
}

/**
 * The one country a postcode's form implies, or undefined when none or several write codes that
 * way. Implied: a prefix ("A-1010"), the UK ("SW1A 1AA"; GY, JE and IM codes are Guernsey,
 * Jersey and the Isle of Man), NL "1012 LG", CA "K1A 0B1", IE "D02 X285", MT "VLT 1117",
 * PL "00-950", PT "1000-001", US ZIP+4 "60614-1234", LV "LV-1050", LT "LT-01100", JP
 * "100-0001", BR "01310-100". Not implied: plain digits (DE, FR, IT, ES and the US all use five,
 * a dozen countries four) and "123 45", which SE, CZ, SK and GR share.
 */
export function countryFromPostcodeFormat(raw: string): string | undefined {
  if (typeof raw !== 'string' || /^\s*\d+\s*$/.test(raw)) return undefined;
  // A list repeats its codes; '' stands for "none" in the memo.
  return impliedMemo.get(raw) || undefined;
}

const impliedMemo = new BoundedMemo<string>(50_000, (raw) => {
  const countries = postcodeCountries(raw);
  if (countries.length === 1) return countries[0];
  if (countries.length > 1 && countries.every((c) => UK_SYSTEM.has(c))) {
    return UK_AREAS[splitPostalPrefix(raw).body.slice(0, 2)] ?? 'GB';
  }
  return '';
});

