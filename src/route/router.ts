import type { Row } from '../table.js';
import { compileCondition, conditionFields, type Predicate } from '../score/conditions.js';
import type { RouteConfig } from '../rules/route.js';
import { pickMember } from './rotation.js';
import { DATE_COLUMNS } from '../rules/date-columns.js';
import { PROVENANCE_FIELDS } from '../schema.js';

const PROVENANCE: ReadonlySet<string> = new Set(PROVENANCE_FIELDS);

/**
 * Routing: ordered rules, first match wins, each naming an owner or a team; a team hands the
 * lead to one active member (see rotation.ts). Rows that no rule takes go to the default owner.
 * `route_rule` says which rule decided ("default", or "existing" for a kept owner), so every
 * assignment can be traced back to the rules file.
 */

export const ROUTE_COLUMNS = ['owner', 'route_rule'] as const;
export type RouteColumn = (typeof ROUTE_COLUMNS)[number];

export type Router = (row: Row) => Record<RouteColumn, string>;

/** The key that identifies a lead for rotation: the first non-empty key field. */
export function leadKey(row: Row, keyFields: readonly string[]): string {
  for (const f of keyFields) {
    const v = (row[f] ?? '').trim();
    // Email case does not identify a different person.
    if (v !== '') return `${f}=${f === 'email' ? v.toLowerCase() : v}`;
  }
  // No key at all: the row's own content, so the same row still lands with the same person;
  // without the columns that change with the date or with where and when the list came (its
  // record_id is its row number, its delivery date maybe the file's), or it would move to
  // another member each night.
  return Object.keys(row)
    .filter((k) => !DATE_COLUMNS.has(k) && !PROVENANCE.has(k))
    .sort()
    .map((k) => `${k}=${row[k]}`)
    .join('\u0001');
}

interface CompiledRule {
  name: string;
  when: Predicate;
  owner?: string;
  team?: string;
}

export function createRouter(config: RouteConfig): Router {
  const rules: CompiledRule[] = config.rules.map((r) => ({ name: r.name, when: compileCondition(r), owner: r.owner, team: r.team }));
  const inactive = new Set<string>();
  for (const team of Object.values(config.teams)) for (const m of team.members) if (!m.active) inactive.add(m.name);
  // Someone active in one team and inactive in another is still active.
  for (const team of Object.values(config.teams)) for (const m of team.members) if (m.active) inactive.delete(m.name);

  return (row) => {
    const existing = (row.owner ?? '').trim();
    if (config.keep_existing && existing !== '' && existing !== config.default_owner && !inactive.has(existing)) {
      return { owner: existing, route_rule: 'existing' };
    }
    for (const rule of rules) {
      if (!rule.when(row)) continue;
      if (rule.owner !== undefined) {
        // A person marked inactive in a team is away for direct assignments too.
        if (inactive.has(rule.owner)) continue;
        return { owner: rule.owner, route_rule: rule.name };
      }
      const team = rule.team as string;
      // A team with nobody active cannot take the lead; the next rule gets a chance.
      const member = pickMember(team, leadKey(row, config.key_fields), config.teams[team]);
      if (member !== undefined) return { owner: member, route_rule: rule.name };
    }
    return { owner: config.default_owner, route_rule: 'default' };
  };
}

/** Columns the route rules read, so a command can warn when the input lacks them. */
export function routeFields(config: RouteConfig): string[] {
  const out = new Set<string>(config.key_fields);
  for (const r of config.rules) for (const f of conditionFields(r)) out.add(f);
  return [...out];
}
