import { foldForCompare as foldText } from '../text/fold.js';
import { parseLocaleNumber } from './locale-number.js';

/**
 * Reading "how many" and "how much" as vendors write it: "51-200", "50+", "ca. 100",
 * "1.000-4.999", ">250", "bis 10", "10 bis 49", "1-9 MA", "über 500 Mitarbeiter";
 * "5 Mio. €", "€2.5M", "1-5 Mio", "500 T€", "2,5 Mrd.". The result is a closed or half-open
 * range; a plain number is a range of one value. No currency conversion: "$3M" is 3,000,000.
 */
export interface QuantityRange {
  min: number;
  /** Infinity for open ranges ("50+", "> 250"). */
  max: number;
}

const MAGNITUDES: Record<string, number> = {
  k: 1e3,
  t: 1e3,
  tsd: 1e3,
  tausend: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  mill: 1e6,
  million: 1e6,
  millionen: 1e6,
  b: 1e9,
  bn: 1e9,
  mrd: 1e9,
  milliarde: 1e9,
  milliarden: 1e9,
  billion: 1e9,
};

type Bound = 'lower' | 'lowerStrict' | 'upper' | 'upperStrict';

/** Words (after folding: "über" → "ueber") that make one number a bound. */
const BOUND_WORDS: Record<string, Bound> = {
  ab: 'lower',
  from: 'lower',
  mindestens: 'lower',
  min: 'lower',
  least: 'lower',
  minimum: 'lower',
  ueber: 'lowerStrict',
  over: 'lowerStrict',
  more: 'lowerStrict',
  mehr: 'lowerStrict',
  greater: 'lowerStrict',
  groesser: 'lowerStrict',
  above: 'lowerStrict',
  bis: 'upper',
  up: 'upper',
  max: 'upper',
  maximal: 'upper',
  maximum: 'upper',
  hoechstens: 'upper',
  unter: 'upperStrict',
  under: 'upperStrict',
  below: 'upperStrict',
  less: 'upperStrict',
  weniger: 'upperStrict',
  kleiner: 'upperStrict',
};

/** Words that join two numbers into a range; "bis" is one only between two numbers. */
const RANGE_WORDS = new Set(['bis', 'to', 'und', 'and']);

type Token =
  | { kind: 'number'; value: number; magnitude: number }
  | { kind: 'sep' }
  | { kind: 'plus' }
  | { kind: 'bound'; bound: Bound };

const NUMBER = /\d{1,3}(?:['’ ]\d{3})+(?:[.,]\d+)?|\d[\d.,]*/y;
const MAGNITUDE = /\s*(tausend|tsd|millionen|million|milliarden|milliarde|billion|mill|mio|mrd|mn|mm|bn|k|t|m|b)(?![a-z])\.?/y;
const WORD = /[a-z]+\.?/y;

function tokenize(text: string): Token[] | undefined {
  const s = foldText(text)
    // Currency marks go first so "T€" and "TEUR" leave the magnitude "t" behind.
    .replace(/euro?|€|chf|usd|us\$|\$|£|gbp|fr\./g, ' ')
    .replace(/[\u00a0\u202f\u2009]/g, ' ');
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c) || c === ':' || c === '~' || c === '(' || c === ')') {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(s);
    if (num) {
      const raw = num[0].replace(/[.,]+$/, '');
      const value = parseLocaleNumber(raw);
      if (value === undefined) return undefined;
      i += num[0].length;
      MAGNITUDE.lastIndex = i;
      const mag = MAGNITUDE.exec(s);
      let magnitude = 1;
      if (mag) {
        magnitude = MAGNITUDES[mag[1]];
        i += mag[0].length;
      }
      tokens.push({ kind: 'number', value, magnitude });
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '>=' || two === '=>' || two === '<=' || two === '=<') {
      tokens.push({ kind: 'bound', bound: two.includes('>') ? 'lower' : 'upper' });
      i += 2;
      continue;
    }
    if (c === '>' || c === '<' || c === '≥' || c === '≤') {
      const bound: Bound = c === '>' ? 'lowerStrict' : c === '<' ? 'upperStrict' : c === '≥' ? 'lower' : 'upper';
      tokens.push({ kind: 'bound', bound });
      i++;
      continue;
    }
    if (c === '+') {
      tokens.push({ kind: 'plus' });
      i++;
      continue;
    }
    if (c === '-' || c === '–' || c === '—' || c === '…' || s.startsWith('...', i) || s.startsWith('..', i)) {
      tokens.push({ kind: 'sep' });
      i += s.startsWith('...', i) ? 3 : s.startsWith('..', i) ? 2 : 1;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(s);
    if (word) {
      const w = word[0].replace(/\.$/, '');
      const afterNumber = tokens.length > 0 && tokens[tokens.length - 1].kind === 'number';
      if (RANGE_WORDS.has(w) && afterNumber) tokens.push({ kind: 'sep' });
      else if (BOUND_WORDS[w]) tokens.push({ kind: 'bound', bound: BOUND_WORDS[w] });
      // Anything else ("ca", "Mitarbeiter", "employees", "weltweit") carries no quantity.
      i += word[0].length;
      continue;
    }
    i++; // other punctuation: "/", "," between words, "?"
  }
  return tokens;
}

/**
 * Parses a quantity or a range. Strict bounds exclude the number itself by one unit — a person
 * for `integer` head counts ("> 250" is 251 or more, "< 10" at most 9), a cent for money
 * ("> 50 Mio" is above 50,000,000, so it lands in a band that starts above 50 M). Returns
 * undefined when the text holds no quantity or is ambiguous (three numbers, two numbers that
 * are not a range).
 */
export function parseQuantityRange(text: string, integer: boolean): QuantityRange | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const numbers = tokens.filter((t): t is Extract<Token, { kind: 'number' }> => t.kind === 'number');
  const bound = tokens.find((t): t is Extract<Token, { kind: 'bound' }> => t.kind === 'bound')?.bound;
  const step = integer ? 1 : 0.01;

  if (numbers.length === 1) {
    const n = numbers[0].value * numbers[0].magnitude;
    const plus = tokens.some((t) => t.kind === 'plus');
    if (bound === 'lowerStrict') return { min: n + step, max: Infinity };
    if (bound === 'lower' || plus) return { min: n, max: Infinity };
    if (bound === 'upperStrict') return { min: 0, max: Math.max(0, n - step) };
    if (bound === 'upper') return { min: 0, max: n };
    return { min: n, max: n };
  }
  if (numbers.length === 2) {
    const i = tokens.indexOf(numbers[0]);
    const j = tokens.indexOf(numbers[1]);
    if (!tokens.slice(i + 1, j).some((t) => t.kind === 'sep')) return undefined;
    const [a, b] = numbers;
    const hi = b.value * b.magnitude;
    // "1-5 Mio": a unit written once belongs to both ends, unless that would put the low end
    // above the high one ("500 - 1 Mio" stays 500 … 1,000,000).
    const loMagnitude = a.magnitude !== 1 ? a.magnitude : a.value * b.magnitude <= hi ? b.magnitude : 1;
    const lo = a.value * loMagnitude;
    return lo <= hi ? { min: lo, max: hi } : { min: hi, max: lo };
  }
  return undefined;
}
