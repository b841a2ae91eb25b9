/**
 * `leadkit accounts`: one row per company, with its contacts' buying-center coverage. Pure: rows
 * in, account rows and each row's account_id out; reading and writing files is the command's.
 *
 *   organisation views (view.ts) → dedupe's engine (group.ts) → targets (targets.ts)
 *   → figures per account (account-row.ts) → stable ids (account-id.ts)
 */
import type { Row } from '../table.js';
import { accountIds, type IdSeed } from './account-id.js';
import { ACCOUNT_COLUMNS, AccountFigures, TARGET_COLUMNS, targetOnlyCells, TRAILING_COLUMNS } from './account-row.js';
import { ACCOUNT_STATUSES, GROUPING_STATUSES, groupAccounts, type AccountStatus, type GroupOptions } from './group.js';
import { BUYING_ROLES, type BuyingRole, type RoleReader, type RoleSource } from './roles.js';
import { linkTargets, targetKey } from './targets.js';
import type { OrgFacts } from './view.js';

export { ACCOUNT_STATUSES, GROUPING_STATUSES, type AccountStatus } from './group.js';
export { roleReader, coverage, BUYING_ROLES, type RoleReader, type TitleOverrides } from './roles.js';
export { targetFacts } from './targets.js';
export { companyDomain, type OrgFacts } from './view.js';
export { ACCOUNT_COLUMNS, TARGET_COLUMNS, TRAILING_COLUMNS } from './account-row.js';

/** The target list: its rows (imported), what each says about its company, and its ids. */
export interface TargetList {
  rows: readonly Row[];
  facts: readonly OrgFacts[];
  /** target_id of each row: the file's own id column, else its record_id. */
  ids: readonly string[];
  /** The file's own id column, when it has one: accounts without contacts are named after it. */
  idColumn?: string;
}

export interface AccountsOptions extends GroupOptions {
  roles: RoleReader;
  targets?: TargetList;
}

export interface AccountsStats {
  rows: number;
  accounts: number;
  /** Rows in an account, and rows without a company (in none). */
  contactsAssigned: number;
  privateRows: number;
  /** Rows with a company but no place, domain or VAT id. */
  unanchoredRows: number;
  targets: number;
  /** Targets matched to an account with contacts, and those no account fits (accounts without contacts). */
  targetsMatched: number;
  targetsWithoutContacts: number;
  /** Accounts made of unmatched targets alone (contacts=0; counted in accounts). */
  accountsWithoutContacts: number;
  /**
   * Accounts whose contacts or targets are a guess (a grouping status: narrow_match, …,
   * name_only_contacts), and accounts per status (the role statuses too).
   */
  guessed: number;
  byStatus: Record<AccountStatus, number>;
  /** Accounts with contacts whose roles were read from job titles (no buying_role column: roles_from_title). */
  rolesFromTitle: number;
  /** Accounts with a contact whose role rests on a guessed seniority (roles_guessed). */
  rolesGuessedAccounts: number;
  /** Accounts with contacts that lack each role, and those with all five. */
  missingRole: Record<BuyingRole, number>;
  fullCoverage: number;
  roleSource: RoleSource;
  /** Rows whose buying_role is none of the five (not counted for coverage). */
  unknownRoles: number;
  /** Rows whose role was read from a title by a seniority guessed from an occupation name. */
  rolesGuessed: number;
  /** Score cells that are not a number 0–100 (left out of the figures). */
  unreadableScores: number;
  /** Joins refused because an account would have grown beyond the views it may hold. */
  refusedBySize: number;
}

export interface AccountsResult {
  /** The accounts table's header. */
  columns: string[];
  /** One row per account: best score first, then most contacts, then by name and id. */
  accounts: Row[];
  /** account_id of each input row ('' for a row without a company). */
  idOf: string[];
  stats: AccountsStats;
}

const recordIdOf = (rows: readonly Row[], i: number): string => rows[i].record_id || `#${i + 1}`;

