/**
 * Display forms of company names. canonicalCompanyName: the display name of a merged company:
 * among the spellings a cluster holds, the most complete one (has its legal form, upper and lower
 * case, umlauts rather than "ue"), and among equally complete ones the most frequent, then the
 * longest, then the first seen. companyDisplayCase: one name written all in capitals, cased.
 */
import { companyKey } from './key.js';
import { lookupLegalForm } from './legal-forms.js';
import { isAllCaps } from '../text/case.js';
import { displayCase } from '../text/display-case.js';

/** A legal form's own spelling for a word that is one up to case ("GMBH" → "GmbH", "E.V." → "e.V."). */
function legalFormSpelling(word: string): string | undefined {
  const form = lookupLegalForm(word);
  return form && form.display.toLowerCase() === word.toLowerCase() ? form.display : undefined;
}

/**
 * "MÜLLER GMBH & CO. KG" → "Müller GmbH & Co. KG": a name in capitals cased for display, its
 * legal forms as the legal-form table spells them (src/text/display-case.ts for the words); a
 * name with any small letter as written.
 */
export function companyDisplayCase(name: string): string {
  return displayCase(name, 'company', legalFormSpelling);
}

function completeness(name: string): number {
  const k = companyKey(name);
  let points = 0;
  if (k.legalForm) points += 4;
  if (!isAllCaps(k.display) && /\p{Lu}/u.test(k.display)) points += 2;
  if (/[äöüÄÖÜß]/.test(k.display)) points += 1;
  return points;
}

export function canonicalCompanyName(names: Iterable<string>): string {
  const counts = new Map<string, number>();
  const order: string[] = [];
  for (const raw of names) {
    // Capitals cased as import's company_display has them, so both name a cluster alike.
    const display = companyDisplayCase(companyKey(raw ?? '').display);
    if (!display) continue;
    const n = counts.get(display);
    if (n === undefined) order.push(display);
    counts.set(display, (n ?? 0) + 1);
  }
  let best = '';
  let bestRank: number[] = [];
  for (const name of order) {
    const rank = [completeness(name), counts.get(name) as number, name.length];
    if (best === '' || compareRanks(rank, bestRank) > 0) {
      best = name;
      bestRank = rank;
    }
  }
  return best;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
