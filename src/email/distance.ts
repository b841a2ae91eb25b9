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
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.min(Math.max(la, lb), max + 1);

  let before = new Array<number>(lb + 1).fill(0); // row i-2, for transpositions
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let j = 0; j <= lb; j++) prev[j] = j;

  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, before[j - 2] + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell is at least this row's minimum (a transposition reaches back one more
    // row, but that row's cells are at least rowMin - 1), so the bound can stop early.
    if (rowMin > max) return max + 1;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return Math.min(prev[lb], max + 1);
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
