import type { Row } from '../table.js';
import { isFreeProvider } from '../email/providers.js';
import { foldForCompare as foldText } from '../text/fold.js';
import type { TitleClass } from './title.js';

/**
 * B2B or B2C, from evidence that points either way. Each signal adds or subtracts a vote and
 * the sign of the sum decides; no evidence gives '' rather than a guess:
 *   company named                     +2   ("Privat", "Privatkunde" in the company column: −2)
 *   business email domain             +1   (free-mail such as gmx.de, gmail.com: −1)
 *   job title with a rank or function +1   (title saying retired, student, private: −1)
 *   VAT id or website given           +1
 * A sole trader writing from a free-mail address still counts as B2B (+2 −1), a person with
 * only a gmail address as B2C.
 */
export type Segment = 'b2b' | 'b2c' | '';

const NO_COMPANY = /^(?:-+|\.+|n\/?a|na|none|keine?|k\.?\s?a\.?|unbekannt|unknown|0|x)$/;
const PRIVATE_COMPANY = /^(?:privat\w*|private?|private person|private customer|consumer|endkunde|endverbraucher)$/;
const PRIVATE_TITLE = /\b(?:rentner\w*|pensionaer\w*|pensionist\w*|retired|ruhestand|student\w*|schueler\w*|hausfrau|hausmann|privat\w*|private)\b/;

/**
 * A company cell that names no company: empty, a placeholder ("-", "n/a", "k.A.", "keine") or a
 * private person ("Privat", "Privatkunde", "Endverbraucher"). accounts puts such rows in no account.
 */
export function namesNoCompany(company: string): boolean {
  const c = foldText(company.trim());
  return c === '' || NO_COMPANY.test(c) || PRIVATE_COMPANY.test(c);
}

function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
}

export function classifySegment(row: Row, title: TitleClass): Segment {
  let votes = 0;
  const company = foldText((row.company ?? '').trim());
  if (PRIVATE_COMPANY.test(company)) votes -= 2;
  else if (company !== '' && !NO_COMPANY.test(company)) votes += 2;

  const domain = emailDomain(row.email ?? '');
  const flags = (row.email_flags ?? '').split(';');
  if (domain !== '' && row.email_status !== 'invalid') {
    votes += flags.includes('free') || isFreeProvider(domain) ? -1 : 1;
  }

  const titleText = foldText(row.title ?? '');
  if (PRIVATE_TITLE.test(titleText)) votes -= 1;
  else if (title.seniority !== '' || title.department !== '') votes += 1;

  if ((row.vat_id ?? '').trim() !== '' || (row.website ?? '').trim() !== '') votes += 1;

  return votes > 0 ? 'b2b' : votes < 0 ? 'b2c' : '';
}
