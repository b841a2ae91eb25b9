/**
 * The company domain of an email address: the one reading shared by classify (a website from a
 * corporate email) and accounts (which contacts work for one company), so a domain classify
 * writes into website is the domain accounts groups by, whichever ran first.
 *
 * The domain is the registrable name, without the hosts below it: "b@vertrieb.mueller-holz.de"
 * and "a@mueller-holz.de" both say "mueller-holz.de" (providers.ts registrableDomain, which knows
 * "firma.co.uk" and "firma.com.cn"). Only a corporate address says where its company is:
 *
 *   company     a company's own domain (a role mailbox such as info@ or vertrieb@ is one too)
 *   free_mail   a free-mail or internet-provider domain (gmail.com, gmx.at, t-online.de,
 *               bluewin.ch), also under a host of its own ("mail.gmx.net"): it names the provider
 *   disposable  a throw-away domain (mailinator.com and its hosts): it names no one
 *   bad_email   not an address (syntax, TLD), a likely typo of a provider's domain ("gmial.com",
 *               "gmx.dee": the company is the provider, not a firm of that name), several
 *               addresses in one cell, or an address validate found invalid (email_status, which
 *               includes its MX check: no mail host, no company behind it)
 *   no_email    nothing in the cell
 */
import { checkEmail } from './check.js';
import { domainInfo } from './domain.js';
import { splitAddress } from './parse.js';
import { registrableDomain } from './providers.js';

export const COMPANY_DOMAIN_STATUSES = ['company', 'free_mail', 'disposable', 'bad_email', 'no_email'] as const;
export type CompanyDomainStatus = (typeof COMPANY_DOMAIN_STATUSES)[number];

export interface CompanyDomain {
  /**
   * The registrable domain as the address writes it (lower case; Unicode for an IDN written so:
   * "müller-bäckerei.de"), for a cell people read; '' unless status is company.
   */
  domain: string;
  /** The same domain in its ASCII (punycode) form, for keys and comparing; '' unless status is company. */
  ascii: string;
  status: CompanyDomainStatus;
}

const none = (status: Exclude<CompanyDomainStatus, 'company'>): CompanyDomain => ({ domain: '', ascii: '', status });

/**
 * The company domain of an email cell. `emailStatus` is validate's email_status of the row when
 * it ran ('' or undefined otherwise): an address it found invalid names no company.
 */
export function companyDomainOfEmail(cell: string, emailStatus = ''): CompanyDomain {
  if (typeof cell !== 'string' || cell.trim() === '') return none('no_email');
  const checked = checkEmail(cell);
  if (checked.status === 'missing') return none('no_email');
  // Typo wins over disposable, as in checkEmail: "gmial.com" is on the disposable list as a squatter.
  if (checked.flags.includes('disposable') && checked.reason !== 'typo') return none('disposable');
  if (checked.status === 'invalid' || checked.reason === 'typo' || emailStatus.trim() === 'invalid') return none('bad_email');
  if (checked.flags.includes('free')) return none('free_mail');
  const ascii = registrableDomain(checked.domain);
  const domain = registrableDomain(splitAddress(checked.email)?.domain ?? '');
  if (ascii === '' || domain === '') return none('bad_email');
  if (ascii !== checked.domain) {
    // A host below a provider's domain ("mail.gmx.net", "x.t-online.de") is still the provider's.
    const info = domainInfo(ascii);
    if (info.error !== '') return none('bad_email');
    if (info.disposable) return none('disposable');
    if (info.free) return none('free_mail');
  }
  return { domain, ascii, status: 'company' };
}

/**
 * The company domain a website's host names (the host as the caller read it from the cell, lower
 * case: "mueller-holz.de" from "https://www.Mueller-Holz.de/kontakt"), in ASCII; '' for a
 * malformed host, a free-mail or disposable domain, or a near miss of one ("gmx.dee"). The host
 * is kept as it is, not cut to its registrable name: a site on a shared platform
 * ("mueller-holz.jimdo.com", "sites.google.com") is one firm's, and its platform is nobody's.
 */
export function companyDomainOfHost(host: string): string {
  if (host === '') return '';
  const info = domainInfo(host);
  if (info.error !== '' || info.free || info.disposable || info.suggestion !== '') return '';
  return info.ascii;
}
