/**
 * V8 makes a cut of 13 or more characters from a string a view of it (a sliced string), which
 * keeps the whole string alive. A cell cut from a block of the input, kept by a cache for the
 * rest of the run, then keeps the block; a worker thread's cell keeps the whole batch it came in.
 */
export const OWN_STRING_FROM = 13;

/** `s` as a string that keeps no other alive: shorter ones are copies already. */
export function ownString(s: string): string {
  // The concatenation is flattened into a new string, which the cut then views.
  return s.length < OWN_STRING_FROM ? s : (' ' + s).slice(1);
}
