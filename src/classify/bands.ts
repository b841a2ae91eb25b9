import { parseQuantityRange, type QuantityRange } from './quantity-range.js';

/**
 * A size or revenue band: values up to and including `max` (and above the previous band's
 * max). The last band may leave `max` out to take everything above.
 */
export interface Band {
  label: string;
  max?: number;
}

/** EU SME definition (Recommendation 2003/361/EC) by head count. */
export const EU_SIZE_BANDS: readonly Band[] = [
  { label: '1-9', max: 9 },
  { label: '10-49', max: 49 },
  { label: '50-249', max: 249 },
  { label: '250+' },
];

/** EU SME definition by annual turnover, in the list's currency: ≤ 2 M, ≤ 10 M, ≤ 50 M, more. */
export const EU_REVENUE_BANDS: readonly Band[] = [
  { label: '0-2M', max: 2e6 },
  { label: '2-10M', max: 10e6 },
  { label: '10-50M', max: 50e6 },
  { label: '50M+' },
];

/**
 * The band a range falls in. Vendor ranges rarely line up with the bands ("201-500" spans
 * 50-249 and 250+), so a closed range is placed by its midpoint and an open one ("50+",
 * "> 250") by its lower end — the only value it promises.
 */
export function bandFor(range: QuantityRange | undefined, bands: readonly Band[]): string {
  if (!range || bands.length === 0) return '';
  const value = Number.isFinite(range.max) ? (range.min + range.max) / 2 : range.min;
  for (const band of bands) {
    if (band.max === undefined || value <= band.max) return band.label;
  }
  return '';
}

/** Head count as vendors write it ("51-200", "ca. 100", "1.000-4.999", "1-9 MA"). */
export function parseEmployees(text: string): QuantityRange | undefined {
  return parseQuantityRange(text, true);
}

/** Annual revenue ("5 Mio. €", "€2.5M", "1-5 Mio", "500 T€"), in currency units. */
export function parseRevenue(text: string): QuantityRange | undefined {
  return parseQuantityRange(text, false);
}

export function companySizeBand(employees: string, bands: readonly Band[] = EU_SIZE_BANDS): string {
  return bandFor(parseEmployees(employees), bands);
}

export function revenueBand(revenue: string, bands: readonly Band[] = EU_REVENUE_BANDS): string {
  return bandFor(parseRevenue(revenue), bands);
}
