/**
 * Rows as persons, for the scorecard: a number per row that is the same for every row of one
 * person, from the dedupe engine's clusters or from the cluster_id column of `dedupe --mode flag`
 * output, and which persons the reference (CRM) already has. Pure.
 */

/** Person numbers from cluster ids: equal ids, one person; a blank id is a person of its own. */
export function personsFromIds(ids: readonly string[]): Int32Array {
  const out = new Int32Array(ids.length);
  const byId = new Map<string, number>();
  let next = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i].trim();
    if (id === '') {
      out[i] = next++;
      continue;
    }
    let p = byId.get(id);
    if (p === undefined) byId.set(id, (p = next++));
    out[i] = p;
  }
  return out;
}

/**
 * Whether the reference has each row's person: a person is known when any of its rows matched a
 * reference record, so all of its rows are (a vendor's row with a private email of a customer the
 * CRM has under the work address is "already ours" once another row links the two).
 */
export function knownPersons(persons: ArrayLike<number>, matched: ArrayLike<boolean>): boolean[] {
  const known = new Set<number>();
  for (let i = 0; i < persons.length; i++) if (matched[i]) known.add(persons[i]);
  return Array.from({ length: persons.length }, (_, i) => known.has(persons[i]));
}
