import { z } from 'zod';
import { checkCondition, conditionShape, Field, issue, Name, strict } from './common.js';

/* ------------------------------------------------------------------ route */

const Member = z.preprocess(
  (v) => (typeof v === 'string' ? { name: v } : v),
  strict({
    name: z.string().min(1),
    /** Share of the team's leads relative to the other members (weighted rotation). */
    weight: z.number().positive().default(1),
    /** Inactive members (holiday, left) get no new leads; their existing leads move on. */
    active: z.boolean().default(true),
  }),
);

const Team = strict({
  /** round_robin: equal shares; weighted: shares by weight. Both are stable per lead, see src/route/rotation.ts. */
  rotation: z.enum(['round_robin', 'weighted']).default('round_robin'),
  members: z.array(Member).min(1),
}).superRefine((t, ctx) => {
  t.members.forEach((m, i) => {
    if (t.members.findIndex((o) => o.name === m.name) !== i) issue(ctx, ['members', i, 'name'], `duplicate member "${m.name}"`);
  });
});

const RouteRule = strict({
  name: Name,
  owner: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  ...conditionShape,
}).superRefine((r, ctx) => {
  if ((r.owner === undefined) === (r.team === undefined)) issue(ctx, [], `route rule "${r.name}" needs exactly one of "owner" or "team"`);
  checkCondition(r, ctx, false);
});

export const Route = strict({
  default_owner: z.string().min(1).default('unassigned'),
  /** Rows that already have an owner keep it, unless that owner is an inactive team member. */
  keep_existing: z.boolean().default(true),
  /** Columns that identify a lead for rotation; the first non-empty one is used. */
  key_fields: z.array(Field).min(1).default(['email', 'record_id']),
  teams: z.record(Name, Team).default({}),
  rules: z.array(RouteRule).default([]),
}).superRefine((r, ctx) => {
  r.rules.forEach((rule, i) => {
    if (rule.team !== undefined && !Object.hasOwn(r.teams, rule.team)) {
      const known = Object.keys(r.teams);
      issue(ctx, ['rules', i, 'team'], `unknown team "${rule.team}"${known.length ? ` (teams: ${known.join(', ')})` : ' (no teams defined)'}`);
    }
    if (r.rules.findIndex((o) => o.name === rule.name) !== i) issue(ctx, ['rules', i, 'name'], `duplicate route rule name "${rule.name}"`);
  });
});

export type RouteConfig = z.output<typeof Route>;
export type TeamConfig = RouteConfig['teams'][string];
export type RouteRuleConfig = RouteConfig['rules'][number];
