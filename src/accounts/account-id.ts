/**
 * Stable account ids, derived as dedupe derives cluster ids (src/match/cluster-id.ts): `a-` and
 * ten characters of a hash of the smallest record_id among the account's contacts, so the same
 * contacts give the same account_id on a rerun and in any input order; clashes take a longer
 * hash, resolved in an order that does not depend on the input either. The hashed name is
 * prefixed ("account", "target"), so an account's id never repeats the hash of the cluster_id
 * its smallest contact has in dedupe: the two name different things.
 *
 * An account without contacts (a target nobody in the list works for) is named after the
 * target's own id in its file, else after what the target says about its company (name key,
 * place, domain), not after its line in the file.
 */
import { assignClusterIds } from '../match/cluster-id.js';

export interface IdSeed {
  /** What the id is a hash of: the smallest contact record_id, or the target's seed. */
  name: string;
  kind: 'account' | 'target';
  /** Tells clashing seeds apart (the sorted record_ids of the contacts); asked for clashes only. */
  tie: () => string;
}

const PREFIX = 'a-';

export function accountIds(seeds: readonly IdSeed[]): string[] {
  const ids = assignClusterIds(
    seeds.length,
    (c) => `${seeds[c].kind}\u0000${seeds[c].name}`,
    (c) => seeds[c].tie(),
  );
  // assignClusterIds names clusters "c-…"; the hash part is what stays.
  return ids.map((id) => PREFIX + id.slice(id.indexOf('-') + 1));
}
