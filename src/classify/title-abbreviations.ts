/**
 * Abbreviations CRMs and purchased lists use in job titles ("Sr. Mgr.", "Asst. Dir.", "GM - Ops",
 * "Techn. Leiter"), spelled out so the title vocabulary needs only the full words. Runs on the
 * normalised title (lower case, umlauts transliterated, punctuation turned into spaces), one
 * whole word at a time, so "gm" is expanded but "gmbh" is not.
 */
const WORDS: Record<string, string> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  mgr: 'manager',
  mngr: 'manager',
  asst: 'assistant',
  exec: 'executive',
  gm: 'general manager',
  pres: 'president',
  coord: 'coordinator',
  supv: 'supervisor',
  supvr: 'supervisor',
  spvr: 'supervisor',
  engr: 'engineer',
  mktg: 'marketing',
  mgmt: 'management',
  svc: 'service',
  svcs: 'service',
  cust: 'customer',
  acct: 'account',
  acctg: 'accounting',
  purch: 'purchasing',
  mfg: 'manufacturing',
  proj: 'project',
  assoc: 'associate',
  natl: 'national',
  intl: 'international',
  techn: 'technischer',
  kaufm: 'kaufmaennischer',
};

/** Two-word abbreviations, where one word alone would be ambiguous ("gen" in "gen z"). */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bgen (?=manager\b|counsel\b)/g, 'general '],
  [/\b(?:bus|biz) dev\b/g, 'business development'],
  [/\b(software|senior|junior|lead|test|sales|field|project|process|quality) eng\b/g, '$1 engineer'],
];

export function expandTitleAbbreviations(norm: string): string {
  let out = norm.replace(/\p{L}+/gu, (w) => WORDS[w] ?? w);
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  return out;
}
