/**
 * Nickname pairs learnt from the list: given names that one person's records show under one
 * personal email ("Bob Smith" and "Robert Smith" at bob.smith@…), beyond the shipped table
 * (nicknames.ts). A pair is taken only when
 *
 * - the records share an email that is not a role, household or disposable address, their surnames
 *   agree and their genders do not differ;
 * - it is seen for at least two different surnames, so one couple sharing an address teaches
 *   nothing;
 * - it is far more frequent than chance: two common names ("Thomas" / "Sabine") meet under a
 *   household's address as often as their frequencies say, a nickname and its name much more often
 *   (lift ≥ MIN_LIFT over the product of the names' shares).
 *
 * The learnt pairs join a nickname group of their own in the list's Features, so every later
 * comparison (scoring, who owns an email, --explain) reads them as nicknames.
 */
import type { Features } from './features.js';
import { compareGivenNameInfo, compareSurnameInfo } from './comparators.js';
import { foldNameField } from './person-name.js';

export interface LearntNickname {
  /** The two folded given names, in alphabetical order. */
  names: [string, string];
  /** Email-tied record pairs that showed them, and the surnames among those pairs. */
  pairs: number;
  surnames: number;
}

const MIN_SURNAMES = 2;
const MIN_LIFT = 10;
/** Nickname groups learnt here are numbered from this, past any group of the shipped table. */
const LEARNT_GROUP_BASE = 1 << 24;

/**
 * The nickname pairs among the candidate pairs (packed a · 2^rowBits + b) of rows [0, n), which
 * blocking has already brought together by their email key.
 */
export function learnNicknames(f: Features, n: number, pairs: Float64Array, rowBits: number): LearntNickname[] {
  const scale = 2 ** rowBits;
  const seen = new Map<string, { pairs: number; surnames: Set<number> }>();
  let tied = 0;
  for (let p = 0; p < pairs.length; p++) {
    const i = Math.floor(pairs[p] / scale);
    const j = pairs[p] - i * scale;
    const e = f.colEmail.data[i];
    if (e < 0 || e !== f.colEmail.data[j] || !f.personalEmailValue(e)) continue;
    const fi = f.colFirst.data[i];
    const fj = f.colFirst.data[j];
    const li = f.colLast.data[i];
    const lj = f.colLast.data[j];
    if (fi < 0 || fj < 0 || li < 0 || lj < 0) continue;
    const gi = f.colGender.data[i];
    const gj = f.colGender.data[j];
    if (gi && gj && gi !== gj) continue;
    const a = f.firstInfo[fi];
    const b = f.firstInfo[fj];
    if (fi !== fj && (a.initials || b.initials || a.lost || b.lost)) continue;
    if (li !== lj && compareSurnameInfo(f.lastInfo[li], f.lastInfo[lj]) === 'differ') continue;
    // Every tied pair counts towards chance, also those whose names agree: they are most of them.
    tied++;
    if (fi === fj || compareGivenNameInfo(a, b) !== 'differ') continue;
    const x = a.compact;
    const y = b.compact;
    const key = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
    let s = seen.get(key);
    if (!s) seen.set(key, (s = { pairs: 0, surnames: new Set() }));
    s.pairs++;
    s.surnames.add(li);
  }
  if (seen.size === 0) return [];

  // Shares of each first given name among the rows that have one.
  const share = new Map<string, number>();
  let named = 0;
  for (let i = 0; i < n; i++) {
    const fi = f.colFirst.data[i];
    if (fi < 0) continue;
    named++;
    const c = f.firstInfo[fi].compact;
    share.set(c, (share.get(c) ?? 0) + 1);
  }
  const out: LearntNickname[] = [];
  for (const [key, s] of seen) {
    if (s.surnames.size < MIN_SURNAMES) continue;
    const [x, y] = key.split('\u0000') as [string, string];
    const expected = (2 * tied * (share.get(x) ?? 0) * (share.get(y) ?? 0)) / (named * named);
    if (s.pairs < MIN_LIFT * expected) continue;
    out.push({ names: [x, y], pairs: s.pairs, surnames: s.surnames.size });
  }
  return out.sort((p, q) => (p.names[0] < q.names[0] ? -1 : p.names[0] > q.names[0] ? 1 : p.names[1] < q.names[1] ? -1 : 1));
}

/** Put each learnt pair into a nickname group of its own in `f` (every spelling of either name). */
export function applyNicknames(f: Features, learnt: readonly (readonly [string, string])[]): void {
  if (learnt.length === 0) return;
  const groupsOf = new Map<string, number[]>();
  learnt.forEach((names, k) => {
    for (const written of names) {
      // As the name columns are folded ("Jürgen" → "juergen"), so a hand-written file fits too.
      const name = foldNameField(written).split(' ')[0];
      let g = groupsOf.get(name);
      if (!g) groupsOf.set(name, (g = []));
      g.push(LEARNT_GROUP_BASE + k);
    }
  });
  for (let id = 0; id < f.firstInfo.length; id++) {
    const info = f.firstInfo[id];
    const extra = info && groupsOf.get(info.compact);
    if (extra) f.firstInfo[id] = { ...info, groups: [...info.groups, ...extra] };
  }
}
