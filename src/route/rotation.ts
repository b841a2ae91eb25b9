import { unitHash } from './stable-hash.js';
import type { TeamConfig } from '../rules/route.js';

/**
 * Choosing a team member for a lead: weighted rendezvous hashing (highest random weight).
 * Every active member gets a score from a hash of (team, lead key, member name), scaled by the
 * member's weight as −weight / ln(u); the highest score wins. For uniform u, member i wins with
 * probability weight_i / Σ weights, so weights are honoured in expectation.
 *
 * Why a hash and not a counter in input order: the same lead gets the same owner on every run,
 * whatever order the rows come in and whatever other rows are in the file, so a nightly rerun
 * or a re-sorted export does not reshuffle leads between people. Marking a member inactive
 * moves only that member's leads (to the others, in proportion to their weights); everyone
 * else keeps theirs. The price: shares are exact only on average — 10 leads between two
 * people can come out 6:4. "round_robin" is the same with all weights equal.
 */
export function pickMember(team: string, leadKey: string, config: TeamConfig): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const m of config.members) {
    if (!m.active) continue;
    const weight = config.rotation === 'weighted' ? m.weight : 1;
    const score = -weight / Math.log(unitHash(team, leadKey, m.name));
    if (score > bestScore) {
      best = m.name;
      bestScore = score;
    }
  }
  return best;
}
