/**
 * What a list cost: `--cost vendor-de=1200,messe=0` (a price per source) or a column with a
 * cost per row. Amounts are read by the one number reader (src/classify/locale-number.ts), with
 * one refusal on top: "1.200" or "1,200" is a thousand in a German list and one point two in an
 * English one, and a price read the wrong way is off by a factor of a thousand, so such an
 * amount is refused rather than read by convention. A currency sign or code may stand before or
 * after the number; all amounts must then name the same one.
 */
import { isAmbiguousGrouping, parseLocaleNumber } from '../classify/locale-number.js';

export type AmountReading = { ok: true; value: number; currency: string } | { ok: false; why: string };

const CURRENCIES: Record<string, string> = { '€': 'EUR', eur: 'EUR', $: 'USD', usd: 'USD', '£': 'GBP', gbp: 'GBP', chf: 'CHF', 'fr.': 'CHF' };
const CURRENCY = /^(€|\$|£|eur|usd|gbp|chf|fr\.)\s*|\s*(€|\$|£|eur|usd|gbp|chf|fr\.)$/i;

/** One amount: "1200", "1200.50", "1.200,50", "1,200.50", "€ 450", "12,50 EUR". */
export function readAmount(text: string): AmountReading {
  let s = text.trim();
  let currency = '';
  const m = CURRENCY.exec(s);
  if (m) {
    currency = CURRENCIES[(m[1] ?? m[2]).toLowerCase()];
    s = s.replace(CURRENCY, '').trim();
  }
  if (s === '') return { ok: false, why: 'no amount' };
  if (isAmbiguousGrouping(s)) {
    const whole = s.replace(/[.,]/, '');
    const point = String(Number(s.replace(',', '.')));
    return { ok: false, why: `"${text.trim()}" could mean ${whole} or ${point}: write ${whole} (or ${whole}.00), or ${point}` };
  }
  const value = parseLocaleNumber(s);
  if (value === undefined) return { ok: false, why: `"${text.trim()}" is no amount (write 1200, 1200.50 or 1.200,50)` };
  if (value < 0) return { ok: false, why: `"${text.trim()}" is below zero` };
  return { ok: true, value, currency };
}

/** A cost given for a source key, and where (the option value) for messages. */
export interface CostSpec {
  source: string;
  amount: number;
  currency: string;
  given: string;
}

/**
 * `--cost` values, each one or more `source=amount` pairs joined by commas. A comma inside an
 * amount ("vendor-de=1.200,50") stays with it: a pair starts only where a comma is followed by
 * a key and "=". Returns the pairs, or throws an Error whose message names the bad part.
 */
export function parseCostSpecs(values: readonly string[]): CostSpec[] {
  const out: CostSpec[] = [];
  const seen = new Map<string, string>();
  for (const value of values) {
    for (const part of value.split(/,(?=\s*[^,=]+=)/)) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new Error(`"${part.trim()}" is no source=amount pair (e.g. --cost vendor-de=1200,messe=0)`);
      const source = part.slice(0, eq).trim();
      if (source === '') throw new Error(`"${part.trim()}" names no source before "="`);
      const a = readAmount(part.slice(eq + 1));
      if (!a.ok) throw new Error(`${source}: ${a.why}`);
      const before = seen.get(source);
      if (before !== undefined) throw new Error(`${source} has two costs (${before} and ${part.trim()}): give each source once`);
      seen.set(source, part.trim());
      out.push({ source, amount: a.value, currency: a.currency, given: part.trim() });
    }
  }
  const currencies = [...new Set(out.map((c) => c.currency).filter(Boolean))];
  if (currencies.length > 1) throw new Error(`the costs are in ${currencies.join(' and ')}: give them in one currency`);
  return out;
}

/** A cost cell of --cost-column: blank, an amount, or unreadable (kept as written, for the message). */
export type CostCellReading = { kind: 'blank' } | { kind: 'value'; value: number } | { kind: 'unreadable'; text: string; why: string };

/**
 * Reads a cost column cell by cell. One list, one currency: the first currency named is the
 * column's, and a cell in another is not added to the others (it reads as unreadable).
 */
export class CostColumn {
  private currency = '';

  read(cell: string | undefined): CostCellReading {
    const text = (cell ?? '').trim();
    if (text === '') return { kind: 'blank' };
    const a = readAmount(text);
    if (!a.ok) return { kind: 'unreadable', text, why: a.why };
    if (a.currency && this.currency && a.currency !== this.currency) return { kind: 'unreadable', text, why: `in ${a.currency}, the others in ${this.currency}` };
    if (a.currency) this.currency ||= a.currency;
    return { kind: 'value', value: a.value };
  }
}
