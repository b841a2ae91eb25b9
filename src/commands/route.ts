import type { Command } from './types.js';
import type { Context } from '../context.js';
import { formatCount } from '../context.js';
import { withColumns, type Row, type Table } from '../table.js';
import { createRouter, ROUTE_COLUMNS } from '../route/router.js';
import { conditionFields } from '../score/conditions.js';
import { CarriedRows, loadRules, RULES_OPTION, ValueCounts, warnMissingColumns } from './qualify-shared.js';

export interface RouteOptions {
  rules?: string;
  defaultOwner?: string;
}

export const routeCommand: Command<RouteOptions> = {
  name: 'route',
  summary: 'Assign an owner: ordered rules, first match wins, teams in stable rotation, a default owner',
  description:
    'Adds owner and route_rule (the rule that decided, "default", or "existing" for a kept owner). Rules from the ' +
    "rules file's route section are tried in order; a rule names an owner or a team, and a team hands the lead to an " +
    'active member by weighted rendezvous hashing of the lead key (email, else record_id), so the same lead gets the ' +
    'same person on every run and in any input order. Rows that already have an owner keep it unless that owner is ' +
    'an inactive team member (route.keep_existing). Then `export --split-by owner` writes one file per owner.',
  examples: [
    'leadkit score leads.csv | leadkit route --rules rules.yml > routed.csv',
    'leadkit route scored.csv --rules rules.yml | leadkit export --split-by owner --out-dir out/owners',
  ],
  options: [
    { ...RULES_OPTION, description: `${RULES_OPTION.description}; uses its route section` },
    { flags: '--default-owner <name>', description: 'owner for rows no rule takes (overrides route.default_owner; default "unassigned")' },
  ],

  async transform(input: Table, opts: RouteOptions, ctx: Context): Promise<Table> {
    const config = { ...loadRules(opts.rules).route };
    if (opts.defaultOwner !== undefined && opts.defaultOwner.trim() !== '') config.default_owner = opts.defaultOwner.trim();
    if (config.rules.length === 0) {
      ctx.warn(`route: no route rules${opts.rules ? ` in ${opts.rules}` : ' (give --rules FILE with a route section)'}; rows keep their owner or go to "${config.default_owner}"`);
    }
    // The key fields have fallbacks; only columns the conditions read change which rule fires.
    warnMissingColumns('route', config.rules.flatMap((r) => conditionFields(r)), input.columns, ctx, ' (run classify and score first?)');
    const route = createRouter(config);
    const columns = withColumns(input.columns, [...ROUTE_COLUMNS]);

    const owners = new ValueCounts();
    const byRule = new ValueCounts();
    let rows = 0;
    const carried = new CarriedRows(ctx);

    async function* out(): AsyncGenerator<Row[]> {
      for await (const batch of input.batches) {
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i];
          // A night's unchanged person, carried over: it keeps last night's owner (the state has it).
          if (carried.skips(row)) continue;
          Object.assign(row, route(row));
          owners.add(row.owner);
          byRule.add(row.route_rule);
        }
        rows += batch.length;
        yield batch;
      }
      rows -= carried.count;
      const ruleOrder = [...config.rules.map((r) => r.name), 'existing', 'default'];
      ctx.summary(`route: ${formatCount(rows)} rows to ${formatCount(owners.size)} owners; ${owners.describe([], 10)}; by rule ${byRule.describe(ruleOrder, 12)}${carried.note()}`);
    }
    return { columns, batches: out() };
  },
};
