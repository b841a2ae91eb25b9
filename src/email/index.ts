/**
 * Email: the one reader of the address in a cell and the one match key (parse.ts), used by
 * validate, dedupe, match and suppress; the checks behind `leadkit validate`; the company domain
 * of an address (company-domain.ts), used by classify and accounts.
 */
export {
  applyMxStatus,
  applySuggestion,
  checkEmail,
  formatEmailFlags,
  type EmailFlag,
  type EmailReason,
  type EmailResult,
  type EmailStatus,
} from './check.js';
export {
  asciiDomain,
  emailMatchKey,
  emailMatchKeys,
  MAX_INPUT_LENGTH,
  parseEmailCell,
  splitAddress,
  type EmailCell,
} from './parse.js';
export {
  COMPANY_DOMAIN_STATUSES,
  companyDomainOfEmail,
  companyDomainOfHost,
  type CompanyDomain,
  type CompanyDomainStatus,
} from './company-domain.js';
export { createMxChecker, type MxChecker, type MxCheckerOptions, type MxResolver, type MxStatus } from './mx.js';
