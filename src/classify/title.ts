import { compileTitlePattern, normalizeTitle, phrasePattern } from './text-normalize.js';
import {
  ADMINISTRATION_PATTERN,
  DEPARTMENT_PATTERNS,
  DEPUTY,
  EXPERT,
  GATEKEEPER,
  MANAGEMENT_PATTERN,
  SENIORITIES,
  SENIORITY_PATTERNS,
  SUPPORT_OF_MANAGEMENT,
  type BuyingRole,
  type Seniority,
} from './title-patterns.js';

/** What a job title says about its holder. Empty strings mean "the title does not tell". */
export interface TitleClass {
  seniority: Seniority | '';
  department: string;
  buying_role: BuyingRole | '';
}

/**
 * A team's own title rule from the rules file. `match` is a phrase found anywhere in the
 * normalised title ("einkauf" also matches "Einkaufsleiterin"); `regex` a regular expression on
 * the normalised title. Set fields override the built-in result; unset ones are left to it.
 */
export interface TitleOverride {
  match?: string;
  regex?: string;
  seniority?: Seniority;
  department?: string;
  buying_role?: BuyingRole;
}

interface CompiledOverride {
  re: RegExp;
  rule: TitleOverride;
}

const RANK: Record<Seniority, number> = { executive: 4, director: 3, manager: 2, staff: 1 };

const seniorityPatterns = SENIORITY_PATTERNS.map(([level, src]) => [level, compileTitlePattern(src)] as const);
const departmentPatterns = DEPARTMENT_PATTERNS.map(([dept, src]) => [dept, compileTitlePattern(src)] as const);
const management = compileTitlePattern(MANAGEMENT_PATTERN);
const administration = compileTitlePattern(ADMINISTRATION_PATTERN);
const supportOfManagement = compileTitlePattern(SUPPORT_OF_MANAGEMENT);
const gatekeeper = compileTitlePattern(GATEKEEPER);
const expert = compileTitlePattern(EXPERT);
const deputy = compileTitlePattern(DEPUTY);

function seniorityOf(norm: string): Seniority | '' {
  let best: Seniority | '' = '';
  for (const [level, re] of seniorityPatterns) {
    if (re.test(norm) && (best === '' || RANK[level] > RANK[best])) best = level;
  }
  return best;
}

interface DepartmentMatch {
  department: string;
  /** True for a named function (sales, IT, …); false for the management/administration fallbacks. */
  functional: boolean;
}

/** The functional department that starts earliest in the text, else management, else administration. */
function departmentOf(norm: string): DepartmentMatch {
  let best = '';
  let bestAt = Infinity;
  for (const [dept, re] of departmentPatterns) {
    const m = re.exec(norm);
    if (m && m.index < bestAt) {
      best = dept;
      bestAt = m.index;
    }
  }
  if (best) return { department: best, functional: true };
  if (management.test(norm)) return { department: 'management', functional: false };
  if (administration.test(norm)) return { department: 'administration', functional: false };
  return { department: '', functional: false };
}

function lower(level: Seniority | ''): Seniority | '' {
  if (level === '') return '';
  const i = SENIORITIES.indexOf(level);
  return SENIORITIES[Math.min(i + 1, SENIORITIES.length - 1)];
}

/**
 * Buying-centre role (Webster & Wind): gatekeepers control access, purchasing staff are buyers,
 * executives and department heads decide, managers and specialists influence, everyone else
 * uses what is bought.
 */
function buyingRoleOf(norm: string, seniority: Seniority | '', department: string, isGatekeeper: boolean): BuyingRole | '' {
  if (isGatekeeper) return 'gatekeeper';
  if (department === 'purchasing') return 'buyer';
  if (seniority === 'executive' || seniority === 'director') return 'decider';
  if (seniority === 'manager' || expert.test(norm)) return 'influencer';
  if (seniority === 'staff') return 'user';
  return '';
}

/** Compiles rules-file overrides once; `match` phrases and regexes both run on the normalised title. */
export function compileTitleOverrides(overrides: readonly TitleOverride[]): CompiledOverride[] {
  return overrides.map((rule) => ({
    re: rule.regex !== undefined ? compileTitlePattern(rule.regex) : phrasePattern(rule.match ?? ''),
    rule,
  }));
}

/**
 * Classifies a job title. `departmentText` (the list's own department column, e.g. "Einkauf")
 * is used when the title names no department. Overrides are tried in order; the first that
 * matches supplies every field it sets.
 */
export function classifyTitle(title: string, departmentText = '', overrides: readonly CompiledOverride[] = []): TitleClass {
  const norm = normalizeTitle(title);
  const deptNorm = normalizeTitle(departmentText);
  if (norm === '' && deptNorm === '') return { seniority: '', department: '', buying_role: '' };

  const isGatekeeper = gatekeeper.test(norm);
  let seniority = seniorityOf(norm);
  if (isGatekeeper || supportOfManagement.test(norm)) seniority = 'staff';
  else if (deputy.test(norm)) seniority = lower(seniority);

  // A function named in the title wins; else one named in the department column; else the
  // title's management/administration fallback ("Sachbearbeiterin" in "Personalabteilung" is HR).
  const fromTitle = departmentOf(norm);
  const fromColumn = fromTitle.functional || deptNorm === '' ? undefined : departmentOf(deptNorm);
  let department = fromColumn?.functional ? fromColumn.department : fromTitle.department || (fromColumn?.department ?? '');

  const override = overrides.find((o) => o.re.test(norm));
  if (override) {
    seniority = override.rule.seniority ?? seniority;
    department = override.rule.department ?? department;
  }
  const role = override?.rule.buying_role ?? buyingRoleOf(norm, seniority, department, isGatekeeper);
  return { seniority, department, buying_role: role };
}
