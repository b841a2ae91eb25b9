/**
 * Buying-center coverage: which of the five roles (decider, buyer, influencer, user, gatekeeper)
 * an account's contacts fill and which are missing. A row's role is its buying_role cell, as
 * classify writes it (or the list brought it); a list that was not classified has no such column,
 * and its roles are read from the job title by classify's own title reader, with the rules file's
 * title overrides. Either way a role may rest on a seniority classify guessed from an occupation
 * name it does not know (seniority_status=guessed: on the row when classify ran, else from the
 * reading here); such a reading says so, and its account is marked.
 */
import { BUYING_ROLES, type BuyingRole } from '../classify/title-patterns.js';
import { classifyTitle, compileTitleOverrides } from '../classify/title.js';
import type { Row } from '../table.js';
import { BoundedMemo } from '../text/bounded-memo.js';

export { BUYING_ROLES, type BuyingRole };

/** How rows' roles are read: from the buying_role column, or from the titles (no such column). */
export type RoleSource = 'column' | 'title';

/** A row's role, and whether it rests on a guessed seniority. */
export interface RoleReading {
  /** '' for none, undefined for a buying_role value that is none of the five. */
  role: BuyingRole | '' | undefined;
  /** The role rests on a seniority classify guessed from an unknown occupation name (seniority_status=guessed). */
  guessed: boolean;
}

export interface RoleReader {
  source: RoleSource;
  /** The role of a row, and whether it is a guess (counted in `guessed`). */
  read(row: Row): RoleReading;
  /** The role of a row; '' for none, undefined for a buying_role value that is none of the five. */
  roleOf(row: Row): BuyingRole | '' | undefined;
  /**
   * Rows whose role rests on a seniority classify guessed from an unknown occupation name
   * (seniority_status=guessed): counted, so the summary can say so.
   */
  readonly guessed: number;
}

/** Rules-file title overrides, compiled (classify's own form of them). */
export type TitleOverrides = ReturnType<typeof compileTitleOverrides>;

const ROLE_SET: ReadonlySet<string> = new Set(BUYING_ROLES);

/** The reader for a table with these columns. */
export function roleReader(columns: readonly string[], overrides: TitleOverrides = []): RoleReader {
  let guessed = 0;
  if (columns.includes('buying_role')) {
    const reader: RoleReader = {
      source: 'column',
      get guessed() {
        return guessed;
      },
      read(row) {
        const v = (row.buying_role ?? '').trim().toLowerCase();
        if (v === '') return { role: '', guessed: false };
        if (!ROLE_SET.has(v)) return { role: undefined, guessed: false };
        // classify's own mark of the guess it made, when it wrote this role.
        const g = (row.seniority_status ?? '').trim() === 'guessed';
        if (g) guessed++;
        return { role: v as BuyingRole, guessed: g };
      },
      roleOf: (row) => reader.read(row).role,
    };
    return reader;
  }
  // Lists repeat a few hundred titles: classify each (title, department) once.
  const memo = new BoundedMemo(50_000, (key: string) => {
    const cut = key.indexOf('\u0000');
    return classifyTitle(key.slice(0, cut), key.slice(cut + 1), overrides);
  });
  const reader: RoleReader = {
    source: 'title',
    get guessed() {
      return guessed;
    },
    read(row) {
      const t = memo.get(`${row.title ?? ''}\u0000${row.department ?? ''}`);
      const g = t.buying_role !== '' && t.seniority_status === 'guessed';
      if (g) guessed++;
      return { role: t.buying_role, guessed: g };
    },
    roleOf: (row) => reader.read(row).role,
  };
  return reader;
}

export interface Coverage {
  present: BuyingRole[];
  missing: BuyingRole[];
}

/** The roles present and missing, each in the fixed order decider, buyer, influencer, user, gatekeeper. */
export function coverage(roles: Iterable<BuyingRole>): Coverage {
  const have = new Set(roles);
  return { present: BUYING_ROLES.filter((r) => have.has(r)), missing: BUYING_ROLES.filter((r) => !have.has(r)) };
}