export async function buildAccounts(rows: readonly Row[], opts: AccountsOptions): Promise<AccountsResult> {
  const grouping = await groupAccounts(rows, opts);
  const targets = opts.targets;
  const withTargets = targets !== undefined;

  // Contacts' figures, per account.
  const figures = Array.from({ length: grouping.count }, () => new AccountFigures());
  const minId = new Array<string>(grouping.count).fill('');
  const members: string[][] = Array.from({ length: grouping.count }, () => []);
  let unknownRoles = 0;
  const statuses = grouping.statuses;
  grouping.views.forEach((v) => {
    for (const i of v.rows) {
      const a = grouping.accountOf[i];
      const { role, guessed } = opts.roles.read(rows[i]);
      if (role === undefined) unknownRoles++;
      if (guessed) statuses[a].add('roles_guessed');
      // An account's roles are the titles' reading when the list did not say them.
      if (opts.roles.source === 'title') statuses[a].add('roles_from_title');
      const id = recordIdOf(rows, i);
      figures[a].add(rows[i], v.facts, role, id);
      members[a].push(id);
      if (minId[a] === '' || id < minId[a]) minId[a] = id;
    }
  });

  // Targets: marks on accounts, and accounts of their own for the ones no account fits.
  const targetNames: string[][] = Array.from({ length: grouping.count }, () => []);
  const targetIds: string[][] = Array.from({ length: grouping.count }, () => []);
  const unmatched = new Map<string, number[]>();
  let targetsMatched = 0;
  if (targets) {
    const links = await linkTargets(grouping, targets.rows, targets.facts, opts);
    links.forEach((l, k) => {
      if (l.accounts.length === 0) {
        const key = targetKey(targets.facts[k]);
        const g = unmatched.get(key);
        if (g) g.push(k);
        else unmatched.set(key, [k]);
        return;
      }
      targetsMatched++;
      for (const a of l.accounts) {
        targetNames[a].push((targets.rows[k].company ?? '').trim());
        targetIds[a].push(targets.ids[k]);
        if (l.status) statuses[a].add(l.status);
      }
    });
  }
  const targetOnly = [...unmatched.values()];

  const seeds: IdSeed[] = [];
  for (let a = 0; a < grouping.count; a++) seeds.push({ kind: 'account', name: minId[a], tie: () => members[a].sort().join('\u0000') });
  for (const g of targetOnly) {
    const names = g.map((k) => (targets?.idColumn ? targets.rows[k][targets.idColumn] ?? '' : '') || targetKey((targets as TargetList).facts[k])).sort();
    seeds.push({ kind: 'target', name: names[0], tie: () => names.join('\u0000') });
  }
  const ids = accountIds(seeds);

  const statusCell = (s: Set<AccountStatus>) => ACCOUNT_STATUSES.filter((x) => s.has(x)).join(';');
  const byStatus = Object.fromEntries(ACCOUNT_STATUSES.map((s) => [s, 0])) as Record<AccountStatus, number>;
  const missingRole = Object.fromEntries(BUYING_ROLES.map((r) => [r, 0])) as Record<BuyingRole, number>;
  let guessed = 0;
  let fullCoverage = 0;
  let unreadableScores = 0;

  const out: { row: Row; best: number | undefined; contacts: number }[] = [];
  for (let a = 0; a < grouping.count; a++) {
    const f = figures[a];
    unreadableScores += f.unreadableScores;
    const cells = f.cells();
    const row: Row = { account_id: ids[a], ...cells };
    if (withTargets) {
      row.is_target = targetIds[a].length ? 'true' : 'false';
      row.target_name = [...new Set(targetNames[a])].join(';');
      row.target_id = targetIds[a].join(';');
    }
    row.account_status = statusCell(statuses[a]);
    if ([...statuses[a]].some((x) => GROUPING_STATUSES.has(x))) guessed++;
    for (const s of statuses[a]) byStatus[s]++;
    const missing = BUYING_ROLES.filter((r) => !f.roles.has(r));
    for (const r of missing) missingRole[r]++;
    if (missing.length === 0) fullCoverage++;
    out.push({ row, best: f.bestScore, contacts: f.contacts });
  }
  targetOnly.forEach((g, k) => {
    const t = targets as TargetList;
    const first = g[0];
    const row: Row = { account_id: ids[grouping.count + k], ...targetOnlyCells(t.rows[first], t.facts[first]) };
    row.is_target = 'true';
    row.target_name = [...new Set(g.map((x) => (t.rows[x].company ?? '').trim()))].join(';');
    row.target_id = g.map((x) => t.ids[x]).join(';');
    row.account_status = '';
    out.push({ row, best: undefined, contacts: 0 });
  });
  out.sort(
    (x, y) =>
      (y.best ?? -1) - (x.best ?? -1) ||
      y.contacts - x.contacts ||
      cmp(x.row.account_name, y.row.account_name) ||
      cmp(x.row.account_id, y.row.account_id),
  );

  const idOf = Array.from({ length: rows.length }, (_, i) => (grouping.accountOf[i] >= 0 ? ids[grouping.accountOf[i]] : ''));
  const columns = [...ACCOUNT_COLUMNS, ...(withTargets ? TARGET_COLUMNS : []), ...TRAILING_COLUMNS];
  return {
    columns,
    accounts: out.map((o) => o.row),
    idOf,
    stats: {
      rows: rows.length,
      accounts: out.length,
      contactsAssigned: rows.length - grouping.privateRows,
      privateRows: grouping.privateRows,
      unanchoredRows: grouping.unanchoredRows,
      targets: targets?.rows.length ?? 0,
      targetsMatched,
      targetsWithoutContacts: targetOnly.reduce((n, g) => n + g.length, 0),
      accountsWithoutContacts: targetOnly.length,
      guessed,
      byStatus,
      rolesFromTitle: byStatus.roles_from_title,
      rolesGuessedAccounts: byStatus.roles_guessed,
      missingRole,
      fullCoverage,
      roleSource: opts.roles.source,
      unknownRoles,
      rolesGuessed: opts.roles.guessed,
      unreadableScores,
      refusedBySize: grouping.refusedBySize,
    },
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
