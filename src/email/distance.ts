import { editDistance } from '../text/edit-distance.js';

/**
 * Edit distances for typo detection. Transpositions count as one edit because "gmial" and
 * "wbe" are a single slip of the fingers; plain Levenshtein would call them two and either
 * miss them or force a looser threshold that also "corrects" real domains.
 */

/**
 * Optimal-string-alignment distance (the restricted Damerau–Levenshtein distance), bounded:
 * returns `max + 1` as soon as the distance is known to exceed `max`. The bound keeps the
 * comparison against every candidate provider cheap.
 */
export function osaDistance(a: string, b: string, max: number): number {
  return Math.min(editDistance(a, b, max), max + 1);
}

/** True when `b` is `a` with exactly one pair of adjacent, different characters swapped. */
export function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= a.length - 1) return false;
  if (a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
  return a.slice(i + 2) === b.slice(i + 2);
}
