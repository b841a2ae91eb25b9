import { UsageError } from '../errors.js';
import { isIsoDate } from '../date/parse.js';
import { countryCode } from '../classify/region.js';
import { parseDelimiterOption } from '../io/read.js';
import type { OptionSpec } from './types.js';

/** One parser per option type (the types are described in types.ts, OptionType). */

function fail(flag: string, expected: string, raw: string): never {
  throw new UsageError(`${flag} expects ${expected}; got ${JSON.stringify(raw)}`);
}

/** The long flag as written (`--as-of`), for messages. */
export function flagName(spec: OptionSpec): string {
  return /--[a-z0-9-]+/i.exec(spec.flags)?.[0] ?? spec.flags;
}

/** Parse one raw value of an option; a value that does not fit is a usage error naming the flag. */
export function parseOptionValue(spec: OptionSpec, raw: string): unknown {
  const flag = flagName(spec);
  if (spec.choices && !spec.choices.includes(raw)) fail(flag, `one of ${spec.choices.join(', ')}`, raw);
  switch (spec.type ?? 'text') {
    case 'text':
      return raw;
    case 'file':
      if (raw.trim() === '') fail(flag, 'a file name', raw);
      return raw;
    case 'date':
      if (!isIsoDate(raw.trim())) fail(flag, 'a date yyyy-mm-dd that exists, such as 2026-11-22', raw);
      return raw.trim();
    case 'country': {
      const cc = countryCode(raw);
      if (cc === '') fail(flag, 'a country: an ISO 3166 alpha-2 code such as DE, AT, CH, or its name', raw);
      return cc;
    }
    case 'count':
    case 'positive': {
      const t = raw.trim();
      const min = spec.type === 'positive' ? 1 : 0;
      if (!/^\d+$/.test(t) || Number(t) < min || !Number.isSafeInteger(Number(t))) fail(flag, min ? 'a whole number of at least 1' : 'a whole number (0 or more)', raw);
      return Number(t);
    }
    case 'probability': {
      const n = Number(raw);
      if (raw.trim() === '' || !(n > 0 && n < 1)) fail(flag, 'a probability between 0 and 1 such as 0.9', raw);
      return n;
    }
    case 'delimiter':
      // Checked here, where the flag is known: an empty value (`--delimiter ''`, an unset shell
      // variable) would otherwise mean "sniff" for the input and "," for the output, silently.
      try {
        parseDelimiterOption(raw);
      } catch (err) {
        if (err instanceof UsageError) throw new UsageError(err.message.replace(/^--delimiter\b/, flag));
        throw err;
      }
      return raw;
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  }
}

/** The typed default of an option (defaults are declared as text, like the command line). */
export function typedDefault(spec: OptionSpec): unknown {
  const d = spec.default;
  if (d === undefined || typeof d === 'boolean' || Array.isArray(d)) return d;
  return parseOptionValue(spec, d);
}
