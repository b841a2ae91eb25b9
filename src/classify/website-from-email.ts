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
import { companyDomainOfEmail } from '../email/index.js';

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
  // src/email's reading of an address's company domain, the one accounts groups by; validate's
  // verdict, when it ran, includes the MX check: no mail host, no company behind it.
  const found = companyDomainOfEmail(row.email ?? '', row.email_status ?? '');
  return found.status === 'company' ? { website: found.domain, website_status: 'from_email' } : { website: '', website_status: found.status };
}
