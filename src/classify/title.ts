import { compileTitlePattern, hasGenderMarker, normalizeTitle, phrasePattern } from './text-normalize.js';
import { expandTitleAbbreviations } from './title-abbreviations.js';
import { looksLikeOccupation, namesOccupation } from './title-occupation.js';
import {
  ADMINISTRATION_PATTERN,
  BOARD,
  DEPARTMENT_PATTERNS,
  DEPUTY,
  EXPERT,
  GATEKEEPER,
  FIXED_RANK_PATTERNS,
  MANAGEMENT_PATTERN,
  SELF_EMPLOYED,
  SENIORITIES,
  SENIORITY_PATTERNS,
  SUPPORT_OF_MANAGEMENT,
  type BuyingRole,
  type Seniority,
} from './title-patterns.js';

/**
 * How the seniority was found: `matched` from a title word (a rank, a known occupation, a
 * rules-file override), `guessed` from the shape of an unknown occupation name (staff), ''
 * when there is no seniority.
 */
export type SeniorityStatus = 'matched' | 'guessed' | '';

/** What a job title says about its holder. Empty strings mean "the title does not tell". */
export interface TitleClass {
  seniority: Seniority | '';
  seniority_status: SeniorityStatus;
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
const board = compileTitlePattern(BOARD);
const fixedRankPatterns = FIXED_RANK_PATTERNS.map(([level, src]) => [level, compileTitlePattern(src)] as const);
const selfEmployed = new RegExp(compileTitlePattern(SELF_EMPLOYED).source, 'gu');

interface SeniorityFound {
  seniority: Seniority | '';
  status: SeniorityStatus;
}

/**
 * The seniority of an expanded title. The highest rank any word gives wins ("Founder & CEO",
 * "Prokurist und Leiter Einkauf"); support of management and gatekeepers are staff whatever
 * management word they name; deputies rank one below, except on a board. Without a rank, an
 * occupation name is staff, and working on one's own account alone is executive.
 */
function seniorityFound(text: string, original: string, isGatekeeper: boolean): SeniorityFound {
  for (const [level, re] of fixedRankPatterns) if (re.test(text)) return { seniority: level, status: 'matched' };
  if (isGatekeeper || supportOfManagement.test(text)) return { seniority: 'staff', status: 'matched' };
  let level = seniorityOf(text);
  if (level !== '' && deputy.test(text) && !board.test(text)) level = lower(level);
  if (level !== '') return { seniority: level, status: 'matched' };
  const role = withoutSelfEmployment(text);
  if (namesOccupation(role)) return { seniority: 'staff', status: 'matched' };
  if (role !== text && role === '') return { seniority: 'executive', status: 'matched' };
  if (looksLikeOccupation(role, hasGenderMarker(original))) return { seniority: 'staff', status: 'guessed' };
  return { seniority: '', status: '' };
}

/** The title without "freelance", "selbstständig" …: what is left names the role, if any. */
function withoutSelfEmployment(text: string): string {
  return text.replace(selfEmployed, ' ').replace(/\s+/g, ' ').trim();
}

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
  if (norm === '' && deptNorm === '') return { seniority: '', seniority_status: '', department: '', buying_role: '' };

  // The built-in vocabulary reads abbreviations spelled out ("Sr. Mgr." as senior manager);
  // rules-file overrides see the title as the user wrote it.
  const text = expandTitleAbbreviations(norm);
  const isGatekeeper = gatekeeper.test(text);
  const found = seniorityFound(text, title, isGatekeeper);
  let seniority = found.seniority;
  let status = found.status;

  // A function named in the title wins; else one named in the department column; else the
  // title's management/administration fallback ("Sachbearbeiterin" in "Personalabteilung" is HR).
  // "Freelance" only says management when nothing else is named ("Freelance Graphic Designer").
  const role = withoutSelfEmployment(text);
  const fromTitle = departmentOf(role === '' ? text : role);
  const fromColumn = fromTitle.functional || deptNorm === '' ? undefined : departmentOf(expandTitleAbbreviations(deptNorm));
  let department = fromColumn?.functional ? fromColumn.department : fromTitle.department || (fromColumn?.department ?? '');

  const override = overrides.find((o) => o.re.test(norm));
  if (override) {
    if (override.rule.seniority !== undefined) {
      seniority = override.rule.seniority;
      status = 'matched';
    }
    department = override.rule.department ?? department;
  }
  const buyingRole = override?.rule.buying_role ?? buyingRoleOf(text, seniority, department, isGatekeeper);
  return { seniority, seniority_status: status, department, buying_role: buyingRole };
}
