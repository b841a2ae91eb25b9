/**
 * Target accounts of an ABM list: which account each target is. A target is matched like a
 * contact's organisation view, by the engine's link mode against the accounts' views (name
 * variants with an agreeing place, domain or number), so "MÜLLER GMBH, 50667 Köln" finds the
 * account of "Mueller GmbH" at Hauptstr. 5, Köln. A target that gives nothing but a name
 * (no place, domain or VAT id) has nothing to agree: it is matched by its name key alone, which
 * is a guess the account's status says, and when several accounts carry that name, each of them
 * is marked. A target no account fits is an account of its own, with no contacts.
 */
import { normaliseCountry } from '../address/country.js';
import { createMatcherAsync } from '../match/link.js';
import { DEFAULT_THRESHOLD, resolveOptions } from '../match/options.js';
import { NARROW_MARGIN } from '../match/review.js';
import type { Row } from '../table.js';
import type { AccountStatus, Grouping } from './group.js';
import { isAnchored, orgFacts, VIEW_COLUMNS, viewKey, viewRow, type OrgFacts } from './view.js';

export interface TargetMatchOptions {
  threshold?: number;
  defaultCountry?: string;
}

/** Where one target went. */
export interface TargetLink {
  /** Accounts it marks (several only when ambiguous); empty when no account fits. */
  accounts: number[];
  /** The guess the match rests on, if any. */
  status?: Extract<AccountStatus, 'target_narrow_match' | 'target_by_name_only' | 'target_ambiguous'>;
}

/**
 * The organisation facts of each target row, or undefined for one with no company name (the
 * caller reports it: a target must name its company).
 */
export function targetFacts(targets: readonly Row[], defaultCountry = 'DE'): (OrgFacts | undefined)[] {
  const region = normaliseCountry(defaultCountry).code || 'DE';
  return targets.map((t) => orgFacts(t, region));
}

export async function linkTargets(grouping: Grouping, targets: readonly Row[], facts: readonly OrgFacts[], opts: TargetMatchOptions = {}): Promise<TargetLink[]> {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const region = normaliseCountry(opts.defaultCountry ?? 'DE').code || 'DE';
  const links: TargetLink[] = targets.map(() => ({ accounts: [] }));
  if (grouping.viewRows.length === 0) return links;
  const linkOptions = { threshold, defaultCountry: region, columns: [...VIEW_COLUMNS] };
  const matcher = await createMatcherAsync(grouping.viewRows, linkOptions);
  const narrowBelow = resolveOptions(linkOptions, grouping.viewRows).thresholdWeight + NARROW_MARGIN;

  // Accounts by the company name keys of their views, for targets with a name only.
  const byName = new Map<string, { account: number; legalForm: string }[]>();
  grouping.views.forEach((v, k) => {
    const l = byName.get(v.facts.company) ?? [];
    l.push({ account: grouping.viewAccount[k], legalForm: v.facts.legalForm });
    byName.set(v.facts.company, l);
  });

  targets.forEach((t, k) => {
    const f = facts[k];
    const m = matcher.match(viewRow(`t${k + 1}`, t, f.domain, t));
    if (m) {
      links[k] = { accounts: [grouping.viewAccount[m.index]], ...(m.weight < narrowBelow ? { status: 'target_narrow_match' as const } : {}) };
      return;
    }
    // A place or domain the target gives that fits no account's: no account is this target.
    if (isAnchored(f)) return;
    const named = byName.get(f.company) ?? [];
    // "Müller GmbH" prefers the Müller accounts with that legal form, when there are any.
    const sameForm = f.legalForm ? named.filter((x) => x.legalForm === f.legalForm) : [];
    const accounts = [...new Set((sameForm.length ? sameForm : named).map((x) => x.account))].sort((a, b) => a - b);
    if (accounts.length === 0) return;
    links[k] = { accounts, status: accounts.length === 1 ? 'target_by_name_only' : 'target_ambiguous' };
  });
  return links;
}

/** The key under which unmatched targets that say the same about their company are one account. */
export function targetKey(f: OrgFacts): string {
  return viewKey(f);
}
