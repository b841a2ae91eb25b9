/**
 * Branch suffixes: "Müller Holzbau GmbH – Niederlassung Köln", "… Zweigniederlassung Hamburg",
 * "… (Filiale Wien)", "…, Standort Ulm". The branch is not part of the company's identity for
 * matching, but it is worth keeping, so it is split off rather than dropped.
 */

/** Words that only ever introduce a branch, so a plain space before them is enough. */
const STRONG = [
  'zweigniederlassung',
  'niederlassung',
  'filiale',
  'zweigstelle',
  'geschäftsstelle',
  'geschaeftsstelle',
  'repräsentanz',
  'repraesentanz',
  'betriebsstätte',
  'betriebsstaette',
  'zweigbetrieb',
  'succursale',
  'branch office',
];

/** Words that are also ordinary name parts ("Das Werk", "Office Partner"): need a separator. */
const WEAK = ['nl', 'standort', 'werk', 'büro', 'buero', 'vertriebsbüro', 'vertriebsbuero', 'außenstelle', 'aussenstelle', 'office', 'branch'];

const END = String.raw`(?=$|[\s.,:;)])`;
// A hyphen separates only when spaced ("Müller-Werk" is a name); dashes, bars, commas and
// parentheses separate either way.
const SEP = String.raw`(?:\s+[-–—]\s+|\s*[–—|/,(:]\s*)`;

const strongRe = new RegExp(String.raw`^(.*?\S)(?:${SEP}|\s+)((?:${STRONG.join('|')})${END}.*)$`, 'iu');
const weakRe = new RegExp(String.raw`^(.*?\S)${SEP}((?:${WEAK.join('|')})${END}.*)$`, 'iu');

export interface BranchSplit {
  /** The name without the branch part. */
  base: string;
  /** The branch part as written, e.g. "Niederlassung Köln" ('' when there is none). */
  branch: string;
}

function tidy(s: string): string {
  return /\s\s|^\s|\s$|[\t\n\r]/.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

/** A cheap first test: does the name contain any branch word at all? */
const anyKeywordRe = new RegExp(`(?:${[...STRONG, ...WEAK].join('|')})`, 'iu');

export function splitBranch(name: string): BranchSplit {
  const text = tidy(name);
  if (!anyKeywordRe.test(text)) return { base: text, branch: '' };
  const m = strongRe.exec(text) ?? weakRe.exec(text);
  if (!m) return { base: text, branch: '' };
  const base = tidy(m[1].replace(/[\s\-–—|/,(:]+$/, ''));
  const branch = tidy(m[2].replace(/[\s)]+$/, ''));
  if (base === '') return { base: text, branch: '' };
  return { base, branch };
}
