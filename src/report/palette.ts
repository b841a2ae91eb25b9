/**
 * Colours of the report, chosen so the same thing has the same colour in every chart (invalid is
 * always red, grade A always green) and every colour stays readable when printed in grey.
 */

export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const GRID = '#e5e7eb';
export const ACCENT = '#2563eb';

/** Funnel stages, darkening towards the end so the last (the result) stands out. */
export const FUNNEL = ['#93c5fd', '#60a5fa', '#3b82f6', '#2563eb', '#1d4ed8'];

/** Score buckets 0-9 … 90-100: from pale to saturated. */
export function scoreColor(bucketIndex: number, buckets: number): string {
  const t = buckets > 1 ? bucketIndex / (buckets - 1) : 1;
  // Interpolate lightness of one blue hue: the higher the score, the deeper the colour.
  const light = Math.round(82 - t * 44);
  return `hsl(217, 80%, ${light}%)`;
}

const NAMED: Record<string, string> = {
  // grades
  a: '#15803d',
  b: '#65a30d',
  c: '#d97706',
  d: '#b91c1c',
  // temperatures
  hot: '#dc2626',
  warm: '#f59e0b',
  cold: '#3b82f6',
  // statuses written by validate
  valid: '#16a34a',
  ok: '#16a34a',
  risky: '#f59e0b',
  unknown: '#a78bfa',
  invalid: '#dc2626',
  missing: '#9ca3af',
  '(empty)': '#d1d5db',
  '(other)': '#cbd5e1',
  unassigned: '#9ca3af',
};

/** Colours for values without a fixed colour (stages, unusual statuses), in order of first use. */
const SERIES = ['#2563eb', '#0891b2', '#7c3aed', '#db2777', '#ea580c', '#4d7c0f', '#0f766e', '#9333ea', '#64748b'];

/** The colour of a named value; unnamed values take the next series colour by their position. */
export function colorFor(value: string, position: number): string {
  return NAMED[value.toLowerCase()] ?? SERIES[position % SERIES.length];
}
