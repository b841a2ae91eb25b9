/**
 * A company's domain from a contact's email, for rows without a website: "k.schulz@vertrieb.
 * muster-mb.de" → "muster-mb.de". Only a corporate address says where the company is on the
 * web: a free-mail or internet-provider address (gmail.com, gmx.at, t-online.de, bluewin.ch,
 * comcast.net: src/email's list) names the provider, and a disposable one nothing. A role address
 * (info@, vertrieb@) is still the company's own domain.
 *
 * `website_status` says where the website came from, so a filled value is never mistaken for the
 * vendor's:
 *   given       the row had a website (kept as it is)
 *   from_email  filled here from the email's registrable domain
 *   free_mail   no website; the email is at a free-mail or provider domain
 *   disposable  no website; the email is at a disposable domain
 *   bad_email   no website; the email is invalid (syntax, TLD, no mail host per validate) or a
 *               likely typo of a provider's domain
 *   no_email    no website and no email
 */
import { checkEmail, splitAddress } from '../email/index.js';
import { registrableDomain } from '../email/providers.js';

export const WEBSITE_STATUSES = ['given', 'from_email', 'free_mail', 'disposable', 'bad_email', 'no_email'] as const;
export type WebsiteStatus = (typeof WEBSITE_STATUSES)[number];

export interface WebsiteFill {
  website: string;
  website_status: WebsiteStatus;
}

export interface WebsiteCells {
  website?: string;
  website_status?: string;
  email?: string;
  email_status?: string;
}

/** The website a row gets, and where it came from. */
export function websiteFromEmail(row: WebsiteCells): WebsiteFill {
  const given = (row.website ?? '').trim();
  if (given !== '') {
    // A website filled by an earlier classify run keeps saying so.
    return { website: row.website as string, website_status: row.website_status === 'from_email' ? 'from_email' : 'given' };
  }
  const raw = row.email ?? '';
  if (raw.trim() === '') return { website: '', website_status: 'no_email' };
  const checked = checkEmail(raw);
  // validate's verdict, when it ran, includes the MX check: no mail host, no company behind it.
  if (checked.status === 'missing') return { website: '', website_status: 'no_email' };
  if (checked.flags.includes('disposable') && checked.reason !== 'typo') return { website: '', website_status: 'disposable' };
  if (checked.status === 'invalid' || checked.reason === 'typo' || row.email_status === 'invalid') return { website: '', website_status: 'bad_email' };
  if (checked.flags.includes('free')) return { website: '', website_status: 'free_mail' };
  const domain = registrableDomain(splitAddress(checked.email)?.domain ?? '');
  if (domain === '') return { website: '', website_status: 'bad_email' };
  return { website: domain, website_status: 'from_email' };
}
